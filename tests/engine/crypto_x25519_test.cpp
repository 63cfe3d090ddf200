// crypto/x25519.hpp, the engine's own X25519 (the native choice in crypto/select.hpp):
// RFC 7748's iterated vectors, which run the output back in as the next scalar and so reach
// inputs no fixed vector does, and agreement with BearSSL's c25519_m31 on random inputs.
// The single vectors and the low-order points are in crypto_ecdhe_test.cpp.
#include <gtest/gtest.h>

#include <bearssl.h>

#include <cstring>
#include <random>

#include "crypto/x25519.hpp"
#include "tlsscope/bytes.hpp"

namespace tlsscope {
namespace {

std::string hex32(const std::uint8_t v[32]) { return to_hex(ByteView(v, 32)); }

// RFC 7748 §5.2: k = u = 9; then repeatedly (k, u) = (X25519(k, u), k).
TEST(CryptoX25519, Rfc7748Iterated) {
  std::uint8_t k[32] = {9}, u[32] = {9}, out[32];
  for (int i = 1; i <= 1000; ++i) {
    x25519_fe51(out, k, u);
    std::memcpy(u, k, 32);
    std::memcpy(k, out, 32);
    if (i == 1) {
      EXPECT_EQ(hex32(k), "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
    }
  }
  EXPECT_EQ(hex32(k), "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
}

// Random scalars and random u (top bit and values ≥ p included), against BearSSL.
TEST(CryptoX25519, AgreesWithBearSslM31) {
  std::mt19937_64 prng(25519);
  for (int i = 0; i < 300; ++i) {
    std::uint8_t k[32], u[32], ours[32], theirs[32];
    for (auto* buf : {k, u})
      for (int j = 0; j < 32; ++j) buf[j] = static_cast<std::uint8_t>(prng());
    if (i % 10 == 0) std::memset(u, 0xff, 31);  // u near 2^255: reduced mod p
    x25519_fe51(ours, k, u);
    std::memcpy(theirs, u, 32);
    br_ec_c25519_m31.mul(theirs, 32, k, 32, BR_EC_curve25519);
    ASSERT_EQ(hex32(ours), hex32(theirs)) << "k=" << hex32(k) << " u=" << hex32(u);
  }
}

}  // namespace
}  // namespace tlsscope
