// The engine's RSA public operation (crypto/rsa_public.hpp) against BearSSL's own, and the
// memo that lets a chain's two checks share each RSA operation (crypto/select.hpp).
#include <gtest/gtest.h>

#include <bearssl.h>

#include <cstdlib>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

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

TEST(SignatureCheckMemo, RsaAnswersAsTheComputationDidAndOnlyWhileAlive) {
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
    SignatureCheckMemo memo;
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


// The randomized differential test: the engine's operation, with each limb width, against
// BearSSL's br_rsa_i31_public on values no key generator would make — random odd moduli of
// the sizes real keys have (2048, 3072, 4096 bits) and of odd sizes, moduli that stress the
// carries (all ones; a top bit and a bottom bit), random exponents, x at and around the
// edges. A fresh seed each run, so CI keeps exploring; TLSSCOPE_TEST_SEED=N repeats a run.
class RsaDifferential : public testing::Test {
 protected:
  void SetUp() override {
    const char* fixed = std::getenv("TLSSCOPE_TEST_SEED");
    seed_ = fixed ? std::strtoull(fixed, nullptr, 10) : std::random_device{}();
    rng_.seed(seed_);
  }

  Bytes random_bytes(std::size_t n) {
    Bytes b(n);
    for (auto& x : b) x = static_cast<std::uint8_t>(rng_());
    return b;
  }

  // A random odd modulus of `bytes` bytes whose top byte is at least `top_min`.
  Bytes random_modulus(std::size_t bytes, std::uint8_t top_min) {
    Bytes n = random_bytes(bytes);
    n[0] = static_cast<std::uint8_t>(top_min + n[0] % (256 - top_min));
    n.back() |= 1;
    return n;
  }

  // x below n: random, with its top byte brought under n's.
  Bytes below(const Bytes& n) {
    Bytes x = random_bytes(n.size());
    x[0] = static_cast<std::uint8_t>(n[0] > 1 ? x[0] % (n[0] - 1) : 0);
    return x;
  }

  Bytes random_exponent() {
    switch (rng_() % 5) {
      case 0: return {0x01, 0x00, 0x01};
      case 1: return {0x03};
      case 2: return {0x00, 0x00, 0x01, 0x00, 0x01};  // leading zeros, as some encoders leave
      case 3: {  // any e but 0 (which BearSSL computes as x^0 = 1 and the engine refuses)
        Bytes e = random_bytes(1 + rng_() % 4);
        e[rng_() % e.size()] |= static_cast<std::uint8_t>(1u << (rng_() % 8));
        return e;
      }
      default: {
        Bytes e = random_bytes(1 + rng_() % 8);
        e[0] |= 1;  // odd and not 0
        return e;
      }
    }
  }

  std::uint64_t seed_ = 0;
  std::mt19937_64 rng_;
};

using RsaPublicFn = std::uint32_t (*)(unsigned char*, std::size_t, const br_rsa_public_key*);

struct Width {
  const char* name;
  RsaPublicFn fn;
};

std::vector<Width> widths() {
  std::vector<Width> w{{"32-bit limbs (wasm)", rsa_public_limbs32}};
#if defined(__SIZEOF_INT128__)
  w.push_back({"64-bit limbs (native)", rsa_public_limbs64});
#endif
  return w;
}

// Runs one case through BearSSL and each width: the same verdict, and on success the same
// bytes. Returns BearSSL's verdict.
std::uint32_t expect_same(const Bytes& n, const Bytes& e, const Bytes& x) {
  const br_rsa_public_key pk{const_cast<unsigned char*>(n.data()), n.size(),
                             const_cast<unsigned char*>(e.data()), e.size()};
  Bytes theirs = x;
  const std::uint32_t their_ok = br_rsa_i31_public(theirs.data(), theirs.size(), &pk);
  for (const Width& w : widths()) {
    Bytes ours = x;
    const std::uint32_t our_ok = w.fn(ours.data(), ours.size(), &pk);
    EXPECT_EQ(our_ok, their_ok) << w.name << ", n = " << to_hex(n) << ", e = " << to_hex(e)
                                << ", x = " << to_hex(x);
    if (our_ok && their_ok) {
      EXPECT_EQ(to_hex(ours), to_hex(theirs))
          << w.name << ", n = " << to_hex(n) << ", e = " << to_hex(e) << ", x = " << to_hex(x);
    }
  }
  return their_ok;
}

TEST_F(RsaDifferential, RandomModuliOfRealSizesBothLimbWidthsEqualBearSsl) {
  SCOPED_TRACE("TLSSCOPE_TEST_SEED=" + std::to_string(seed_));
  for (std::size_t bits : {2048u, 3072u, 4096u}) {
    std::size_t accepted = 0;
    for (int i = 0; i < 24; ++i) {
      const Bytes n = random_modulus(bits / 8, 0x80);
      accepted += expect_same(n, random_exponent(), below(n));
      if (HasFailure()) return;  // one case's bytes are enough to debug
    }
    EXPECT_EQ(accepted, 24u) << bits << " bits: x below an odd n must be accepted";
  }
}

TEST_F(RsaDifferential, ModuliThatDoNotFillTheirTopLimbOrByte) {
  SCOPED_TRACE("TLSSCOPE_TEST_SEED=" + std::to_string(seed_));
  // 2056 and 3080 bits: whole bytes, not whole 64-bit limbs; a top byte of 0x01..0x7f: fewer
  // bits than bytes.
  for (std::size_t bytes : {257u, 385u, 256u, 512u}) {
    for (int i = 0; i < 8; ++i) {
      const Bytes n = random_modulus(bytes, i % 2 ? 0x01 : 0x80);
      EXPECT_EQ(expect_same(n, random_exponent(), below(n)), 1u);
      if (HasFailure()) return;
    }
  }
}

TEST_F(RsaDifferential, CarryEdgesAndTheEdgesOfX) {
  SCOPED_TRACE("TLSSCOPE_TEST_SEED=" + std::to_string(seed_));
  for (std::size_t bytes : {256u, 384u, 512u}) {
    Bytes all_ones(bytes, 0xff);
    Bytes top_and_bottom(bytes, 0x00);
    top_and_bottom[0] = 0x80;
    top_and_bottom.back() = 0x01;
    for (const Bytes& n : {all_ones, top_and_bottom, random_modulus(bytes, 0x80)}) {
      Bytes n_minus_1 = n;
      n_minus_1.back() ^= 1;  // n is odd
      Bytes zero(bytes, 0), one(bytes, 0);
      one.back() = 1;
      const Bytes e = random_exponent();
      EXPECT_EQ(expect_same(n, e, zero), 1u);
      EXPECT_EQ(expect_same(n, e, one), 1u);
      EXPECT_EQ(expect_same(n, e, n_minus_1), 1u);
      EXPECT_EQ(expect_same(n, e, n), 0u) << "x = n is not below the modulus";
      EXPECT_EQ(expect_same(n, e, Bytes(bytes, 0xff)), 0u) << "x all ones is not below n";
      if (HasFailure()) return;
    }
  }
}

TEST_F(RsaDifferential, WhatBothRefuse) {
  SCOPED_TRACE("TLSSCOPE_TEST_SEED=" + std::to_string(seed_));
  Bytes n = random_modulus(256, 0x80);
  Bytes even = n;
  even.back() &= 0xfe;
  EXPECT_EQ(expect_same(even, {0x01, 0x00, 0x01}, below(n)), 0u) << "an even modulus";
  Bytes longer = below(n);
  longer.insert(longer.begin(), 0);
  EXPECT_EQ(expect_same(n, {0x03}, longer), 0u) << "x longer than the modulus";
  Bytes too_big = random_modulus(520, 0x80);  // 4160 bits: over BearSSL's 4096
  EXPECT_EQ(expect_same(too_big, {0x03}, below(too_big)), 0u);
}

// PKCS#1 v1.5 unpadding, the engine's encode-and-compare against BearSSL's parser through
// BearSSL's public br_rsa_i31_pkcs1_vrfy: encoded messages made by hand — valid with and
// without the NULL parameters, and each byte outside the hash changed — raised to d with the
// private key, then checked by both.
struct HashOid {
  const char* name;
  const unsigned char* oid;
  std::size_t hash_len;
};

TEST(RsaPkcs1Unpad, EncodeAndCompareEqualsBearSslsParserOnEveryChangedByte) {
  KeyPair kp(1024, 65537, "pkcs1 unpad");
  const std::size_t k = kp.pk.nlen;
  const HashOid oids[] = {{"none (TLS 1.0 MD5+SHA-1)", nullptr, 36},
                          {"SHA-1", BR_HASH_OID_SHA1, 20},
                          {"SHA-224", BR_HASH_OID_SHA224, 28},
                          {"SHA-256", BR_HASH_OID_SHA256, 32},
                          {"SHA-384", BR_HASH_OID_SHA384, 48},
                          {"SHA-512", BR_HASH_OID_SHA512, 64}};
  std::mt19937 rng(1);
  std::size_t accepted = 0, refused = 0;
  for (const HashOid& h : oids) {
    for (bool with_null : {true, false}) {
      if (!h.oid && !with_null) continue;
      Bytes t;  // DigestInfo without the hash
      if (h.oid) {
        const std::size_t alg_len = 2 + h.oid[0] + (with_null ? 2 : 0);
        t = {0x30, static_cast<std::uint8_t>(alg_len + h.hash_len + 4), 0x30,
             static_cast<std::uint8_t>(alg_len), 0x06};
        t.insert(t.end(), h.oid, h.oid + 1 + h.oid[0]);
        if (with_null) t.insert(t.end(), {0x05, 0x00});
        t.insert(t.end(), {0x04, static_cast<std::uint8_t>(h.hash_len)});
      }
      Bytes em{0x00, 0x01};
      em.insert(em.end(), k - 3 - t.size() - h.hash_len, 0xff);
      em.push_back(0x00);
      em.insert(em.end(), t.begin(), t.end());
      for (std::size_t i = 0; i < h.hash_len; ++i) em.push_back(static_cast<std::uint8_t>(rng()));
      // Each variant: as made, then every byte before the hash changed (the run of FF only at
      // its two ends), then the hash length asked one too many and one too few.
      std::vector<std::pair<Bytes, std::size_t>> variants{{em, h.hash_len}};
      const std::size_t ps_end = k - 1 - t.size() - h.hash_len;  // index of the 00 after PS
      for (std::size_t i = 0; i < k - h.hash_len; ++i) {
        if (i > 2 && i + 1 < ps_end) continue;
        Bytes v = em;
        v[i] ^= static_cast<std::uint8_t>(1 + rng() % 255);
        variants.push_back({v, h.hash_len});
      }
      variants.push_back({em, h.hash_len + 1});
      variants.push_back({em, h.hash_len - 1});
      for (const auto& [v, hash_len] : variants) {
        Bytes sig = v;
        // An EM at or above n (its first byte changed upwards) is no value a signature
        // recovers to: nothing to compare.
        if (!br_rsa_i31_private(sig.data(), &kp.sk)) continue;
        unsigned char ours[128] = {}, theirs[128] = {};
        const std::uint32_t our_ok =
            rsa_pkcs1_vrfy_exponent_bits(sig.data(), sig.size(), h.oid, hash_len, &kp.pk, ours);
        const std::uint32_t their_ok =
            br_rsa_i31_pkcs1_vrfy(sig.data(), sig.size(), h.oid, hash_len, &kp.pk, theirs);
        EXPECT_EQ(our_ok, their_ok) << h.name << (with_null ? " with NULL" : " without NULL")
                                    << ", EM " << to_hex(v) << ", hash_len " << hash_len;
        if (our_ok && their_ok) {
          EXPECT_EQ(to_hex({ours, hash_len}), to_hex({theirs, hash_len}));
        }
        (their_ok ? accepted : refused) += 1;
        // The unpadding alone, on the encoded message itself, agrees too.
        unsigned char direct[128] = {};
        EXPECT_EQ(pkcs1_v15_sig_unpad(v.data(), v.size(), h.oid, hash_len, direct), their_ok);
      }
    }
  }
  EXPECT_EQ(accepted, 11u) << "each well-formed message (6 hashes, 5 of them in 2 forms)";
  EXPECT_GT(refused, 200u) << "the changed messages were compared, not skipped";
}

}  // namespace
}  // namespace tlsscope
