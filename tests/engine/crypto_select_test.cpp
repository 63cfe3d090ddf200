// The memo that lets a chain's two checks (BearSSL's validator and the per-link report) share
// each ECDSA check (crypto/select.hpp); its RSA half is tested in crypto_rsa_public_test.cpp.
#include <gtest/gtest.h>

#include <bearssl.h>

#include <string_view>

#include "crypto/select.hpp"

namespace tlsscope {
namespace {

// A P-256 key pair from BearSSL's key generator, seeded so every run uses the same one, and an
// ASN.1 signature of `hash` with it.
struct EcKeyPair {
  unsigned char sk_buf[BR_EC_KBUF_PRIV_MAX_SIZE], pk_buf[BR_EC_KBUF_PUB_MAX_SIZE];
  br_ec_private_key sk;
  br_ec_public_key pk;
  explicit EcKeyPair(std::string_view seed) {
    br_hmac_drbg_context rng;
    br_hmac_drbg_init(&rng, &br_sha256_vtable, seed.data(), seed.size());
    EXPECT_NE(br_ec_keygen(&rng.vtable, br_ec_get_default(), &sk, sk_buf, BR_EC_secp256r1), 0u);
    EXPECT_NE(br_ec_compute_pub(br_ec_get_default(), &pk, pk_buf, &sk), 0u);
  }
  Bytes sign(const unsigned char (&hash)[32]) const {
    unsigned char sig[BR_EC_KBUF_PRIV_MAX_SIZE * 3];
    const std::size_t n = br_ecdsa_i31_sign_asn1(br_ec_get_default(), &br_sha256_vtable, hash, &sk, sig);
    EXPECT_NE(n, 0u);
    return Bytes(sig, sig + n);
  }
};

TEST(SignatureCheckMemo, EcdsaAnswersAsTheComputationDidAndOnlyWhileAlive) {
  const EcKeyPair kp("memo"), other("memo, other key");
  const unsigned char hash[32] = {1, 2, 3, 4};
  const unsigned char other_hash[32] = {1, 2, 3, 5};
  const Bytes sig = kp.sign(hash);
  Bytes flipped = sig;
  flipped[sig.size() - 3] ^= 1;  // inside s
  const br_ecdsa_vrfy plain = ecdsa_vrfy();
  auto check = [&](br_ecdsa_vrfy f, const Bytes& s, const br_ec_public_key& pk,
                   const unsigned char* h) {
    return f(br_ec_get_default(), h, 32, &pk, s.data(), s.size()) == 1;
  };
  {
    SignatureCheckMemo memo;
    const br_ecdsa_vrfy remembered = ecdsa_vrfy();
    EXPECT_NE(remembered, plain);
    for (int round = 0; round < 2; ++round) {  // the second round is answered from memory
      EXPECT_TRUE(check(remembered, sig, kp.pk, hash)) << round;
      EXPECT_FALSE(check(remembered, flipped, kp.pk, hash)) << round;
      EXPECT_FALSE(check(remembered, sig, other.pk, hash)) << round;
      EXPECT_FALSE(check(remembered, sig, kp.pk, other_hash)) << round;
    }
  }
  EXPECT_EQ(ecdsa_vrfy(), plain);
  EXPECT_TRUE(check(plain, sig, kp.pk, hash));
  EXPECT_FALSE(check(plain, flipped, kp.pk, hash));
}

}  // namespace
}  // namespace tlsscope
