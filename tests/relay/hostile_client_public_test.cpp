// Hostile clients of a relay hosted for a class or in public (issue 18): the names a slow DNS
// server answers never, a proxy's forwarded client addresses, a missing token, a page under a
// rebinding name, a flood of idle connections to the demo origin, and /origin-secrets asked for
// a connection that someone else's tunnel made.
#include "dns_server.hpp"
#include "raw_client.hpp"
#include "relay_under_attack.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace tlsscope::relay::test {
namespace {

std::string allow(std::uint16_t port) { return "127.0.0.1:" + std::to_string(port); }
std::string target_of(std::uint16_t port) {
  return "/relay?host=127.0.0.1&port=" + std::to_string(port);
}

// Issue 18, item 2: a client asking for names whose DNS server never answers holds no
// thread; tunnels to literals go on at once, and the server still stops at once. (The cap on
// a client's lookups in progress is tried in resolver_test.cpp.)
TEST(HostilePublic, SlowNamesStarveNoOtherTunnel) {
  dns_server hole(dns_server::behaviour::black_hole);
  echo_server echo;
  server_process server({"--no-demo-origin", "--allow", allow(echo.port()), "--dns-server",
                         hole.address(), "--dns-timeout", "6", "--max-tunnels-per-client", "40",
                         "--shutdown-grace", "0.2"});
  auto slow_tunnels = [&](const std::string& prefix, int n) {
    std::vector<std::unique_ptr<ws_client>> out;
    for (int i = 0; i < n; ++i)
      out.push_back(std::make_unique<ws_client>(
          server.port(), "/relay?host=" + prefix + std::to_string(i) + ".example&port=443"));
    return out;
  };
  auto slow = slow_tunnels("slow", 32);
  for (auto& ws : slow)
    ASSERT_TRUE(ws->is_open());
  for (int i = 0; i < 200 && hole.questions() < 32; ++i)
    std::this_thread::sleep_for(10ms);
  EXPECT_GE(hole.questions(), 32u) << "the lookups reached the black hole";

  // With getaddrinfo on 8 threads, this waited behind the slow lookups.
  const auto start = std::chrono::steady_clock::now();
  ws_client fresh(server.port(), target_of(echo.port()));
  ASSERT_TRUE(fresh.is_open());
  EXPECT_EQ(fresh.read_event(2s)["type"], "dns");
  EXPECT_EQ(fresh.read_event(2s)["type"], "tcp");
  const auto took = std::chrono::steady_clock::now() - start;
  std::printf("[ figures  ] tunnel to a literal with 32 lookups hanging: %.1f ms\n",
              std::chrono::duration<double, std::milli>(took).count());
  EXPECT_LT(took, 1s);

  // Stopping drops the lookups at once (getaddrinfo could not be interrupted). The slow
  // tunnels' clients vanish first, so no closing handshake waits for them.
  for (auto& ws : slow)
    ws->abort();
  fresh.abort();
  const auto stop = std::chrono::steady_clock::now();
  EXPECT_EQ(server.terminate(), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - stop, 3s) << "stopping waited for the lookups";
}

// Issue 18, item 7: behind a trusted proxy each learner is counted by the address the proxy
// forwarded (an IPv4 address, an IPv6 /64); from anyone else, the headers mean nothing.
TEST(HostilePublic, PerClientLimitsCountTheRealClientBehindATrustedProxy) {
  relay_under_attack scene({"--trusted-proxy", "127.0.0.1", "--max-tunnels-per-client", "1"});
  auto via = [&](const std::string& forwarded_for) {
    return std::make_unique<ws_client>(scene.port(), scene.echo_target(),
                                       header_list{{"X-Forwarded-For", forwarded_for}});
  };
  // The witness (127.0.0.1 itself, no header) holds the proxy's own one tunnel.
  auto a = via("198.51.100.1");
  EXPECT_TRUE(a->is_open()) << a->refusal_body();
  auto a_again = via("6.6.6.6, 198.51.100.1");
  EXPECT_EQ(a_again->refusal_status(), 429u) << "the client's own first entry is not believed";
  auto b = via("198.51.100.2");
  EXPECT_TRUE(b->is_open());
  auto v6 = via("2001:db8:1:2::1");
  EXPECT_TRUE(v6->is_open());
  auto same_64 = via("2001:db8:1:2:ffff::9");
  EXPECT_EQ(same_64->refusal_status(), 429u) << "one /64 is one client";
  EXPECT_NE(same_64->refusal_body().find("2001:db8:1:2::/64"), std::string::npos)
      << same_64->refusal_body();
  auto other_64 = std::make_unique<ws_client>(
      scene.port(), scene.echo_target(), header_list{{"Forwarded", "for=\"[2001:db8:1:3::1]\""}});
  EXPECT_TRUE(other_64->is_open());
  a->close();
  EXPECT_TRUE(scene.server().wait_for_log("client=198.51.100.1 "));
}

TEST(HostilePublic, ForwardedHeadersFromAnUntrustedPeerMeanNothing) {
  relay_under_attack scene({"--max-tunnels-per-client", "2"});
  auto a = std::make_unique<ws_client>(scene.port(), scene.echo_target(),
                                       header_list{{"X-Forwarded-For", "198.51.100.1"}});
  EXPECT_TRUE(a->is_open());
  auto b = std::make_unique<ws_client>(scene.port(), scene.echo_target(),
                                       header_list{{"X-Forwarded-For", "198.51.100.2"}});
  EXPECT_EQ(b->refusal_status(), 429u) << "the witness and a are 127.0.0.1's two tunnels";
}

TEST(HostilePublic, TheRelayTokenIsRequiredWhenSet) {
  echo_server echo;
  server_process server({"--no-demo-origin", "--allow", allow(echo.port()), "--relay-token",
                         "classroom-2026-secret"});
  for (const std::string query : {"", "&token=", "&token=classroom-2026-secreT",
                                  "&token=classroom-2026-secret-and-more"}) {
    ws_client ws(server.port(), target_of(echo.port()) + query);
    EXPECT_EQ(ws.refusal_status(), 403u) << query;
    EXPECT_NE(ws.refusal_body().find("token"), std::string::npos);
  }
  EXPECT_EQ(echo.accepted(), 0u);
  ws_client ok(server.port(), target_of(echo.port()) + "&token=classroom-2026-secret");
  ASSERT_TRUE(ok.is_open());
  EXPECT_EQ(ok.read_event()["type"], "dns");
}

// Issue 18, item 3: written as "localhost", the listen address used to switch the
// DNS-rebinding defence off.
TEST(HostilePublic, ARebindingPageIsRefusedWhateverTheListenAddress) {
  echo_server echo;
  server_process server({"--listen", "localhost:0", "--no-demo-origin", "--allow", allow(echo.port())});
  ws_client rebinding(server.port(), target_of(echo.port()),
                      {{"Origin", "http://evil.example:" + std::to_string(server.port())},
                       {"Host", "evil.example:" + std::to_string(server.port())}});
  EXPECT_EQ(rebinding.refusal_status(), 403u);
  ws_client own(server.port(), target_of(echo.port()),
                {{"Origin", "http://localhost:" + std::to_string(server.port())},
                 {"Host", "localhost:" + std::to_string(server.port())}});
  ASSERT_TRUE(own.is_open());
  EXPECT_EQ(own.read_event()["type"], "dns");
  EXPECT_EQ(own.read_event()["type"], "tcp");
}

TEST(HostilePublic, PublicModeSaysWhatItExposesAndServesItsNamesOnly) {
  echo_server echo;
  server_process server({"--public", "--public-host", "tls.example", "--allowed-origin",
                         "https://tls.example", "--trusted-proxy", "127.0.0.1", "--relay-token",
                         "0123456789abcdef", "--no-demo-origin", "--allow", allow(echo.port())});
  EXPECT_TRUE(server.wait_for_log("public mode: page and /relay on"));
  EXPECT_TRUE(server.wait_for_log("host(s) tls.example"));
  EXPECT_TRUE(server.wait_for_log("/relay token required"));
  EXPECT_TRUE(server.wait_for_log("Forwarded/X-Forwarded-For of 127.0.0.1/32"));
  const auto target = target_of(echo.port()) + "&token=0123456789abcdef";
  ws_client page(server.port(), target, {{"Origin", "https://tls.example"}, {"Host", "tls.example"}});
  EXPECT_TRUE(page.is_open()) << page.refusal_body();
  ws_client other(server.port(), target,
                  {{"Origin", "https://evil.example"}, {"Host", "evil.example"}});
  EXPECT_EQ(other.refusal_status(), 403u);
}

// Issue 18, item 6: the demo origin holds a bounded number of connections (--max-tunnels + 64)
// and lets the others go at once; tunnels to it are served again once the flood is gone.
TEST(HostilePublic, TheDemoOriginHoldsABoundedNumberOfConnections) {
  server_process server({"--max-tunnels", "4"});
  ASSERT_TRUE(server.demo_port());
  std::vector<std::unique_ptr<raw_client>> flood;
  for (int i = 0; i < 100; ++i)
    flood.push_back(std::make_unique<raw_client>(*server.demo_port()));
  std::this_thread::sleep_for(300ms);
  int ended = 0;
  for (auto& c : flood)
    if (c->wait_for_end(5ms)) ++ended;
  EXPECT_EQ(ended, 100 - (4 + 64)) << "the origin held more than its limit";
  flood.clear();
  std::this_thread::sleep_for(200ms);
  ws_client ws(server.port(), "/relay?host=localhost&port=" + std::to_string(*server.demo_port()));
  ASSERT_TRUE(ws.is_open());
  EXPECT_EQ(ws.read_event()["type"], "dns");
  EXPECT_EQ(ws.read_event()["type"], "tcp");
}

// Issue 18, public mode: a server other machines can reach, started without --public, says so
// at start, and what it does not do for them. The listener is on 0.0.0.0 for the few
// milliseconds the test needs (an ephemeral port, no demo origin, nothing allowed beyond the
// defaults); no connection comes from outside. On loopback, or with --public, no warning.
TEST(HostilePublic, ANonLoopbackListenerWithoutPublicModeIsWarnedAbout) {
  const auto warning = "WARNING: listening on 0.0.0.0, reachable from other machines, without --public";
  {
    server_process exposed({"--listen", "0.0.0.0:0", "--no-demo-origin"});
    ASSERT_NE(exposed.port(), 0) << exposed.log();
    EXPECT_TRUE(exposed.wait_for_log(warning)) << exposed.log();
    const auto log = exposed.log();
    EXPECT_NE(log.find("no --trusted-proxy"), std::string::npos) << log;
    EXPECT_NE(log.find("/relay needs no token"), std::string::npos) << log;
    EXPECT_NE(log.find("see docs/deploy.md"), std::string::npos) << log;
    EXPECT_EQ(exposed.terminate(), 0);
  }
  {
    server_process public_mode({"--listen", "0.0.0.0:0", "--no-demo-origin", "--public",
                                "--public-host", "tls.example", "--allowed-origin",
                                "https://tls.example"});
    EXPECT_TRUE(public_mode.wait_for_log("public mode: page and /relay on http://0.0.0.0:"))
        << public_mode.log();
    EXPECT_EQ(public_mode.terminate(), 0);
    EXPECT_EQ(public_mode.log().find("WARNING"), std::string::npos) << public_mode.log();
  }
  server_process loopback({"--no-demo-origin"});
  EXPECT_EQ(loopback.terminate(), 0);
  EXPECT_EQ(loopback.log().find("WARNING"), std::string::npos) << loopback.log();
}

}  // namespace
}  // namespace tlsscope::relay::test
