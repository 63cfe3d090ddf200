// Known answers for ML-KEM-768 (crypto/mlkem.hpp, PQClean's clean implementation): the
// "accumulated" vectors of Go's crypto/mlkem tests (C2SP CCTV style) — n rounds of keygen from a
// seed, encapsulation with a message, decapsulation of that ciphertext and of a random one, all
// inputs drawn from SHAKE128("") and all outputs hashed into a second SHAKE128 — plus the FIPS 203
// input checks. Node 26's OpenSSL 3.5 checks the same functions from outside (tests/pq).
#include <gtest/gtest.h>

#include <string>

#include "crypto/mlkem.hpp"

extern "C" {
#include <fips202.h>
}

namespace tlsscope {
namespace {

// SHAKE128 as Go's sha3.ShakeHash: write, then read the output stream in pieces.
class Shake128 {
 public:
  Shake128() { shake128_inc_init(&ctx_); }
  ~Shake128() { shake128_inc_ctx_release(&ctx_); }
  Shake128(const Shake128&) = delete;
  Shake128& operator=(const Shake128&) = delete;
  void write(ByteView b) { shake128_inc_absorb(&ctx_, b.data(), b.size()); }
  Bytes read(std::size_t n) {
    if (!finalized_) shake128_inc_finalize(&ctx_), finalized_ = true;
    Bytes out(n);
    shake128_inc_squeeze(out.data(), n, &ctx_);
    return out;
  }

 private:
  shake128incctx ctx_;
  bool finalized_ = false;
};

std::string accumulated(int rounds) {
  Shake128 s, o;
  for (int i = 0; i < rounds; ++i) {
    mlkem768::KeyPair kp = mlkem768::key_pair_from_seed(s.read(mlkem768::kSeedSize));
    o.write(kp.encapsulation_key);
    auto enc = mlkem768::encapsulate(kp.encapsulation_key, s.read(mlkem768::kMessageSize));
    if (!enc) return "encapsulation refused";
    o.write(enc->ciphertext);
    o.write(enc->shared_secret);
    auto k = mlkem768::decapsulate(kp.decapsulation_key, enc->ciphertext);
    if (!k || *k != enc->shared_secret) return "decapsulation disagrees at round " + std::to_string(i);
    auto k1 = mlkem768::decapsulate(kp.decapsulation_key, s.read(mlkem768::kCiphertextSize));
    if (!k1) return "decapsulation refused";
    o.write(*k1);
  }
  return to_hex(o.read(32));
}

TEST(CryptoMlkem, Shake128OfEmptyInput) {  // FIPS 202 test vector, so the KATs' stream is right
  Shake128 s;
  EXPECT_EQ(to_hex(s.read(32)), "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26");
}

TEST(CryptoMlkem, Accumulated100) {
  EXPECT_EQ(accumulated(100), "1114b1b6699ed191734fa339376afa7e285c9e6acf6ff0177d346696ce564415");
}

// Go's 10,000-round vector (8a518cc6…22fc) matched too when this file was written; at ~3 s of
// CPU (more under the sanitizers) it is left out of the suite.

TEST(CryptoMlkem, KeyGenerationUsesOnlyTheCallersRandomness) {
  int calls = 0;
  RandomSource fixed = [&](std::uint8_t* out, std::size_t len) {
    ++calls;
    for (std::size_t i = 0; i < len; ++i) out[i] = static_cast<std::uint8_t>(i);
  };
  auto a = mlkem768::generate(fixed), b = mlkem768::generate(fixed);
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(a.encapsulation_key, b.encapsulation_key);
  EXPECT_EQ(a.decapsulation_key, b.decapsulation_key);
  ASSERT_EQ(a.encapsulation_key.size(), mlkem768::kEncapsulationKeySize);
  ASSERT_EQ(a.decapsulation_key.size(), mlkem768::kDecapsulationKeySize);
}

TEST(CryptoMlkem, WrongLengthsAreRefused) {
  Bytes seed(mlkem768::kSeedSize, 1), m(mlkem768::kMessageSize, 2);
  auto kp = mlkem768::key_pair_from_seed(seed);
  ByteView ek = kp.encapsulation_key;
  EXPECT_FALSE(mlkem768::encapsulate(ek.first(ek.size() - 1), m));
  EXPECT_FALSE(mlkem768::encapsulate(ek, ByteView(m).first(31)));
  auto enc = mlkem768::encapsulate(ek, m);
  ASSERT_TRUE(enc);
  ByteView ct = enc->ciphertext;
  EXPECT_FALSE(mlkem768::decapsulate(kp.decapsulation_key, ct.first(ct.size() - 1)));
  Bytes longer(enc->ciphertext);
  longer.push_back(0);
  EXPECT_FALSE(mlkem768::decapsulate(kp.decapsulation_key, longer));
}

// FIPS 203 §7.2: a coefficient of q (3329) or more in ek is refused, not reduced.
TEST(CryptoMlkem, EncapsulationKeyModulusCheck) {
  auto kp = mlkem768::key_pair_from_seed(Bytes(mlkem768::kSeedSize, 3));
  Bytes ek = kp.encapsulation_key;
  ek[0] = 0x01;  // first coefficient = 0xd01 = 3329
  ek[1] = static_cast<std::uint8_t>((ek[1] & 0xf0) | 0x0d);
  EXPECT_FALSE(mlkem768::encapsulate(ek, Bytes(32, 4)));
  ek[0] = 0x00;  // 0xd00 = 3328, the largest allowed
  EXPECT_TRUE(mlkem768::encapsulate(ek, Bytes(32, 4)));
}

// Implicit rejection: a ciphertext made for another key decapsulates to a different secret.
TEST(CryptoMlkem, CiphertextForAnotherKeyGivesAnotherSecret) {
  auto alice = mlkem768::key_pair_from_seed(Bytes(mlkem768::kSeedSize, 5));
  auto bob = mlkem768::key_pair_from_seed(Bytes(mlkem768::kSeedSize, 6));
  auto to_bob = mlkem768::encapsulate(bob.encapsulation_key, Bytes(32, 7));
  ASSERT_TRUE(to_bob);
  auto alice_gets = mlkem768::decapsulate(alice.decapsulation_key, to_bob->ciphertext);
  ASSERT_TRUE(alice_gets);
  EXPECT_NE(*alice_gets, to_bob->shared_secret);
  EXPECT_EQ(mlkem768::decapsulate(bob.decapsulation_key, to_bob->ciphertext), to_bob->shared_secret);
}

}  // namespace
}  // namespace tlsscope
