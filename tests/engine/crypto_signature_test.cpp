// Known answers for verify_signature() (crypto/signature.hpp): ECDSA P-256 from RFC 6979 and
// RSA PKCS#1 v1.5 from Project Wycheproof.
#include <gtest/gtest.h>

#include <string_view>

#include "support/hex.hpp"
#include "crypto/signature.hpp"
#include "tables/groups.hpp"

namespace tlsscope {
namespace {

using test::h;

// DER INTEGER (X.690 §8.3): minimal big-endian two's complement, so a leading 0x00 when the
// top bit is set. Short-form lengths only, which is all a P-256 signature needs.
Bytes der_integer(ByteView value) {
  std::size_t skip = 0;
  while (skip + 1 < value.size() && value[skip] == 0) ++skip;
  Bytes content(value.begin() + static_cast<long>(skip), value.end());
  if (content.empty() || content[0] & 0x80) content.insert(content.begin(), 0x00);
  Bytes out{0x02, static_cast<std::uint8_t>(content.size())};
  out.insert(out.end(), content.begin(), content.end());
  return out;
}

// Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (RFC 3279 §2.2.3, RFC 8422 §5.4).
Bytes der_ecdsa_signature(ByteView r, ByteView s) {
  Bytes body = der_integer(r);
  Bytes s_der = der_integer(s);
  body.insert(body.end(), s_der.begin(), s_der.end());
  Bytes out{0x30, static_cast<std::uint8_t>(body.size())};
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

TEST(DerHelper, EncodesAsX690Requires) {
  EXPECT_EQ(to_hex(der_integer(h("7f"))), "02017f");
  EXPECT_EQ(to_hex(der_integer(h("80"))), "02020080");
  EXPECT_EQ(to_hex(der_integer(h("000001"))), "020101");
  EXPECT_EQ(to_hex(der_integer(h("00"))), "020100");
}

// ---- ECDSA P-256 / SHA-256 -------------------------------------------------------------

// RFC 6979 Appendix A.2.5: the P-256 key pair (public point Ux, Uy) and the deterministic
// signatures with SHA-256 of the messages "sample" and "test".
PublicKey rfc6979_p256_key() {
  PublicKey key;
  key.type = PublicKey::Type::ec;
  key.curve = find_group(0x0017)->br_curve;
  key.q = h("04"
            "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6"
            "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299");
  return key;
}

Bytes rfc6979_sample_signature() {
  return der_ecdsa_signature(h("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716"),
                             h("F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"));
}

// s starts 0x01: a shorter DER INTEGER, while r needs the 0x00 pad.
Bytes rfc6979_test_signature() {
  return der_ecdsa_signature(h("F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367"),
                             h("019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083"));
}

TEST(CryptoSignature, EcdsaP256Rfc6979Verifies) {
  PublicKey key = rfc6979_p256_key();
  EXPECT_TRUE(verify_signature(SigKind::ecdsa, Hash::sha256, key, as_bytes("sample"),
                               rfc6979_sample_signature()));
  EXPECT_TRUE(verify_signature(SigKind::ecdsa, Hash::sha256, key, as_bytes("test"),
                               rfc6979_test_signature()));
}

TEST(CryptoSignature, EcdsaP256Rejections) {
  PublicKey key = rfc6979_p256_key();
  Bytes sig = rfc6979_sample_signature();

  for (std::size_t i = 0; i < sig.size(); ++i) {
    Bytes flipped = sig;
    flipped[i] ^= 0x01;
    EXPECT_FALSE(verify_signature(SigKind::ecdsa, Hash::sha256, key, as_bytes("sample"), flipped))
        << "byte " << i;
  }
  EXPECT_FALSE(verify_signature(SigKind::ecdsa, Hash::sha256, key, as_bytes("samplf"), sig));
  EXPECT_FALSE(verify_signature(SigKind::ecdsa, Hash::sha256, key, as_bytes("test"), sig));
  EXPECT_FALSE(verify_signature(SigKind::ecdsa, Hash::sha384, key, as_bytes("sample"), sig));
  EXPECT_FALSE(verify_signature(SigKind::rsa_pkcs1, Hash::sha256, key, as_bytes("sample"), sig));
  Bytes truncated(sig.begin(), sig.end() - 1);
  EXPECT_FALSE(verify_signature(SigKind::ecdsa, Hash::sha256, key, as_bytes("sample"), truncated));
  EXPECT_FALSE(verify_signature(SigKind::ecdsa, Hash::sha256, key, as_bytes("sample"), Bytes{}));

  PublicKey other = key;
  other.q.back() ^= 0x01;  // no longer on the curve
  EXPECT_FALSE(verify_signature(SigKind::ecdsa, Hash::sha256, other, as_bytes("sample"), sig));
}

// ---- RSA PKCS#1 v1.5 / SHA-256 ---------------------------------------------------------

// Project Wycheproof, testvectors/rsa_signature_2048_sha256_test.json (C2SP/wycheproof),
// first test group: n (as published, with its DER sign byte), e = 65537.
PublicKey wycheproof_rsa2048_key() {
  PublicKey key;
  key.type = PublicKey::Type::rsa;
  key.n = h(
      "00a2b451a07d0aa5f96e455671513550514a8a5b462ebef717094fa1fee82224e637f9746d3f7cafd31878d8"
      "0325b6ef5a1700f65903b469429e89d6eac8845097b5ab393189db92512ed8a7711a1253facd20f79c15e824"
      "7f3d3e42e46e48c98e254a2fe9765313a03eff8f17e1a029397a1fa26a8dce26f490ed81299615d9814c22da"
      "610428e09c7d9658594266f5c021d0fceca08d945a12be82de4d1ece6b4c03145b5d3495d4ed5411eb878daf"
      "05fd7afc3e09ada0f1126422f590975a1969816f48698bcbba1b4d9cae79d460d8f9f85e7975005d9bc22c4e"
      "5ac0f7c1a45d12569a62807d3b9a02e5a530e773066f453d1f5b4c2e9cf7820283f742b9d5");
  key.e = h("010001");
  return key;
}

// Wycheproof tcId 1: empty message, result "valid".
constexpr std::string_view kWycheproofSig1 =
    "840f5dac53106dd1f9c57219224cf51289290c42f20466875ba8e830ac5690e541536fcc8ab03b731f82bf66d83f"
    "194e7e180b3963ec7a2f3f7904a7ce49aed47da4d4b79421eaf937d301b3e696169297b797c32c076a12be4de0b5"
    "8e003c5123051a84a10c62f8dac2f42a8640008eb3c7cccd6760ff5b51b689763922582845f048fb8150e5a7a6ca"
    "2eccc7bdc85349ad5b26c52137a79fa3fe5c29ab5cd7615013219c1941b6708e9c3c23feff5febaf0c8ebca5750b"
    "54e3e6e99a3e876b396f27860b7f3ec4e9191703c6332d944f6f69751167680c79c4f6b57f1cc8755d24b6ec158c"
    "cdbacdb23107a33cb6b332516c13274d1f9dccc21dced869e486";

// Wycheproof tcId 3: message "Test" (54657374), result "valid".
constexpr std::string_view kWycheproofSig3 =
    "264491e844c119f14e425c03282139a558dcdaeb82a4628173cd407fd319f9076eaebc0dd87a1c22e4d178390968"
    "86d58a9d5b7f7aeb63efec56c45ac7bead4203b6886e1faa90e028ec0ae094d46bf3f97efdd19045cfbc25a1abda"
    "2432639f9876405c0d68f8edbf047c12a454f7681d5d5a2b54bd3723d193dbad4338baad753264006e2d08931c4b"
    "8bb79aa1c9cad10eb6605f87c5831f6e2b08e002f9c6f21141f5841d92727dd3e1d99c36bc560da3c9067df99fca"
    "f818941f72588be33032bad22caf6704223bb114d575b6d02d9d222b580005d930e8f40cce9f672eebb634a20177"
    "d84351627964b83f2053d736a84ab1a005f63bd5ba943de6205c";

TEST(CryptoSignature, RsaPkcs1Sha256WycheproofVerifies) {
  PublicKey key = wycheproof_rsa2048_key();
  EXPECT_EQ(key.bits(), 2048u);
  EXPECT_TRUE(verify_signature(SigKind::rsa_pkcs1, Hash::sha256, key, Bytes{}, h(kWycheproofSig1)));
  EXPECT_TRUE(verify_signature(SigKind::rsa_pkcs1, Hash::sha256, key, as_bytes("Test"),
                               h(kWycheproofSig3)));
}

TEST(CryptoSignature, RsaPkcs1Sha256Rejections) {
  PublicKey key = wycheproof_rsa2048_key();
  Bytes sig = h(kWycheproofSig3);
  EXPECT_FALSE(verify_signature(SigKind::rsa_pkcs1, Hash::sha256, key, as_bytes("Tesu"), sig));
  EXPECT_FALSE(verify_signature(SigKind::rsa_pkcs1, Hash::sha256, key, as_bytes("Test "), sig));
  EXPECT_FALSE(verify_signature(SigKind::rsa_pkcs1, Hash::sha256, key, Bytes{}, sig));
  EXPECT_FALSE(verify_signature(SigKind::rsa_pkcs1, Hash::sha384, key, as_bytes("Test"), sig));
  EXPECT_FALSE(verify_signature(SigKind::ecdsa, Hash::sha256, key, as_bytes("Test"), sig));

  Bytes flipped = sig;
  flipped[100] ^= 0x01;
  EXPECT_FALSE(verify_signature(SigKind::rsa_pkcs1, Hash::sha256, key, as_bytes("Test"), flipped));
  Bytes truncated(sig.begin() + 1, sig.end());
  EXPECT_FALSE(
      verify_signature(SigKind::rsa_pkcs1, Hash::sha256, key, as_bytes("Test"), truncated));
  EXPECT_FALSE(verify_signature(SigKind::rsa_pkcs1, Hash::sha256, key, as_bytes("Test"), Bytes{}));

  PublicKey other = key;
  other.n.back() ^= 0x02;
  EXPECT_FALSE(verify_signature(SigKind::rsa_pkcs1, Hash::sha256, other, as_bytes("Test"), sig));
}

TEST(CryptoSignature, NoKeyVerifiesNothing) {
  PublicKey none;
  EXPECT_FALSE(verify_signature(SigKind::ecdsa, Hash::sha256, none, as_bytes("sample"),
                                rfc6979_sample_signature()));
  EXPECT_FALSE(verify_signature(SigKind::rsa_pkcs1, Hash::sha256, none, as_bytes("Test"),
                                h(kWycheproofSig3)));
}

}  // namespace
}  // namespace tlsscope
