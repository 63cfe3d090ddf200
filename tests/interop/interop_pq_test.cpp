// The post-quantum hybrid X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem) against a real server:
// Node.js 26's TLS server, whose OpenSSL 3.5 implements the group (node26_server.mjs). Each case
// runs the CLI (build/bin/tlsscope) and checks the group it reports, whether a HelloRetryRequest
// happened, the halves of each key share in the field trees, the hybrid secret's inputs, and
// that all four traffic secrets in the client's key log equal the server's own key log — the
// proof that both sides put ML-KEM's and X25519's shared secrets together in the same order.
//
// pq.hybrid_only / hybrid_preferred / classical_only / away_from_hybrid / to_hybrid /
// classical_option_* / tls12_stays_classical.
#include <gtest/gtest.h>

#include <algorithm>
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

const std::vector<std::string> kTrafficLabels = {
    "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
    "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0"};

// "LABEL client_random" → secret, lower-case hex.
std::map<std::string, std::string> read_nss_keylog(const std::filesystem::path& path) {
  std::map<std::string, std::string> lines;
  std::ifstream file(path);
  std::string line;
  while (std::getline(file, line)) {
    std::istringstream fields(line);
    std::string label, random, secret;
    if (!(fields >> label >> random >> secret)) continue;
    auto lower = [](std::string s) {
      std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
      return s;
    };
    lines[label + " " + lower(random)] = lower(secret);
  }
  return lines;
}

// Every field named `name` in a field tree, depth first.
void collect(const json& fields, const std::string& name, std::vector<json>& out) {
  if (!fields.is_array()) return;
  for (const auto& f : fields) {
    if (f.value("name", "") == name) out.push_back(f);
    if (f.contains("children")) collect(f["children"], name, out);
  }
}

// The fields named `name` in the message events of `step` (in order of the messages).
std::vector<json> fields_of(const std::vector<json>& events, const std::string& step,
                            const std::string& name) {
  std::vector<json> out;
  for (const auto& m : events_of_type(events, "message"))
    if (m.value("step", "") == step) collect(m["fields"], name, out);
  return out;
}

std::map<std::string, json> secrets_by_name(const std::vector<json>& events) {
  std::map<std::string, json> out;
  for (const auto& s : events_of_type(events, "secret")) out[s.value("name", "")] = s;
  return out;
}

std::string input(const json& secret, const std::string& name) {
  for (const auto& i : secret.value("inputs", json::array()))
    if (i.value("name", "") == name) return i.value("value", "");
  return {};
}

struct Outcome {
  RunResult run;
  std::vector<json> events;
  json complete;  // the handshake_complete event, or null
};

class pq : public testing::Test {
 protected:
  void TearDown() override {
    if (HasFailure()) {
      dir_.keep();
      std::cerr << "files of this test (server log, key logs) kept in " << dir_.path() << "\n";
    }
  }

  // Node 26's server held to `groups` (OpenSSL's spelling), then the CLI with `options`.
  // On success, every traffic secret of the client's key log must be in the server's.
  Outcome run(const std::string& groups, std::vector<std::string> options,
              const std::string& max_version = "TLSv1.3") {
    const auto server_keylog = dir_ / "server.keylog", client_keylog = dir_ / "client.keylog";
    Credentials creds = credentials_for(Key::ecdsa_p256);
    RunningServer server = start_server(
        [&](std::uint16_t port) {
          return std::vector<std::string>{TLSSCOPE_NODE26, TLSSCOPE_NODE26_SERVER, std::to_string(port),
                                          creds.chain, creds.key, groups, server_keylog.string(),
                                          max_version};
        },
        {}, dir_ / "server.log");
    std::vector<std::string> args{"https://localhost/", "--json", "--keylog", client_keylog.string(),
                                  "--ca", creds.root, "--connect", server.address(), "--timeout", "10"};
    args.insert(args.end(), options.begin(), options.end());
    Outcome o;
    o.run = run_cli(args);
    std::string parse_error;
    o.events = json_lines(o.run.out, parse_error);
    EXPECT_EQ(parse_error, "");
    auto complete = events_of_type(o.events, "handshake_complete");
    if (complete.size() == 1) o.complete = complete[0];
    if (o.run.exit_code != 0) return o;

    auto client = read_nss_keylog(client_keylog);
    std::map<std::string, std::string> from_server;
    auto server_has_all = [&] {
      return std::all_of(client.begin(), client.end(),
                         [&](const auto& line) { return from_server.count(line.first); });
    };
    for (int i = 0; i < 100 && (from_server.empty() || !server_has_all()); ++i) {
      if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
      from_server = read_nss_keylog(server_keylog);
    }
    std::size_t traffic = 0;
    for (const auto& entry : client) {
      // Not a structured binding: clang 14 (the sanitizer build) cannot capture one in a lambda.
      const std::string& line = entry.first;
      const std::string& secret = entry.second;
      bool is_traffic = std::any_of(kTrafficLabels.begin(), kTrafficLabels.end(), [&](const auto& l) {
        return line.rfind(l + " ", 0) == 0;
      });
      if (!is_traffic && line.rfind("CLIENT_RANDOM ", 0) != 0) continue;
      traffic += is_traffic;
      EXPECT_TRUE(from_server.count(line)) << line << " is not in the server's key log:\n"
                                           << read_text(server_keylog);
      EXPECT_EQ(secret, from_server[line]) << line;
    }
    if (o.complete.value("version", "") == "TLS 1.3") {
      EXPECT_EQ(traffic, kTrafficLabels.size());
    }
    return o;
  }

  TempDir dir_{"tlsscope-pq-"};
};

// The checks every hybrid handshake shares: halves of the shares, and the secret's inputs.
void expect_hybrid_exchange(const Outcome& o, bool hello_retry) {
  ASSERT_EQ(o.run.exit_code, 0) << describe(o.run);
  EXPECT_EQ(o.complete.value("version", ""), "TLS 1.3");
  EXPECT_EQ(o.complete.value("group", ""), "X25519MLKEM768") << o.complete.dump();
  EXPECT_EQ(o.complete.value("hello_retry", !hello_retry), hello_retry) << o.complete.dump();

  auto ek = fields_of(o.events, "client_hello", "mlkem_encapsulation_key");
  auto client_x = fields_of(o.events, "client_hello", "x25519_public_key");
  ASSERT_FALSE(ek.empty());
  ASSERT_EQ(client_x.size(), ek.size());
  EXPECT_EQ(ek.back().value("length", 0), 1184);
  EXPECT_EQ(client_x.back().value("length", 0), 32);
  EXPECT_EQ(client_x.back().value("offset", 0), ek.back().value("offset", 0) + 1184);
  auto ct = fields_of(o.events, "server_hello", "mlkem_ciphertext");
  auto server_x = fields_of(o.events, "server_hello", "x25519_public_key");
  ASSERT_EQ(ct.size(), 1u);
  ASSERT_EQ(server_x.size(), 1u);
  EXPECT_EQ(ct[0].value("length", 0), 1088);
  EXPECT_EQ(server_x[0].value("length", 0), 32);

  auto secrets = secrets_by_name(o.events);
  ASSERT_TRUE(secrets.count("mlkem_shared_secret") && secrets.count("x25519_shared_secret") &&
              secrets.count("shared_secret"));
  std::string mlkem = secrets["mlkem_shared_secret"].value("value", "");
  std::string x25519 = secrets["x25519_shared_secret"].value("value", "");
  EXPECT_EQ(mlkem.size(), 64u);
  EXPECT_EQ(x25519.size(), 64u);
  // The order draft-ietf-tls-ecdhe-mlkem gives, which the key-log comparison proves the server uses.
  EXPECT_EQ(secrets["shared_secret"].value("value", ""), mlkem + x25519);
  EXPECT_EQ(input(secrets["mlkem_shared_secret"], "mlkem_ciphertext"), ct[0].value("value", ""));
  EXPECT_EQ(input(secrets["x25519_shared_secret"], "server_public_key"), server_x[0].value("value", ""));
  EXPECT_EQ(input(secrets["handshake_secret"], "shared_secret"), mlkem + x25519);
}

TEST_F(pq, hybrid_only) {
  Outcome o = run("X25519MLKEM768", {});
  expect_hybrid_exchange(o, false);
  // The first ClientHello carries two shares: the hybrid and, as browsers do, X25519.
  auto groups = fields_of(o.events, "client_hello", "group");
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].value("value", ""), "X25519MLKEM768");
  EXPECT_EQ(groups[1].value("value", ""), "x25519");
  auto offered = fields_of(o.events, "client_hello", "named_group");
  ASSERT_FALSE(offered.empty());
  EXPECT_EQ(offered[0].value("value", ""), "X25519MLKEM768");  // offered first
}

TEST_F(pq, hybrid_preferred) { expect_hybrid_exchange(run("X25519MLKEM768:X25519", {}), false); }

TEST_F(pq, classical_only) {
  Outcome o = run("X25519", {});
  ASSERT_EQ(o.run.exit_code, 0) << describe(o.run);
  EXPECT_EQ(o.complete.value("group", ""), "x25519");
  EXPECT_FALSE(o.complete.value("hello_retry", true));  // the X25519 share was there already
  EXPECT_FALSE(secrets_by_name(o.events).count("mlkem_shared_secret"));
}

// HelloRetryRequest away from the hybrid: neither share suits a P-256-only server.
TEST_F(pq, away_from_hybrid) {
  Outcome o = run("P-256", {});
  ASSERT_EQ(o.run.exit_code, 0) << describe(o.run);
  EXPECT_EQ(o.complete.value("group", ""), "secp256r1");
  EXPECT_TRUE(o.complete.value("hello_retry", false));
}

// HelloRetryRequest to the hybrid: offered second, so the first ClientHello has no share for it.
TEST_F(pq, to_hybrid) {
  Outcome o = run("X25519MLKEM768", {"--groups", "x25519,X25519MLKEM768"});
  expect_hybrid_exchange(o, true);
  auto groups = fields_of(o.events, "client_hello", "group");  // ClientHello 1, then 2
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].value("value", ""), "x25519");
  EXPECT_EQ(groups[1].value("value", ""), "X25519MLKEM768");
}

TEST_F(pq, classical_option_against_hybrid_preferred) {
  Outcome o = run("X25519MLKEM768:X25519", {"--no-pq"});
  ASSERT_EQ(o.run.exit_code, 0) << describe(o.run);
  EXPECT_EQ(o.complete.value("group", ""), "x25519");
  for (const auto& g : fields_of(o.events, "client_hello", "named_group"))
    EXPECT_NE(g.value("value", ""), "X25519MLKEM768");
}

TEST_F(pq, classical_option_against_hybrid_only) {
  Outcome o = run("X25519MLKEM768", {"--no-pq"});
  EXPECT_NE(o.run.exit_code, 0) << describe(o.run);
  EXPECT_TRUE(o.complete.is_null());
  EXPECT_FALSE(error_codes(o.run.err).empty()) << o.run.err;
}

// Hybrids are TLS 1.3 only: a TLS 1.2 server that prefers the hybrid still does X25519.
TEST_F(pq, tls12_stays_classical) {
  Outcome o = run("X25519MLKEM768:X25519", {}, "TLSv1.2");
  ASSERT_EQ(o.run.exit_code, 0) << describe(o.run);
  EXPECT_EQ(o.complete.value("version", ""), "TLS 1.2");
  EXPECT_EQ(o.complete.value("group", ""), "x25519");
}

}  // namespace
}  // namespace tlsscope::test
