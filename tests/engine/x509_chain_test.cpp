// Chain validation (x509/chain.hpp) in-process over the test PKI: BearSSL's verdict on the
// path that was built, the report's path and unused certificates with their notes in both
// languages, and the names — the IP-address check is the engine's own, since BearSSL matches
// DNS names only.
#include <gtest/gtest.h>

#include "support/test_pki.hpp"
#include "tlsscope/trust.hpp"
#include "x509/chain.hpp"

namespace tlsscope {
namespace {

using test::now;
using test::pki_certs;
using test::pki_text;
using nlohmann::json;

class Chain : public testing::Test {
 protected:
  ChainVerdict validate(const std::vector<std::string>& names, std::string_view host) {
    return validate_chain(pki_certs(names), anchors_, host, now());
  }
  static std::optional<ErrorCode> code_of(const ChainVerdict& v) {
    return v.error ? std::optional(v.error->code) : std::nullopt;
  }

  // Parsed once, as Config::trust_store shares it between connections.
  std::shared_ptr<const TrustStore> store_ = load_trust_store_pem(pki_text("roots.pem"));
  const TrustStore& anchors_ = *store_;
};

TEST_F(Chain, AChainSentInOrderIsTrusted) {
  auto v = validate({"rsa-leaf", "rsa-int"}, "localhost");
  EXPECT_FALSE(v.error) << v.error->detail;
  ASSERT_TRUE(v.key);
  EXPECT_EQ(v.key->key().type, PublicKey::Type::rsa);
  EXPECT_EQ(v.report["verdict"], "trusted");
  EXPECT_EQ(v.report["path"], json::array({0, 1}));
  EXPECT_FALSE(v.report["reordered"].get<bool>());
  EXPECT_FALSE(v.report.contains("note"));
  EXPECT_EQ(v.report["anchor"], "O=tlsscope test, CN=tlsscope test RSA root");
}

TEST_F(Chain, ReversedIntermediatesAreTrustedAndTheReportSaysSoInBothLanguages) {
  auto v = validate({"path-leaf", "path-int1", "path-int2"}, "localhost");
  EXPECT_FALSE(v.error) << v.error->detail;
  EXPECT_TRUE(v.key);
  EXPECT_EQ(v.report["path"], json::array({0, 2, 1}));
  EXPECT_TRUE(v.report["reordered"].get<bool>());
  EXPECT_NE(v.report.value("note", "").find("RFC 8446"), std::string::npos);
  EXPECT_NE(v.report.value("note_zh", "").find("证书"), std::string::npos);
  // Links in path order; `index` is the place in the Certificate message the page shows.
  const json& links = v.report["links"];
  ASSERT_EQ(links.size(), 3u);
  EXPECT_EQ(links[1]["index"], 2);
  EXPECT_EQ(links[2]["index"], 1);
  for (const auto& link : links)
    for (const auto& c : link["checks"]) EXPECT_TRUE(c["ok"].get<bool>()) << link.dump();
}

TEST_F(Chain, UnusedCertificatesAreListedWithWhyInBothLanguages) {
  auto v = validate({"rsa-leaf", "ec-int", "rsa-int", "rsa-root"}, "localhost");
  EXPECT_FALSE(v.error) << v.error->detail;
  EXPECT_EQ(v.report["sent"], 4);
  const json& unused = v.report["unused"];
  ASSERT_EQ(unused.size(), 2u) << v.report.dump();
  EXPECT_EQ(unused[0]["index"], 1);
  EXPECT_EQ(unused[0]["reason"], "not_on_path");
  EXPECT_EQ(unused[1]["index"], 3);
  EXPECT_EQ(unused[1]["reason"], "trusted_root");
  for (const auto& u : unused) {
    EXPECT_FALSE(u.value("note", "").empty());
    EXPECT_NE(u.value("note_zh", "").find("证书"), std::string::npos) << u.dump();
  }
  EXPECT_NE(unused[0]["note"], unused[1]["note"]) << "each reason has its own explanation";
}

// The path that was built is what BearSSL judges: a look-alike that is the only candidate
// fails on its signature, whatever the order.
TEST_F(Chain, ALookAlikeIssuerFailsOnItsSignature) {
  auto v = validate({"path-leaf", "path-int1", "path-int2-rekeyed"}, "localhost");
  EXPECT_EQ(code_of(v), ErrorCode::cert_invalid);
  EXPECT_FALSE(v.key);
  const auto& leaf_checks = v.report["links"][0]["checks"];
  bool signature_failed = false;
  for (const auto& c : leaf_checks)
    if (c["check"] == "signature") signature_failed = !c["ok"].get<bool>();
  EXPECT_TRUE(signature_failed) << leaf_checks.dump();
}

// A store made with LinkChecks::shared: a second connection's validation of the same chain
// takes the first one's link checks, and its verdict is the first one's, for a good chain and
// for one whose signature fails. Its report is the first one's but for the signature checks:
// each says, in both languages and as `remembered`, that an earlier connection made it. A per-connection store keeps none, and the first connection's report says nothing.
TEST_F(Chain, ASharedStoreGivesLaterConnectionsTheSameVerdictsAndSaysWhatItRemembered) {
  EXPECT_EQ(anchors_.link_checks(), nullptr);
  const Note kept_note = note(NoteId::chk_signature_remembered);
  // The report of an earlier connection's answers, as if computed: each "remembered" signature
  // check without that mark and its sentence. Counts them.
  auto forget = [&](json report, int& remembered) {
    for (auto& link : report["links"])
      for (auto& c : link["checks"]) {
        if (!c.contains("remembered")) continue;
        EXPECT_EQ(c["check"], "signature");
        EXPECT_TRUE(c["remembered"].get<bool>());
        auto en = c["detail"].get<std::string>(), zh = c["detail_zh"].get<std::string>();
        EXPECT_TRUE(en.ends_with(kept_note.en)) << en;
        EXPECT_TRUE(zh.ends_with(kept_note.zh)) << zh;
        c["detail"] = en.substr(0, en.size() - kept_note.en.size());
        c["detail_zh"] = zh.substr(0, zh.size() - kept_note.zh.size());
        c.erase("remembered");
        ++remembered;
      }
    return report;
  };
  // One instant for all three: a report carries the time it judged validity at, and three
  // calls of now() straddled a second under load (the reports then differed by one second).
  const auto at = now();
  for (const auto& names : {std::vector<std::string>{"path-leaf", "path-int1", "path-int2"},
                            {"path-leaf", "path-int1", "path-int2-rekeyed"},
                            {"ec256-leaf", "ec-int"}}) {
    // A store of its own: the chains share certificates, so one chain's first validation
    // would find another's answers.
    const auto shared = load_trust_store_pem(pki_text("roots.pem"), LinkChecks::shared);
    ASSERT_NE(shared->link_checks(), nullptr);
    const auto alone = validate_chain(pki_certs(names), anchors_, "localhost", at);
    const auto first = validate_chain(pki_certs(names), *shared, "localhost", at);
    const std::size_t kept = shared->link_checks()->size();
    const auto second = validate_chain(pki_certs(names), *shared, "localhost", at);
    EXPECT_EQ(shared->link_checks()->size(), kept) << names[0] << ": nothing new to check";
    int remembered_first = 0, remembered_second = 0;
    EXPECT_EQ(forget(first.report, remembered_first), alone.report) << names.back();
    EXPECT_EQ(forget(second.report, remembered_second), alone.report) << names.back();
    EXPECT_EQ(remembered_first, 0) << names.back();
    int signature_checks = 0;
    for (const auto& link : alone.report["links"])
      for (const auto& c : link["checks"]) signature_checks += c["check"] == "signature";
    EXPECT_GE(signature_checks, 2) << names.back();
    EXPECT_EQ(remembered_second, signature_checks) << names.back();
    EXPECT_GE(kept, std::size_t(signature_checks)) << names.back();
    for (const auto* v : {&first, &second}) {
      EXPECT_EQ(code_of(*v), code_of(alone)) << names.back();
      EXPECT_EQ(bool(v->key), bool(alone.key)) << names.back();
    }
  }
}

TEST_F(Chain, AMissingIntermediateIsAnUnknownAuthority) {
  auto v = validate({"path-leaf", "path-int1"}, "localhost");
  EXPECT_EQ(code_of(v), ErrorCode::cert_authority_invalid);
  EXPECT_EQ(v.report["unused"][0]["reason"], "not_on_path");
}

TEST_F(Chain, ExpiryIsJudgedOnThePathNotOnWhatWasSentBesideIt) {
  // An expired certificate sent as an extra does not make a valid path expired.
  auto v = validate({"rsa-leaf", "expired-leaf", "rsa-int"}, "localhost");
  EXPECT_FALSE(v.error) << v.error->detail;
  auto expired = validate({"expired-leaf", "rsa-int"}, "localhost");
  EXPECT_EQ(code_of(expired), ErrorCode::cert_expired);
}

TEST_F(Chain, NothingSentIsRefused) {
  auto v = validate_chain({}, anchors_, "localhost", now());
  EXPECT_EQ(code_of(v), ErrorCode::cert_invalid);
  EXPECT_EQ(v.report["verdict"], "empty chain");
}

// The names. rsa-leaf covers DNS:localhost and IP:127.0.0.1 only.
TEST_F(Chain, TheCertificatesOwnAddressIsAccepted) {
  EXPECT_FALSE(validate({"rsa-leaf", "rsa-int"}, "127.0.0.1").error);
}

TEST_F(Chain, AnotherAddressIsRefusedAsCertNameInvalid) {
  for (const char* host : {"127.0.0.2", "127.0.0.10", "10.0.0.1", "::1", "::ffff:127.0.0.1"}) {
    SCOPED_TRACE(host);
    auto v = validate({"rsa-leaf", "rsa-int"}, host);
    EXPECT_EQ(code_of(v), ErrorCode::cert_name_invalid);
    EXPECT_FALSE(v.key) << "no key without a name match";
    const json& name = v.report["links"][0]["checks"][1];
    EXPECT_EQ(name["check"], "name");
    EXPECT_FALSE(name["ok"].get<bool>()) << name.dump();
  }
}

TEST_F(Chain, AnAddressAgainstACertificateWithDnsNamesOnlyIsRefused) {
  auto v = validate({"wrongname-leaf", "rsa-int"}, "127.0.0.1");
  EXPECT_EQ(code_of(v), ErrorCode::cert_name_invalid);
}

TEST_F(Chain, ADnsNameLookingLikeAnAddressIsNotAnAddress) {
  // "127.0.0.1." (a trailing dot) and "127.1" are not IPv4 literals to inet_pton: they are
  // matched as DNS names, which rsa-leaf does not have.
  EXPECT_TRUE(is_ip_literal("127.0.0.2"));
  EXPECT_TRUE(is_ip_literal("::1"));
  EXPECT_FALSE(is_ip_literal("localhost"));
  EXPECT_FALSE(is_ip_literal("127.1"));
  EXPECT_EQ(code_of(validate({"rsa-leaf", "rsa-int"}, "127.1")), ErrorCode::cert_name_invalid);
}

TEST_F(Chain, AnotherDnsNameIsRefused) {
  EXPECT_EQ(code_of(validate({"rsa-leaf", "rsa-int"}, "example.com")),
            ErrorCode::cert_name_invalid);
  EXPECT_FALSE(validate({"rsa-leaf", "rsa-int"}, "LOCALHOST").error) << "names ignore case";
}

// extendedKeyUsage (RFC 5280 §4.2.1.12), which BearSSL ignores: the leaf must allow
// serverAuth if it lists purposes at all. The check follows key_usage on the leaf.
const json* find_check(const json& link, std::string_view name) {
  for (const auto& c : link["checks"])
    if (c["check"] == name) return &c;
  return nullptr;
}

TEST_F(Chain, ALeafForClientsOnlyIsRefusedInBothLanguages) {
  auto v = validate({"clientauth-leaf", "rsa-int"}, "localhost");
  ASSERT_TRUE(v.error);
  EXPECT_EQ(v.error->code, ErrorCode::cert_invalid);
  EXPECT_FALSE(v.key) << "no key from a leaf that may not identify a server";
  EXPECT_NE(v.error->detail.find("clientAuth"), std::string::npos) << v.error->detail;
  EXPECT_NE(v.error->detail.find("serverAuth"), std::string::npos) << v.error->detail;
  EXPECT_NE(v.error->detail_zh.find("服务器"), std::string::npos) << v.error->detail_zh;
  EXPECT_EQ(v.report["verdict"], "not for TLS servers (extendedKeyUsage)");
  const json* eku = find_check(v.report["links"][0], "extended_key_usage");
  ASSERT_TRUE(eku) << v.report.dump();
  EXPECT_FALSE((*eku)["ok"].get<bool>());
  EXPECT_NE((*eku)["detail"].get<std::string>().find("clientAuth"), std::string::npos);
  EXPECT_NE((*eku)["detail_zh"].get<std::string>().find("serverAuth"), std::string::npos);
  // The other checks of the leaf pass: only its purpose is wrong.
  const json* ku = find_check(v.report["links"][0], "key_usage");
  ASSERT_TRUE(ku);
  EXPECT_TRUE((*ku)["ok"].get<bool>());
}

TEST_F(Chain, ServerAuthOrAnyPurposeOrNoExtendedKeyUsageIsAccepted) {
  for (const char* leaf : {"rsa-leaf", "anypurpose-leaf", "noeku-leaf"}) {
    SCOPED_TRACE(leaf);
    auto v = validate({leaf, "rsa-int"}, "localhost");
    EXPECT_FALSE(v.error) << v.error->detail;
    EXPECT_TRUE(v.key);
    const json* eku = find_check(v.report["links"][0], "extended_key_usage");
    ASSERT_TRUE(eku) << v.report.dump();
    EXPECT_TRUE((*eku)["ok"].get<bool>());
  }
  const auto detail = [&](const char* leaf) {
    return (*find_check(validate({leaf, "rsa-int"}, "localhost").report["links"][0],
                        "extended_key_usage"))["detail"].get<std::string>();
  };
  EXPECT_NE(detail("rsa-leaf").find("lists serverAuth"), std::string::npos);
  EXPECT_NE(detail("anypurpose-leaf").find("lists anyExtendedKeyUsage"), std::string::npos);
  EXPECT_NE(detail("noeku-leaf").find("no extendedKeyUsage"), std::string::npos);
}

TEST_F(Chain, TheExtendedKeyUsageListIsParsed) {
  auto client = pki_certs({"clientauth-leaf"});
  ASSERT_EQ(client.size(), 1u);
  ASSERT_TRUE(client[0].extended_key_usages);
  EXPECT_EQ(*client[0].extended_key_usages, std::vector<std::string>{"1.3.6.1.5.5.7.3.2"});
  EXPECT_FALSE(pki_certs({"noeku-leaf"})[0].extended_key_usages);
}

}  // namespace
}  // namespace tlsscope
