// tables/signature_schemes: the schemes against the IANA "TLS SignatureScheme" registry (RFC 8446
// §4.2.3): code point, name, what kind of signature and which hash each means, and the offer
// order — RSA-PSS before PKCS#1 v1.5, which TLS 1.3 does not allow in CertificateVerify.
#include <gtest/gtest.h>

#include <algorithm>

#include "tables/signature_schemes.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope {
namespace {

TEST(TablesSignatureSchemes, VerifiedSchemesAreIanasWithTheirKindAndHash) {
  struct Expected {
    std::uint16_t id;
    const char* name;
    SigKind kind;
    Hash hash;
  };
  const Expected expected[] = {
      {0x0403, "ecdsa_secp256r1_sha256", SigKind::ecdsa, Hash::sha256},
      {0x0503, "ecdsa_secp384r1_sha384", SigKind::ecdsa, Hash::sha384},
      {0x0603, "ecdsa_secp521r1_sha512", SigKind::ecdsa, Hash::sha512},
      {0x0804, "rsa_pss_rsae_sha256", SigKind::rsa_pss, Hash::sha256},
      {0x0805, "rsa_pss_rsae_sha384", SigKind::rsa_pss, Hash::sha384},
      {0x0806, "rsa_pss_rsae_sha512", SigKind::rsa_pss, Hash::sha512},
      {0x0401, "rsa_pkcs1_sha256", SigKind::rsa_pkcs1, Hash::sha256},
      {0x0501, "rsa_pkcs1_sha384", SigKind::rsa_pkcs1, Hash::sha384},
      {0x0601, "rsa_pkcs1_sha512", SigKind::rsa_pkcs1, Hash::sha512},
  };
  EXPECT_EQ(supported_signature_schemes().size(), std::size(expected));
  for (const Expected& e : expected) {
    const SignatureSchemeInfo* s = find_signature_scheme(e.id);
    ASSERT_NE(s, nullptr) << e.name;
    EXPECT_EQ(s->name, e.name);
    EXPECT_EQ(s->kind, e.kind) << e.name;
    EXPECT_EQ(s->hash, e.hash) << e.name;
    EXPECT_EQ(signature_scheme_name(e.id), e.name);
  }
}

TEST(TablesSignatureSchemes, PssIsOfferedBeforePkcs1) {
  auto schemes = supported_signature_schemes();
  auto last_pss = std::find_if(schemes.rbegin(), schemes.rend(),
                               [](const auto& s) { return s.kind == SigKind::rsa_pss; });
  auto first_pkcs1 = std::find_if(schemes.begin(), schemes.end(),
                                  [](const auto& s) { return s.kind == SigKind::rsa_pkcs1; });
  ASSERT_NE(last_pss, schemes.rend());
  ASSERT_NE(first_pkcs1, schemes.end());
  EXPECT_LT(schemes.rend() - last_pss - 1, first_pkcs1 - schemes.begin());
}

TEST(TablesSignatureSchemes, OtherSchemesAreNamedButNotVerified) {
  const std::pair<std::uint16_t, const char*> named[] = {
      {0x0807, "ed25519"}, {0x0808, "ed448"}, {0x0809, "rsa_pss_pss_sha256"},
      {0x0201, "rsa_pkcs1_sha1"}, {0x0203, "ecdsa_sha1"}};
  for (auto [id, name] : named) {
    EXPECT_EQ(signature_scheme_name(id), name);
    EXPECT_EQ(find_signature_scheme(id), nullptr) << name;
  }
  EXPECT_EQ(signature_scheme_name(0xfefe), "unknown (0xfefe)");
}

}  // namespace
}  // namespace tlsscope
