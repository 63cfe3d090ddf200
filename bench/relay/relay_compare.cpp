// tlsscope-server next to websockify (the Debian package), with the same client and the same
// loopback targets, for bench/run's table. Each mode prints one line of numbers.
//
//   relay_compare throughput RELAY|none MIB   target -> relay -> client: MiB/s (wall time),
//                                             MiB per CPU second of the relay; `none`: the
//                                             client reads the target straight (MiB/s only)
//   relay_compare latency RELAY COUNT         64-byte ping-pong through an echo target:
//                                             added µs (relay RTT - direct RTT) p50 p99,
//                                             relay CPU µs per round trip
//   relay_compare memory tlsscope|websockify COUNT     KiB of memory per idle tunnel
//   relay_compare capacity COUNT                       tunnels open at once, relay RSS in MiB
//
// RELAY: tlsscope, websockify, forwarder (bench/relay/minimal_forwarder: plain TCP, no
// WebSocket, two system calls per hop) or forwarder-splice (the same, target -> client by
// splice(), no copy through the process). `none` and the forwarders are the yardsticks: what
// no relay (of that kind) can beat on this machine, whatever its code.
//
// memory and capacity need two descriptors per tunnel in the relay and two in this program;
// past the hard fd limit they spread the tunnels over several relay processes (stderr says so).
//
// Both relays are asked for the `binary` WebSocket subprotocol (data frames only), the mode
// websockify speaks. websockify forks one process per connection, so its memory is the sum
// of the proportional set size (PSS) of its processes; tlsscope-server's is its RSS.
#include "bytes.hpp"
#include "relay_processes.hpp"
#include "server_process.hpp"
#include "tcp_targets.hpp"
#include "ws_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace tlsscope::relay::test;
using tlsscope::bench::cpu_seconds_of;
using tlsscope::bench::websockify_process;
using clock_type = std::chrono::steady_clock;

namespace {

const header_list kBinary = {{"Sec-WebSocket-Protocol", "binary"}};

std::string relay_target(std::uint16_t port) {
  return "/relay?host=127.0.0.1&port=" + std::to_string(port);
}

// Descriptors this process may hold: the soft limit raised to the hard one. Only
// CAP_SYS_RESOURCE raises the hard limit, which sandboxes often withhold (this build machine:
// 20,000), so the tunnel figures are spread over processes instead (see hold_idle_tunnels).
rlim_t raise_fd_limit() {
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
  return limit.rlim_cur;
}

// bench/relay/minimal_forwarder: plain TCP to one target, the least a relay process can add.
// The build puts it next to relay_compare.
class forwarder_process {
 public:
  forwarder_process(std::uint16_t target, bool splice) {
    const std::string path =
        (std::filesystem::read_symlink("/proc/self/exe").parent_path() / "minimal_forwarder")
            .string();
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe() failed");
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork() failed");
    if (pid_ == 0) {
      close(out[0]);
      dup2(out[1], STDOUT_FILENO);
      const std::string to = std::to_string(target);
      if (splice) execl(path.c_str(), path.c_str(), "--splice", to.c_str(), nullptr);
      execl(path.c_str(), path.c_str(), to.c_str(), nullptr);
      _exit(127);
    }
    close(out[1]);
    std::string line;  // its listening port, once it listens
    char c;
    pollfd p{out[0], POLLIN, 0};
    while (poll(&p, 1, 10000) == 1 && read(out[0], &c, 1) == 1 && c != '\n') line += c;
    close(out[0]);
    port_ = static_cast<std::uint16_t>(std::strtoul(line.c_str(), nullptr, 10));
    if (port_ == 0) {
      stop();
      throw std::runtime_error(path + " did not start");
    }
  }
  ~forwarder_process() { stop(); }
  forwarder_process(const forwarder_process&) = delete;
  forwarder_process& operator=(const forwarder_process&) = delete;
  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }

 private:
  void stop() {
    kill(pid_, SIGKILL);  // it holds nothing worth a clean exit
    waitpid(pid_, nullptr, 0);
  }

  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

// The relay under test, listening on loopback, allowed to reach `targets`: tlsscope-server,
// websockify, or the minimal forwarder (plain TCP, no WebSocket: the yardstick rows).
class relay {
 public:
  relay(const std::string& kind, const std::vector<std::uint16_t>& targets) {
    if (kind == "websockify") {
      websockify_ = std::make_unique<websockify_process>(targets.at(0));
      return;
    }
    if (kind == "forwarder" || kind == "forwarder-splice") {
      if (targets.size() != 1) throw std::runtime_error("the minimal forwarder has one target");
      forwarder_ = std::make_unique<forwarder_process>(targets[0], kind == "forwarder-splice");
      return;
    }
    if (kind != "tlsscope")
      throw std::runtime_error("relay kind: tlsscope, websockify, forwarder or forwarder-splice");
    std::vector<std::string> args = {"--max-tunnels", "1000000", "--max-tunnels-per-client",
                                     "1000000", "--idle-timeout", "900", "--max-lifetime",
                                     "1800", "--max-bytes", "64G", "--no-demo-origin"};
    for (auto p : targets) args.insert(args.end(), {"--allow", "127.0.0.1:" + std::to_string(p)});
    tlsscope_ = std::make_unique<server_process>(args);
  }
  bool speaks_websocket() const { return !forwarder_; }
  std::uint16_t port() const {
    return websockify_ ? websockify_->port() : forwarder_ ? forwarder_->port() : tlsscope_->port();
  }
  long memory_kib() const {
    return websockify_ ? websockify_->memory_kib() : memory_of(pid()).rss_kib;
  }
  double cpu_seconds() const {
    return websockify_ ? websockify_->cpu_seconds() : cpu_seconds_of(pid());
  }

 private:
  pid_t pid() const { return forwarder_ ? forwarder_->pid() : tlsscope_->pid(); }

  std::unique_ptr<server_process> tlsscope_;
  std::unique_ptr<websockify_process> websockify_;
  std::unique_ptr<forwarder_process> forwarder_;
};

double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

// A tunnel on a plain socket, its upgrade request sent: a few bytes of client state each, so
// 50,000 fit. Clients bind to 127.0.0.2, .3, … (by `index`) so the client side does not run
// out of ephemeral ports.
int start_tunnel(std::uint16_t relay_port, std::uint16_t target, std::size_t index) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket(): out of descriptors");
  int one = 1;
  setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
  sockaddr_in src{};
  src.sin_family = AF_INET;
  src.sin_addr.s_addr = htonl(INADDR_LOOPBACK + 1 + static_cast<std::uint32_t>(index % 16));
  bind(fd, reinterpret_cast<sockaddr*>(&src), sizeof src);
  sockaddr_in dst{};
  dst.sin_family = AF_INET;
  dst.sin_port = htons(relay_port);
  dst.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&dst), sizeof dst) != 0)
    throw std::runtime_error("connect() to the relay failed at tunnel " + std::to_string(index));
  const std::string req = "GET " + relay_target(target) +
                          " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                          "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                          "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: binary\r\n\r\n";
  send(fd, req.data(), req.size(), MSG_NOSIGNAL);
  return fd;
}

// Reads the relay's answer to start_tunnel's request; returns the bytes that came after it.
std::string finish_upgrade(int fd, std::size_t index) {
  std::string head;
  char buf[512];
  while (head.find("\r\n\r\n") == std::string::npos) {
    pollfd p{fd, POLLIN, 0};
    ssize_t n = poll(&p, 1, 20000) == 1 ? recv(fd, buf, sizeof buf, 0) : -1;
    if (n <= 0) throw std::runtime_error("no upgrade answer for tunnel " + std::to_string(index));
    head.append(buf, static_cast<std::size_t>(n));
  }
  if (head.rfind("HTTP/1.1 101", 0) != 0)
    throw std::runtime_error("tunnel " + std::to_string(index) + " refused: " +
                             head.substr(0, head.find("\r\n")));
  return head.substr(head.find("\r\n\r\n") + 4);
}

// Opens `count` idle tunnels: upgrade requests sent in batches, then every answer read.
std::vector<int> open_idle_tunnels(std::uint16_t relay_port,
                                   const std::vector<std::uint16_t>& targets, std::size_t count) {
  std::vector<int> fds;
  constexpr std::size_t kBatch = 500;
  for (std::size_t first = 0; first < count; first += kBatch) {
    const std::size_t last = std::min(count, first + kBatch);
    for (std::size_t i = first; i < last; ++i)
      fds.push_back(start_tunnel(relay_port, targets[i % targets.size()], i));
    for (std::size_t i = first; i < last; ++i) finish_upgrade(fds[i], i);
  }
  return fds;
}

// Payload bytes of the relay's frames (server frames: unmasked), counted as they arrive, so the
// throughput client costs one recv per read and nothing per byte beyond the kernel's copy.
class frame_counter {
 public:
  std::uint64_t payload = 0;
  void feed(const unsigned char* p, std::size_t n) {
    while (n > 0) {
      if (left_ > 0) {
        const auto take = static_cast<std::size_t>(std::min<std::uint64_t>(left_, n));
        left_ -= take, payload += take, p += take, n -= take;
        continue;
      }
      header_.push_back(*p++), --n;
      const unsigned len7 = header_.size() >= 2 ? header_[1] & 0x7f : 0;
      const std::size_t need = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0);
      if (header_.size() < need) continue;
      if ((header_[0] & 0x0f) == 8) throw std::runtime_error("the relay closed the tunnel early");
      left_ = len7 < 126 ? len7 : 0;
      for (std::size_t i = 2; i < need; ++i) left_ = left_ << 8 | header_[i];
      header_.clear();
    }
  }

 private:
  std::vector<unsigned char> header_;
  std::uint64_t left_ = 0;
};

// A plain TCP connection to 127.0.0.1:`port`.
int connect_loopback(std::uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in dst{};
  dst.sin_family = AF_INET;
  dst.sin_port = htons(port);
  dst.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || connect(fd, reinterpret_cast<sockaddr*>(&dst), sizeof dst) != 0)
    throw std::runtime_error("connect() to 127.0.0.1:" + std::to_string(port) + " failed");
  return fd;
}

// `kind` "none": the client reads the source straight, no relay and no framing, the ceiling a
// relay is measured against (it only adds a second connection and its work to this path).
// Prints MiB/s only then (there is no relay CPU).
int throughput(const std::string& kind, std::size_t mib) {
  const std::size_t total = mib << 20;
  const auto chunk = random_bytes(1 << 20, 3);
  // The source keeps its end open after the last byte, until the relay closes it: websockify
  // 0.10 drops what it has queued for the client when the target closes first (the client
  // then sees a reset), and the figure is about carrying bytes, not about that end.
  scripted_server source([&](tcp::socket& s) {
    boost::system::error_code ec;
    for (std::size_t sent = 0; sent < total && !ec; sent += chunk.size())
      net::write(s, net::buffer(chunk), ec);
    char c;
    while (!ec) s.read_some(net::buffer(&c, 1), ec);
  });
  std::optional<relay> started;
  try {
    if (kind != "none") started.emplace(kind, std::vector<std::uint16_t>{source.port()});
  } catch (...) {
    // The source waits in accept() and its destructor waits for it: one connection that
    // closes at once ends its script, so the error gets out instead of a hang.
    net::io_context ioc;
    tcp::socket(ioc).connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), source.port()));
    throw;
  }
  const bool framed = started && started->speaks_websocket();
  frame_counter frames;  // framed: payload bytes of the relay's frames
  std::uint64_t raw = 0;  // otherwise: every byte
  int fd = -1;
  if (framed) {
    fd = start_tunnel(started->port(), source.port(), 0);
    const auto first = finish_upgrade(fd, 0);
    frames.feed(reinterpret_cast<const unsigned char*>(first.data()), first.size());
  } else {
    fd = connect_loopback(started ? started->port() : source.port());
  }
  const auto received = [&] { return framed ? frames.payload : raw; };
  const auto start = clock_type::now();
  const double cpu_start = started ? started->cpu_seconds() : 0;
  std::vector<unsigned char> buf(1 << 20);
  while (received() < total) {
    pollfd p{fd, POLLIN, 0};
    const ssize_t n = poll(&p, 1, 60000) == 1 ? recv(fd, buf.data(), buf.size(), 0) : -1;
    if (n <= 0)
      throw std::runtime_error("the tunnel ended after " + std::to_string(received()) + " bytes");
    if (framed) frames.feed(buf.data(), static_cast<std::size_t>(n));
    else raw += static_cast<std::uint64_t>(n);
  }
  const double wall = seconds_since(start);
  const double cpu = started ? started->cpu_seconds() - cpu_start : 0;
  close(fd);
  if (started)
    std::printf("%.1f %.1f\n", static_cast<double>(mib) / wall, static_cast<double>(mib) / cpu);
  else
    std::printf("%.1f\n", static_cast<double>(mib) / wall);
  return 0;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

// Round-trip times in µs of `count` calls of `round_trip`.
template <class RoundTrip>
std::vector<double> time_round_trips(std::size_t count, RoundTrip& round_trip) {
  std::vector<double> us;
  for (std::size_t i = 0; i < count; ++i) {
    const auto t0 = clock_type::now();
    round_trip();
    us.push_back(seconds_since(t0) * 1e6);
  }
  return us;
}

// A 64-byte ping-pong on a plain TCP connection (to the echo target itself, or through the
// minimal forwarder).
class plain_ping_pong {
 public:
  plain_ping_pong(std::uint16_t port, const std::string& msg) : socket_(ioc_), msg_(msg) {
    socket_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    socket_.set_option(tcp::no_delay(true));
  }
  void operator()() {
    char back[64];
    net::write(socket_, net::buffer(msg_));
    net::read(socket_, net::buffer(back, msg_.size()));
  }

 private:
  net::io_context ioc_;
  tcp::socket socket_;
  std::string msg_;
};

int latency(const std::string& kind, std::size_t count) {
  echo_server echo;
  const auto msg = random_bytes(64, 7);
  // The same ping-pong straight to the echo target: what the relay adds is the difference.
  double base = 0;
  {
    plain_ping_pong direct(echo.port(), msg);
    base = percentile(time_round_trips(count, direct), 0.5);
  }
  relay r(kind, {echo.port()});
  std::optional<ws_client> ws;
  std::optional<plain_ping_pong> plain;
  std::function<void()> round_trip;
  if (r.speaks_websocket()) {
    ws.emplace(r.port(), relay_target(echo.port()), kBinary);
    round_trip = [&] {
      ws->send_binary(msg);
      ws->read_bytes(msg.size());
    };
  } else {
    plain.emplace(r.port(), msg);
    round_trip = [&] { (*plain)(); };
  }
  time_round_trips(50, round_trip);  // warm-up: connection set up, caches and allocators warm
  const double cpu_start = r.cpu_seconds();
  const auto through = time_round_trips(count, round_trip);
  const double cpu_us = (r.cpu_seconds() - cpu_start) * 1e6 / static_cast<double>(count);
  std::printf("%.1f %.1f %.1f\n", percentile(through, 0.5) - base, percentile(through, 0.99) - base,
              cpu_us);
  return 0;
}

// Targets that accept and hold connections without reading: idle tunnels' far ends.
class holding_targets {
 public:
  explicit holding_targets(std::size_t ports) {
    for (std::size_t i = 0; i < ports; ++i) {
      int fd = socket(AF_INET, SOCK_STREAM, 0);
      int one = 1;
      setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
      listen(fd, 4096);
      socklen_t len = sizeof a;
      getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
      listeners_.push_back(fd);
      ports_.push_back(ntohs(a.sin_port));
    }
    thread_ = std::thread([this] { run(); });
  }
  ~holding_targets() {
    stop_ = true;
    thread_.join();
    for (int fd : listeners_) close(fd);
    for (int fd : accepted_) close(fd);
  }
  const std::vector<std::uint16_t>& ports() const { return ports_; }
  std::size_t accepted() const { return count_; }

 private:
  void run() {
    std::vector<pollfd> p;
    for (int fd : listeners_) p.push_back({fd, POLLIN, 0});
    while (!stop_) {
      if (poll(p.data(), p.size(), 100) <= 0) continue;
      for (auto& x : p)
        if (x.revents & POLLIN) {
          int c = accept(x.fd, nullptr, nullptr);
          if (c >= 0) accepted_.push_back(c), ++count_;
        }
    }
  }
  std::vector<int> listeners_;
  std::vector<std::uint16_t> ports_;
  std::vector<int> accepted_;
  std::atomic<std::size_t> count_{0};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

void wait_for_targets(const holding_targets& t, std::size_t count) {
  const auto start = clock_type::now();
  while (t.accepted() < count && seconds_since(start) < 60)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  if (t.accepted() < count)
    throw std::runtime_error("only " + std::to_string(t.accepted()) + " of " +
                             std::to_string(count) + " tunnels reached their target");
}

// What one share of idle tunnels cost its relay, in KiB.
struct share_result {
  long before_kib = 0;  // after one tunnel was opened and closed (start-up costs paid)
  long with_kib = 0;    // with the share's tunnels open
  std::size_t tunnels = 0;
};

// One share, run in a forked child: its own targets, its own relay, `count` idle tunnels.
// Writes "before with tunnels" (or "error: …") to `report`, then holds the tunnels open until
// `release` reaches end of file, so every share's tunnels are open at once.
[[noreturn]] void run_share(const std::string& kind, std::size_t count, int report, int release) {
  std::string line;
  try {
    raise_fd_limit();
    // The relay connects from 127.0.0.1 to its targets: one port per 10,000 tunnels leaves
    // ephemeral ports to spare.
    holding_targets targets(count / 10000 + 1);
    relay r(kind, targets.ports());
    for (int fd : open_idle_tunnels(r.port(), targets.ports(), 1)) close(fd);
    wait_for_targets(targets, 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const long before = r.memory_kib();
    auto fds = open_idle_tunnels(r.port(), targets.ports(), count);
    wait_for_targets(targets, count + 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    line = std::to_string(before) + " " + std::to_string(r.memory_kib()) + " " +
           std::to_string(targets.accepted() - 1) + "\n";
    (void)!write(report, line.data(), line.size());
    char c;
    while (read(release, &c, 1) > 0) {
    }
    for (int fd : fds) close(fd);
  } catch (const std::exception& e) {
    line = std::string("error: ") + e.what() + "\n";
    (void)!write(report, line.data(), line.size());
    _exit(1);
  }
  _exit(0);
}

// Opens `count` idle tunnels through relays of `kind` and sums what they cost. One process
// holds two descriptors per tunnel on each side (the relay: WebSocket and target; the bench:
// client socket and accepted target), so when the descriptor limit is below 2 × count the
// tunnels are split into equal shares, each opened by a forked child with its own relay.
share_result hold_idle_tunnels(const std::string& kind, std::size_t count) {
  const std::size_t per_process = (raise_fd_limit() - 64) / 2;  // 64: listeners, logs, epoll…
  const std::size_t shares = (count + per_process - 1) / per_process;
  if (shares > 1)
    std::fprintf(stderr, "relay_compare: %zu tunnels over %zu relay processes (fd limit %zu)\n",
                 count, shares, static_cast<std::size_t>(raise_fd_limit()));
  int release[2];
  if (pipe(release) != 0) throw std::runtime_error("pipe() failed");
  std::vector<pid_t> children;
  std::vector<int> reports;
  for (std::size_t i = 0; i < shares; ++i) {
    const std::size_t share = count / shares + (i < count % shares ? 1 : 0);
    int report[2];
    if (pipe(report) != 0) throw std::runtime_error("pipe() failed");
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork() failed");
    if (pid == 0) {
      close(release[1]);
      close(report[0]);
      run_share(kind, share, report[1], release[0]);
    }
    close(report[1]);
    children.push_back(pid);
    reports.push_back(report[0]);
  }
  close(release[0]);
  share_result sum;
  std::string error;
  for (int fd : reports) {
    std::string line;
    char c;
    while (read(fd, &c, 1) == 1 && c != '\n') line += c;
    close(fd);
    share_result r;
    if (std::sscanf(line.c_str(), "%ld %ld %zu", &r.before_kib, &r.with_kib, &r.tunnels) == 3) {
      sum.before_kib += r.before_kib;
      sum.with_kib += r.with_kib;
      sum.tunnels += r.tunnels;
    } else if (error.empty()) {
      error = line.empty() ? "a relay share ended without a report" : line.substr(7);
    }
  }
  close(release[1]);  // every share closes its tunnels and stops its relay
  for (pid_t pid : children) waitpid(pid, nullptr, 0);
  if (!error.empty()) throw std::runtime_error(error);
  return sum;
}

// Memory the relay holds for each idle, open tunnel: (with tunnels - before) / count.
int memory(const std::string& kind, std::size_t count) {
  const auto r = hold_idle_tunnels(kind, count);
  std::printf("%.2f\n", static_cast<double>(r.with_kib - r.before_kib) / static_cast<double>(count));
  return 0;
}

// How many tunnels tlsscope-server holds open at once, and its RSS then (the target: 50,000
// within 2 GiB); summed over the relay processes when the fd limit needs more than one.
int capacity(std::size_t count) {
  const auto r = hold_idle_tunnels("tlsscope", count);
  std::printf("%zu %.1f\n", r.tunnels, static_cast<double>(r.with_kib) / 1024.0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> a(argv + 1, argv + argc);
  try {
    if (a.size() == 3 && a[0] == "throughput") return throughput(a[1], std::stoul(a[2]));
    if (a.size() == 3 && a[0] == "latency") return latency(a[1], std::stoul(a[2]));
    const bool relay_kind = a.size() == 3 && (a[1] == "tlsscope" || a[1] == "websockify");
    if (relay_kind && a[0] == "memory") return memory(a[1], std::stoul(a[2]));
    if (a.size() == 2 && a[0] == "capacity") return capacity(std::stoul(a[1]));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "relay_compare: %s\n", e.what());
    return 1;
  }
  std::fprintf(stderr,
               "usage: relay_compare throughput RELAY|none MIB\n"
               "       relay_compare latency RELAY COUNT\n"
               "         RELAY: tlsscope|websockify|forwarder|forwarder-splice\n"
               "       relay_compare memory tlsscope|websockify COUNT\n"
               "       relay_compare capacity COUNT\n");
  return 2;
}
