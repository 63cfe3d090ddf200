// The engine's RSA public operation (crypto/rsa_public.hpp) against BearSSL's own, and the
// memo that lets a chain's two checks share each RSA operation (crypto/select.hpp).
#include <gtest/gtest.h>

#include <bearssl.h>

#include <cstring>

#include "crypto/rsa_public.hpp"
#include "crypto/select.hpp"

namespace tlsscope {
namespace {

// A real key pair from BearSSL's key generator, seeded so every run uses the same one.
struct KeyPair {
  unsigned char sk_buf[BR_RSA_KBUF_PRIV_SIZE(2048)], pk_buf[BR_RSA_KBUF_PUB_SIZE(2048)];
  br_rsa_private_key sk;
  br_rsa_public_key pk;
  KeyPair(unsigned bits, std::uint32_t e, std::string_view seed) {
    br_hmac_drbg_context rng;
    br_hmac_drbg_init(&rng, &br_sha256_vtable, seed.data(), seed.size());
    EXPECT_EQ(br_rsa_i31_keygen(&rng.vtable, &sk, sk_buf, &pk, pk_buf, bits, e), 1u);
  }
};

Bytes message_below(const br_rsa_public_key& pk, std::uint8_t fill) {
  Bytes x(pk.nlen, fill);
  x[0] = static_cast<std::uint8_t>(pk.n[0] - 1);  // below n: n's top byte is at least 0x80
  return x;
}

TEST(RsaPublic, EqualsBearSslForEveryExponentAndSize) {
  // 1030 bits: a modulus that does not fill its top 64-bit limb.
  for (unsigned bits : {1024u, 1030u}) {
    for (std::uint32_t e : {3u, 17u, 65537u, 0x10001u | 0x40000000u}) {
      KeyPair kp(bits, e, "rsa public " + std::to_string(bits) + " " + std::to_string(e));
      for (int fill : {0x00, 0x5a, 0xff}) {
        Bytes ours = message_below(kp.pk, static_cast<std::uint8_t>(fill)), theirs = ours;
        ASSERT_EQ(rsa_public_exponent_bits(ours.data(), ours.size(), &kp.pk), 1u);
        ASSERT_EQ(br_rsa_i31_public(theirs.data(), theirs.size(), &kp.pk), 1u);
        EXPECT_EQ(ours, theirs) << bits << " bits, e = " << e << ", fill " << fill;
      }
    }
  }
}

TEST(RsaPublic, LeadingZeroBytesOfNAndEChangeNothing) {
  KeyPair kp(1024, 65537, "leading zeros");
  Bytes n(kp.pk.n, kp.pk.n + kp.pk.nlen), e(kp.pk.e, kp.pk.e + kp.pk.elen);
  n.insert(n.begin(), 0);
  e.insert(e.begin(), {0, 0});
  const br_rsa_public_key padded{n.data(), n.size(), e.data(), e.size()};
  Bytes ours = message_below(kp.pk, 7), theirs = ours;
  ASSERT_EQ(rsa_public_exponent_bits(ours.data(), ours.size(), &padded), 1u);
  ASSERT_EQ(br_rsa_i31_public(theirs.data(), theirs.size(), &kp.pk), 1u);
  EXPECT_EQ(ours, theirs);
}

TEST(RsaPublic, RefusesWhatBearSslRefuses) {
  KeyPair kp(1024, 65537, "refusals");
  Bytes x(kp.pk.n, kp.pk.n + kp.pk.nlen);  // x = n: not below the modulus
  EXPECT_EQ(rsa_public_exponent_bits(x.data(), x.size(), &kp.pk), 0u);
  Bytes short_x(kp.pk.nlen - 1, 1);
  EXPECT_EQ(rsa_public_exponent_bits(short_x.data(), short_x.size(), &kp.pk), 0u);
  Bytes even(kp.pk.n, kp.pk.n + kp.pk.nlen);
  even.back() &= 0xfe;
  const br_rsa_public_key even_key{even.data(), even.size(), kp.pk.e, kp.pk.elen};
  Bytes y = message_below(kp.pk, 1);
  EXPECT_EQ(rsa_public_exponent_bits(y.data(), y.size(), &even_key), 0u);
  const unsigned char zero = 0;
  const br_rsa_public_key no_e{kp.pk.n, kp.pk.nlen, const_cast<unsigned char*>(&zero), 1};
  EXPECT_EQ(rsa_public_exponent_bits(y.data(), y.size(), &no_e), 0u);
}

// A PKCS#1 v1.5 SHA-256 signature of `hash` under kp.
Bytes sign(const KeyPair& kp, const unsigned char (&hash)[32]) {
  Bytes sig((kp.sk.n_bitlen + 7) / 8);
  EXPECT_EQ(br_rsa_i31_pkcs1_sign(BR_HASH_OID_SHA256, hash, sizeof hash, &kp.sk, sig.data()), 1u);
  return sig;
}

TEST(RsaVerifyMemo, AnswersAsTheComputationDidAndOnlyWhileAlive) {
  KeyPair kp(1024, 65537, "memo"), other(1024, 65537, "memo, other key");
  const unsigned char hash[32] = {1, 2, 3, 4};
  const Bytes sig = sign(kp, hash);
  Bytes flipped = sig;
  flipped[10] ^= 1;
  const br_rsa_pkcs1_vrfy plain = rsa_pkcs1_vrfy();
  auto check = [&](br_rsa_pkcs1_vrfy f, const Bytes& s, const br_rsa_public_key& pk) {
    unsigned char out[32] = {};
    const bool ok = f(s.data(), s.size(), BR_HASH_OID_SHA256, sizeof out, &pk, out) == 1;
    return ok && std::memcmp(out, hash, sizeof out) == 0;
  };
  {
    RsaVerifyMemo memo;
    const br_rsa_pkcs1_vrfy remembered = rsa_pkcs1_vrfy();
    EXPECT_NE(remembered, plain);
    for (int round = 0; round < 2; ++round) {  // the second round is answered from memory
      EXPECT_TRUE(check(remembered, sig, kp.pk)) << round;
      EXPECT_FALSE(check(remembered, flipped, kp.pk)) << round;
      EXPECT_FALSE(check(remembered, sig, other.pk)) << round;
    }
  }
  EXPECT_EQ(rsa_pkcs1_vrfy(), plain);
  EXPECT_TRUE(check(plain, sig, kp.pk));
  EXPECT_FALSE(check(plain, flipped, kp.pk));
}

}  // namespace
}  // namespace tlsscope
