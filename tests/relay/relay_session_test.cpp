// Tunnels end to end: a real server process, a real WebSocket client, real TCP targets.
#include "bytes.hpp"
#include "server_process.hpp"
#include "tcp_targets.hpp"
#include "ws_client.hpp"

#include <gtest/gtest.h>

#include <cstdio>

namespace tlsscope::relay::test {
namespace {

std::string allow(std::uint16_t port) { return "127.0.0.1:" + std::to_string(port); }
std::string relay_target(std::uint16_t port, const char* host = "127.0.0.1") {
  return "/relay?host=" + std::string(host) + "&port=" + std::to_string(port);
}

// Echo of `size` bytes through one tunnel: dns, tcp, the bytes, then the client's half-close
// and the closed event with the counts.
void echo_through_tunnel(const server_process& server, std::uint16_t echo_port, std::size_t size) {
  ws_client ws(server.port(), relay_target(echo_port));
  ASSERT_TRUE(ws.is_open()) << ws.refusal_body();
  EXPECT_EQ(ws.subprotocol(), "");

  auto dns = ws.read_event();
  EXPECT_EQ(dns["type"], "dns");
  EXPECT_EQ(dns["host"], "127.0.0.1");
  EXPECT_EQ(dns["addresses"], nlohmann::json::array({"127.0.0.1"}));
  EXPECT_GE(dns["ms"].get<double>(), 0.0);

  auto tcp = ws.read_event();
  EXPECT_EQ(tcp["type"], "tcp");
  EXPECT_EQ(tcp["remote"], allow(echo_port));
  EXPECT_EQ(tcp["local"].get<std::string>().rfind("127.0.0.1:", 0), 0u) << tcp.dump();
  EXPECT_GE(tcp["ms"].get<double>(), 0.0);

  const auto up = random_bytes(size, size);
  const auto start = std::chrono::steady_clock::now();
  const auto down = ws.exchange(up, size, 256 * 1024, 120s);
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(down.size(), size);
  EXPECT_EQ(sha256_hex(down), sha256_hex(up));
  if (size >= (1u << 20))
    std::printf("[ figures  ] %zu MiB echoed through one tunnel in %.2f s: %.0f MiB/s each way\n",
                size >> 20, seconds, static_cast<double>(size >> 20) / seconds);

  ws.send_text(R"({"type":"shutdown"})");
  auto closed = ws.read_event();
  EXPECT_EQ(closed["type"], "closed");
  EXPECT_EQ(closed["by"], "client");
  EXPECT_EQ(closed["bytes_up"], size);
  EXPECT_EQ(closed["bytes_down"], size);
  EXPECT_GE(closed["ms"].get<double>(), 0.0);
  EXPECT_TRUE(ws.read_until_close().empty());
  EXPECT_EQ(ws.close_code(), 1000);
}

TEST(RelaySession, OneByteIntactBothWays) {
  echo_server echo;
  server_process server({"--allow", allow(echo.port())});
  echo_through_tunnel(server, echo.port(), 1);
}

TEST(RelaySession, SixtyFourKibIntactBothWays) {
  echo_server echo;
  server_process server({"--allow", allow(echo.port())});
  echo_through_tunnel(server, echo.port(), 64 * 1024);
}

TEST(RelaySession, FiftyMibIntactBothWays) {
  echo_server echo;
  server_process server({"--allow", allow(echo.port()), "--max-bytes", "1G"});
  echo_through_tunnel(server, echo.port(), 50u << 20);
}

TEST(RelaySession, DnsEventListsWhatTheTunnelMayUse) {
  echo_server echo;
  server_process server({"--allow", allow(echo.port())});
  ws_client ws(server.port(), relay_target(echo.port(), "localhost"));
  ASSERT_TRUE(ws.is_open());
  auto dns = ws.read_event();
  EXPECT_EQ(dns["host"], "localhost");
  // localhost is 127.0.0.1 and ::1; only 127.0.0.1 is allowed (an exact --allow), so the
  // event lists it alone (issue 18: refused addresses are not told), and it is connected to.
  EXPECT_EQ(dns["addresses"], nlohmann::json::array({"127.0.0.1"})) << dns.dump();
  EXPECT_EQ(ws.read_event()["remote"], allow(echo.port()));
}

TEST(RelaySession, TargetClosingEndsTheTunnelAsClosedByServer) {
  scripted_server target([](tcp::socket& s) { net::write(s, net::buffer(std::string("hello"))); });
  server_process server({"--allow", allow(target.port())});
  ws_client ws(server.port(), relay_target(target.port()));
  ASSERT_TRUE(ws.is_open());
  EXPECT_EQ(ws.read_event()["type"], "dns");
  EXPECT_EQ(ws.read_event()["type"], "tcp");
  EXPECT_EQ(ws.read_bytes(5), "hello");
  auto closed = ws.read_event();
  EXPECT_EQ(closed["type"], "closed");
  EXPECT_EQ(closed["by"], "server");
  EXPECT_EQ(closed["bytes_up"], 0);
  EXPECT_EQ(closed["bytes_down"], 5);
  EXPECT_TRUE(ws.read_until_close().empty());
  EXPECT_EQ(ws.close_code(), 1000);
}

TEST(RelaySession, HalfCloseLetsTheTargetAnswerAfterTheClientIsDone) {
  std::string received;
  scripted_server target([&](tcp::socket& s) {
    boost::system::error_code ec;
    char buf[256];
    while (auto n = s.read_some(net::buffer(buf), ec))
      received.append(buf, n);
    // End of stream from the client; the answer comes only now.
    net::write(s, net::buffer(std::string("answer after your end")));
  });
  server_process server({"--allow", allow(target.port())});
  ws_client ws(server.port(), relay_target(target.port()));
  ASSERT_TRUE(ws.is_open());
  ws.read_event();
  ws.read_event();
  ws.send_binary("question");
  ws.send_text(R"({"type":"shutdown"})");
  EXPECT_EQ(ws.read_bytes(21), "answer after your end");
  auto closed = ws.read_event();
  EXPECT_EQ(closed["by"], "client");
  EXPECT_EQ(closed["bytes_up"], 8);
  EXPECT_EQ(closed["bytes_down"], 21);
  target.join();
  EXPECT_EQ(received, "question");
}

TEST(RelaySession, ClientCloseReachesTheTargetAsEndOfStream) {
  std::string received;
  bool saw_eof = false;
  scripted_server target([&](tcp::socket& s) {
    boost::system::error_code ec;
    char buf[256];
    while (auto n = s.read_some(net::buffer(buf), ec))
      received.append(buf, n);
    saw_eof = ec == net::error::eof;
  });
  server_process server({"--allow", allow(target.port())});
  {
    ws_client ws(server.port(), relay_target(target.port()));
    ASSERT_TRUE(ws.is_open());
    ws.read_event();
    ws.read_event();
    ws.send_binary("last words");
    ws.close();
    EXPECT_EQ(ws.close_code(), 1000);
  }
  target.join();
  EXPECT_EQ(received, "last words");
  EXPECT_TRUE(saw_eof);
  EXPECT_TRUE(server.wait_for_log("end=\"closed by client\""));
}

TEST(RelaySession, BinarySubprotocolCarriesBytesOnly) {
  echo_server echo;
  server_process server({"--allow", allow(echo.port())});
  ws_client ws(server.port(), relay_target(echo.port()), {{"Sec-WebSocket-Protocol", "binary"}});
  ASSERT_TRUE(ws.is_open());
  EXPECT_EQ(ws.subprotocol(), "binary");
  // Emscripten's socket layer may send text frames: they are bytes like the rest.
  ws.send_text("text-as-bytes ");
  ws.send_binary("binary");
  const auto back = ws.read_bytes(20);
  EXPECT_EQ(back, "text-as-bytes binary");
}

TEST(RelaySession, ProjectSubprotocolIsEchoedAndGetsEvents) {
  echo_server echo;
  server_process server({"--allow", allow(echo.port())});
  ws_client ws(server.port(), relay_target(echo.port()),
               {{"Sec-WebSocket-Protocol", "binary, tlsscope.relay.v1"}});
  ASSERT_TRUE(ws.is_open());
  EXPECT_EQ(ws.subprotocol(), "tlsscope.relay.v1");
  EXPECT_EQ(ws.read_event()["type"], "dns");
}

TEST(RelaySession, WsproxyAddressFormWorks) {
  echo_server echo;
  server_process server({"--allow", allow(echo.port())});
  ws_client ws(server.port(), "/relay?address=127.0.0.1:" + std::to_string(echo.port()),
               {{"Sec-WebSocket-Protocol", "binary"}});
  ASSERT_TRUE(ws.is_open());
  ws.send_binary("ping?");
  EXPECT_EQ(ws.read_bytes(5), "ping?");
}

TEST(RelaySession, LogHasOneLinePerTunnelAndNoPayload) {
  echo_server echo;
  server_process server({"--allow", allow(echo.port())});
  const std::string secret = "PAYLOAD-MUST-NOT-BE-LOGGED";
  {
    ws_client ws(server.port(), relay_target(echo.port()),
                 {{"Origin", "http://127.0.0.1:" + std::to_string(server.port())}});
    ASSERT_TRUE(ws.is_open());
    ws.read_event();
    ws.read_event();
    ws.send_binary(secret);
    EXPECT_EQ(ws.read_bytes(secret.size()), secret);
    ws.close();
  }
  ASSERT_TRUE(server.wait_for_log(" tunnel "));
  const auto log = server.log();
  EXPECT_EQ(log.find(secret), std::string::npos);
  const auto line = log.substr(log.find(" tunnel "));
  EXPECT_NE(line.find("client=127.0.0.1:"), std::string::npos) << line;
  EXPECT_NE(line.find("origin=http://127.0.0.1:"), std::string::npos) << line;
  EXPECT_NE(line.find("target=" + allow(echo.port())), std::string::npos) << line;
  EXPECT_NE(line.find("resolved=" + allow(echo.port())), std::string::npos) << line;
  EXPECT_NE(line.find("up=26 down=26"), std::string::npos) << line;
  EXPECT_NE(line.find(" ms="), std::string::npos) << line;
}

TEST(RelaySession, JsonLogLines) {
  echo_server echo;
  server_process server({"--allow", allow(echo.port()), "--log-json"});
  {
    ws_client ws(server.port(), relay_target(echo.port()));
    ASSERT_TRUE(ws.is_open());
    ws.read_event();
    ws.read_event();
    ws.send_binary("abc");
    ws.read_bytes(3);
    ws.close();
  }
  ASSERT_TRUE(server.wait_for_log("\"event\":\"tunnel\""));
  const auto log = server.log();
  std::size_t start = 0;
  bool found = false;
  while (start < log.size()) {
    auto end = log.find('\n', start);
    auto line = nlohmann::json::parse(log.substr(start, end - start));  // every line is JSON
    if (line["event"] == "tunnel") {
      found = true;
      EXPECT_EQ(line["target"], allow(echo.port()));
      EXPECT_EQ(line["bytes_up"], 3);
      EXPECT_EQ(line["bytes_down"], 3);
      EXPECT_EQ(line["end"], "closed by client");
    }
    start = end + 1;
  }
  EXPECT_TRUE(found);
}

TEST(RelaySession, ThreadsOptionRelaysToo) {
  echo_server echo;
  server_process server({"--allow", allow(echo.port()), "--threads", "3"});
  echo_through_tunnel(server, echo.port(), 1 << 20);
}

}  // namespace
}  // namespace tlsscope::relay::test
