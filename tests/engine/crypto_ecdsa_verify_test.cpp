// The engine's ECDSA verification (crypto/ecdsa_verify.hpp): Project Wycheproof's vectors, one
// bit off each input, r and s out of range, inputs outside its domain, and the same answers as
// BearSSL's br_ecdsa_i31_vrfy_raw / _asn1 on random keys, hashes and signatures, valid and
// not, on every curve the engine accepts. A wrong division by s shows as a valid signature
// refused or an invalid one accepted, so each test counts both.
#include <gtest/gtest.h>

#include <bearssl.h>

#include <algorithm>
#include <random>
#include <span>
#include <string>

#include "crypto/ecdsa_verify.hpp"
#include "crypto/select.hpp"
#include "support/hex.hpp"
#include "support/wycheproof_ecdsa.hpp"

namespace tlsscope {
namespace {

using test::h;
namespace wp = test::wycheproof_ecdsa;

struct Curve {
  const char* name;
  int id;
  const br_hash_class* hash;  // the one Wycheproof pairs with it, and our signatures use
  std::span<const wp::Case> vectors;
};
const Curve kCurves[] = {
    {"P-256", BR_EC_secp256r1, &br_sha256_vtable, wp::kP256},
    {"P-384", BR_EC_secp384r1, &br_sha384_vtable, wp::kP384},
    {"P-521", BR_EC_secp521r1, &br_sha512_vtable, wp::kP521},
};

const br_ec_impl* ec() { return br_ec_get_default(); }  // the engine's (crypto/ecdhe.cpp, x509)

Bytes digest(const br_hash_class* hc, const Bytes& msg) {
  br_hash_compat_context ctx;
  hc->init(&ctx.vtable);
  hc->update(&ctx.vtable, msg.data(), msg.size());
  Bytes out((hc->desc >> BR_HASHDESC_OUT_OFF) & BR_HASHDESC_OUT_MASK);
  hc->out(&ctx.vtable, out.data());
  return out;
}

Bytes order(int curve) {
  std::size_t len = 0;
  const unsigned char* n = ec()->order(curve, &len);
  return Bytes(n, n + len);
}

std::uint32_t ours(const Bytes& key, int curve, const Bytes& hash, const Bytes& sig) {
  const br_ec_public_key pk{curve, const_cast<unsigned char*>(key.data()), key.size()};
  return ecdsa_vrfy_raw_vartime_inverse(ec(), hash.data(), hash.size(), &pk, sig.data(), sig.size());
}

std::uint32_t bearssl(const Bytes& key, int curve, const Bytes& hash, const Bytes& sig) {
  const br_ec_public_key pk{curve, const_cast<unsigned char*>(key.data()), key.size()};
  return br_ecdsa_i31_vrfy_raw(ec(), hash.data(), hash.size(), &pk, sig.data(), sig.size());
}

// r ‖ s as ASN.1 (BearSSL's converter, which needs room for 9 bytes more).
Bytes to_asn1(const Bytes& raw) {
  Bytes der = raw;
  der.resize(raw.size() + 9);
  der.resize(br_ecdsa_raw_to_asn1(der.data(), raw.size()));
  return der;
}

TEST(EcdsaVerify, WycheproofVectors) {
  for (const Curve& c : kCurves) {
    int valid = 0, invalid = 0;
    for (const wp::Case& v : c.vectors) {
      const Bytes key = h(v.key), hash = digest(c.hash, h(v.msg)), sig = h(v.sig);
      EXPECT_EQ(ours(key, c.id, hash, sig), v.valid ? 1u : 0u) << c.name << " tcId " << v.tc_id;
      EXPECT_EQ(bearssl(key, c.id, hash, sig), v.valid ? 1u : 0u) << c.name << " tcId " << v.tc_id;
      if (sig.size() == 2 * order(c.id).size()) {  // the form TLS and X.509 carry
        const Bytes der = to_asn1(sig);
        const br_ec_public_key pk{c.id, const_cast<unsigned char*>(key.data()), key.size()};
        EXPECT_EQ(ecdsa_vrfy_asn1_vartime_inverse(ec(), hash.data(), hash.size(), &pk, der.data(),
                                                  der.size()),
                  v.valid ? 1u : 0u)
            << c.name << " tcId " << v.tc_id << " as ASN.1";
      }
      (v.valid ? valid : invalid)++;
    }
    EXPECT_GT(valid, 0) << c.name;
    EXPECT_GT(invalid, 0) << c.name;
  }
}

// Wycheproof's first vector of each curve (valid), one bit changed at a time.
TEST(EcdsaVerify, OneBitOffRefused) {
  for (const Curve& c : kCurves) {
    const wp::Case& v = c.vectors[0];
    ASSERT_TRUE(v.valid);
    const Bytes key = h(v.key), hash = digest(c.hash, h(v.msg)), sig = h(v.sig);
    ASSERT_EQ(ours(key, c.id, hash, sig), 1u) << c.name;
    const std::size_t half = sig.size() / 2;
    for (std::size_t byte : {std::size_t{0}, half / 2, half - 1, half, half + half / 2, sig.size() - 1}) {
      for (int bit : {0, 7}) {
        Bytes off = sig;
        off[byte] ^= static_cast<std::uint8_t>(1 << bit);
        EXPECT_EQ(ours(key, c.id, hash, off), 0u) << c.name << " signature byte " << byte << " bit " << bit;
      }
    }
    for (std::size_t byte : {std::size_t{0}, hash.size() - 1}) {
      Bytes off = hash;
      off[byte] ^= 1;
      EXPECT_EQ(ours(key, c.id, off, sig), 0u) << c.name << " hash byte " << byte;
    }
    for (std::size_t byte : {std::size_t{1}, key.size() / 2, key.size() - 1}) {
      Bytes off = key;
      off[byte] ^= 1;
      EXPECT_EQ(ours(off, c.id, hash, sig), 0u) << c.name << " key byte " << byte;
    }
  }
}

// SEC 1 §4.1.4 step 1: r and s in [1, n − 1]. Each is put in the valid signature's place.
TEST(EcdsaVerify, ROrSZeroOrAtLeastNRefused) {
  for (const Curve& c : kCurves) {
    const wp::Case& v = c.vectors[0];
    const Bytes key = h(v.key), hash = digest(c.hash, h(v.msg)), sig = h(v.sig);
    const Bytes n = order(c.id);
    const std::size_t len = n.size();
    Bytes n_plus_1 = n, all_ones(len, 0xff);
    n_plus_1.back() += 1;  // no carry: no order here ends in ff
    for (const Bytes& bad : {Bytes(len, 0), n, n_plus_1, all_ones}) {
      Bytes r_bad = sig, s_bad = sig;
      std::copy(bad.begin(), bad.end(), r_bad.begin());
      std::copy(bad.begin(), bad.end(), s_bad.begin() + static_cast<long>(len));
      EXPECT_EQ(ours(key, c.id, hash, r_bad), 0u) << c.name << " r = " << to_hex(bad);
      EXPECT_EQ(ours(key, c.id, hash, s_bad), 0u) << c.name << " s = " << to_hex(bad);
    }
  }
}

TEST(EcdsaVerify, InputsOutsideItsDomainRefused) {
  const Curve& c = kCurves[0];
  const wp::Case& v = c.vectors[0];
  const Bytes key = h(v.key), hash = digest(c.hash, h(v.msg)), sig = h(v.sig);
  ASSERT_EQ(ours(key, c.id, hash, sig), 1u);
  EXPECT_EQ(ours(key, c.id, hash, Bytes(sig.begin(), sig.end() - 1)), 0u);  // odd length
  EXPECT_EQ(ours(key, c.id, hash, Bytes{}), 0u);
  EXPECT_EQ(ours(Bytes(key.begin(), key.end() - 1), c.id, hash, sig), 0u);  // key's length
  EXPECT_EQ(ours(key, BR_EC_secp384r1, hash, sig), 0u);                     // another curve
  EXPECT_EQ(ours(key, BR_EC_curve25519, hash, sig), 0u);                    // not ECDSA's
  // A curve the implementation does not do: br_ec_p256_m31 is P-256 only.
  const Bytes key384 = h(wp::kP384[0].key), sig384 = h(wp::kP384[0].sig);
  const Bytes hash384 = digest(&br_sha384_vtable, h(wp::kP384[0].msg));
  const br_ec_public_key pk384{BR_EC_secp384r1, const_cast<unsigned char*>(key384.data()),
                               key384.size()};
  EXPECT_EQ(ecdsa_vrfy_raw_vartime_inverse(&br_ec_p256_m31, hash384.data(), hash384.size(),
                                           &pk384, sig384.data(), sig384.size()),
            0u);
  EXPECT_EQ(ours(key384, BR_EC_secp384r1, hash384, sig384), 1u);
  // ASN.1: empty, and not a SEQUENCE.
  const br_ec_public_key pk{c.id, const_cast<unsigned char*>(key.data()), key.size()};
  Bytes der = to_asn1(sig);
  EXPECT_EQ(ecdsa_vrfy_asn1_vartime_inverse(ec(), hash.data(), hash.size(), &pk, der.data(), 0), 0u);
  der[0] = 0x31;
  EXPECT_EQ(ecdsa_vrfy_asn1_vartime_inverse(ec(), hash.data(), hash.size(), &pk, der.data(), der.size()),
            0u);
}

// Random key pairs, hashes and signatures, then one of eight changes (or none), each checked
// by both implementations, raw and as ASN.1. Signatures (r, n − s) are valid too (ECDSA's
// malleability), and a longer hash whose leftmost bits are the signed one verifies (the
// truncation), so both answers occur among the changed ones as well.
TEST(EcdsaVerify, AnswersAsBearSslOnRandomCases) {
  std::mt19937 rng(17);
  auto byte = [&] { return static_cast<std::uint8_t>(rng()); };
  for (const Curve& c : kCurves) {
    const int cases = c.id == BR_EC_secp256r1 ? 200 : c.id == BR_EC_secp384r1 ? 60 : 30;
    const Bytes n = order(c.id);
    unsigned char sk_buf[BR_EC_KBUF_PRIV_MAX_SIZE], pk_buf[2][BR_EC_KBUF_PUB_MAX_SIZE];
    br_ec_private_key sk;
    br_ec_public_key pk[2];
    br_hmac_drbg_context drbg;
    const std::string seed = std::string("ecdsa differential ") + c.name;
    br_hmac_drbg_init(&drbg, &br_sha256_vtable, seed.data(), seed.size());
    int valid = 0, invalid = 0;
    for (int i = 0; i < cases; ++i) {
      if (i % 20 == 0) {  // a new signer (and a bystander key) every 20 cases
        for (int k = 0; k < 2; ++k) {  // sk ends as pk[1]'s
          ASSERT_NE(br_ec_keygen(&drbg.vtable, ec(), &sk, sk_buf, c.id), 0u);
          ASSERT_NE(br_ec_compute_pub(ec(), &pk[k], pk_buf[k], &sk), 0u);
        }
      }
      Bytes hash(digest(c.hash, Bytes{}).size());
      for (auto& b : hash) b = byte();
      unsigned char raw[2 * 66];
      const std::size_t sig_len = br_ecdsa_i31_sign_raw(ec(), c.hash, hash.data(), &sk, raw);
      ASSERT_EQ(sig_len, 2 * n.size());
      Bytes sig(raw, raw + sig_len);
      const br_ec_public_key* key = &pk[1];  // the signer (the last key made)
      switch (i % 9) {
        case 0: break;
        case 1: sig[rng() % sig.size()] ^= static_cast<std::uint8_t>(1 << (rng() % 8)); break;
        case 2: for (auto& b : sig) b = byte(); break;
        case 3: hash[rng() % hash.size()] ^= static_cast<std::uint8_t>(1 << (rng() % 8)); break;
        case 4: key = &pk[0]; break;
        case 5: std::rotate(sig.begin(), sig.begin() + static_cast<long>(n.size()), sig.end()); break;
        case 6: {  // s → n − s
          unsigned borrow = 0;
          for (std::size_t k = n.size(); k-- > 0;) {
            const unsigned d = n[k] - sig[n.size() + k] - borrow;
            sig[n.size() + k] = static_cast<std::uint8_t>(d);
            borrow = (d >> 8) & 1;
          }
          break;
        }
        case 7: hash.insert(hash.end(), 16, byte()); break;  // truncated back to the signed bits
        case 8: hash.resize(hash.size() / 2); break;
      }
      const Bytes q(key->q, key->q + key->qlen);
      const std::uint32_t theirs = bearssl(q, c.id, hash, sig);
      ASSERT_EQ(ours(q, c.id, hash, sig), theirs) << c.name << " case " << i;
      const Bytes der = to_asn1(sig);
      ASSERT_EQ(ecdsa_vrfy_asn1_vartime_inverse(ec(), hash.data(), hash.size(), key, der.data(), der.size()),
                br_ecdsa_i31_vrfy_asn1(ec(), hash.data(), hash.size(), key, der.data(), der.size()))
          << c.name << " case " << i << " as ASN.1";
      (theirs ? valid : invalid)++;
    }
    EXPECT_GE(valid, cases / 6) << c.name;
    EXPECT_GE(invalid, cases / 2) << c.name;
  }
}

// crypto/select hands it to the chain validator and the handshake's checks (outside a memo).
TEST(EcdsaVerify, IsTheEngineChoice) {
  EXPECT_EQ(ecdsa_vrfy(), &ecdsa_vrfy_asn1_vartime_inverse);
}

}  // namespace
}  // namespace tlsscope
