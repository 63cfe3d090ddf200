// Every error code triggered for real. Refusals of the request itself are HTTP answers
// before the upgrade; failures after it are an "error" event and a close.
#include "server_process.hpp"
#include "tcp_targets.hpp"
#include "ws_client.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <thread>

namespace tlsscope::relay::test {
namespace {

std::string allow(std::uint16_t port) { return "127.0.0.1:" + std::to_string(port); }
std::string relay_target(std::uint16_t port, const std::string& host = "127.0.0.1") {
  return "/relay?host=" + host + "&port=" + std::to_string(port);
}

// The error event, then the close with `close_code` and the code as its reason.
void expect_error(ws_client& ws, const std::string& code, std::uint16_t close_code,
                  const std::string& message_part = "") {
  std::optional<ws_message> m;
  while ((m = ws.read())) {
    if (!m->text) continue;  // data that came before the failure
    auto event = nlohmann::json::parse(m->data);
    if (event["type"] != "error") continue;
    EXPECT_EQ(event["code"], code) << event.dump();
    if (!message_part.empty()) {
      EXPECT_NE(event["message"].get<std::string>().find(message_part), std::string::npos)
          << event.dump();
    }
    EXPECT_TRUE(ws.read_until_close().empty());
    EXPECT_EQ(ws.close_code(), close_code);
    EXPECT_EQ(ws.close_reason(), code);
    return;
  }
  ADD_FAILURE() << "closed (" << ws.close_code() << ") without an error event; expected " << code;
}

void expect_refusal(ws_client& ws, unsigned status, const std::string& code) {
  ASSERT_FALSE(ws.is_open());
  EXPECT_EQ(ws.refusal_status(), status);
  auto body = nlohmann::json::parse(ws.refusal_body());
  EXPECT_EQ(body["type"], "error");
  EXPECT_EQ(body["code"], code) << body.dump();
}

TEST(RelayErrors, BadRequestBeforeTheUpgrade) {
  server_process server;
  ws_client missing_port(server.port(), "/relay?host=example.com");
  expect_refusal(missing_port, 400, "BAD_REQUEST");
  ws_client bad_host(server.port(), "/relay?host=exa%20mple.com&port=443");
  expect_refusal(bad_host, 400, "BAD_REQUEST");
  ws_client bad_protocol(server.port(), "/relay?host=example.com&port=443",
                         {{"Sec-WebSocket-Protocol", "base64"}});
  expect_refusal(bad_protocol, 400, "BAD_REQUEST");

  auto plain = http_get(server.port(), "/relay?host=example.com&port=443");
  EXPECT_EQ(plain.result_int(), 426);
  EXPECT_EQ(nlohmann::json::parse(plain.body())["code"], "BAD_REQUEST");
}

TEST(RelayErrors, BadRequestForAnUnknownControlMessage) {
  echo_server echo;
  server_process server({"--allow", allow(echo.port())});
  ws_client ws(server.port(), relay_target(echo.port()));
  ASSERT_TRUE(ws.is_open());
  ws.read_event();
  ws.read_event();
  ws.send_text(R"({"type":"launch-missiles"})");
  expect_error(ws, "BAD_REQUEST", 1008, "unknown control message");
}

TEST(RelayErrors, OriginForbidden) {
  echo_server echo;
  server_process server({"--allow", allow(echo.port()), "--allowed-origin", "https://ok.example"});
  ws_client evil(server.port(), relay_target(echo.port()), {{"Origin", "https://evil.example"}});
  expect_refusal(evil, 403, "ORIGIN_FORBIDDEN");
  ws_client rebinding(server.port(), relay_target(echo.port()),
                      {{"Origin", "http://evil.example"}, {"Host", "evil.example"}});
  expect_refusal(rebinding, 403, "ORIGIN_FORBIDDEN");
  EXPECT_EQ(echo.accepted(), 0u);

  ws_client same(server.port(), relay_target(echo.port()),
                 {{"Origin", "http://127.0.0.1:" + std::to_string(server.port())}});
  EXPECT_TRUE(same.is_open());
  ws_client listed(server.port(), relay_target(echo.port()), {{"Origin", "https://ok.example"}});
  EXPECT_TRUE(listed.is_open());
}

TEST(RelayErrors, TargetForbiddenByPortBeforeAnyLookup) {
  echo_server echo;
  server_process server;
  ws_client ws(server.port(), relay_target(echo.port()));
  ASSERT_TRUE(ws.is_open());
  auto event = ws.read_event();
  EXPECT_EQ(event["type"], "error") << "no dns event: the port is refused first";
  EXPECT_EQ(event["code"], "TARGET_FORBIDDEN");
  EXPECT_NE(event["message"].get<std::string>().find("port"), std::string::npos);
  EXPECT_TRUE(ws.read_until_close().empty());
  EXPECT_EQ(ws.close_code(), 1008);
  EXPECT_EQ(echo.accepted(), 0u);
}

TEST(RelayErrors, TargetForbiddenOnTheResolvedAddress) {
  echo_server echo;
  // The port is allowed; the address is loopback, which stays blocked.
  server_process server({"--allow-port", std::to_string(echo.port())});
  for (const std::string host : {"127.0.0.1", "%5B::ffff:127.0.0.1%5D", "127.1.2.3"}) {
    ws_client ws(server.port(), relay_target(echo.port(), host));
    ASSERT_TRUE(ws.is_open()) << host;
    EXPECT_EQ(ws.read_event()["type"], "dns") << host;
    expect_error(ws, "TARGET_FORBIDDEN", 1008, "loopback");
  }
  // A name whose every address is refused: no dns event, and the refusal names none of them.
  ws_client name(server.port(), relay_target(echo.port(), "localhost"));
  ASSERT_TRUE(name.is_open());
  expect_error(name, "TARGET_FORBIDDEN", 1008, "no address of localhost is one this relay connects to");
  ws_client mapped(server.port(), relay_target(echo.port(), "%5B::ffff:127.0.0.1%5D"));
  mapped.read_event();
  auto event = mapped.read_event();
  EXPECT_NE(event["message"].get<std::string>().find("IPv4-mapped"), std::string::npos);
  EXPECT_EQ(echo.accepted(), 0u) << "a refused target must never see a connection";
}

TEST(RelayErrors, TargetForbiddenByNamePattern) {
  server_process server({"--deny-host", "*.blocked.example"});
  ws_client ws(server.port(), "/relay?host=www.blocked.example&port=443");
  ASSERT_TRUE(ws.is_open());
  expect_error(ws, "TARGET_FORBIDDEN", 1008, "deny list");
}

TEST(RelayErrors, DnsFailed) {
  server_process server;
  ws_client ws(server.port(), "/relay?host=no-such-host.invalid&port=443");
  ASSERT_TRUE(ws.is_open());
  expect_error(ws, "DNS_FAILED", 1011, "no-such-host.invalid");
}

TEST(RelayErrors, ConnectRefused) {
  const auto port = closed_port();
  server_process server({"--allow", allow(port)});
  ws_client ws(server.port(), relay_target(port));
  ASSERT_TRUE(ws.is_open());
  EXPECT_EQ(ws.read_event()["type"], "dns");
  expect_error(ws, "CONNECT_REFUSED", 1011, "refused");
}

TEST(RelayErrors, ConnectTimeout) {
  unanswering_server target;
  server_process server({"--allow", allow(target.port()), "--connect-timeout", "0.5"});
  ws_client ws(server.port(), relay_target(target.port()));
  ASSERT_TRUE(ws.is_open());
  EXPECT_EQ(ws.read_event()["type"], "dns");
  expect_error(ws, "CONNECT_TIMEOUT", 1011, "0.5");
}

TEST(RelayErrors, IdleTimeoutCountsDataNotPings) {
  echo_server echo;
  server_process server({"--allow", allow(echo.port()), "--idle-timeout", "1"});
  ws_client ws(server.port(), relay_target(echo.port()));
  ASSERT_TRUE(ws.is_open());
  ws.read_event();
  ws.read_event();
  // Data every 150 ms keeps the tunnel open well past the 1 s idle timeout...
  for (int i = 0; i < 14; ++i) {
    ws.send_binary("x");
    ASSERT_EQ(ws.read_bytes(1), "x") << "closed while data was flowing, round " << i;
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
  }
  // ...pings alone do not: the relay answers every one and closes anyway.
  const auto start = std::chrono::steady_clock::now();
  auto m = ws.read_while_pinging(100ms, 20s);
  const auto waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start);
  ASSERT_TRUE(m && m->text);
  auto event = nlohmann::json::parse(m->data);
  EXPECT_EQ(event["code"], "IDLE_TIMEOUT");
  EXPECT_NE(event["message"].get<std::string>().find("1 s"), std::string::npos);
  EXPECT_GE(ws.pongs(), 3u) << "the pings were answered: the peer was alive, just idle";
  EXPECT_TRUE(ws.read_until_close().empty());
  EXPECT_EQ(ws.close_code(), 1008);
  std::printf("[ figures  ] idle close %.2f s after the last data, %zu pongs meanwhile\n",
              waited.count(), ws.pongs());
}

TEST(RelayErrors, PerClientTunnelLimit) {
  echo_server echo;
  server_process server({"--allow", allow(echo.port()), "--max-tunnels-per-client", "2"});
  auto one = std::make_unique<ws_client>(server.port(), relay_target(echo.port()));
  ws_client two(server.port(), relay_target(echo.port()));
  ASSERT_TRUE(one->is_open());
  ASSERT_TRUE(two.is_open());
  ws_client three(server.port(), relay_target(echo.port()));
  expect_refusal(three, 429, "LIMIT_REACHED");

  one->close();
  one.reset();
  ASSERT_TRUE(server.wait_for_log(" tunnel "));
  ws_client four(server.port(), relay_target(echo.port()));
  EXPECT_TRUE(four.is_open()) << "a closed tunnel gives its place back";
}

TEST(RelayErrors, TotalTunnelLimit) {
  echo_server echo;
  server_process server({"--allow", allow(echo.port()), "--max-tunnels", "1"});
  ws_client one(server.port(), relay_target(echo.port()));
  ASSERT_TRUE(one.is_open());
  ws_client two(server.port(), relay_target(echo.port()));
  expect_refusal(two, 503, "LIMIT_REACHED");
}

TEST(RelayErrors, ByteLimit) {
  echo_server echo;
  server_process server({"--allow", allow(echo.port()), "--max-bytes", "1000"});
  ws_client ws(server.port(), relay_target(echo.port()));
  ASSERT_TRUE(ws.is_open());
  ws.read_event();
  ws.read_event();
  ws.send_binary(std::string(600, 'a'));  // 600 up + 600 echoed down > 1000
  std::size_t down = 0;
  std::optional<ws_message> m;
  nlohmann::json error;
  while ((m = ws.read())) {
    if (m->text)
      error = nlohmann::json::parse(m->data);
    else
      down += m->data.size();
  }
  EXPECT_EQ(error["code"], "LIMIT_REACHED");
  EXPECT_EQ(ws.close_code(), 1008);
  EXPECT_EQ(down, 400u) << "exactly the bytes within the limit are delivered";
}

TEST(RelayErrors, LifetimeLimit) {
  echo_server echo;
  server_process server({"--allow", allow(echo.port()), "--max-lifetime", "0.5"});
  ws_client ws(server.port(), relay_target(echo.port()));
  ASSERT_TRUE(ws.is_open());
  ws.read_event();
  ws.read_event();
  expect_error(ws, "LIMIT_REACHED", 1008, "lifetime");
}

TEST(RelayErrors, MessageTooBig) {
  echo_server echo;
  server_process server({"--allow", allow(echo.port()), "--max-message", "1K"});
  ws_client ws(server.port(), relay_target(echo.port()));
  ASSERT_TRUE(ws.is_open());
  ws.read_event();
  ws.read_event();
  ws.send_binary(std::string(1024, 'a'));
  EXPECT_EQ(ws.read_bytes(1024).size(), 1024u) << "a message of exactly the limit passes";
  ws.send_binary(std::string(1025, 'b'));
  expect_error(ws, "MESSAGE_TOO_BIG", 1009);
}

TEST(RelayErrors, TargetError) {
  scripted_server target([](tcp::socket& s) {
    char buf[16];
    s.read_some(net::buffer(buf));
    // Close with RST instead of FIN.
    s.set_option(net::socket_base::linger(true, 0));
    s.close();
  });
  server_process server({"--allow", allow(target.port())});
  ws_client ws(server.port(), relay_target(target.port()));
  ASSERT_TRUE(ws.is_open());
  ws.read_event();
  ws.read_event();
  ws.send_binary("x");
  expect_error(ws, "TARGET_ERROR", 1011);
}

TEST(RelayErrors, BinaryModeGetsTheCodeAsCloseReason) {
  server_process server;
  ws_client ws(server.port(), "/relay?host=127.0.0.1&port=443",
               {{"Sec-WebSocket-Protocol", "binary"}});
  ASSERT_TRUE(ws.is_open());
  EXPECT_TRUE(ws.read_until_close().empty()) << "no text frames in binary mode";
  EXPECT_EQ(ws.close_code(), 1008);
  EXPECT_EQ(ws.close_reason(), "TARGET_FORBIDDEN");
}

}  // namespace
}  // namespace tlsscope::relay::test
