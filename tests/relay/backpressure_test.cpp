// 200 MiB into a reader that reads slowly, in each direction: with one read in flight per
// direction the relay holds at most a chunk per direction, so its memory must not follow
// the backlog. Figures are printed; the assertion is on memory, never on time.
#include "bytes.hpp"
#include "server_process.hpp"
#include "tcp_targets.hpp"
#include "ws_client.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <thread>

namespace tlsscope::relay::test {
namespace {

constexpr std::size_t total = 200u << 20;
// Far below the 200 MiB that an unbounded relay would buffer, far above a few chunks.
constexpr long growth_limit_kib = 32 * 1024;

std::string allow(std::uint16_t port) { return "127.0.0.1:" + std::to_string(port); }

// Samples the server's RSS every 50 ms until stopped; keeps the highest.
class rss_sampler {
 public:
  explicit rss_sampler(pid_t pid)
      : thread_([this, pid] {
          while (!stop_) {
            peak_ = std::max(peak_.load(), memory_of(pid).rss_kib);
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
          }
        }) {}
  ~rss_sampler() { finish(); }
  long finish() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    return peak_;
  }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<long> peak_{0};
  std::thread thread_;
};

void report(const char* what, long baseline, long peak, double seconds) {
  std::printf(
      "[ figures  ] %s: 200 MiB in %.1f s; relay RSS %ld KiB before, %ld KiB at most "
      "(+%ld KiB)\n",
      what, seconds, baseline, peak, peak - baseline);
}

TEST(Backpressure, SlowClientDoesNotGrowRelayMemory) {
  const auto chunk = random_bytes(1 << 20, 7);
  scripted_server target([&](tcp::socket& s) {
    for (std::size_t sent = 0; sent < total; sent += chunk.size())
      net::write(s, net::buffer(chunk));
  });
  server_process server({"--allow", allow(target.port()), "--max-bytes", "1G"});
  ws_client ws(server.port(), "/relay?host=127.0.0.1&port=" + std::to_string(target.port()));
  ASSERT_TRUE(ws.is_open());
  ws.read_event();
  ws.read_event();

  const long baseline = memory_of(server.pid()).rss_kib;
  rss_sampler sampler(server.pid());
  const auto start = std::chrono::steady_clock::now();
  std::size_t got = 0;
  bool intact = true;
  while (got < total) {
    auto m = ws.read(60s);
    ASSERT_TRUE(m && !m->text) << "after " << got << " bytes";
    // Compare against the repeating 1 MiB pattern as the bytes come.
    for (std::size_t i = 0; i < m->data.size() && intact; i += 4093)
      intact = m->data[i] == chunk[(got + i) % chunk.size()];
    got += m->data.size();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));  // the slow reader
  }
  const long peak = sampler.finish();
  report("relay -> slow client", baseline, peak,
         std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  EXPECT_EQ(got, total);
  EXPECT_TRUE(intact);
  EXPECT_LT(peak - baseline, growth_limit_kib);
}

TEST(Backpressure, SlowTargetDoesNotGrowRelayMemory) {
  std::atomic<std::size_t> received{0};
  std::string digest_at_target;
  scripted_server target([&](tcp::socket& s) {
    std::string all;
    all.reserve(total);
    char buf[64 * 1024];
    boost::system::error_code ec;
    while (all.size() < total) {
      const auto n = s.read_some(net::buffer(buf), ec);
      if (ec) break;
      all.append(buf, n);
      received = all.size();
      std::this_thread::sleep_for(std::chrono::milliseconds(1));  // the slow reader
    }
    digest_at_target = sha256_hex(all);
  });
  server_process server({"--allow", allow(target.port()), "--max-bytes", "1G"});
  ws_client ws(server.port(), "/relay?host=127.0.0.1&port=" + std::to_string(target.port()));
  ASSERT_TRUE(ws.is_open());
  ws.read_event();
  ws.read_event();

  const auto payload = random_bytes(total, 11);
  const long baseline = memory_of(server.pid()).rss_kib;
  rss_sampler sampler(server.pid());
  const auto start = std::chrono::steady_clock::now();
  ws.exchange(payload, 0, 256 * 1024, 120s);
  target.join();
  const long peak = sampler.finish();
  report("client -> relay -> slow target", baseline, peak,
         std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  EXPECT_EQ(received.load(), total);
  EXPECT_EQ(digest_at_target, sha256_hex(payload));
  EXPECT_LT(peak - baseline, growth_limit_kib);
}

}  // namespace
}  // namespace tlsscope::relay::test
