// Hostile clients as connections: a storm of 10,000 sockets, more connections than the relay
// holds, clients that vanish with a reset mid-transfer, clients that half-close, and a target
// that never reads. The relay sheds or ends each with its limits, keeps serving the witness
// tunnel and new clients meanwhile, and gives back every descriptor.
#include "raw_client.hpp"
#include "relay_under_attack.hpp"

#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <atomic>
#include <cstdio>
#include <thread>

namespace tlsscope::relay::test {
namespace {

std::string allow(std::uint16_t port) { return "127.0.0.1:" + std::to_string(port); }
std::string target_of(std::uint16_t port) {
  return "/relay?host=127.0.0.1&port=" + std::to_string(port);
}

// The soft descriptor limit raised to `need` (the hard one too, where the test may); false if
// this machine does not allow that many.
bool raise_fd_limit(rlim_t need) {
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  if (limit.rlim_max < need) limit.rlim_max = need;  // only with CAP_SYS_RESOURCE
  limit.rlim_cur = limit.rlim_max;
  if (setrlimit(RLIMIT_NOFILE, &limit) != 0) {
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
  getrlimit(RLIMIT_NOFILE, &limit);
  return limit.rlim_cur >= need;
}

// What became of a flood of connections: answered with `status` and closed, or admitted and
// still waiting for a request.
struct flood_outcome {
  int answered = 0;
  int admitted = 0;
  int other = 0;
};

flood_outcome outcome_of(std::vector<std::unique_ptr<raw_client>>& flood, unsigned status) {
  flood_outcome o;
  for (auto& c : flood) {
    auto a = c->read_http_answer(1ms);
    if (a && a->status == status && a->body.find("LIMIT_REACHED") != std::string::npos)
      ++o.answered;
    else if (!a && c->timed_out())
      ++o.admitted;
    else
      ++o.other;
  }
  return o;
}

// 10,000 sockets from one address (127.0.0.2) in batches of 500, all held open. The relay
// keeps --max-connections-per-client of them and answers the rest 429 at once, so its
// descriptors stay bounded; the witness tunnel flows and a new client is served throughout.
TEST(HostileConnections, ConnectStormOf10000SocketsIsShed) {
  constexpr int storm = 10000;
  constexpr int batch = 500;
  constexpr int per_client = 64;
  if (!raise_fd_limit(storm + 512))
    GTEST_SKIP() << "this machine allows fewer than " << storm + 512
                 << " open files per process (RLIMIT_NOFILE)";
  // A long header deadline: the admitted sockets stay admitted for the whole storm.
  relay_under_attack scene({"--max-connections-per-client", std::to_string(per_client),
                            "--header-timeout", "60"});
  const int fds_before = open_fds_of(scene.server().pid());
  int fds_peak = fds_before;

  std::vector<std::unique_ptr<raw_client>> sockets;
  sockets.reserve(storm);
  while (sockets.size() < storm) {
    for (int i = 0; i < batch; ++i)
      sockets.push_back(std::make_unique<raw_client>(scene.port(), "127.0.0.2"));
    fds_peak = std::max(fds_peak, open_fds_of(scene.server().pid()));
    if (sockets.size() % 2500 == 0) {
      scene.expect_witness_flows("during the storm, " + std::to_string(sockets.size()) + " sockets");
      ws_client newcomer(scene.port(), scene.echo_target());
      EXPECT_TRUE(newcomer.is_open()) << "a client from another address is refused mid-storm";
    }
  }
  std::this_thread::sleep_for(300ms);  // the last batch's answers
  fds_peak = std::max(fds_peak, open_fds_of(scene.server().pid()));
  const auto o = outcome_of(sockets, 429);
  std::printf("[ figures  ] storm of %d sockets: %d admitted, %d answered 429, %d other; relay "
              "descriptors %d before, %d at most\n",
              storm, o.admitted, o.answered, o.other, fds_before, fds_peak);
  EXPECT_EQ(o.admitted, per_client);
  EXPECT_EQ(o.answered + o.other, storm - per_client);
  EXPECT_GE(o.answered, storm - per_client - 100) << "most of the shed sockets read their 429";
  // The newcomers' tunnels close asynchronously; a few descriptors of slack for them.
  EXPECT_LE(fds_peak, fds_before + per_client + 8) << "the relay held more than its limit";

  sockets.clear();
  scene.expect_witness_flows("after the storm");
  scene.expect_back_to_baseline();
}

// More connections than --max-connections, from 20 addresses: the relay holds its limit in
// all and answers the rest 503. Tunnels are no longer connections: the witness goes on.
TEST(HostileConnections, ConnectionsOverTheTotalLimitGet503) {
  constexpr int addresses = 20;
  constexpr int each = 15;
  constexpr int total_limit = 100;
  relay_under_attack scene({"--max-connections", std::to_string(total_limit),
                            "--max-connections-per-client", "64", "--header-timeout", "60"});
  std::vector<std::unique_ptr<raw_client>> flood;
  for (int a = 0; a < addresses; ++a)
    for (int i = 0; i < each; ++i)
      flood.push_back(
          std::make_unique<raw_client>(scene.port(), "127.0.4." + std::to_string(a + 1)));
  std::this_thread::sleep_for(300ms);
  const auto o = outcome_of(flood, 503);
  EXPECT_EQ(o.admitted, total_limit);
  EXPECT_EQ(o.answered + o.other, addresses * each - total_limit);
  scene.expect_witness_flows("with the relay full");
  flood.clear();
  scene.expect_back_to_baseline();
}

// A target that sends without end, and a script that notes how its writing ended.
struct endless_source {
  std::atomic<bool> write_failed{false};
  scripted_server server{[this](tcp::socket& s) {
    // A bounded wait: if the relay never closed this side, the write times out instead.
    const timeval limit{20, 0};
    ::setsockopt(s.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
    const std::string chunk(64 * 1024, 'd');
    boost::system::error_code ec;
    while (!ec)
      net::write(s, net::buffer(chunk), ec);
    write_failed = ec != net::error::would_block && ec != net::error::try_again;
  }};
};

TEST(HostileConnections, ClientsThatVanishWithAResetFreeEverything) {
  endless_source source;
  relay_under_attack scene({"--allow", allow(source.server.port())});
  {
    // Mid-download: the relay is writing to a client that is suddenly gone.
    auto c = std::make_unique<raw_client>(scene.port());
    c->open_tunnel(target_of(source.server.port()));
    std::size_t got = 0;
    while (got < 512 * 1024) {
      auto f = c->read_frame();
      ASSERT_TRUE(f) << "the tunnel ended after " << got << " bytes";
      got += f->payload.size();
    }
    c->reset();
  }
  source.server.join();
  EXPECT_TRUE(source.write_failed) << "the relay kept the target connection open";
  {
    // Mid-upload: a 512 KiB frame cut off after 100 KiB.
    auto c = std::make_unique<raw_client>(scene.port());
    c->open_tunnel(scene.echo_target());
    auto frame = encode_frame({.payload = std::string(100 * 1024, 'u'),
                               .announced_length = 512 * 1024});
    ASSERT_TRUE(c->send(frame));
    c->reset();
  }
  {
    // Before the upgrade is answered.
    raw_client c(scene.port());
    ASSERT_TRUE(c.send(upgrade_request(scene.echo_target())));
    c.reset();
  }
  scene.expect_witness_flows("after vanished clients");
  scene.expect_back_to_baseline();
}

TEST(HostileConnections, HalfClosedWebSocketEndsTheTunnel) {
  relay_under_attack scene;
  auto c = std::make_unique<raw_client>(scene.port());
  c->open_tunnel(scene.echo_target());
  ASSERT_TRUE(c->send(encode_frame({.payload = "before the FIN"})));
  auto echoed = c->read_frame();
  ASSERT_TRUE(echoed);
  EXPECT_EQ(echoed->payload, "before the FIN");
  // A FIN without a close frame (RFC 6455 section 7.1.5: closed abnormally): the relay ends
  // the tunnel and closes its side instead of holding a connection nobody can use.
  c->shutdown_write();
  EXPECT_TRUE(c->wait_for_end());
  EXPECT_TRUE(scene.server().wait_for_log("client gone"));
  scene.expect_witness_flows("after a half-closed client");
  scene.expect_back_to_baseline();
}

// A target that accepts and never reads: the relay stops reading the client once one chunk
// waits for the target (its memory stays flat), and the idle timeout ends the tunnel. The
// witness sends data meanwhile, so the same idle timeout does not end it too.
TEST(HostileConnections, TargetThatNeverReadsIsEndedByTheIdleTimeout) {
  std::atomic<bool> may_read{false};
  std::atomic<std::size_t> target_read{0};
  std::atomic<bool> target_saw_end{false};
  scripted_server target([&](tcp::socket& s) {
    for (int i = 0; i < 3000 && !may_read; ++i)  // at most 30 s, should the test fail early
      std::this_thread::sleep_for(10ms);
    char buf[64 * 1024];
    boost::system::error_code ec;
    while (!ec)
      target_read += s.read_some(net::buffer(buf), ec);
    target_saw_end = ec == net::error::eof || ec == net::error::connection_reset;
  });
  relay_under_attack scene({"--allow", allow(target.port()), "--idle-timeout", "2"});
  const long rss_before = memory_of(scene.server().pid()).rss_kib;
  auto c = std::make_unique<raw_client>(scene.port());
  c->open_tunnel(target_of(target.port()));
  scene.expect_witness_flows("before the push");

  const auto frame = encode_frame({.payload = std::string(64 * 1024, 'u')});
  std::size_t pushed = 0;
  try {
    while (pushed < (256u << 20) && c->send(frame, 500ms))
      pushed += 64 * 1024;
  } catch (const send_stalled&) {
    // The relay stopped reading: the backlog sits in the kernel's buffers.
  }
  const long rss_stalled = memory_of(scene.server().pid()).rss_kib;
  std::printf("[ figures  ] never-reading target: %zu KiB pushed before the relay stopped "
              "reading; relay RSS %ld KiB before, %ld KiB stalled\n",
              pushed / 1024, rss_before, rss_stalled);
  EXPECT_LT(pushed, 256u << 20) << "the relay never stopped reading";
  EXPECT_LT(rss_stalled - rss_before, 8 * 1024) << "the relay buffered the backlog";

  // IDLE_TIMEOUT and 1008; the client answers the close (behind its backlog, which the relay
  // reads and drops) so the closing handshake completes.
  std::vector<server_frame> frames;
  for (int i = 0; i < 100 && (frames.empty() || !frames.back().is_close()); ++i) {
    scene.expect_witness_flows("while the target does not read");
    while (auto f = c->read_frame(100ms))
      frames.push_back(std::move(*f));
  }
  ASSERT_GE(frames.size(), 2u);
  ASSERT_TRUE(frames.back().is_close());
  EXPECT_NE(frames[frames.size() - 2].payload.find("IDLE_TIMEOUT"), std::string::npos);
  EXPECT_EQ(frames.back().close_code(), 1008);
  c->send(encode_frame({.opcode = op(ws_opcode::close), .payload = "\x03\xe8"}));
  EXPECT_TRUE(c->wait_for_end());

  may_read = true;
  target.join();
  EXPECT_TRUE(target_saw_end) << "the relay left the target connection open";
  EXPECT_LE(target_read.load(), pushed);
  scene.expect_witness_flows("after a never-reading target");
  scene.expect_back_to_baseline();
}

}  // namespace
}  // namespace tlsscope::relay::test
