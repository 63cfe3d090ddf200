// Chains as real servers send them (RFC 8446 §4.4.2: "extraneous certificates and arbitrary
// orderings"): openssl s_server on loopback sends its -cert_chain file in the order written,
// so each test writes the order a misconfigured server would use. The client builds the path
// from the leaf, says which path it built and which sent certificates it left out, and
// BearSSL's validator still judges the path. And names: a certificate for 127.0.0.1 is
// refused for any other address.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "cli.hpp"
#include "servers.hpp"
#include "temp_dir.hpp"

namespace tlsscope::test {
namespace {

using nlohmann::json;

class chain_path : public testing::Test {
 protected:
  void TearDown() override {
    if (HasFailure()) {
      dir_.keep();
      std::cerr << "files of this test kept in " << dir_.path() << "\n";
    }
  }

  // Serves leaf NAME with the PKI certificates `chain` after it, in that order.
  void serve(const std::string& leaf, const std::vector<std::string>& chain,
             const std::vector<std::string>& more = {}) {
    const auto chain_file = dir_ / "chain.pem";
    std::ofstream out(chain_file);
    for (const auto& name : chain) out << read_text(pki_file(name + ".pem"));
    out.close();
    std::vector<std::string> args{"-cert", pki_file(leaf + ".pem"), "-key",
                                  pki_file(leaf + ".key"), "-cert_chain", chain_file.string()};
    args.insert(args.end(), more.begin(), more.end());
    server_ = start_s_server(args, dir_ / "server.log");
  }

  // Runs the CLI with --json against the server as `url`; returns the certificate_chain check.
  json run(const std::string& url = "https://localhost/") {
    run_ = run_cli({url, "--json", "--ca", pki_file("roots.pem"), "--connect",
                    server_.address(), "--timeout", "10"});
    std::string parse_error;
    events_ = json_lines(run_.out, parse_error);
    EXPECT_EQ(parse_error, "");
    for (const auto& e : events_of_type(events_, "check"))
      if (e.value("step", "") == "certificate_chain") return e;
    ADD_FAILURE() << "no certificate_chain check\n" << describe(run_);
    return json::object();
  }

  // The subject of a PKI certificate, as the events spell it.
  static std::string subject_of(const std::string& cn) { return "O=tlsscope test, CN=" + cn; }

  static void expect_bilingual_note(const json& j) {
    EXPECT_FALSE(j.value("note", "").empty()) << j.dump();
    // 中文 as well: the note_zh must hold CJK text, not a copy of the English.
    const std::string zh = j.value("note_zh", "");
    EXPECT_NE(zh.find("证书"), std::string::npos) << j.dump();
  }

  TempDir dir_{"tlsscope-chain-path-"};
  RunningServer server_;
  RunResult run_;
  std::vector<json> events_;
};

// root → int1 → int2 → leaf, sent as leaf, int1, int2: the path is leaf, int2, int1.
TEST_F(chain_path, intermediates_in_reverse_order_tls12) {
  serve("path-leaf", {"path-int1", "path-int2"}, {"-tls1_2"});
  const json chain = run();
  EXPECT_EQ(run_.exit_code, 0) << describe(run_);
  EXPECT_TRUE(chain.value("ok", false)) << chain.dump();
  EXPECT_EQ(chain["path"], json::array({0, 2, 1}));
  EXPECT_EQ(chain["sent"], 3);
  EXPECT_TRUE(chain.value("reordered", false));
  EXPECT_EQ(chain["unused"], json::array());
  expect_bilingual_note(chain);
  // The links are in path order, each naming its place in the Certificate message.
  ASSERT_EQ(chain["links"].size(), 3u);
  EXPECT_EQ(chain["links"][1]["index"], 2);
  EXPECT_EQ(chain["links"][1]["subject"], subject_of("tlsscope test path intermediate 2"));
  EXPECT_EQ(chain["links"][2]["subject"], subject_of("tlsscope test path intermediate 1"));
  for (const auto& link : chain["links"])
    for (const auto& c : link["checks"]) EXPECT_TRUE(c.value("ok", false)) << link.dump();
}

TEST_F(chain_path, intermediates_in_reverse_order_tls13) {
  serve("path-leaf", {"path-int1", "path-int2"}, {"-tls1_3"});
  const json chain = run();
  EXPECT_EQ(run_.exit_code, 0) << describe(run_);
  EXPECT_EQ(chain["path"], json::array({0, 2, 1}));
}

// An unrelated certificate (the ECDSA intermediate) before the RSA intermediate.
TEST_F(chain_path, an_unrelated_certificate_before_the_intermediate_is_left_out) {
  serve("rsa-leaf", {"ec-int", "rsa-int"});
  const json chain = run();
  EXPECT_EQ(run_.exit_code, 0) << describe(run_);
  EXPECT_TRUE(chain.value("ok", false)) << chain.dump();
  EXPECT_EQ(chain["path"], json::array({0, 2}));
  ASSERT_EQ(chain["unused"].size(), 1u) << chain.dump();
  const json& unused = chain["unused"][0];
  EXPECT_EQ(unused["index"], 1);
  EXPECT_EQ(unused["reason"], "not_on_path");
  EXPECT_EQ(unused["subject"], subject_of("tlsscope test ECDSA intermediate"));
  expect_bilingual_note(unused);
}

// The root itself after the intermediate: allowed, not needed, not used.
TEST_F(chain_path, a_sent_root_the_client_trusts_is_not_used) {
  serve("rsa-leaf", {"rsa-int", "rsa-root"});
  const json chain = run();
  EXPECT_EQ(run_.exit_code, 0) << describe(run_);
  EXPECT_EQ(chain["path"], json::array({0, 1}));
  EXPECT_FALSE(chain.value("reordered", true));
  EXPECT_FALSE(chain.contains("note")) << "the path is the list as sent: nothing to explain";
  ASSERT_EQ(chain["unused"].size(), 1u) << chain.dump();
  EXPECT_EQ(chain["unused"][0]["reason"], "trusted_root");
}

// Building a path does not make one where there is none: without int2 there is no path.
TEST_F(chain_path, a_missing_intermediate_is_still_refused) {
  serve("path-leaf", {"path-int1"});
  const json chain = run();
  EXPECT_NE(run_.exit_code, 0);
  EXPECT_FALSE(chain.value("ok", true));
  EXPECT_EQ(chain["path"], json::array({0}));
  EXPECT_EQ(chain["unused"][0]["reason"], "not_on_path");
  const auto errors = events_of_type(events_, "error");
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors.back()["code"], "CERT_AUTHORITY_INVALID");
}

// The names: the IP-address check is the engine's own (BearSSL matches DNS names only).
TEST_F(chain_path, the_certificates_ip_is_accepted) {
  serve("rsa-leaf", {"rsa-int"});
  run("https://127.0.0.1/");
  EXPECT_EQ(run_.exit_code, 0) << describe(run_);
}

TEST_F(chain_path, a_certificate_for_127_0_0_1_reached_as_127_0_0_2_is_refused) {
  serve("rsa-leaf", {"rsa-int"});
  const json chain = run("https://127.0.0.2/");
  EXPECT_NE(run_.exit_code, 0);
  EXPECT_FALSE(chain.value("ok", true));
  const auto errors = events_of_type(events_, "error");
  ASSERT_FALSE(errors.empty()) << describe(run_);
  EXPECT_EQ(errors.back()["code"], "CERT_NAME_INVALID") << errors.back().dump();
  bool sent_bad_certificate = false;
  for (const auto& a : events_of_type(events_, "alert"))
    sent_bad_certificate |= a.value("dir", "") == "out" && a.value("description", "") == "bad_certificate";
  EXPECT_TRUE(sent_bad_certificate) << "the client sends bad_certificate (RFC 8446 §6.2)";
  const auto& name = chain["links"][0]["checks"][1];
  EXPECT_EQ(name["check"], "name");
  EXPECT_FALSE(name.value("ok", true));
}

// A certificate with DNS names only, reached by IP address: no iPAddress SAN to match.
TEST_F(chain_path, an_ip_against_a_certificate_without_ip_names_is_refused) {
  serve("wrongname-leaf", {"rsa-int"});
  run("https://127.0.0.1/");
  const auto errors = events_of_type(events_, "error");
  ASSERT_FALSE(errors.empty()) << describe(run_);
  EXPECT_EQ(errors.back()["code"], "CERT_NAME_INVALID");
}

// extendedKeyUsage: a leaf issued for TLS clients only (clientAuth) is refused when a server
// sends it, in both versions, with bad_certificate; BearSSL would accept it.
TEST_F(chain_path, a_leaf_for_clients_only_is_refused) {
  for (const char* version : {"-tls1_2", "-tls1_3"}) {
    SCOPED_TRACE(version);
    serve("clientauth-leaf", {"rsa-int"}, {version});
    const json chain = run();
    EXPECT_NE(run_.exit_code, 0);
    EXPECT_FALSE(chain.value("ok", true));
    const auto errors = events_of_type(events_, "error");
    ASSERT_FALSE(errors.empty()) << describe(run_);
    EXPECT_EQ(errors.back()["code"], "CERT_INVALID") << errors.back().dump();
    EXPECT_NE(errors.back().value("detail", "").find("serverAuth"), std::string::npos)
        << errors.back().dump();
    bool sent_bad_certificate = false;
    for (const auto& a : events_of_type(events_, "alert"))
      sent_bad_certificate |= a.value("dir", "") == "out" && a.value("description", "") == "bad_certificate";
    EXPECT_TRUE(sent_bad_certificate) << describe(run_);
    bool eku_refused = false;
    for (const auto& c : chain["links"][0]["checks"])
      eku_refused |= c["check"] == "extended_key_usage" && !c.value("ok", true);
    EXPECT_TRUE(eku_refused) << chain.dump();
    server_ = {};  // stops it before the next version's server
  }
}

}  // namespace
}  // namespace tlsscope::test
