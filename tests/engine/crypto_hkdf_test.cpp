// Known answers for crypto/hkdf.hpp: hkdf_extract() and hkdf_expand() against RFC 5869
// Appendix A (test cases 1-3, the SHA-256 ones), hkdf_expand_label() against the HkdfLabel
// bytes and outputs that RFC 8448 §3 prints ("key info", "iv info", "expanded").
#include <gtest/gtest.h>

#include <string_view>

#include "support/hex.hpp"
#include "crypto/hkdf.hpp"

namespace tlsscope {
namespace {

using test::h;

struct Rfc5869Case {
  const char* name;
  std::string_view ikm, salt, info;
  std::size_t length;
  std::string_view prk, okm;
};

// RFC 5869 Appendix A.1 (basic), A.2 (longer inputs and outputs: 82 bytes is three blocks, the
// last one cut), A.3 (zero-length salt and info: Extract falls back to HashLen zeros, §2.2).
constexpr Rfc5869Case kRfc5869[] = {
    {"A.1", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "000102030405060708090a0b0c",
     "f0f1f2f3f4f5f6f7f8f9", 42,
     "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
     "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"},
    {"A.2",
     "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
     "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
     "404142434445464748494a4b4c4d4e4f",
     "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
     "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
     "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
     "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
     "d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef"
     "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
     82, "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
     "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
     "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
     "cc30c58179ec3e87c14c01d5c1f3434f1d87"},
    {"A.3", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "", 42,
     "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
     "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"},
};

TEST(CryptoHkdf, Rfc5869Sha256TestCases) {
  for (const auto& c : kRfc5869) {
    SCOPED_TRACE(std::string("RFC 5869 ") + c.name);
    Bytes prk = hkdf_extract(Hash::sha256, h(c.salt), h(c.ikm));
    EXPECT_EQ(to_hex(prk), c.prk);
    EXPECT_EQ(to_hex(hkdf_expand(Hash::sha256, prk, h(c.info), c.length)), c.okm);
  }
}

// §2.2: "if not provided, [salt] is set to a string of HashLen zeros".
TEST(CryptoHkdf, EmptySaltIsHashLenZeros) {
  Bytes ikm = h("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
  EXPECT_EQ(hkdf_extract(Hash::sha256, {}, ikm),
            hkdf_extract(Hash::sha256, Bytes(32, 0), ikm));
  EXPECT_EQ(hkdf_extract(Hash::sha384, {}, ikm),
            hkdf_extract(Hash::sha384, Bytes(48, 0), ikm));
}

// Expand is a stream of blocks T(1) | T(2) | ...: any shorter output is a prefix of a longer one,
// including lengths that end exactly on a block boundary.
TEST(CryptoHkdf, ExpandShorterOutputIsPrefix) {
  const auto& c = kRfc5869[1];
  Bytes prk = h(c.prk);
  Bytes full = hkdf_expand(Hash::sha256, prk, h(c.info), c.length);
  for (std::size_t len : {0u, 1u, 31u, 32u, 33u, 64u, 81u}) {
    EXPECT_EQ(hkdf_expand(Hash::sha256, prk, h(c.info), len),
              Bytes(full.begin(), full.begin() + static_cast<long>(len)))
        << "length " << len;
  }
}

// RFC 8446 §7.1: HkdfLabel = uint16 length | opaque label<7..255> = "tls13 " + Label |
// opaque context<0..255>. RFC 8448 §3 prints the serialised label ("key info", "iv info") and
// the output for the server's handshake traffic secret; the first check rebuilds that label
// by hand and runs plain HKDF-Expand, the second lets hkdf_expand_label() build it.
TEST(CryptoHkdf, ExpandLabelMatchesRfc8448) {
  Bytes server_hs = h("b6 7b 7d 69 0c c1 6c 4e 75 e5 42 13 cb 2d 37 b4"
                      "e9 c9 12 bc de d9 10 5d 42 be fd 59 d3 91 ad 38");
  Bytes key_info = h("00 10 09 74 6c 73 31 33 20 6b 65 79 00");
  Bytes iv_info = h("00 0c 08 74 6c 73 31 33 20 69 76 00");
  const std::string key = "3fce516009c21727d0f2e4e86ee403bc";
  const std::string iv = "5d313eb2671276ee13000b30";

  EXPECT_EQ(to_hex(hkdf_expand(Hash::sha256, server_hs, key_info, 16)), key);
  EXPECT_EQ(to_hex(hkdf_expand(Hash::sha256, server_hs, iv_info, 12)), iv);
  EXPECT_EQ(to_hex(hkdf_expand_label(Hash::sha256, server_hs, "key", {}, 16)), key);
  EXPECT_EQ(to_hex(hkdf_expand_label(Hash::sha256, server_hs, "iv", {}, 12)), iv);
}

// With a context: RFC 8448 §3, {server} derive secret for handshake "tls13 derived", i.e.
// HKDF-Expand-Label(early_secret, "derived", SHA-256(""), 32).
TEST(CryptoHkdf, ExpandLabelWithContextMatchesRfc8448) {
  Bytes early = h("33 ad 0a 1c 60 7e c0 3b 09 e6 cd 98 93 68 0c e2"
                  "10 ad f3 00 aa 1f 26 60 e1 b2 2e 10 f1 70 f9 2a");
  Bytes empty_hash = h("e3 b0 c4 42 98 fc 1c 14 9a fb f4 c8 99 6f b9 24"
                       "27 ae 41 e4 64 9b 93 4c a4 95 99 1b 78 52 b8 55");
  EXPECT_EQ(to_hex(hkdf_expand_label(Hash::sha256, early, "derived", empty_hash, 32)),
            "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba");
}

// The label and the context are both in the HMAC input, and so is the output length.
TEST(CryptoHkdf, ExpandLabelInputsAllMatter) {
  Bytes secret(32, 0x5a);
  Bytes base = hkdf_expand_label(Hash::sha256, secret, "key", {}, 16);
  EXPECT_NE(hkdf_expand_label(Hash::sha256, secret, "kez", {}, 16), base);
  EXPECT_NE(hkdf_expand_label(Hash::sha256, secret, "key", h("00"), 16), base);
  // A different length changes HkdfLabel.length, so it is not a prefix (unlike plain Expand).
  Bytes longer = hkdf_expand_label(Hash::sha256, secret, "key", {}, 32);
  EXPECT_NE(Bytes(longer.begin(), longer.begin() + 16), base);
  EXPECT_EQ(hkdf_expand_label(Hash::sha384, secret, "key", {}, 32).size(), 32u);
}

}  // namespace
}  // namespace tlsscope
