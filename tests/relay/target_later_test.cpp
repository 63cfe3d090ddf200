// Tunnels opened ahead of their run (/relay?target=later): the WebSocket is open before the
// learner presses Enter, and its first message names the target. Once named, the target goes
// through the same policy, lookup and connect as one named in the URL; before that, nothing
// reaches any target.
#include "server_process.hpp"
#include "tcp_targets.hpp"
#include "ws_client.hpp"

#include <gtest/gtest.h>

namespace tlsscope::relay::test {
namespace {

constexpr const char* later = "/relay?target=later";

std::string allow(std::uint16_t port) { return "127.0.0.1:" + std::to_string(port); }
std::string connect_message(std::uint16_t port, const std::string& host = "127.0.0.1") {
  return R"({"type":"connect","host":")" + host + R"(","port":)" + std::to_string(port) + "}";
}

// The error event with `code` (and `part` in its message), then the close.
void expect_error(ws_client& ws, const std::string& code, std::uint16_t close_code,
                  const std::string& part) {
  auto event = ws.read_event();
  EXPECT_EQ(event["type"], "error") << event.dump();
  EXPECT_EQ(event["code"], code) << event.dump();
  EXPECT_NE(event["message"].get<std::string>().find(part), std::string::npos) << event.dump();
  EXPECT_TRUE(ws.read_until_close().empty());
  EXPECT_EQ(ws.close_code(), close_code);
}

TEST(TargetLater, ConnectMessageOpensTheTunnel) {
  echo_server echo;
  server_process server({"--allow", allow(echo.port())});
  ws_client ws(server.port(), later, {{"Sec-WebSocket-Protocol", "tlsscope.relay.v1"}});
  ASSERT_TRUE(ws.is_open()) << ws.refusal_body();
  EXPECT_EQ(ws.subprotocol(), "tlsscope.relay.v1");
  EXPECT_EQ(echo.accepted(), 0u) << "no target before the connect message";

  ws.send_text(connect_message(echo.port()));
  auto dns = ws.read_event();
  EXPECT_EQ(dns["type"], "dns");
  EXPECT_EQ(dns["addresses"], nlohmann::json::array({"127.0.0.1"}));
  auto tcp = ws.read_event();
  EXPECT_EQ(tcp["type"], "tcp");
  EXPECT_EQ(tcp["remote"], allow(echo.port()));
  EXPECT_EQ(ws.exchange("hello", 5, 5, 20s), "hello");

  // The tunnel has its target: a second connect is not a control message it knows.
  ws.send_text(connect_message(echo.port()));
  expect_error(ws, "BAD_REQUEST", 1008, "unknown control message");
}

TEST(TargetLater, NamedTargetMeetsThePolicy) {
  echo_server echo;
  // The port is allowed; loopback addresses stay blocked, however the target arrives.
  server_process server({"--allow-port", std::to_string(echo.port())});
  ws_client literal(server.port(), later);
  ASSERT_TRUE(literal.is_open());
  literal.send_text(connect_message(echo.port()));
  EXPECT_EQ(literal.read_event()["type"], "dns");
  expect_error(literal, "TARGET_FORBIDDEN", 1008, "loopback");

  ws_client port(server.port(), later);
  port.send_text(connect_message(443, "127.0.0.1"));
  expect_error(port, "TARGET_FORBIDDEN", 1008, "port");
  EXPECT_EQ(echo.accepted(), 0u) << "a refused target must never see a connection";
}

TEST(TargetLater, NothingButTheConnectMessageComesFirst) {
  echo_server echo;
  server_process server({"--allow", allow(echo.port())});
  ws_client data(server.port(), later);
  data.send_binary("\x16\x03\x01");
  expect_error(data, "BAD_REQUEST", 1008, "before the connect message");

  ws_client other(server.port(), later);
  other.send_text(R"({"type":"shutdown"})");
  expect_error(other, "BAD_REQUEST", 1008, "waits for its target");

  ws_client bad_port(server.port(), later);
  bad_port.send_text(R"({"type":"connect","host":"127.0.0.1","port":0})");
  expect_error(bad_port, "BAD_REQUEST", 1008, "1 to 65535");
  EXPECT_EQ(echo.accepted(), 0u);
}

TEST(TargetLater, WaitsNoLongerThanTheIdleTimeout) {
  server_process server({"--idle-timeout", "0.5"});
  ws_client ws(server.port(), later);
  ASSERT_TRUE(ws.is_open());
  const auto start = std::chrono::steady_clock::now();
  expect_error(ws, "IDLE_TIMEOUT", 1008, "no connect message within 0.5 s");
  EXPECT_GE(std::chrono::steady_clock::now() - start, 450ms);
}

// A tunnel waiting for its target holds a connection's place, not a tunnel's: idle pages never
// use up the tunnels runs need. Its target takes a tunnel's place, under the tunnel limits.
TEST(TargetLater, WaitingCountsAsAConnectionNamingATargetAsATunnel) {
  echo_server echo;
  server_process server({"--allow", allow(echo.port()), "--max-tunnels-per-client", "1",
                         "--max-connections-per-client", "2"});
  ws_client first(server.port(), later), second(server.port(), later);
  ASSERT_TRUE(first.is_open() && second.is_open()) << "two waiting tunnels, one tunnel allowed";
  ws_client third(server.port(), later);
  EXPECT_FALSE(third.is_open()) << "two tunnels waiting fill --max-connections-per-client 2";
  EXPECT_EQ(third.refusal_status(), 429u);

  first.send_text(connect_message(echo.port()));
  EXPECT_EQ(first.read_event()["type"], "dns");
  EXPECT_EQ(first.read_event()["type"], "tcp");
  second.send_text(connect_message(echo.port()));
  expect_error(second, "LIMIT_REACHED", 1008, "has all the tunnels it may open at once");
  EXPECT_EQ(first.exchange("still here", 10, 10, 20s), "still here");
}

TEST(TargetLater, RefusedBeforeTheUpgradeInBinaryMode) {
  server_process server;
  ws_client ws(server.port(), later, {{"Sec-WebSocket-Protocol", "binary"}});
  ASSERT_FALSE(ws.is_open());
  EXPECT_EQ(ws.refusal_status(), 400u);
  EXPECT_EQ(nlohmann::json::parse(ws.refusal_body())["code"], "BAD_REQUEST");
}

}  // namespace
}  // namespace tlsscope::relay::test
