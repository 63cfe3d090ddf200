// The demo HTTPS origin (its main port served by Node.js 26, or by the embedded OpenSSL 3.0
// where Node is missing): real `openssl s_client` handshakes (TLS 1.2 and 1.3) trusting
// /ca.pem, X25519MLKEM768 with the project's CLI, a TLS handshake through the relay under the
// default policy (its secrets bound to the tunnel), and the state folder.
#include "server_process.hpp"
#include "ws_client.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cstdio>
#include <fstream>
#include <memory>

namespace tlsscope::relay::test {
namespace {

std::string run_command(const std::string& command) {
  FILE* p = ::popen(command.c_str(), "r");
  if (!p) return {};
  std::string out;
  char buf[4096];
  while (auto n = std::fread(buf, 1, sizeof buf, p))
    out.append(buf, n);
  ::pclose(p);
  return out;
}

class DemoOrigin : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.demo_port());
    ca_file_ = files_.path() / "ca.pem";
    std::ofstream(ca_file_) << http_get(server_.port(), "/ca.pem").body();
    std::ofstream(files_.path() / "request.txt")
        << "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
  }

  // s_client with the demo root as its only trust anchor; `timeout` keeps a hang bounded.
  std::string s_client(const std::string& version, const std::string& name = "localhost") {
    return run_command(
        "timeout 20 openssl s_client -connect 127.0.0.1:" + std::to_string(*server_.demo_port()) +
        " " + version + " -servername " + name + " -verify_hostname " + name + " -CAfile " +
        ca_file_.string() + " -verify_return_error -ign_eof < " +
        (files_.path() / "request.txt").string() + " 2>&1");
  }

  // The project's own CLI, trusting only /ca.pem.
  std::string cli(const std::string& version) {
    return run_command("timeout 20 " + std::string(TLSSCOPE_CLI_PATH) + " " + version +
                       " --json --ca " + ca_file_.string() + " --connect 127.0.0.1:" +
                       std::to_string(*server_.demo_port()) + " https://localhost/ 2>&1");
  }

  server_process server_;
  temp_dir files_;
  std::filesystem::path ca_file_;
};

TEST_F(DemoOrigin, OpensslTls13HandshakeVerifiesAgainstCaPem) {
  const auto out = s_client("-tls1_3");
  EXPECT_NE(out.find("Verify return code: 0 (ok)"), std::string::npos) << out;
  EXPECT_NE(out.find("Protocol  : TLSv1.3"), std::string::npos) << out;
  EXPECT_NE(out.find("Hello from the tlsscope demo origin"), std::string::npos) << out;
  EXPECT_NE(out.find("over TLSv1.3"), std::string::npos) << out;
  EXPECT_NE(out.find("depth=2 O = tlsscope demo, CN = tlsscope demo root CA"), std::string::npos)
      << "root -> intermediate -> leaf: " << out;
}

TEST_F(DemoOrigin, OpensslTls12HandshakeVerifiesAgainstCaPem) {
  const auto out = s_client("-tls1_2");
  EXPECT_NE(out.find("Verify return code: 0 (ok)"), std::string::npos) << out;
  EXPECT_NE(out.find("Protocol  : TLSv1.2"), std::string::npos) << out;
  EXPECT_NE(out.find("Cipher    : ECDHE-ECDSA-"), std::string::npos) << out;
  EXPECT_NE(out.find("over TLSv1.2"), std::string::npos) << out;
}

TEST_F(DemoOrigin, ProjectCliTls13HandshakeVerifiesAgainstCaPem) {
  const auto out = cli("--tls1.3");
  EXPECT_NE(out.find("\"version\":\"TLS 1.3\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"verdict\":\"trusted\""), std::string::npos) << out;
  EXPECT_NE(out.find("Hello from the tlsscope demo origin"), std::string::npos) << out;
  EXPECT_EQ(out.find("error:"), std::string::npos) << out;
}

// Issue 16, item 5: the main port is Node.js 26's (OpenSSL 3.5), which takes the hybrid the
// client offers first, and its page says so; `--no-pq` gets the classical X25519.
TEST_F(DemoOrigin, MainPortNegotiatesX25519MLKEM768) {
  EXPECT_TRUE(server_.wait_for_log("main port served by Node.js v26")) << server_.log();
  auto out = cli("--tls1.3");
  EXPECT_NE(out.find("\"group\":\"X25519MLKEM768\""), std::string::npos) << out;
  EXPECT_NE(out.find("key exchange group X25519MLKEM768"), std::string::npos) << out;
  EXPECT_NE(out.find("with OpenSSL 3.5"), std::string::npos) << out;
  out = cli("--tls1.3 --no-pq");
  EXPECT_NE(out.find("\"group\":\"x25519\""), std::string::npos) << out;
  EXPECT_NE(out.find("key exchange group x25519"), std::string::npos) << out;
}

TEST_F(DemoOrigin, ProjectCliTls12HandshakeVerifiesAgainstCaPem) {
  const auto out = cli("--tls1.2");
  EXPECT_NE(out.find("\"version\":\"TLS 1.2\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"cipher_suite\":\"TLS_ECDHE_ECDSA_WITH_"), std::string::npos) << out;
  EXPECT_NE(out.find("Hello from the tlsscope demo origin"), std::string::npos) << out;
  EXPECT_EQ(out.find("error:"), std::string::npos) << out;
}

TEST_F(DemoOrigin, CertificateCoversTheLoopbackAddress) {
  const auto out = run_command(
      "timeout 20 openssl s_client -connect 127.0.0.1:" + std::to_string(*server_.demo_port()) +
      " -verify_ip 127.0.0.1 -CAfile " + ca_file_.string() +
      " -verify_return_error < /dev/null 2>&1");
  EXPECT_NE(out.find("Verify return code: 0 (ok)"), std::string::npos) << out;
}

TEST_F(DemoOrigin, WrongNameFailsVerification) {
  const auto out = s_client("-tls1_3", "example.com");
  EXPECT_EQ(out.find("Verify return code: 0 (ok)"), std::string::npos) << out;
}

TEST_F(DemoOrigin, NoOldProtocols) {
  const auto out = run_command("timeout 20 openssl s_client -connect 127.0.0.1:" +
                               std::to_string(*server_.demo_port()) + " -tls1_1 < /dev/null 2>&1");
  EXPECT_NE(out.find("alert protocol version"), std::string::npos) << out;
  EXPECT_NE(out.find("Cipher is (NONE)"), std::string::npos) << out;
}

// A TLS client speaking through the tunnel, OpenSSL on memory BIOs so the bytes travel in
// WebSocket frames exactly as the page's engine sends them.
class tls_over_tunnel {
 public:
  tls_over_tunnel(ws_client& ws, const std::string& ca_file, int version) : ws_(ws) {
    ctx_.reset(SSL_CTX_new(TLS_client_method()));
    SSL_CTX_set_min_proto_version(ctx_.get(), version);
    SSL_CTX_set_max_proto_version(ctx_.get(), version);
    SSL_CTX_load_verify_locations(ctx_.get(), ca_file.c_str(), nullptr);
    SSL_CTX_set_verify(ctx_.get(), SSL_VERIFY_PEER, nullptr);
    ssl_.reset(SSL_new(ctx_.get()));
    SSL_set_bio(ssl_.get(), BIO_new(BIO_s_mem()), BIO_new(BIO_s_mem()));
    SSL_set_tlsext_host_name(ssl_.get(), "localhost");
    SSL_set1_host(ssl_.get(), "localhost");
    SSL_set_connect_state(ssl_.get());
  }

  bool handshake() {
    while (true) {
      const int r = SSL_do_handshake(ssl_.get());
      flush();
      if (r == 1) return true;
      if (SSL_get_error(ssl_.get(), r) != SSL_ERROR_WANT_READ || !feed()) return false;
    }
  }

  std::string get(const std::string& request) {
    SSL_write(ssl_.get(), request.data(), static_cast<int>(request.size()));
    flush();
    std::string response;
    char buf[4096];
    while (true) {
      const int n = SSL_read(ssl_.get(), buf, sizeof buf);
      if (n > 0) {
        response.append(buf, static_cast<std::size_t>(n));
        continue;
      }
      if (SSL_get_error(ssl_.get(), n) != SSL_ERROR_WANT_READ || !feed()) return response;
    }
  }

  SSL* ssl() const { return ssl_.get(); }
  std::vector<nlohmann::json> events;

 private:
  void flush() {
    char buf[16384];
    int n;
    while ((n = BIO_read(SSL_get_wbio(ssl_.get()), buf, sizeof buf)) > 0)
      ws_.send_binary(std::string_view(buf, static_cast<std::size_t>(n)));
  }
  bool feed() {
    auto m = ws_.read();
    if (!m) return false;
    if (m->text) {
      events.push_back(nlohmann::json::parse(m->data));
      return events.back()["type"] != "closed" && events.back()["type"] != "error";
    }
    BIO_write(SSL_get_rbio(ssl_.get()), m->data.data(), static_cast<int>(m->data.size()));
    return true;
  }

  struct free_ctx {
    void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
  };
  struct free_ssl {
    void operator()(SSL* s) const { SSL_free(s); }
  };
  ws_client& ws_;
  std::unique_ptr<SSL_CTX, free_ctx> ctx_;
  std::unique_ptr<SSL, free_ssl> ssl_;
};

void handshake_through_relay(const server_process& server, const std::string& ca_file, int version,
                             const char* expected) {
  ws_client ws(server.port(), "/relay?host=localhost&port=" + std::to_string(*server.demo_port()));
  ASSERT_TRUE(ws.is_open());
  EXPECT_EQ(ws.read_event()["type"], "dns");
  auto tcp = ws.read_event();
  ASSERT_EQ(tcp["type"], "tcp") << tcp.dump();
  EXPECT_EQ(tcp["remote"], "127.0.0.1:" + std::to_string(*server.demo_port()));

  tls_over_tunnel tls(ws, ca_file, version);
  ASSERT_TRUE(tls.handshake()) << ERR_error_string(ERR_get_error(), nullptr);
  EXPECT_EQ(SSL_get_verify_result(tls.ssl()), X509_V_OK);
  EXPECT_STREQ(SSL_get_version(tls.ssl()), expected);
  const auto response = tls.get("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  EXPECT_NE(response.find("Hello from the tlsscope demo origin"), std::string::npos) << response;
  for (const auto& m : ws.read_until_close())
    if (m.text) tls.events.push_back(nlohmann::json::parse(m.data));
  ASSERT_FALSE(tls.events.empty());
  EXPECT_EQ(tls.events.back()["type"], "closed");
  EXPECT_EQ(tls.events.back()["by"], "server");

  // Issue 18, item 5: the secrets the origin derived are this tunnel's. The Client Random
  // was in clear in the ClientHello, so it alone opens nothing; the token from the tcp
  // event does.
  const std::string token = tcp.value("secrets_token", "");
  EXPECT_EQ(token.size(), 32u) << tcp.dump();
  unsigned char random[32];
  SSL_get_client_random(tls.ssl(), random, sizeof random);
  std::string hex;
  for (unsigned char c : random) {
    hex += "0123456789abcdef"[c >> 4];
    hex += "0123456789abcdef"[c & 15];
  }
  const auto path = "/origin-secrets?client_random=" + hex;
  EXPECT_EQ(http_get(server.port(), path).result_int(), 404u) << "the random alone";
  EXPECT_EQ(http_get(server.port(), path + "&token=" + std::string(32, '0')).result_int(), 404u);
  const auto mine = http_get(server.port(), path + "&token=" + token);
  EXPECT_EQ(mine.result_int(), 200u) << mine.body();
  EXPECT_NE(mine.body().find(expected == std::string("TLSv1.3") ? "TLS 1.3" : "TLS 1.2"),
            std::string::npos);
}

TEST_F(DemoOrigin, DefaultPolicyLetsTheRelayReachItOverTls13) {
  handshake_through_relay(server_, ca_file_.string(), TLS1_3_VERSION, "TLSv1.3");
}

TEST_F(DemoOrigin, DefaultPolicyLetsTheRelayReachItOverTls12) {
  handshake_through_relay(server_, ca_file_.string(), TLS1_2_VERSION, "TLSv1.2");
}

// Where Node.js 26 is missing the embedded OpenSSL 3.0 origin serves the main port, says so,
// and the hybrid offered is passed over for the X25519 share beside it.
TEST(DemoOriginFallback, WithoutNodeTheEmbeddedOriginServesAndSaysSo) {
  temp_dir files;
  server_process server({"--demo-origin-node", (files.path() / "no-node").string()});
  ASSERT_TRUE(server.demo_port());
  EXPECT_TRUE(server.wait_for_log("Node.js 26 not found at")) << server.log();
  EXPECT_TRUE(server.wait_for_log("main port served by OpenSSL 3.0")) << server.log();
  const auto ca = files.path() / "ca.pem";
  std::ofstream(ca) << http_get(server.port(), "/ca.pem").body();
  const auto out = run_command("timeout 20 " + std::string(TLSSCOPE_CLI_PATH) +
                               " --tls1.3 --json --ca " + ca.string() + " --connect 127.0.0.1:" +
                               std::to_string(*server.demo_port()) + " https://localhost/ 2>&1");
  EXPECT_NE(out.find("\"group\":\"x25519\""), std::string::npos) << out;
  EXPECT_NE(out.find("Hello from the tlsscope demo origin"), std::string::npos) << out;
}

TEST(DemoOriginState, ChainIsCreatedOnceAndReused) {
  temp_dir state;
  std::string first_ca;
  {
    server_process first({"--state", state.path().string()});
    first_ca = http_get(first.port(), "/ca.pem").body();
    EXPECT_TRUE(first.wait_for_log("creating a certificate chain"));
    EXPECT_EQ(first.terminate(), 0);
  }
  for (const char* file : {"ca.pem", "intermediate.pem", "leaf.pem", "leaf.key"})
    EXPECT_TRUE(std::filesystem::exists(state.path() / file)) << file;
  EXPECT_FALSE(std::filesystem::exists(state.path() / "ca.key")) << "CA keys are never stored";
  const auto key_perms = std::filesystem::status(state.path() / "leaf.key").permissions();
  EXPECT_EQ(key_perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
            std::filesystem::perms::none);
  {
    server_process second({"--state", state.path().string()});
    EXPECT_EQ(http_get(second.port(), "/ca.pem").body(), first_ca);
    EXPECT_FALSE(second.wait_for_log("creating a certificate chain", 1, std::chrono::seconds(0)));
  }
  // A broken file means a new chain, not a server that cannot start.
  std::ofstream(state.path() / "leaf.pem") << "garbage";
  server_process third({"--state", state.path().string()});
  const auto third_ca = http_get(third.port(), "/ca.pem").body();
  EXPECT_NE(third_ca, first_ca);
  EXPECT_TRUE(third.wait_for_log("creating a certificate chain"));
}

// Issue 18, item 9: the state folder holds the demo leaf key. Inside the served page folder,
// or open to other users, the server refuses to start rather than serve or trust it.
TEST(DemoOriginState, AStateFolderInsideTheWebFolderIsRefused) {
  temp_dir web;
  const auto out = run_command("timeout 20 " + server_binary() + " --listen 127.0.0.1:0" +
                               " --demo-origin 127.0.0.1:0 --web " + web.path().string() +
                               " --state " + (web.path() / "sub" / ".." / "state").string() +
                               " 2>&1; echo status=$?");
  EXPECT_NE(out.find("would be served to anyone"), std::string::npos) << out;
  EXPECT_NE(out.find("status=1"), std::string::npos) << out;
  EXPECT_FALSE(std::filesystem::exists(web.path() / "state" / "leaf.key"));
}

TEST(DemoOriginState, AStateFolderOthersMayWriteIsRefused) {
  temp_dir state;
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give the folder to another user";
  ASSERT_EQ(::chown(state.path().c_str(), 65534, 65534), 0);
  const auto out = run_command("timeout 20 " + server_binary() + " --listen 127.0.0.1:0" +
                               " --demo-origin 127.0.0.1:0 --state " + state.path().string() +
                               " 2>&1; echo status=$?");
  EXPECT_NE(out.find("must belong to this user"), std::string::npos) << out;
  EXPECT_NE(out.find("status=1"), std::string::npos) << out;
  EXPECT_FALSE(std::filesystem::exists(state.path() / "leaf.key"));
}

}  // namespace
}  // namespace tlsscope::relay::test
