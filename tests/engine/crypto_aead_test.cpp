// Known answers for the AEAD wrappers (crypto/aead.hpp) and checks of TLS 1.2 record
// protection built on them: the nonce and additional data are recomputed here, from the RFC
// text, independently of RecordProtection.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "support/hex.hpp"
#include "crypto/aead.hpp"

namespace tlsscope {
namespace {

using test::h;

Bytes concat(ByteView a, ByteView b) {
  Bytes out(a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

struct AeadVector {
  const char* name;
  Aead aead;
  std::string_view key, nonce, aad, plaintext, ciphertext, tag;
};

// The GCM plaintext and additional data shared by test cases 4 and 16 of McGrew & Viega,
// "The Galois/Counter Mode of Operation (GCM)", revised 2005 (gcm-spec.pdf), Appendix B.
constexpr std::string_view kGcmKey128 = "feffe9928665731c6d6a8f9467308308";
constexpr std::string_view kGcmKey256 =
    "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
constexpr std::string_view kGcmIv = "cafebabefacedbaddecaf888";
constexpr std::string_view kGcmAad = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
constexpr std::string_view kGcmPlaintext =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
    "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";

const AeadVector kVectors[] = {
    // GCM spec Test Case 1: AES-128, zero key and IV, empty plaintext and AAD.
    {"gcm-tc1", Aead::aes128_gcm, "00000000000000000000000000000000", "000000000000000000000000",
     "", "", "", "58e2fccefa7e3061367f1d57a4e7455a"},
    // GCM spec Test Case 4: AES-128, 96-bit IV, 20-byte AAD, 60-byte plaintext.
    {"gcm-tc4", Aead::aes128_gcm, kGcmKey128, kGcmIv, kGcmAad, kGcmPlaintext,
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
     "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
     "5bc94fbc3221a5db94fae95ae7121a47"},
    // GCM spec Test Case 13: AES-256, zero key and IV, empty plaintext and AAD.
    {"gcm-tc13", Aead::aes256_gcm,
     "0000000000000000000000000000000000000000000000000000000000000000",
     "000000000000000000000000", "", "", "", "530f8afbc74536b9a963b4f1c4cb738b"},
    // GCM spec Test Case 16: AES-256, 96-bit IV, 20-byte AAD, 60-byte plaintext.
    {"gcm-tc16", Aead::aes256_gcm, kGcmKey256, kGcmIv, kGcmAad, kGcmPlaintext,
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
     "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
     "76fc6ece0f4e1768cddf8853bb2d551b"},
    // RFC 8439 §2.8.2: ChaCha20-Poly1305 AEAD. Plaintext is "Ladies and Gentlemen of the class
    // of '99: If I could offer you only one tip for the future, sunscreen would be it.";
    // nonce = constant 07000000 || IV 4041424344454647.
    {"rfc8439-2.8.2", Aead::chacha20_poly1305,
     "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
     "070000004041424344454647", "50515253c0c1c2c3c4c5c6c7",
     "4c616469657320616e642047656e746c656d656e206f662074686520636c6173"
     "73206f66202739393a204966204920636f756c64206f6666657220796f75206f"
     "6e6c79206f6e652074697020666f7220746865206675747572652c2073756e73"
     "637265656e20776f756c642062652069742e",
     "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
     "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
     "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
     "3ff4def08e4b7a9de576d26586cec64b6116",
     "1ae10b594f09e26a7e902ecbd0600691"},
};

TEST(CryptoAead, PublishedVectorsSeal) {
  for (const AeadVector& v : kVectors) {
    Bytes sealed = aead_seal(v.aead, h(v.key), h(v.nonce), h(v.aad), h(v.plaintext));
    EXPECT_EQ(to_hex(sealed), to_hex(concat(h(v.ciphertext), h(v.tag)))) << v.name;
  }
}

TEST(CryptoAead, PublishedVectorsOpen) {
  for (const AeadVector& v : kVectors) {
    auto opened = aead_open(v.aead, h(v.key), h(v.nonce), h(v.aad),
                            concat(h(v.ciphertext), h(v.tag)));
    ASSERT_TRUE(opened) << v.name;
    EXPECT_EQ(to_hex(*opened), to_hex(h(v.plaintext))) << v.name;
  }
}

TEST(CryptoAead, TamperedInputsRefused) {
  for (const AeadVector& v : kVectors) {
    Bytes sealed = concat(h(v.ciphertext), h(v.tag));
    Bytes bad_tag = sealed;
    bad_tag.back() ^= 0x01;
    EXPECT_FALSE(aead_open(v.aead, h(v.key), h(v.nonce), h(v.aad), bad_tag)) << v.name;

    if (!v.ciphertext.empty()) {
      Bytes bad_ct = sealed;
      bad_ct[0] ^= 0x80;
      EXPECT_FALSE(aead_open(v.aead, h(v.key), h(v.nonce), h(v.aad), bad_ct)) << v.name;
    }

    Bytes bad_aad = h(v.aad);
    bad_aad.push_back(0x00);
    EXPECT_FALSE(aead_open(v.aead, h(v.key), h(v.nonce), bad_aad, sealed)) << v.name;

    Bytes bad_nonce = h(v.nonce);
    bad_nonce[11] ^= 0x01;
    EXPECT_FALSE(aead_open(v.aead, h(v.key), bad_nonce, h(v.aad), sealed)) << v.name;

    Bytes short_input(sealed.end() - static_cast<long>(kAeadTagLen) + 1, sealed.end());
    EXPECT_FALSE(aead_open(v.aead, h(v.key), h(v.nonce), h(v.aad), short_input)) << v.name;
  }
}

// ---- TLS 1.2 record protection ---------------------------------------------------------

constexpr std::uint8_t kApplicationData = 23;
constexpr std::uint8_t kHandshake = 22;
constexpr std::uint16_t kTls12 = 0x0303;

Bytes be64(std::uint64_t v) {
  Bytes out(8);
  for (std::size_t i = 8; i-- > 0; v >>= 8) out[i] = static_cast<std::uint8_t>(v);
  return out;
}

// RFC 5246 §6.2.3.3: additional_data = seq_num + TLSCompressed.type + TLSCompressed.version
// + TLSCompressed.length.
Bytes additional_data(std::uint64_t seq, std::uint8_t type, std::uint16_t version,
                      std::size_t length) {
  Bytes ad = be64(seq);
  ad.push_back(type);
  ad.push_back(static_cast<std::uint8_t>(version >> 8));
  ad.push_back(static_cast<std::uint8_t>(version));
  ad.push_back(static_cast<std::uint8_t>(length >> 8));
  ad.push_back(static_cast<std::uint8_t>(length));
  return ad;
}

Bytes pattern(std::size_t len, std::uint8_t seed) {
  Bytes out(len);
  for (std::size_t i = 0; i < len; ++i) out[i] = static_cast<std::uint8_t>(seed + 7 * i);
  return out;
}

const SuiteInfo& suite(std::uint16_t id) {
  const SuiteInfo* s = find_suite(id);
  EXPECT_NE(s, nullptr) << id;
  return *s;
}

constexpr std::uint16_t kGcm128 = 0xc02f;    // TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
constexpr std::uint16_t kGcm256 = 0xc030;    // TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
constexpr std::uint16_t kChaCha = 0xcca8;    // TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256

// The sequence numbers checked: the first records, and one past a byte boundary so that a
// wrongly ordered or wrongly placed sequence number shows.
constexpr std::uint64_t kCheckedSeqs[] = {0, 1, 2, 0x102};

// RFC 5288 §3: GCMNonce = salt (the 4-byte write IV) || nonce_explicit (8 bytes, carried in
// the record). The wrapper uses the sequence number as nonce_explicit, as RFC 5288 §3
// suggests; the fragment is nonce_explicit || ciphertext || tag.
TEST(RecordProtection, GcmNonceIsSaltAndExplicitSequence) {
  for (std::uint16_t id : {kGcm128, kGcm256}) {
    const SuiteInfo& s = suite(id);
    Bytes key = pattern(s.key_len, 0x11);
    Bytes salt = pattern(s.fixed_iv_len, 0xa0);
    RecordProtection writer(s, key, salt);
    EXPECT_EQ(writer.explicit_nonce_len(), 8u);
    EXPECT_EQ(writer.overhead(), 8u + kAeadTagLen);
    for (std::uint64_t seq = 0; seq <= kCheckedSeqs[std::size(kCheckedSeqs) - 1]; ++seq) {
      Bytes plain = pattern(seq % 40, static_cast<std::uint8_t>(seq));
      ASSERT_EQ(writer.sequence(), seq);
      Bytes fragment = writer.seal(kApplicationData, kTls12, plain);
      if (std::find(std::begin(kCheckedSeqs), std::end(kCheckedSeqs), seq) ==
          std::end(kCheckedSeqs))
        continue;
      Bytes ad = additional_data(seq, kApplicationData, kTls12, plain.size());
      Bytes nonce = concat(salt, be64(seq));
      Bytes expected = concat(be64(seq), aead_seal(s.aead, key, nonce, ad, plain));
      EXPECT_EQ(to_hex(fragment), to_hex(expected)) << s.name << " seq " << seq;
    }
  }
}

// RFC 7905 §2: the 64-bit record sequence number is serialized big-endian, left-padded with
// four zero bytes, and XORed with the 12-byte write IV; no explicit nonce is sent.
TEST(RecordProtection, ChaChaNonceIsIvXorSequence) {
  const SuiteInfo& s = suite(kChaCha);
  Bytes key = pattern(s.key_len, 0x33);
  Bytes iv = pattern(s.fixed_iv_len, 0xc5);
  RecordProtection writer(s, key, iv);
  EXPECT_EQ(writer.explicit_nonce_len(), 0u);
  EXPECT_EQ(writer.overhead(), kAeadTagLen);
  for (std::uint64_t seq = 0; seq <= kCheckedSeqs[std::size(kCheckedSeqs) - 1]; ++seq) {
    Bytes plain = pattern(seq % 40, static_cast<std::uint8_t>(seq));
    ASSERT_EQ(writer.sequence(), seq);
    Bytes fragment = writer.seal(kApplicationData, kTls12, plain);
    if (std::find(std::begin(kCheckedSeqs), std::end(kCheckedSeqs), seq) == std::end(kCheckedSeqs))
      continue;
    Bytes nonce = iv;
    Bytes padded_seq = concat(Bytes(4, 0), be64(seq));
    for (std::size_t i = 0; i < 12; ++i) nonce[i] ^= padded_seq[i];
    Bytes ad = additional_data(seq, kApplicationData, kTls12, plain.size());
    Bytes expected = aead_seal(s.aead, key, nonce, ad, plain);
    EXPECT_EQ(to_hex(fragment), to_hex(expected)) << "seq " << seq;
  }
}

class RecordProtectionSuites : public ::testing::TestWithParam<std::uint16_t> {
 protected:
  const SuiteInfo& s = suite(GetParam());
  Bytes key = pattern(s.key_len, 0x5a);
  Bytes iv = pattern(s.fixed_iv_len, 0x3c);
  RecordProtection writer{s, key, iv};
  RecordProtection reader{s, key, iv};
};

TEST_P(RecordProtectionSuites, RoundTripAcrossSequenceNumbers) {
  for (std::size_t len : {0u, 1u, 15u, 16u, 17u, 300u, 16384u}) {
    Bytes plain = pattern(len, static_cast<std::uint8_t>(len));
    Bytes fragment = writer.seal(kApplicationData, kTls12, plain);
    EXPECT_EQ(fragment.size(), plain.size() + writer.overhead());
    auto opened = reader.open(kApplicationData, kTls12, fragment);
    ASSERT_TRUE(opened) << "length " << len;
    EXPECT_EQ(*opened, plain);
  }
  EXPECT_EQ(writer.sequence(), 7u);
  EXPECT_EQ(reader.sequence(), 7u);
}

TEST_P(RecordProtectionSuites, OutOfOrderRecordRefused) {
  Bytes first = writer.seal(kApplicationData, kTls12, as_bytes("first"));
  Bytes second = writer.seal(kApplicationData, kTls12, as_bytes("second"));
  EXPECT_FALSE(reader.open(kApplicationData, kTls12, second));  // expects sequence 0
  EXPECT_EQ(reader.sequence(), 0u);                              // a failure does not advance
  EXPECT_TRUE(reader.open(kApplicationData, kTls12, first));
  EXPECT_FALSE(reader.open(kApplicationData, kTls12, first));   // a replay
  EXPECT_TRUE(reader.open(kApplicationData, kTls12, second));
}

TEST_P(RecordProtectionSuites, WrongTypeOrVersionRefused) {
  Bytes fragment = writer.seal(kApplicationData, kTls12, as_bytes("GET / HTTP/1.1\r\n"));
  EXPECT_FALSE(reader.open(kHandshake, kTls12, fragment));
  EXPECT_FALSE(reader.open(kApplicationData, 0x0302, fragment));
  EXPECT_TRUE(reader.open(kApplicationData, kTls12, fragment));
}

TEST_P(RecordProtectionSuites, TamperedFragmentRefused) {
  Bytes fragment = writer.seal(kApplicationData, kTls12, as_bytes("attack at dawn"));
  for (std::size_t i = 0; i < fragment.size(); ++i) {
    Bytes bad = fragment;
    bad[i] ^= 0x01;
    EXPECT_FALSE(reader.open(kApplicationData, kTls12, bad)) << "byte " << i;
  }
  Bytes truncated(fragment.begin(), fragment.end() - 1);
  EXPECT_FALSE(reader.open(kApplicationData, kTls12, truncated));
  Bytes too_short(fragment.begin(), fragment.begin() + static_cast<long>(reader.overhead()) - 1);
  EXPECT_FALSE(reader.open(kApplicationData, kTls12, too_short));
  EXPECT_FALSE(reader.open(kApplicationData, kTls12, Bytes{}));
  EXPECT_TRUE(reader.open(kApplicationData, kTls12, fragment));
}

TEST_P(RecordProtectionSuites, OtherKeyRefused) {
  Bytes fragment = writer.seal(kApplicationData, kTls12, as_bytes("hello"));
  Bytes other_key = key;
  other_key[0] ^= 0x01;
  RecordProtection stranger(s, other_key, iv);
  EXPECT_FALSE(stranger.open(kApplicationData, kTls12, fragment));
  Bytes other_iv = iv;
  other_iv[0] ^= 0x01;
  RecordProtection wrong_iv(s, key, other_iv);
  EXPECT_FALSE(wrong_iv.open(kApplicationData, kTls12, fragment));
}

INSTANTIATE_TEST_SUITE_P(AllSuites, RecordProtectionSuites,
                         ::testing::Values(kGcm128, kGcm256, kChaCha),
                         [](const ::testing::TestParamInfo<std::uint16_t>& param) {
                           return std::string(param.param == kChaCha   ? "chacha20_poly1305"
                                              : param.param == kGcm128 ? "aes128_gcm"
                                                                       : "aes256_gcm");
                         });

}  // namespace
}  // namespace tlsscope
