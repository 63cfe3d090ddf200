// tables/suites: the cipher suites against the IANA "TLS Cipher Suites" registry (RFC 5289,
// RFC 7905, RFC 8446 §B.4), with the key and IV sizes their RFCs give: AES-128 16-byte keys,
// AES-256 and ChaCha20 32; TLS 1.2 GCM a 4-byte salt and an 8-byte explicit nonce (RFC 5288 §3),
// TLS 1.2 ChaCha20 a 12-byte IV and no explicit nonce (RFC 7905 §2), TLS 1.3 a 12-byte IV
// (RFC 8446 §5.3). (The decomposition of each name is checked in tables_notes_test.cpp.)
#include <gtest/gtest.h>

#include "tables/suites.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope {
namespace {

TEST(TablesSuites, ImplementedSuitesAreIanasWithTheirSizes) {
  struct Expected {
    std::uint16_t id;
    const char* name;
    int key_len, fixed_iv_len, record_iv_len;
    Hash hash;
    bool tls13;
  };
  const Expected expected[] = {
      {0x1301, "TLS_AES_128_GCM_SHA256", 16, 12, 0, Hash::sha256, true},
      {0x1302, "TLS_AES_256_GCM_SHA384", 32, 12, 0, Hash::sha384, true},
      {0x1303, "TLS_CHACHA20_POLY1305_SHA256", 32, 12, 0, Hash::sha256, true},
      {0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", 16, 4, 8, Hash::sha256, false},
      {0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", 32, 4, 8, Hash::sha384, false},
      {0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 16, 4, 8, Hash::sha256, false},
      {0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", 32, 4, 8, Hash::sha384, false},
      {0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 32, 12, 0, Hash::sha256, false},
      {0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", 32, 12, 0, Hash::sha256, false},
  };
  EXPECT_EQ(supported_suites().size(), std::size(expected));
  for (const Expected& e : expected) {
    const SuiteInfo* s = find_suite(e.id);
    ASSERT_NE(s, nullptr) << e.name;
    EXPECT_EQ(s->name, e.name);
    EXPECT_EQ(s->key_len, e.key_len) << e.name;
    EXPECT_EQ(s->fixed_iv_len, e.fixed_iv_len) << e.name;
    EXPECT_EQ(s->record_iv_len, e.record_iv_len) << e.name;
    EXPECT_EQ(s->prf_hash, e.hash) << e.name;
    EXPECT_EQ(s->tls13, e.tls13) << e.name;
    EXPECT_EQ(cipher_suite_name(e.id), e.name);
    EXPECT_EQ(cipher_suite_by_name(e.name), e.id);
  }
}

TEST(TablesSuites, OtherSuitesAreNamedButNotImplemented) {
  const std::pair<std::uint16_t, const char*> named[] = {
      {0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256"},
      {0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA"},
      {0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"},
      {0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"},
      {0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"}};
  for (auto [id, name] : named) {
    EXPECT_EQ(cipher_suite_name(id), name);
    EXPECT_EQ(find_suite(id), nullptr) << name;
    EXPECT_FALSE(cipher_suite_by_name(name).has_value()) << name << " cannot be offered";
  }
  EXPECT_EQ(cipher_suite_name(0x1304), "unknown (0x1304)");  // TLS_AES_128_CCM_SHA256
}

TEST(TablesSuites, HashLengthsAndNames) {
  EXPECT_EQ(hash_len(Hash::sha1), 20u);
  EXPECT_EQ(hash_len(Hash::sha256), 32u);
  EXPECT_EQ(hash_len(Hash::sha384), 48u);
  EXPECT_EQ(hash_len(Hash::sha512), 64u);
  EXPECT_EQ(hash_name(Hash::sha384), "SHA-384");
  EXPECT_EQ(aead_name(Aead::chacha20_poly1305), "ChaCha20-Poly1305");
  EXPECT_EQ(auth_name(Auth::ecdsa), "ECDSA");
}

}  // namespace
}  // namespace tlsscope
