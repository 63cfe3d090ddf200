// Every error the CLI reports, triggered for real on loopback: a bad URL, a name that does not
// resolve, a refused connection, a server that never answers, one that hangs up, one that is not
// TLS at all, bad certificates made with openssl, a server with no suite or group in common, and
// a fatal alert. Each is checked twice: the plain run prints "error: CODE: sentence" on stderr
// and exits non-zero; the --json run does the same and its last word is an error event with CODE.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "cli.hpp"
#include "net.hpp"
#include "servers.hpp"
#include "temp_dir.hpp"

namespace tlsscope::test {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : " ") + item;
  return text;
}

// True if stderr has the line "error: CODE: <sentence>".
bool reports(const RunResult& run, const std::string& code) {
  auto codes = error_codes(run.err);
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

class errors : public testing::Test {
 protected:
  void TearDown() override {
    if (HasFailure()) {
      dir_.keep();
      std::cerr << "files of this test (server log) kept in " << dir_.path() << "\n";
    }
  }

  // Runs `tlsscope URL OPTIONS` and then with --json; both must fail with `code`.
  // Adds "--timeout 10" unless the options set a timeout.
  void expect_error(const std::string& code, const std::string& url,
                    std::vector<std::string> options = {}) {
    std::vector<std::string> args{url};
    args.insert(args.end(), options.begin(), options.end());
    if (std::find(options.begin(), options.end(), "--timeout") == options.end()) {
      args.insert(args.end(), {"--timeout", "10"});
    }

    {
      SCOPED_TRACE("tlsscope " + join(args));
      RunResult run = run_cli(args);
      EXPECT_FALSE(run.timed_out) << describe(run);
      EXPECT_NE(run.exit_code, 0) << describe(run);
      EXPECT_TRUE(reports(run, code))
          << "no line \"error: " << code << ": <sentence>\" on stderr\n" << describe(run)
          << server_log();
    }

    args.emplace_back("--json");
    {
      SCOPED_TRACE("tlsscope " + join(args));
      RunResult run = run_cli(args);
      EXPECT_FALSE(run.timed_out) << describe(run);
      EXPECT_NE(run.exit_code, 0) << describe(run);
      EXPECT_TRUE(reports(run, code))
          << "no line \"error: " << code << ": <sentence>\" on stderr\n" << describe(run)
          << server_log();
      std::string parse_error;
      auto events = json_lines(run.out, parse_error);
      EXPECT_EQ(parse_error, "");
      auto error_events = events_of_type(events, "error");
      ASSERT_FALSE(error_events.empty()) << "no event of type error\n" << describe(run);
      EXPECT_EQ(error_events.back().value("code", ""), code) << error_events.back().dump();
      EXPECT_EQ(error_events.back().value("step", ""), "error") << error_events.back().dump();
      EXPECT_FALSE(error_events.back().value("message", "").empty()) << error_events.back().dump();
    }
  }

  // Runs an openssl s_server with `args` (certificate options and more) for this test.
  void start_s_server(const std::vector<std::string>& args) {
    server_ = tlsscope::test::start_s_server(args, dir_ / "server.log");
  }

  // The s_server options that serve leaf NAME from the PKI with its intermediate.
  static std::vector<std::string> serving(const std::string& name,
                                          const std::string& intermediate) {
    std::vector<std::string> args{"-cert", pki_file(name + ".pem"), "-key", pki_file(name + ".key")};
    if (!intermediate.empty()) args.insert(args.end(), {"-cert_chain", pki_file(intermediate)});
    return args;
  }

  // Runs the CLI against the s_server started for this test, as https://localhost/.
  void expect_error_from_server(const std::string& code,
                                const std::vector<std::string>& more_options = {}) {
    std::vector<std::string> options{"--ca", pki_file("roots.pem"), "--connect",
                                     server_.address()};
    options.insert(options.end(), more_options.begin(), more_options.end());
    expect_error(code, "https://localhost/", options);
  }

  std::string server_log() const {
    if (server_.log.empty()) return "";
    return "\n--- server log ---\n" + read_text(server_.log);
  }

  TempDir dir_{"tlsscope-errors-"};
  RunningServer server_;
};

// The URL.

TEST_F(errors, bad_url_scheme) { expect_error("BAD_URL", "ftp://x"); }

TEST_F(errors, bad_url_no_host) { expect_error("BAD_URL", "https://"); }

TEST_F(errors, bad_url_port_out_of_range) { expect_error("BAD_URL", "https://localhost:99999/"); }

// The way to the server.

// RFC 6761: names under .invalid never resolve, so this needs no network.
TEST_F(errors, dns_failed) { expect_error("DNS_FAILED", "https://no-such-host.invalid/"); }

TEST_F(errors, connect_refused) {
  RefusingPort closed;
  expect_error("CONNECT_REFUSED", "https://localhost/",
               {"--connect", "127.0.0.1:" + std::to_string(closed.port())});
}

TEST_F(errors, timeout) {
  LoopbackServer silent(LoopbackServer::silent());
  expect_error("TIMEOUT", "https://localhost/",
               {"--connect", "127.0.0.1:" + std::to_string(silent.port()), "--timeout", "1"});
}

TEST_F(errors, connection_closed) {
  LoopbackServer hang_up(LoopbackServer::close_after_read());
  expect_error("CONNECTION_CLOSED", "https://localhost/",
               {"--connect", "127.0.0.1:" + std::to_string(hang_up.port())});
}

// Speaking TLS to a server that is not: its first byte, 'H', is no TLS content type.
TEST_F(errors, bad_record_type) {
  LoopbackServer http(LoopbackServer::reply_then_close(
      "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
  expect_error("BAD_RECORD_TYPE", "https://localhost/",
               {"--connect", "127.0.0.1:" + std::to_string(http.port())});
}

// The certificate.

TEST_F(errors, cert_expired) {
  start_s_server(serving("expired-leaf", "rsa-int.pem"));
  expect_error_from_server("CERT_EXPIRED");
}

TEST_F(errors, cert_not_yet_valid) {
  start_s_server(serving("notyet-leaf", "rsa-int.pem"));
  expect_error_from_server("CERT_NOT_YET_VALID");
}

// A valid chain for wrong.example, reached as localhost.
TEST_F(errors, cert_name_invalid) {
  start_s_server(serving("wrongname-leaf", "rsa-int.pem"));
  expect_error_from_server("CERT_NAME_INVALID");
}

// A valid chain up to a root the client is not given.
TEST_F(errors, cert_authority_invalid) {
  start_s_server(serving("unknown-leaf", "unknown-int.pem"));
  expect_error_from_server("CERT_AUTHORITY_INVALID");
}

TEST_F(errors, cert_self_signed) {
  start_s_server(serving("selfsigned-leaf", ""));
  expect_error_from_server("CERT_SELF_SIGNED");
}

// OpenSSL itself will not serve these below security level 0; clients must refuse them.
TEST_F(errors, cert_weak_key) {
  auto args = serving("weakrsa-leaf", "rsa-int.pem");
  args.insert(args.end(), {"-cipher", "DEFAULT@SECLEVEL=0"});
  start_s_server(args);
  expect_error_from_server("CERT_WEAK_KEY");
}

TEST_F(errors, cert_weak_signature) {
  auto args = serving("sha1-leaf", "rsa-int.pem");
  args.insert(args.end(), {"-cipher", "DEFAULT@SECLEVEL=0"});
  start_s_server(args);
  expect_error_from_server("CERT_WEAK_SIGNATURE");
}

// What the server will and will not do.

// The server allows only ECDHE-RSA-AES128-SHA (CBC), which the client does not offer: it
// answers the ClientHello with a handshake_failure alert.
TEST_F(errors, version_or_cipher_mismatch_suite) {
  auto args = serving("rsa-leaf", "rsa-int.pem");
  args.insert(args.end(), {"-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA"});
  start_s_server(args);
  expect_error_from_server("VERSION_OR_CIPHER_MISMATCH");
}

// The server allows only the P-521 group, which the client does not offer: no ECDHE suite can
// be chosen, so it answers with a handshake_failure alert.
TEST_F(errors, version_or_cipher_mismatch_group) {
  auto args = serving("rsa-leaf", "rsa-int.pem");
  args.insert(args.end(), {"-tls1_2", "-groups", "P-521"});
  start_s_server(args);
  expect_error_from_server("VERSION_OR_CIPHER_MISMATCH");
}

// The server speaks only TLS 1.3 and the client is held to TLS 1.2: protocol_version alert.
TEST_F(errors, version_or_cipher_mismatch_version) {
  auto args = serving("rsa-leaf", "rsa-int.pem");
  args.emplace_back("-tls1_3");
  start_s_server(args);
  expect_error_from_server("VERSION_OR_CIPHER_MISMATCH", {"--tls1.2"});
}

// The server only answers to other.example and sends a fatal unrecognized_name alert for
// anything else.
TEST_F(errors, alert_received) {
  auto args = serving("rsa-leaf", "rsa-int.pem");
  args.insert(args.end(), {"-cert2", pki_file("rsa-leaf.pem"), "-key2", pki_file("rsa-leaf.key"),
                           "-servername", "other.example", "-servername_fatal"});
  start_s_server(args);
  expect_error_from_server("ALERT_RECEIVED");
}

}  // namespace
}  // namespace tlsscope::test
