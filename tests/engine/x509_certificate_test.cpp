// x509/certificate: what parse_certificate reads out of real certificates — the test PKI of
// tests/pki/make-pki.sh, whose names, dates, keys and extensions are written in that script —
// and that a certificate whose DER lies about its lengths, or carries bytes after itself, is
// refused rather than read past. (The name check against these names, a wrong IP refused
// included, is x509/chain's: x509_chain_test.cpp.)
#include <gtest/gtest.h>

#include <bearssl.h>

#include "support/test_pki.hpp"
#include "x509/certificate.hpp"
#include "x509/pem.hpp"

namespace tlsscope {
namespace {

Certificate one(const std::string& name) {
  auto certs = test::pki_certs({name});
  EXPECT_EQ(certs.size(), 1u) << name;
  return certs.empty() ? Certificate{} : certs.front();
}

Bytes der_of(const std::string& name) {
  auto ders = pem_objects(test::pki_text(name + ".pem"), "CERTIFICATE");
  EXPECT_EQ(ders.size(), 1u) << name;
  return ders.empty() ? Bytes{} : ders.front();
}

// make-pki.sh: issue rsa-leaf rsa rsa-int leaf_rsa localhost, with
// subjectAltName = DNS:localhost, IP:127.0.0.1 and extendedKeyUsage = serverAuth.
TEST(X509Certificate, AnRsaLeafReadsAsTheScriptMadeIt) {
  Certificate c = one("rsa-leaf");
  EXPECT_EQ(c.subject, "O=tlsscope test, CN=localhost");
  EXPECT_EQ(c.issuer, "O=tlsscope test, CN=tlsscope test RSA intermediate");
  EXPECT_FALSE(c.self_issued());
  EXPECT_FALSE(c.is_ca);
  EXPECT_EQ(c.dns_names, std::vector<std::string>{"localhost"});
  EXPECT_EQ(c.ip_addresses, std::vector<std::string>{"127.0.0.1"});
  ASSERT_TRUE(c.extended_key_usages.has_value());
  EXPECT_EQ(*c.extended_key_usages, std::vector<std::string>{"1.3.6.1.5.5.7.3.1"});  // serverAuth
  EXPECT_EQ(c.signature_algorithm, "sha256WithRSAEncryption");
  ASSERT_TRUE(c.signature_kind.has_value());
  EXPECT_EQ(*c.signature_kind, SigKind::rsa_pkcs1);
  EXPECT_EQ(c.signature_hash, Hash::sha256);
  EXPECT_EQ(c.key.type, PublicKey::Type::rsa);
  EXPECT_EQ(c.key.bits(), 2048u);
  EXPECT_EQ(c.key.n.size(), 256u) << "the DER INTEGER's sign byte is stripped";
  EXPECT_EQ(to_hex(c.key.e), "010001");  // OpenSSL's default public exponent, 65537
  EXPECT_EQ(c.signature.size(), 256u);   // signed by rsa-int's 2048-bit key
  EXPECT_EQ(c.der, der_of("rsa-leaf"));
  EXPECT_LT(c.tbs.size(), c.der.size());
  EXPECT_EQ(c.tbs[0], 0x30) << "the tbsCertificate SEQUENCE, tag included";
}

// The tbsCertificate bytes are what the issuer signed: rsa-int's key accepts them.
TEST(X509Certificate, TheTbsBytesAreWhatTheIssuerSigned) {
  Certificate leaf = one("rsa-leaf"), issuer = one("rsa-int");
  EXPECT_EQ(leaf.issuer_dn, issuer.subject_dn);
  EXPECT_TRUE(verify_signature(SigKind::rsa_pkcs1, Hash::sha256, issuer.key, leaf.tbs, leaf.signature));
  Bytes other = leaf.tbs;
  other.back() ^= 1;
  EXPECT_FALSE(verify_signature(SigKind::rsa_pkcs1, Hash::sha256, issuer.key, other, leaf.signature));
}

TEST(X509Certificate, CasAndRootsAreMarked) {
  Certificate root = one("rsa-root"), inter = one("rsa-int");
  EXPECT_TRUE(root.is_ca);
  EXPECT_TRUE(root.self_issued());
  EXPECT_EQ(root.subject, "O=tlsscope test, CN=tlsscope test RSA root");
  EXPECT_TRUE(inter.is_ca);
  EXPECT_FALSE(inter.self_issued());
  EXPECT_FALSE(inter.extended_key_usages.has_value()) << "no extendedKeyUsage: every purpose";
  EXPECT_TRUE(inter.dns_names.empty());
  EXPECT_TRUE(inter.ip_addresses.empty());
}

// -startdate 20000101000000Z -enddate 20010101000000Z and 2090..2091: UTCTime for the first
// (RFC 5280 §4.1.2.5: years before 2050), GeneralizedTime for the second.
TEST(X509Certificate, ValidityDatesInBothTimeEncodings) {
  Certificate expired = one("expired-leaf"), notyet = one("notyet-leaf");
  EXPECT_EQ(expired.not_before, 946684800);   // 2000-01-01T00:00:00Z
  EXPECT_EQ(expired.not_after, 978307200);    // 2001-01-01T00:00:00Z
  EXPECT_EQ(notyet.not_before, 3786912000);   // 2090-01-01T00:00:00Z
  EXPECT_EQ(notyet.not_after, 3818448000);    // 2091-01-01T00:00:00Z
  Certificate fresh = one("rsa-leaf");
  EXPECT_LE(fresh.not_before, test::now());
  EXPECT_GT(fresh.not_after, test::now());
}

TEST(X509Certificate, EcKeysKeepTheirCurveAndPoint) {
  Certificate p256 = one("ec256-leaf"), p384 = one("ec384-leaf");
  EXPECT_EQ(p256.key.type, PublicKey::Type::ec);
  EXPECT_EQ(p256.key.curve, BR_EC_secp256r1);
  ASSERT_EQ(p256.key.q.size(), 65u);  // 04 || X || Y
  EXPECT_EQ(p256.key.q[0], 0x04);
  EXPECT_EQ(p384.key.curve, BR_EC_secp384r1);
  EXPECT_EQ(p384.key.q.size(), 97u);
  // Both are signed by ec-int's P-256 key.
  EXPECT_EQ(p256.signature_algorithm, "ecdsa-with-SHA256");
  EXPECT_EQ(*p256.signature_kind, SigKind::ecdsa);
}

TEST(X509Certificate, OtherLeavesOfTheScript) {
  EXPECT_EQ(one("weakrsa-leaf").key.bits(), 1024u);
  Certificate sha1 = one("sha1-leaf");
  EXPECT_EQ(sha1.signature_algorithm, "sha1WithRSAEncryption");
  EXPECT_EQ(sha1.signature_hash, Hash::sha1);
  Certificate wrong = one("wrongname-leaf");
  EXPECT_EQ(wrong.dns_names, std::vector<std::string>{"wrong.example"});
  EXPECT_TRUE(wrong.ip_addresses.empty());
  EXPECT_EQ(*one("clientauth-leaf").extended_key_usages,
            std::vector<std::string>{"1.3.6.1.5.5.7.3.2"});  // clientAuth
  EXPECT_FALSE(one("noeku-leaf").extended_key_usages.has_value());
  EXPECT_EQ(*one("anypurpose-leaf").extended_key_usages,
            std::vector<std::string>{"2.5.29.37.0"});  // anyExtendedKeyUsage
}

TEST(X509Certificate, TheSummaryNamesTheKeyInBothLanguages) {
  nlohmann::json s = one("rsa-leaf").summary();
  EXPECT_EQ(s["subject"], "O=tlsscope test, CN=localhost");
  EXPECT_EQ(s["key"], "RSA 2048 bits");
  EXPECT_EQ(s["key_zh"], "RSA 2048 位");
  EXPECT_EQ(s["ip_addresses"], nlohmann::json::array({"127.0.0.1"}));
  EXPECT_EQ(s["is_ca"], false);
  EXPECT_EQ(one("expired-leaf").summary()["not_after"].get<std::string>().substr(0, 10), "2001-01-01");
}

// One spelling per address, so a SAN compares with a host as a string: dotted quad for
// IPv4, eight unpadded hex groups for IPv6 (no "::" compression).
TEST(X509Certificate, IpAddressesAreSpelledOneWay) {
  const std::uint8_t v4[4] = {127, 0, 0, 1};
  EXPECT_EQ(ip_text(v4), "127.0.0.1");
  const std::uint8_t v4b[4] = {127, 0, 0, 2};
  EXPECT_EQ(ip_text(v4b), "127.0.0.2");
  const std::uint8_t v4c[4] = {255, 0, 10, 200};
  EXPECT_EQ(ip_text(v4c), "255.0.10.200");
  std::uint8_t v6[16] = {0x20, 0x01, 0x0d, 0xb8};
  v6[15] = 1;
  EXPECT_EQ(ip_text(v6), "2001:db8:0:0:0:0:0:1");
  std::uint8_t loopback[16] = {};
  loopback[15] = 1;
  EXPECT_EQ(ip_text(loopback), "0:0:0:0:0:0:0:1");
  // ::ffff:127.0.0.1 is an IPv6 address, not 127.0.0.1.
  std::uint8_t mapped[16] = {};
  mapped[10] = mapped[11] = 0xff;
  mapped[12] = 127;
  mapped[15] = 1;
  EXPECT_EQ(ip_text(mapped), "0:0:0:0:0:ffff:7f00:1");
}

TEST(X509Certificate, EveryTruncationIsRefused) {
  const Bytes der = der_of("rsa-leaf");
  ASSERT_TRUE(parse_certificate(der).has_value());
  for (std::size_t n = 0; n < der.size(); ++n)
    EXPECT_FALSE(parse_certificate(ByteView(der).first(n)).has_value()) << n << " bytes";
}

TEST(X509Certificate, BytesAfterTheCertificateAreRefused) {
  Bytes der = der_of("rsa-leaf");
  der.push_back(0);
  EXPECT_FALSE(parse_certificate(der).has_value());
}

// The outer SEQUENCE is 30 82 LL LL: a length one more or one less than the bytes there.
TEST(X509Certificate, AnOuterLengthThatLiesIsRefused) {
  const Bytes der = der_of("rsa-leaf");
  ASSERT_EQ(der[0], 0x30);
  ASSERT_EQ(der[1], 0x82);
  ASSERT_EQ(static_cast<std::size_t>(der[2] << 8 | der[3]) + 4, der.size());
  for (int delta : {-1, +1}) {
    Bytes lying = der;
    const int len = (der[2] << 8 | der[3]) + delta;
    lying[2] = static_cast<std::uint8_t>(len >> 8);
    lying[3] = static_cast<std::uint8_t>(len);
    EXPECT_FALSE(parse_certificate(lying).has_value()) << delta;
  }
}

// The signature BIT STRING's first content byte counts unused bits; a signature has none.
TEST(X509Certificate, ASignatureWithUnusedBitsIsRefused) {
  Certificate c = one("rsa-leaf");
  Bytes der = c.der;
  const std::size_t unused_bits = der.size() - c.signature.size() - 1;
  ASSERT_EQ(der[unused_bits], 0);
  ASSERT_EQ(der[unused_bits - 4], 0x03);  // BIT STRING, 82 01 01: 257 bytes
  der[unused_bits] = 1;
  EXPECT_FALSE(parse_certificate(der).has_value());
}

TEST(X509Certificate, NotACertificateIsRefused) {
  EXPECT_FALSE(parse_certificate({}).has_value());
  const std::uint8_t empty_sequence[2] = {0x30, 0x00};
  EXPECT_FALSE(parse_certificate(empty_sequence).has_value());
  const std::uint8_t huge_length[6] = {0x30, 0x84, 0xff, 0xff, 0xff, 0xff};
  EXPECT_FALSE(parse_certificate(huge_length).has_value());
}

}  // namespace
}  // namespace tlsscope
