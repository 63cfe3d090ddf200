// Known answers for tls12_prf() (crypto/prf.hpp), RFC 5246 §5 P_hash.
//
// The vectors are the ones posted to the IETF TLS list for the TLS 1.2 PRF
// (https://www.ietf.org/mail-archive/web/tls/current/msg03416.html), which many TLS stacks'
// own test suites cite and reuse.
#include <gtest/gtest.h>

#include <string_view>

#include "support/hex.hpp"
#include "crypto/prf.hpp"

namespace tlsscope {
namespace {

using test::h;

// IETF TLS list msg03416, P_SHA256: secret, seed, label "test label", 100 bytes.
TEST(CryptoPrf, Sha256PublishedVector) {
  Bytes secret = h("9bbe436ba940f017b17652849a71db35");
  Bytes seed = h("a0ba9f936cda311827a6f796ffd5198c");
  EXPECT_EQ(to_hex(tls12_prf(Hash::sha256, secret, "test label", {seed}, 100)),
            "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"
            "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab"
            "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701"
            "87347b66");
}

// IETF TLS list msg03416, P_SHA384: secret, seed, label "test label", 148 bytes.
TEST(CryptoPrf, Sha384PublishedVector) {
  Bytes secret = h("b80b733d6ceefcdc71566ea48e5567df");
  Bytes seed = h("cd665cf6a8447dd6ff8b27555edb7465");
  EXPECT_EQ(to_hex(tls12_prf(Hash::sha384, secret, "test label", {seed}, 148)),
            "7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cd"
            "e9ca0faa60be9fe34f82b1233c9146a0e534cb400fed2700884f9dc236f80edd"
            "8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d918425"
            "9b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee6"
            "91c8f3a26854308d5eaa3be85e0990703d73e56f");
}

// The seed is the concatenation of the pieces (RFC 5246 §8.1: client_random + server_random),
// so splitting it anywhere must not change the output.
TEST(CryptoPrf, SeedPiecesConcatenate) {
  Bytes secret = h("9bbe436ba940f017b17652849a71db35");
  Bytes seed = h("a0ba9f936cda311827a6f796ffd5198c");
  ByteView all(seed);
  Bytes whole = tls12_prf(Hash::sha256, secret, "test label", {all}, 100);
  EXPECT_EQ(tls12_prf(Hash::sha256, secret, "test label", {all.first(5), all.subspan(5)}, 100),
            whole);
  EXPECT_EQ(tls12_prf(Hash::sha256, secret, "test label", {ByteView{}, all, ByteView{}}, 100),
            whole);
}

// P_hash is a stream: a shorter output is a prefix of a longer one.
TEST(CryptoPrf, ShorterOutputIsPrefix) {
  Bytes secret = h("b80b733d6ceefcdc71566ea48e5567df");
  Bytes seed = h("cd665cf6a8447dd6ff8b27555edb7465");
  Bytes full = tls12_prf(Hash::sha384, secret, "test label", {seed}, 148);
  Bytes part = tls12_prf(Hash::sha384, secret, "test label", {seed}, 13);
  EXPECT_EQ(part, Bytes(full.begin(), full.begin() + 13));
}

}  // namespace
}  // namespace tlsscope
