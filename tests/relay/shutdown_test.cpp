// SIGTERM: no new connections, open tunnels go on for the grace period, then get what the
// target already sent, a SHUTTING_DOWN event and close 1001; the process exits 0.
#include "server_process.hpp"
#include "tcp_targets.hpp"
#include "ws_client.hpp"

#include <gtest/gtest.h>

#include <signal.h>

#include <future>
#include <thread>

namespace tlsscope::relay::test {
namespace {

std::string allow(std::uint16_t port) { return "127.0.0.1:" + std::to_string(port); }
std::string relay_target(std::uint16_t port) {
  return "/relay?host=127.0.0.1&port=" + std::to_string(port);
}

TEST(Shutdown, GraceThenTargetBytesThenGoingAway) {
  // The target answers each "go" with 100 KB, and never closes by itself.
  scripted_server target([](tcp::socket& s) {
    boost::system::error_code ec;
    char buf[16];
    while (s.read_some(net::buffer(buf), ec) > 0)
      net::write(s, net::buffer(std::string(100000, 'z')), ec);
  });
  server_process server({"--allow", allow(target.port()), "--shutdown-grace", "1.5"});
  ws_client ws(server.port(), relay_target(target.port()));
  ASSERT_TRUE(ws.is_open());
  ws.read_event();
  ws.read_event();
  ws.send_binary("go");
  EXPECT_EQ(ws.read_bytes(100000).size(), 100000u);

  ASSERT_EQ(::kill(server.pid(), SIGTERM), 0);
  ASSERT_TRUE(server.wait_for_log("SIGTERM"));
  // New connections are refused at once...
  EXPECT_THROW(http_get(server.port(), "/healthz"), std::exception);
  // ...while the open tunnel still works during the grace period.
  ws.send_binary("go");
  EXPECT_EQ(ws.read_bytes(100000).size(), 100000u);

  // The last answer is asked for and not read before the grace period ends: it must still
  // arrive, whole, before the close.
  ws.send_binary("go");
  std::this_thread::sleep_for(std::chrono::milliseconds(2000));
  std::size_t bytes = 0;
  nlohmann::json error;
  try {
    for (const auto& m : ws.read_until_close()) {
      if (m.text)
        error = nlohmann::json::parse(m.data);
      else
        bytes += m.data.size();
    }
  } catch (const std::exception& e) {
    ADD_FAILURE() << e.what() << " after " << bytes << " bytes; relay log:\n" << server.log();
  }
  EXPECT_EQ(bytes, 100000u);
  EXPECT_EQ(error["code"], "SHUTTING_DOWN");
  EXPECT_EQ(ws.close_code(), 1001);
  EXPECT_EQ(server.wait_exit(std::chrono::seconds(20)), 0);
}

TEST(Shutdown, UpgradesOnAnOpenConnectionAreRefusedDuringGrace) {
  echo_server echo;
  server_process server({"--allow", allow(echo.port()), "--shutdown-grace", "30"});
  ws_client tunnel(server.port(), relay_target(echo.port()));  // keeps the grace period going
  ASSERT_TRUE(tunnel.is_open());
  tunnel.read_event();
  tunnel.read_event();
  http_connection page(server.port());
  EXPECT_EQ(page.send({http::verb::get, "/healthz", 11}).result_int(), 200);

  ASSERT_EQ(::kill(server.pid(), SIGTERM), 0);
  ASSERT_TRUE(server.wait_for_log("SIGTERM"));
  http::request<http::empty_body> upgrade{http::verb::get, relay_target(echo.port()), 11};
  upgrade.set(http::field::connection, "Upgrade");
  upgrade.set(http::field::upgrade, "websocket");
  upgrade.set(http::field::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ==");
  upgrade.set(http::field::sec_websocket_version, "13");
  auto refused = page.send(upgrade);
  EXPECT_EQ(refused.result_int(), 503);
  EXPECT_EQ(nlohmann::json::parse(refused.body())["code"], "SHUTTING_DOWN");

  tunnel.send_text(R"({"type":"shutdown"})");
  EXPECT_EQ(tunnel.read_event()["type"], "closed");
  EXPECT_TRUE(tunnel.read_until_close().empty());
  EXPECT_EQ(server.wait_exit(std::chrono::seconds(10)), 0);
}

TEST(Shutdown, IdleServerStopsAtOnce) {
  server_process server({"--shutdown-grace", "30"});
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(server.terminate(std::chrono::seconds(20)), 0);
  std::printf("[ figures  ] idle server stopped %.3f s after SIGTERM\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
}

// A tunnel opened ahead of its run (target=later) has no run to finish: it ends with
// SHUTTING_DOWN at once, and the server does not wait out its grace period for it.
TEST(Shutdown, TunnelsWaitingForATargetEndAtOnce) {
  server_process server({"--shutdown-grace", "30"});
  ws_client spare(server.port(), "/relay?target=later");
  ASSERT_TRUE(spare.is_open());
  const auto start = std::chrono::steady_clock::now();
  auto stopped = std::async(std::launch::async, [&] { return server.terminate(std::chrono::seconds(20)); });
  auto event = spare.read_event();
  EXPECT_EQ(event["code"], "SHUTTING_DOWN") << event.dump();
  EXPECT_TRUE(spare.read_until_close().empty());
  EXPECT_EQ(spare.close_code(), 1001);
  EXPECT_EQ(stopped.get(), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10))
      << "the 30 s grace was not waited for a tunnel with no target";
}

TEST(Shutdown, TunnelsThatEndDuringGraceEndNormally) {
  echo_server echo;
  server_process server({"--allow", allow(echo.port()), "--shutdown-grace", "30"});
  ws_client ws(server.port(), relay_target(echo.port()));
  ASSERT_TRUE(ws.is_open());
  ws.read_event();
  ws.read_event();
  ASSERT_EQ(::kill(server.pid(), SIGTERM), 0);
  ASSERT_TRUE(server.wait_for_log("SIGTERM"));
  ws.send_binary("bye");
  EXPECT_EQ(ws.read_bytes(3), "bye");
  ws.send_text(R"({"type":"shutdown"})");
  EXPECT_EQ(ws.read_event()["type"], "closed");
  EXPECT_TRUE(ws.read_until_close().empty());
  // The last tunnel gone, the server does not wait for the rest of its 30 s grace.
  EXPECT_EQ(server.wait_exit(std::chrono::seconds(10)), 0);
}

}  // namespace
}  // namespace tlsscope::relay::test
