// The classroom load generator (bench/relay/classroom_learners) at a small size, against a
// real tlsscope-server and its demo origin: every learner's full run — upgrade, the dns and
// tcp events, a TLS 1.3 handshake through the tunnel with the real engine, GET / — ends in
// the response, and the relay counted each learner as its own client. No time is asserted:
// bench/run measures the classroom at 1,000.
#include "classroom_learners.hpp"
#include "server_process.hpp"
#include "tcp_targets.hpp"

#include <gtest/gtest.h>

namespace tlsscope::relay::test {
namespace {

using namespace std::chrono_literals;
using bench::classroom_options;
using bench::classroom_target;
using bench::learner_task;

classroom_target relay_target(const server_process& server, std::uint16_t to) {
  classroom_target t;
  t.relay_port = server.port();
  t.relay_path = "/relay?host=127.0.0.1&port=" + std::to_string(to);
  t.subprotocol = "tlsscope.relay.v1";
  t.relay_events = true;
  t.origin = "http://127.0.0.1:" + std::to_string(server.port());
  t.server_name = "127.0.0.1";
  return t;
}

TEST(Classroom, EveryLearnerGetsTheDemoOriginsResponse) {
  server_process server;
  ASSERT_TRUE(server.demo_port());
  auto target = relay_target(server, *server.demo_port());
  target.anchors = load_trust_store_pem(bench::http_get(server.port(), "/ca.pem"), LinkChecks::shared);
  classroom_options options;
  options.learners = 20;
  options.spread = 200ms;
  options.timeout = 20s;
  options.threads = 2;
  const auto run = bench::run_classroom(target, options);

  ASSERT_EQ(run.learners.size(), 20u);
  for (std::size_t i = 0; i < run.learners.size(); ++i) {
    const auto& l = run.learners[i];
    EXPECT_TRUE(l.ok) << "learner " << i << ": " << l.failure;
    EXPECT_EQ(l.status_line, "HTTP/1.1 200 OK") << "learner " << i;
    EXPECT_FALSE(l.group.empty()) << "learner " << i << " saw no handshake_complete";
  }
  // Each learner came from its own address (127.1.0.1 + i), as the relay's log says.
  ASSERT_TRUE(server.wait_for_log(" tunnel client=", 20)) << server.log();
  const auto log = server.log();
  for (int i = 1; i <= 20; ++i)
    EXPECT_NE(log.find(" tunnel client=127.1.0." + std::to_string(i) + ":"), std::string::npos)
        << "learner from 127.1.0." << i;
}

TEST(Classroom, TunnelSetupsAllAtOnceEachEchoTheirByte) {
  echo_server echo;
  server_process server({"--no-demo-origin", "--allow", "127.0.0.1:" + std::to_string(echo.port())});
  classroom_options options;
  options.learners = 20;
  options.spread = 0ms;
  options.timeout = 20s;
  options.task = learner_task::tunnel_setup;
  const auto run = bench::run_classroom(relay_target(server, echo.port()), options);
  for (std::size_t i = 0; i < run.learners.size(); ++i)
    EXPECT_TRUE(run.learners[i].ok) << "learner " << i << ": " << run.learners[i].failure;
  EXPECT_EQ(echo.wait_for_accepted(20), 20u);
}

}  // namespace
}  // namespace tlsscope::relay::test
