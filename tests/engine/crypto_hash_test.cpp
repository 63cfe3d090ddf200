// Known answers for digest() (crypto/hash.hpp): the SHA-2 examples of FIPS 180-4's companion
// document (NIST "Cryptographic Standards and Guidelines: Examples with Intermediate Values",
// SHA256.pdf / SHA384.pdf), also RFC 6234 §8.5 test 1 and test 2.
#include <gtest/gtest.h>

#include <string_view>

#include "crypto/hash.hpp"

namespace tlsscope {
namespace {

std::string digest_hex(Hash h, std::string_view message) {
  return to_hex(digest(h, as_bytes(message)));
}

// FIPS 180-4 example "abc" (one block).
TEST(CryptoHash, Sha256Abc) {
  EXPECT_EQ(digest_hex(Hash::sha256, "abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// FIPS 180-4 example, 448-bit message (two blocks after padding).
TEST(CryptoHash, Sha256TwoBlocks) {
  EXPECT_EQ(digest_hex(Hash::sha256, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

// FIPS 180-4 example "abc" for SHA-384.
TEST(CryptoHash, Sha384Abc) {
  EXPECT_EQ(digest_hex(Hash::sha384, "abc"),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded163"
            "1a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7");
}

// FIPS 180-4 example, 896-bit message (two 1024-bit blocks after padding).
TEST(CryptoHash, Sha384TwoBlocks) {
  EXPECT_EQ(digest_hex(Hash::sha384,
                       "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                       "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
            "09330c33f71147e83d192fc782cd1b4753111b173b3b05d2"
            "2fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039");
}

TEST(CryptoHash, OutputLengthMatchesTable) {
  for (Hash h : {Hash::sha1, Hash::sha256, Hash::sha384, Hash::sha512})
    EXPECT_EQ(digest(h, as_bytes("abc")).size(), hash_len(h)) << hash_name(h);
}

}  // namespace
}  // namespace tlsscope
