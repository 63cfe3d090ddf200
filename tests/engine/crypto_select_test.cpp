// crypto/select: the primitives chosen per target, and the memo that lets a chain's two checks
// (BearSSL's validator and the per-link report) share each signature check. A remembered answer
// must be the one the computation gave for exactly those inputs: never a success remembered for
// another signature, key, hash or hash algorithm, and never outliving its memo. (The RSA half's
// first test is in crypto_rsa_public_test.cpp, beside the keys it makes.)
#include <gtest/gtest.h>

#include <bearssl.h>

#include <cstring>
#include <string_view>

#include "crypto/hash.hpp"
#include "crypto/select.hpp"
#include "support/test_pki.hpp"

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


// RFC 7748 §5.2's first single vector, through whichever X25519 this target selected.
TEST(CryptoSelect, X25519IsRfc7748s) {
  Bytes scalar, u;
  ASSERT_TRUE(from_hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4", scalar));
  ASSERT_TRUE(from_hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c", u));
  std::uint8_t out[32];
  x25519(out, scalar.data(), u.data());
  EXPECT_EQ(to_hex(ByteView(out, 32)),
            "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
}

// A real link of the test PKI: rsa-leaf's tbsCertificate, signed by rsa-int (PKCS#1 v1.5,
// SHA-256); rsa-root's key is another 2048-bit key.
struct RsaLink {
  std::vector<Certificate> certs = test::pki_certs({"rsa-leaf", "rsa-int", "rsa-root"});
  Bytes hash = digest(Hash::sha256, certs.at(0).tbs);
  br_rsa_public_key key(std::size_t i) {
    PublicKey& k = certs.at(i).key;
    return {k.n.data(), k.n.size(), k.e.data(), k.e.size()};
  }
  const Bytes& signature() { return certs.at(0).signature; }
};

// What an RSA check returns: its result, and the hash it recovered from the signature.
struct RsaAnswer {
  std::uint32_t result;
  Bytes hash;
};
RsaAnswer rsa_check(const Bytes& sig, const unsigned char* oid, std::size_t hash_len,
                    const br_rsa_public_key& pk) {
  unsigned char out[64] = {};
  const std::uint32_t r = rsa_pkcs1_vrfy()(sig.data(), sig.size(), oid, hash_len, &pk, out);
  return {r, Bytes(out, out + hash_len)};
}

TEST(SignatureCheckMemo, RsaRemembersTheRecoveredHashToo) {
  RsaLink link;
  SignatureCheckMemo memo;
  for (int round = 0; round < 2; ++round) {  // the second answer comes from memory
    RsaAnswer a = rsa_check(link.signature(), BR_HASH_OID_SHA256, 32, link.key(1));
    EXPECT_EQ(a.result, 1u) << round;
    EXPECT_EQ(a.hash, link.hash) << round;
  }
}

TEST(SignatureCheckMemo, RsaNeverLendsASuccessToOtherInputs) {
  RsaLink link;
  SignatureCheckMemo memo;
  ASSERT_EQ(rsa_check(link.signature(), BR_HASH_OID_SHA256, 32, link.key(1)).result, 1u);
  // The same signature under another key, another hash algorithm or another hash length.
  EXPECT_EQ(rsa_check(link.signature(), BR_HASH_OID_SHA256, 32, link.key(2)).result, 0u);
  EXPECT_EQ(rsa_check(link.signature(), BR_HASH_OID_SHA384, 48, link.key(1)).result, 0u);
  EXPECT_EQ(rsa_check(link.signature(), BR_HASH_OID_SHA256, 20, link.key(1)).result, 0u);
  EXPECT_EQ(rsa_check(link.signature(), BR_HASH_OID_SHA1, 20, link.key(1)).result, 0u);
  // Another signature: one bit flipped, or one byte shorter, under the key that signed.
  Bytes flipped = link.signature();
  flipped[128] ^= 0x10;
  EXPECT_EQ(rsa_check(flipped, BR_HASH_OID_SHA256, 32, link.key(1)).result, 0u);
  Bytes shorter(link.signature().begin() + 1, link.signature().end());
  EXPECT_EQ(rsa_check(shorter, BR_HASH_OID_SHA256, 32, link.key(1)).result, 0u);
  // Another exponent with the same modulus.
  br_rsa_public_key other_e = link.key(1);
  unsigned char three[1] = {3};
  other_e.e = three;
  other_e.elen = 1;
  EXPECT_EQ(rsa_check(link.signature(), BR_HASH_OID_SHA256, 32, other_e).result, 0u);
}

TEST(SignatureCheckMemo, ARememberedFailureDoesNotHideALaterSuccess) {
  RsaLink link;
  SignatureCheckMemo memo;
  Bytes flipped = link.signature();
  flipped.back() ^= 1;
  EXPECT_EQ(rsa_check(flipped, BR_HASH_OID_SHA256, 32, link.key(1)).result, 0u);
  EXPECT_EQ(rsa_check(link.signature(), BR_HASH_OID_SHA256, 32, link.key(2)).result, 0u);
  EXPECT_EQ(rsa_check(link.signature(), BR_HASH_OID_SHA256, 32, link.key(1)).result, 1u);
}

// A memo opened while another is alive hands the thread back to the outer one, not to none.
TEST(SignatureCheckMemo, NestedMemosRestoreTheOuterOne) {
  const br_rsa_pkcs1_vrfy plain_rsa = rsa_pkcs1_vrfy();
  const br_ecdsa_vrfy plain_ec = ecdsa_vrfy();
  RsaLink link;
  {
    SignatureCheckMemo outer;
    EXPECT_NE(rsa_pkcs1_vrfy(), plain_rsa);
    {
      SignatureCheckMemo inner;
      EXPECT_EQ(rsa_check(link.signature(), BR_HASH_OID_SHA256, 32, link.key(1)).result, 1u);
    }
    EXPECT_NE(rsa_pkcs1_vrfy(), plain_rsa);
    EXPECT_NE(ecdsa_vrfy(), plain_ec);
    EXPECT_EQ(rsa_check(link.signature(), BR_HASH_OID_SHA256, 32, link.key(1)).result, 1u);
    EXPECT_EQ(rsa_check(link.signature(), BR_HASH_OID_SHA256, 32, link.key(2)).result, 0u);
  }
  EXPECT_EQ(rsa_pkcs1_vrfy(), plain_rsa);
  EXPECT_EQ(ecdsa_vrfy(), plain_ec);
}

// An ECDSA link of the test PKI: ec256-leaf, signed by ec-int (P-256, SHA-256), and ec384-leaf
// whose key is on another curve.
TEST(SignatureCheckMemo, EcdsaNeverLendsASuccessToAShorterHashOrAnotherCurve) {
  auto certs = test::pki_certs({"ec256-leaf", "ec-int", "ec384-leaf"});
  ASSERT_EQ(certs.size(), 3u);
  const Bytes hash = digest(Hash::sha256, certs[0].tbs);
  const Bytes& sig = certs[0].signature;
  auto pk = [&](std::size_t i) {
    PublicKey& k = certs[i].key;
    return br_ec_public_key{k.curve, k.q.data(), k.q.size()};
  };
  auto check = [&](std::size_t hash_len, br_ec_public_key key) {
    return ecdsa_vrfy()(br_ec_get_default(), hash.data(), hash_len, &key, sig.data(), sig.size());
  };
  SignatureCheckMemo memo;
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(check(32, pk(1)), 1u) << round;
    EXPECT_EQ(check(31, pk(1)), 0u) << round;
    EXPECT_EQ(check(32, pk(2)), 0u) << round;
    EXPECT_EQ(check(32, pk(0)), 0u) << round;  // the leaf's own key did not sign it
  }
}

}  // namespace
}  // namespace tlsscope
