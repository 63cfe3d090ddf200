// TLS 1.3 against real servers on loopback: the CLI (build/bin/tlsscope) against
// `openssl s_server -tls1_3` and `gnutls-serv` with +VERS-TLS1.3 only.
//
// interop13.tls13/<server>_<suite>_<group>_<certificate>: the matrix, 2 servers × 3 suites
// (TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256) × 3 groups
// (x25519, P-256, P-384) × 3 certificates (RSA 2048, so an RSA-PSS CertificateVerify; ECDSA
// P-256; ECDSA P-384), each server restricted to exactly one suite and one group and sending a
// chain with an intermediate. Each case checks the exchange completes, names the expected
// version, suite and group, that an HTTP response arrives, that the CertificateVerify used the
// scheme TLS 1.3 ties to that key, and that all four traffic secrets in the client's key log
// equal, byte for byte, the server's own key log. The client's key shares are X25519MLKEM768
// (which these servers do not know) and x25519, so a server held to P-256 or P-384 must go
// through HelloRetryRequest; hello_retry says whether it did.
//
// tls13_negotiation.*: the message sequence of a HelloRetryRequest, and which version the
// default client ends up with against a 1.2-only and a 1.3-capable server, and what a client
// held to 1.3 gets from a 1.2-only server.
//
// (The suite is interop13, not interop like interop_test.cpp's TLS 1.2 matrix: Google Test
// allows one fixture class per suite name, and that one lives in another file.)
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli.hpp"
#include "matrix.hpp"
#include "servers.hpp"
#include "temp_dir.hpp"

namespace tlsscope::test {
namespace {

using nlohmann::json;

enum class Suite { aes_128_gcm_sha256, aes_256_gcm_sha384, chacha20_poly1305_sha256 };
enum class Cert { rsa, ecdsa_p256, ecdsa_p384 };

struct Case {
  Server server;
  Suite suite;
  Group group;
  Cert cert;
};

// The IANA name: what handshake_complete reports and what s_server's -ciphersuites takes.
std::string suite_name(Suite s) {
  switch (s) {
    case Suite::aes_128_gcm_sha256: return "TLS_AES_128_GCM_SHA256";
    case Suite::aes_256_gcm_sha384: return "TLS_AES_256_GCM_SHA384";
    case Suite::chacha20_poly1305_sha256: return "TLS_CHACHA20_POLY1305_SHA256";
  }
  return {};
}

std::string gnutls_cipher(Suite s) {
  switch (s) {
    case Suite::aes_128_gcm_sha256: return "AES-128-GCM";
    case Suite::aes_256_gcm_sha384: return "AES-256-GCM";
    case Suite::chacha20_poly1305_sha256: return "CHACHA20-POLY1305";
  }
  return {};
}

// The length of the suite's hash, so of every secret it derives (RFC 8446 §7.1).
std::size_t secret_len(Suite s) { return s == Suite::aes_256_gcm_sha384 ? 48 : 32; }




std::string cert_name(Cert c) {
  switch (c) {
    case Cert::rsa: return "rsa";
    case Cert::ecdsa_p256: return "ecdsa_p256";
    case Cert::ecdsa_p384: return "ecdsa_p384";
  }
  return {};
}

Credentials credentials(Cert c) {
  return credentials_for(c == Cert::rsa ? Key::rsa
                         : c == Cert::ecdsa_p384 ? Key::ecdsa_p384 : Key::ecdsa_p256);
}

// RFC 8446 §4.2.3: in TLS 1.3 an RSA key signs with RSA-PSS (rsa_pss_rsae_*, any hash: the
// server picks), an ECDSA key with the one scheme that names its curve.
bool scheme_fits(Cert c, const std::string& scheme) {
  switch (c) {
    case Cert::rsa: return scheme.rfind("rsa_pss_rsae_", 0) == 0;
    case Cert::ecdsa_p256: return scheme == "ecdsa_secp256r1_sha256";
    case Cert::ecdsa_p384: return scheme == "ecdsa_secp384r1_sha384";
  }
  return false;
}

std::string case_name(const testing::TestParamInfo<Case>& info) {
  const Case& c = info.param;
  return server_name(c.server) + "_" + suite_name(c.suite) + "_" + group_name(c.group) + "_" +
         cert_name(c.cert);
}

std::vector<Case> all_cases() {
  std::vector<Case> cases;
  for (auto server : {Server::s_server, Server::gnutls_serv})
    for (auto suite : {Suite::aes_128_gcm_sha256, Suite::aes_256_gcm_sha384,
                       Suite::chacha20_poly1305_sha256})
      for (auto group : {Group::x25519, Group::secp256r1, Group::secp384r1})
        for (auto cert : {Cert::rsa, Cert::ecdsa_p256, Cert::ecdsa_p384})
          cases.push_back({server, suite, group, cert});
  return cases;
}

RunningServer start_tls13_server(const Case& c, const std::filesystem::path& keylog,
                                 const std::filesystem::path& log) {
  Credentials creds = credentials(c.cert);
  if (c.server == Server::s_server) {
    return start_s_server({"-tls1_3", "-ciphersuites", suite_name(c.suite), "-groups",
                           openssl_group(c.group), "-cert", creds.leaf, "-key", creds.key,
                           "-cert_chain", creds.intermediate, "-keylogfile", keylog.string()},
                          log);
  }
  std::string priority = "NONE:+VERS-TLS1.3:+" + gnutls_cipher(c.suite) +
                         ":+AEAD:+SIGN-ALL:+COMP-NULL:+" + gnutls_group(c.group) + ":+CTYPE-X509";
  return start_gnutls_serv(
      {"--priority", priority, "--x509certfile", creds.chain, "--x509keyfile", creds.key},
      {"SSLKEYLOGFILE=" + keylog.string()}, log);
}

// The TLS 1.3 lines of an NSS key log (label, client random, secret), lower-case hex.
// OpenSSL also writes EXPORTER_SECRET and a comment line; only the traffic secrets are kept.
const std::vector<std::string> kTrafficLabels = {
    "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
    "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0"};

// "LABEL client_random" → secret.
using KeyLog = std::map<std::string, std::string>;

std::string entry(const std::string& label, const std::string& random) {
  return label + " " + random;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return text;
}

KeyLog read_traffic_secrets(const std::filesystem::path& path) {
  KeyLog secrets;
  std::ifstream file(path);
  std::string line;
  while (std::getline(file, line)) {
    std::istringstream fields(line);
    std::string label, random, secret;
    if (!(fields >> label >> random >> secret)) continue;
    if (std::find(kTrafficLabels.begin(), kTrafficLabels.end(), label) == kTrafficLabels.end())
      continue;
    secrets[entry(label, lower(random))] = lower(secret);
  }
  return secrets;
}

// The first field named `name` in an event's field tree (depth first), or null.
const json* find_field(const json& fields, const std::string& name) {
  if (!fields.is_array()) return nullptr;
  for (const auto& f : fields) {
    if (f.value("name", "") == name) return &f;
    if (f.contains("children")) {
      if (const json* found = find_field(f["children"], name)) return found;
    }
  }
  return nullptr;
}

// The values of every field named `name` in a field tree, in order.
void collect_values(const json& fields, const std::string& name, std::vector<std::string>& out) {
  if (!fields.is_array()) return;
  for (const auto& f : fields) {
    if (f.value("name", "") == name && f.contains("value")) {
      out.push_back(f["value"].is_string() ? f["value"].get<std::string>() : f["value"].dump());
    }
    if (f.contains("children")) collect_values(f["children"], name, out);
  }
}

// The "message" events: each step with its direction, e.g. "out client_hello".
std::vector<std::string> message_steps(const std::vector<json>& events) {
  std::vector<std::string> steps;
  for (const auto& m : events_of_type(events, "message"))
    steps.push_back(m.value("dir", "?") + " " + m.value("step", "?"));
  return steps;
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

// Shared by both suites: a temporary directory kept (and named on stderr) when a test fails.
class WithTempDir {
 protected:
  void keep_on_failure(bool failed) {
    if (failed) {
      dir_.keep();
      std::cerr << "files of this test (server log, key logs) kept in " << dir_.path() << "\n";
    }
  }
  TempDir dir_{"tlsscope-interop13-"};
};

class interop13 : public testing::TestWithParam<Case>, protected WithTempDir {
 protected:
  void TearDown() override { keep_on_failure(HasFailure()); }
};

TEST_P(interop13, tls13) {
  const Case& c = GetParam();
  const bool expect_hrr = c.group != Group::x25519;
  const auto server_keylog = dir_ / "server.keylog";
  const auto client_keylog = dir_ / "client.keylog";
  RunningServer server = start_tls13_server(c, server_keylog, dir_ / "server.log");

  RunResult run = run_cli({"https://localhost/", "--json", "--keylog", client_keylog.string(),
                           "--ca", credentials(c.cert).root, "--connect", server.address(),
                           "--timeout", "10"});
  ASSERT_EQ(run.exit_code, 0) << describe(run) << "\n--- server log ---\n"
                              << read_text(server.log);

  std::string parse_error;
  auto events = json_lines(run.out, parse_error);
  EXPECT_EQ(parse_error, "");

  auto complete = events_of_type(events, "handshake_complete");
  ASSERT_EQ(complete.size(), 1u) << describe(run);
  EXPECT_EQ(complete[0].value("version", ""), "TLS 1.3") << complete[0].dump();
  EXPECT_EQ(complete[0].value("cipher_suite", ""), suite_name(c.suite)) << complete[0].dump();
  EXPECT_EQ(complete[0].value("group", ""), group_name(c.group)) << complete[0].dump();
  ASSERT_TRUE(complete[0].contains("hello_retry") && complete[0]["hello_retry"].is_boolean())
      << complete[0].dump();
  EXPECT_EQ(complete[0]["hello_retry"].get<bool>(), expect_hrr) << complete[0].dump();

  auto steps = message_steps(events);
  EXPECT_EQ(std::count(steps.begin(), steps.end(), "in hello_retry_request"), expect_hrr ? 1 : 0)
      << joined(steps);
  EXPECT_EQ(std::count(steps.begin(), steps.end(), "out client_hello"), expect_hrr ? 2 : 1)
      << joined(steps);

  std::string scheme;
  for (const auto& m : events_of_type(events, "message")) {
    if (m.value("step", "") != "certificate_verify") continue;
    if (const json* algorithm = find_field(m["fields"], "algorithm"))
      scheme = algorithm->value("value", "");
  }
  EXPECT_TRUE(scheme_fits(c.cert, scheme))
      << "CertificateVerify scheme \"" << scheme << "\" for a " << cert_name(c.cert) << " key";

  bool http_response = false;
  for (const auto& data : events_of_type(events, "application_data")) {
    if (data.value("dir", "") == "in" && data.value("text", "").rfind("HTTP/", 0) == 0)
      http_response = true;
  }
  EXPECT_TRUE(http_response) << "no application_data event (dir in) whose text starts with HTTP/\n"
                             << describe(run);

  // The client's key log: the four traffic secrets, all under one client random.
  KeyLog client = read_traffic_secrets(client_keylog);
  ASSERT_EQ(client.size(), kTrafficLabels.size()) << "client key log:\n"
                                                  << read_text(client_keylog);
  const std::string first = client.begin()->first;
  const std::string random = first.substr(first.find(' ') + 1);
  EXPECT_EQ(random.size(), 64u);
  for (const auto& label : kTrafficLabels) {
    ASSERT_TRUE(client.count(entry(label, random)))
        << label << " missing from the client key log:\n" << read_text(client_keylog);
    EXPECT_EQ(client[entry(label, random)].size(), 2 * secret_len(c.suite)) << label;
  }

  // The server logs its secrets during its handshake; a few retries cover a log that is
  // written but not yet flushed by the time the client exits.
  auto server_has_all = [&](const KeyLog& log) {
    return std::all_of(kTrafficLabels.begin(), kTrafficLabels.end(),
                       [&](const std::string& label) { return log.count(entry(label, random)); });
  };
  KeyLog from_server;
  for (int i = 0; i < 100 && !server_has_all(from_server); ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    from_server = read_traffic_secrets(server_keylog);
  }
  for (const auto& label : kTrafficLabels) {
    ASSERT_TRUE(from_server.count(entry(label, random)))
        << "the server's key log has no " << label << " line for client random " << random
        << ":\n" << read_text(server_keylog);
    EXPECT_EQ(client[entry(label, random)], from_server[entry(label, random)]) << label;
  }

  // The secrets the events show are the ones in the key log.
  const std::map<std::string, std::string> event_names = {
      {"client_handshake_traffic_secret", "CLIENT_HANDSHAKE_TRAFFIC_SECRET"},
      {"server_handshake_traffic_secret", "SERVER_HANDSHAKE_TRAFFIC_SECRET"},
      {"client_application_traffic_secret_0", "CLIENT_TRAFFIC_SECRET_0"},
      {"server_application_traffic_secret_0", "SERVER_TRAFFIC_SECRET_0"}};
  std::map<std::string, std::string> shown;
  for (const auto& secret : events_of_type(events, "secret")) {
    auto it = event_names.find(secret.value("name", ""));
    if (it != event_names.end()) shown[it->second] = lower(secret.value("value", ""));
  }
  for (const auto& label : kTrafficLabels)
    EXPECT_EQ(shown[label], client[entry(label, random)]) << "secret event for " << label;
}

INSTANTIATE_TEST_SUITE_P(, interop13, testing::ValuesIn(all_cases()), case_name);

// ---- Negotiation ---------------------------------------------------------------------------

class tls13_negotiation : public testing::Test, protected WithTempDir {
 protected:
  void TearDown() override { keep_on_failure(HasFailure()); }

  // The CLI against `server`, with the RSA chain's root; `options` e.g. {"--tls1.3"}.
  RunResult run_against(const RunningServer& server, std::vector<std::string> options = {}) {
    std::vector<std::string> args{"https://localhost/", "--json", "--ca", pki_file("rsa-root.pem"),
                                  "--connect", server.address(), "--timeout", "10"};
    args.insert(args.end(), options.begin(), options.end());
    return run_cli(args);
  }

  std::vector<std::string> rsa_chain_for_s_server() {
    return {"-cert", pki_file("rsa-leaf.pem"), "-key", pki_file("rsa-leaf.key"), "-cert_chain",
            pki_file("rsa-int.pem")};
  }

  std::vector<std::string> rsa_chain_for_gnutls_serv() {
    return {"--x509certfile", pki_file("rsa-leaf-chain.pem"), "--x509keyfile",
            pki_file("rsa-leaf.key")};
  }

  RunningServer s_server(std::vector<std::string> args) {
    auto chain = rsa_chain_for_s_server();
    args.insert(args.end(), chain.begin(), chain.end());
    return start_s_server(args, dir_ / "server.log");
  }

  RunningServer gnutls_serv(const std::string& priority) {
    std::vector<std::string> args{"--priority", priority};
    auto chain = rsa_chain_for_gnutls_serv();
    args.insert(args.end(), chain.begin(), chain.end());
    return start_gnutls_serv(args, {}, dir_ / "server.log");
  }

  // The version a successful run negotiated (from handshake_complete).
  std::string negotiated_version(const RunResult& run) {
    EXPECT_EQ(run.exit_code, 0) << describe(run);
    std::string parse_error;
    auto complete = events_of_type(json_lines(run.out, parse_error), "handshake_complete");
    EXPECT_EQ(parse_error, "");
    if (complete.size() != 1) {
      ADD_FAILURE() << "expected one handshake_complete event\n" << describe(run);
      return {};
    }
    return complete[0].value("version", "");
  }

  // A HelloRetryRequest run: the handshake messages in order, and what the second ClientHello
  // must repeat and change (RFC 8446 §4.1.2, §4.1.4).
  void expect_hello_retry_sequence(const RunResult& run, const std::string& group) {
    ASSERT_EQ(run.exit_code, 0) << describe(run) << "\n--- server log ---\n"
                                << read_text(dir_ / "server.log");
    std::string parse_error;
    auto events = json_lines(run.out, parse_error);
    EXPECT_EQ(parse_error, "");

    // The handshake up to the client's Finished. change_cipher_spec is left out: in TLS 1.3 it
    // is only for middleboxes (RFC 8446 Appendix D.4) and where the server puts its one
    // differs between servers; each side may send at most one.
    std::vector<std::string> handshake;
    int ccs_in = 0, ccs_out = 0;
    for (const auto& step : message_steps(events)) {
      if (step == "in change_cipher_spec") { ++ccs_in; continue; }
      if (step == "out change_cipher_spec") { ++ccs_out; continue; }
      handshake.push_back(step);
      if (step == "out finished") break;
    }
    const std::vector<std::string> expected = {
        "out client_hello",         "in hello_retry_request", "out client_hello",
        "in server_hello",          "in encrypted_extensions", "in certificate",
        "in certificate_verify",    "in finished",            "out finished"};
    EXPECT_EQ(joined(handshake), joined(expected));
    EXPECT_LE(ccs_in, 1);
    EXPECT_LE(ccs_out, 1);

    std::vector<json> hellos, retries, server_hellos;
    for (const auto& m : events_of_type(events, "message")) {
      std::string step = m.value("step", "");
      if (step == "client_hello") hellos.push_back(m);
      if (step == "hello_retry_request") retries.push_back(m);
      if (step == "server_hello") server_hellos.push_back(m);
    }
    ASSERT_EQ(hellos.size(), 2u);
    ASSERT_EQ(retries.size(), 1u);
    ASSERT_EQ(server_hellos.size(), 1u);

    // The HelloRetryRequest names the group; the first ClientHello's shares were
    // X25519MLKEM768 and x25519 (as browsers send them), the second one's only share is for the
    // named group (§4.1.4, §4.2.8).
    const json* selected = find_field(retries[0]["fields"], "selected_group");
    ASSERT_NE(selected, nullptr) << retries[0].dump();
    EXPECT_EQ(selected->value("value", ""), group);
    std::vector<std::string> first_shares, second_shares;
    if (const json* ks = find_field(hellos[0]["fields"], "key_share"))
      collect_values(ks->value("children", json::array()), "group", first_shares);
    if (const json* ks = find_field(hellos[1]["fields"], "key_share"))
      collect_values(ks->value("children", json::array()), "group", second_shares);
    EXPECT_EQ(joined(first_shares), "X25519MLKEM768, x25519");
    EXPECT_EQ(joined(second_shares), group);

    // §4.1.2: the second ClientHello is the first one with only the key_share changed (and a
    // cookie added if the server sent one): same random, session id and cipher suites.
    for (const std::string field : {"random", "session_id", "cipher_suites"}) {
      const json* first = find_field(hellos[0]["fields"], field);
      const json* second = find_field(hellos[1]["fields"], field);
      ASSERT_TRUE(first && second) << field;
      EXPECT_EQ(first->dump(), second->dump()) << field;
    }

    auto complete = events_of_type(events, "handshake_complete");
    ASSERT_EQ(complete.size(), 1u);
    EXPECT_EQ(complete[0].value("version", ""), "TLS 1.3");
    EXPECT_EQ(complete[0].value("group", ""), group);
    EXPECT_EQ(complete[0].value("hello_retry", false), true);
  }

  // A run that must fail with VERSION_OR_CIPHER_MISMATCH after the server's fatal `alert`.
  void expect_refused_with(const RunResult& run, const std::string& alert) {
    EXPECT_FALSE(run.timed_out) << describe(run);
    EXPECT_NE(run.exit_code, 0) << describe(run);
    auto codes = error_codes(run.err);
    EXPECT_NE(std::find(codes.begin(), codes.end(), "VERSION_OR_CIPHER_MISMATCH"), codes.end())
        << describe(run);
    std::string parse_error;
    auto events = json_lines(run.out, parse_error);
    EXPECT_EQ(parse_error, "");
    auto alerts = events_of_type(events, "alert");
    ASSERT_EQ(alerts.size(), 1u) << describe(run);
    EXPECT_EQ(alerts[0].value("dir", ""), "in");
    EXPECT_EQ(alerts[0].value("level", ""), "fatal");
    EXPECT_EQ(alerts[0].value("description", ""), alert);
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.back().value("type", ""), "error");
    EXPECT_EQ(events.back().value("code", ""), "VERSION_OR_CIPHER_MISMATCH");
    EXPECT_TRUE(events_of_type(events, "handshake_complete").empty());
  }
};

// Servers held to P-256 (s_server) and P-384 (gnutls-serv): the client's x25519 share is no
// use to them, so each asks for another with a HelloRetryRequest.
TEST_F(tls13_negotiation, hello_retry_request_sequence_s_server) {
  RunningServer server = s_server({"-tls1_3", "-groups", "P-256"});
  expect_hello_retry_sequence(run_against(server), "secp256r1");
}

TEST_F(tls13_negotiation, hello_retry_request_sequence_gnutls_serv) {
  RunningServer server =
      gnutls_serv("NONE:+VERS-TLS1.3:+AES-128-GCM:+AEAD:+SIGN-ALL:+COMP-NULL:+GROUP-SECP384R1:"
                  "+CTYPE-X509");
  expect_hello_retry_sequence(run_against(server), "secp384r1");
}

// The default ClientHello offers 1.3 and 1.2; the server chooses.
TEST_F(tls13_negotiation, default_against_tls12_only_s_server_negotiates_tls12) {
  RunningServer server = s_server({"-tls1_2"});
  EXPECT_EQ(negotiated_version(run_against(server)), "TLS 1.2");
}

TEST_F(tls13_negotiation, default_against_tls12_only_gnutls_serv_negotiates_tls12) {
  RunningServer server = gnutls_serv("NORMAL:-VERS-ALL:+VERS-TLS1.2");
  EXPECT_EQ(negotiated_version(run_against(server)), "TLS 1.2");
}

// s_server and gnutls-serv with their default versions (1.2 and 1.3): they pick 1.3.
TEST_F(tls13_negotiation, default_against_s_server_negotiates_tls13) {
  RunningServer server = s_server({});
  EXPECT_EQ(negotiated_version(run_against(server)), "TLS 1.3");
}

TEST_F(tls13_negotiation, default_against_gnutls_serv_negotiates_tls13) {
  RunningServer server = gnutls_serv("NORMAL");
  EXPECT_EQ(negotiated_version(run_against(server)), "TLS 1.3");
}

// --tls1.3 against a server that only speaks 1.2. OpenSSL sees supported_versions lists only
// 1.3 and answers protocol_version. GnuTLS 3.7, with 1.3 disabled, negotiates on
// legacy_version (1.2) and finds no 1.2 suite among the client's 1.3-only suites, so it answers
// handshake_failure. Both are "no version or suite in common" to the learner.
TEST_F(tls13_negotiation, forced_tls13_against_tls12_only_s_server_fails) {
  RunningServer server = s_server({"-tls1_2"});
  expect_refused_with(run_against(server, {"--tls1.3"}), "protocol_version");
}

TEST_F(tls13_negotiation, forced_tls13_against_tls12_only_gnutls_serv_fails) {
  RunningServer server = gnutls_serv("NORMAL:-VERS-ALL:+VERS-TLS1.2");
  expect_refused_with(run_against(server, {"--tls1.3"}), "handshake_failure");
}

}  // namespace
}  // namespace tlsscope::test
