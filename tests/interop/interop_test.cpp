// The interop matrix: the CLI against real OpenSSL and GnuTLS servers on loopback, TLS 1.2 ×
// {ECDHE-RSA, ECDHE-ECDSA} × {AES-128-GCM, AES-256-GCM, CHACHA20-POLY1305} × {x25519, P-256,
// P-384}, each server restricted to exactly one suite and one group and sending a chain with an
// intermediate. Each case checks that the exchange completes, names the expected suite and group,
// that an HTTP response arrives, and that the master secret the client derived equals, byte for
// byte, the one in the server's own key log.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "cli.hpp"
#include "matrix.hpp"
#include "servers.hpp"
#include "temp_dir.hpp"

namespace tlsscope::test {
namespace {

enum class Auth { rsa, ecdsa };
enum class Cipher { aes_128_gcm, aes_256_gcm, chacha20_poly1305 };

struct Case {
  Server server;
  Auth auth;
  Cipher cipher;
  Group group;
};

// The IANA name, as the handshake_complete event reports it.
std::string suite_name(Auth auth, Cipher cipher) {
  std::string kx = auth == Auth::rsa ? "TLS_ECDHE_RSA_WITH_" : "TLS_ECDHE_ECDSA_WITH_";
  switch (cipher) {
    case Cipher::aes_128_gcm: return kx + "AES_128_GCM_SHA256";
    case Cipher::aes_256_gcm: return kx + "AES_256_GCM_SHA384";
    case Cipher::chacha20_poly1305: return kx + "CHACHA20_POLY1305_SHA256";
  }
  return {};
}

std::string openssl_cipher(Auth auth, Cipher cipher) {
  std::string kx = auth == Auth::rsa ? "ECDHE-RSA-" : "ECDHE-ECDSA-";
  switch (cipher) {
    case Cipher::aes_128_gcm: return kx + "AES128-GCM-SHA256";
    case Cipher::aes_256_gcm: return kx + "AES256-GCM-SHA384";
    case Cipher::chacha20_poly1305: return kx + "CHACHA20-POLY1305";
  }
  return {};
}

std::string gnutls_cipher(Cipher cipher) {
  switch (cipher) {
    case Cipher::aes_128_gcm: return "AES-128-GCM";
    case Cipher::aes_256_gcm: return "AES-256-GCM";
    case Cipher::chacha20_poly1305: return "CHACHA20-POLY1305";
  }
  return {};
}




// The server's certificate. ECDSA cases with P-384 key exchange use the P-384 leaf, so that
// both ECDSA curves (and ecdsa_secp384r1_sha384) are exercised.
Credentials credentials(const Case& c) {
  if (c.auth == Auth::rsa) return credentials_for(Key::rsa);
  return credentials_for(c.group == Group::secp384r1 ? Key::ecdsa_p384 : Key::ecdsa_p256);
}

std::string case_name(const testing::TestParamInfo<Case>& info) {
  const Case& c = info.param;
  std::string name = server_name(c.server) + "_" + suite_name(c.auth, c.cipher) + "_" +
                     group_name(c.group);
  return name;
}

std::vector<Case> all_cases() {
  std::vector<Case> cases;
  for (auto server : {Server::s_server, Server::gnutls_serv})
    for (auto auth : {Auth::rsa, Auth::ecdsa})
      for (auto cipher : {Cipher::aes_128_gcm, Cipher::aes_256_gcm, Cipher::chacha20_poly1305})
        for (auto group : {Group::x25519, Group::secp256r1, Group::secp384r1})
          cases.push_back({server, auth, cipher, group});
  return cases;
}

class interop : public testing::TestWithParam<Case> {
 protected:
  void TearDown() override {
    if (HasFailure()) {
      dir_.keep();
      std::cerr << "files of this test (server log, key logs) kept in " << dir_.path() << "\n";
    }
  }

  RunningServer start(const Case& c, const std::filesystem::path& keylog) {
    Credentials creds = credentials(c);
    if (c.server == Server::s_server) {
      return start_s_server({"-tls1_2", "-cipher", openssl_cipher(c.auth, c.cipher), "-groups",
                             openssl_group(c.group), "-cert", creds.leaf, "-key", creds.key,
                             "-cert_chain", creds.intermediate, "-keylogfile", keylog.string()},
                            dir_ / "server.log");
    }
    std::string priority = "NONE:+VERS-TLS1.2:+" +
                           std::string(c.auth == Auth::rsa ? "ECDHE-RSA" : "ECDHE-ECDSA") + ":+" +
                           gnutls_cipher(c.cipher) + ":+AEAD:+SIGN-ALL:+COMP-NULL:+" +
                           gnutls_group(c.group) + ":+CTYPE-X509";
    return start_gnutls_serv({"--priority", priority, "--x509certfile", creds.chain,
                              "--x509keyfile", creds.key},
                             {"SSLKEYLOGFILE=" + keylog.string()}, dir_ / "server.log");
  }

  TempDir dir_{"tlsscope-interop-"};
};

TEST_P(interop, tls12) {
  const Case& c = GetParam();
  const auto server_keylog = dir_ / "server.keylog";
  const auto client_keylog = dir_ / "client.keylog";
  RunningServer server = start(c, server_keylog);

  RunResult run = run_cli({"https://localhost/", "--json", "--keylog", client_keylog.string(),
                           "--ca", credentials(c).root, "--connect", server.address(),
                           "--timeout", "10"});
  ASSERT_EQ(run.exit_code, 0) << describe(run) << "\n--- server log ---\n"
                              << read_text(server.log);

  std::string parse_error;
  auto events = json_lines(run.out, parse_error);
  EXPECT_EQ(parse_error, "");
  for (const auto& event : events) {
    EXPECT_TRUE(event.contains("type") && event["type"].is_string() && event.contains("step") &&
                event["step"].is_string())
        << "event without a string type and step: " << event.dump();
  }

  auto complete = events_of_type(events, "handshake_complete");
  ASSERT_EQ(complete.size(), 1u) << describe(run);
  EXPECT_EQ(complete[0].value("version", ""), "TLS 1.2") << complete[0].dump();
  EXPECT_EQ(complete[0].value("cipher_suite", ""), suite_name(c.auth, c.cipher))
      << complete[0].dump();
  EXPECT_EQ(complete[0].value("group", ""), group_name(c.group)) << complete[0].dump();

  bool http_response = false;
  for (const auto& data : events_of_type(events, "application_data")) {
    if (data.value("dir", "") == "in" && data.value("text", "").rfind("HTTP/", 0) == 0) {
      http_response = true;
    }
  }
  EXPECT_TRUE(http_response) << "no application_data event (dir in) whose text starts with HTTP/\n"
                             << describe(run);

  // The key logs: the client wrote one CLIENT_RANDOM line; the server logged the same random
  // with the same master secret.
  auto client_secrets = read_keylog(client_keylog);
  ASSERT_EQ(client_secrets.size(), 1u) << "client key log:\n" << read_text(client_keylog);
  const auto& [client_random, master_secret] = *client_secrets.begin();
  EXPECT_EQ(client_random.size(), 64u);
  EXPECT_EQ(master_secret.size(), 96u);

  // The server logs the secret during its handshake, before it answers; a few retries cover
  // a log that is written but not yet flushed by the time the client exits.
  std::map<std::string, std::string> server_secrets;
  for (int i = 0; i < 100 && !server_secrets.count(client_random); ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    server_secrets = read_keylog(server_keylog);
  }
  ASSERT_TRUE(server_secrets.count(client_random))
      << "the server's key log has no line for client random " << client_random << ":\n"
      << read_text(server_keylog);
  EXPECT_EQ(master_secret, server_secrets[client_random]);

  // The master secret the events show is the same one.
  auto secrets = events_of_type(events, "secret");
  auto master = std::find_if(secrets.begin(), secrets.end(), [](const nlohmann::json& e) {
    return e.value("step", "") == "master_secret";
  });
  ASSERT_NE(master, secrets.end()) << "no secret event with step master_secret";
  std::string shown = master->value("value", "");
  std::transform(shown.begin(), shown.end(), shown.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  EXPECT_EQ(shown, master_secret);
}

INSTANTIATE_TEST_SUITE_P(, interop, testing::ValuesIn(all_cases()), case_name);

}  // namespace
}  // namespace tlsscope::test
