// Measures tlsscope-server on loopback: throughput through one tunnel, and resident memory
// with many idle tunnels. Starts its own server (port 0) and its own local targets.
//
//   relay_bench throughput [MiB]   one tunnel: download, upload, and echo (both ways at once)
//   relay_bench idle [tunnels]     RSS of the relay before and with N idle tunnels open
#include "bytes.hpp"
#include "server_process.hpp"
#include "tcp_targets.hpp"
#include "ws_client.hpp"

#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

using namespace tlsscope::relay::test;

namespace {

std::string relay_target(std::uint16_t port) {
  return "/relay?host=127.0.0.1&port=" + std::to_string(port);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void open_events(ws_client& ws) {
  ws.read_event();
  ws.read_event();
}

int throughput(std::size_t mib) {
  const std::size_t total = mib << 20;
  const auto chunk = random_bytes(1 << 20, 3);

  {  // Download: the target sends as fast as it can, the client reads as fast as it can.
    scripted_server source([&](tcp::socket& s) {
      for (std::size_t sent = 0; sent < total; sent += chunk.size())
        net::write(s, net::buffer(chunk));
    });
    server_process server(
        {"--allow", "127.0.0.1:" + std::to_string(source.port()), "--max-bytes", "64G"});
    ws_client ws(server.port(), relay_target(source.port()));
    open_events(ws);
    const auto start = std::chrono::steady_clock::now();
    std::size_t got = 0;
    while (got < total)
      got += ws.read(std::chrono::seconds(60))->data.size();
    const double s = seconds_since(start);
    std::printf("download  target -> relay -> client  %5zu MiB in %6.2f s  %7.1f MiB/s\n", mib, s,
                static_cast<double>(mib) / s);
  }
  {  // Upload: the client sends 256 KiB messages, the target reads as fast as it can.
    scripted_server sink([&](tcp::socket& s) {
      std::vector<char> buf(1 << 20);
      std::size_t got = 0;
      boost::system::error_code ec;
      while (got < total && !ec)
        got += s.read_some(net::buffer(buf), ec);
    });
    server_process server(
        {"--allow", "127.0.0.1:" + std::to_string(sink.port()), "--max-bytes", "64G"});
    ws_client ws(server.port(), relay_target(sink.port()));
    open_events(ws);
    std::string payload;
    payload.reserve(total);
    while (payload.size() < total)
      payload += chunk;
    const auto start = std::chrono::steady_clock::now();
    ws.exchange(payload, 0, 256 * 1024, std::chrono::seconds(120));
    sink.join();
    const double s = seconds_since(start);
    std::printf("upload    client -> relay -> target  %5zu MiB in %6.2f s  %7.1f MiB/s\n", mib, s,
                static_cast<double>(mib) / s);
  }
  {  // Echo: both directions at once through one tunnel.
    echo_server echo;
    server_process server(
        {"--allow", "127.0.0.1:" + std::to_string(echo.port()), "--max-bytes", "64G"});
    ws_client ws(server.port(), relay_target(echo.port()));
    open_events(ws);
    const auto payload = random_bytes(total, 5);
    const auto start = std::chrono::steady_clock::now();
    const auto back = ws.exchange(payload, total, 256 * 1024, std::chrono::seconds(120));
    const double s = seconds_since(start);
    std::printf(
        "echo      both ways at once          %5zu MiB in %6.2f s  %7.1f MiB/s each way%s\n", mib,
        s, static_cast<double>(mib) / s, back == payload ? "" : "  (MISMATCH)");
  }
  return 0;
}

int idle(std::size_t count) {
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);

  echo_server echo;
  server_process server({"--allow", "127.0.0.1:" + std::to_string(echo.port()), "--max-tunnels",
                         std::to_string(count + 10), "--max-tunnels-per-client",
                         std::to_string(count + 10)});
  {  // The first tunnel starts Asio's resolver thread; count only what tunnels add.
    ws_client warm(server.port(), relay_target(echo.port()));
    open_events(warm);
    warm.close();
  }
  server.wait_for_log(" tunnel ");
  const auto before = memory_of(server.pid());
  std::vector<std::unique_ptr<ws_client>> clients;
  for (std::size_t i = 0; i < count; ++i) {
    clients.push_back(std::make_unique<ws_client>(server.port(), relay_target(echo.port())));
    open_events(*clients.back());
  }
  const auto open = memory_of(server.pid());
  // The same tunnels after each carried a TLS-handshake-sized exchange (2 KiB each way).
  const auto hello = random_bytes(2048, 9);
  for (auto& c : clients) {
    c->send_binary(hello);
    c->read_bytes(hello.size());
  }
  const auto used = memory_of(server.pid());
  std::printf(
      "relay RSS: %ld KiB before; %ld KiB with %zu idle tunnels (%.1f KiB each); "
      "%ld KiB after 2 KiB each way on every tunnel (%.1f KiB each)\n",
      before.rss_kib, open.rss_kib, count,
      static_cast<double>(open.rss_kib - before.rss_kib) / static_cast<double>(count), used.rss_kib,
      static_cast<double>(used.rss_kib - before.rss_kib) / static_cast<double>(count));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  const std::size_t n = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 0;
  if (mode == "throughput") return throughput(n ? n : 1024);
  if (mode == "idle") return idle(n ? n : 1000);
  std::fprintf(stderr, "usage: relay_bench throughput [MiB] | relay_bench idle [tunnels]\n");
  return 2;
}
