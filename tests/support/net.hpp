// Loopback networking for tests: free ports, waiting for a listener, tiny scripted servers.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>

namespace tlsscope::test {

/// A loopback TCP port that was free a moment ago (bound to port 0 and released). Another
/// process may take it before the caller does: callers retry on a bind failure.
std::uint16_t free_loopback_port();

/// A TCP connection to 127.0.0.1:`port`: its socket, or -1 if it could not be made.
int connect_loopback(std::uint16_t port);

/// True once something listens on TCP `port` over IPv4 (any local address), read from
/// /proc/net/tcp so that no probe connection disturbs the server. Gives up after `timeout`, or
/// as soon as `keep_waiting` returns false (e.g. the server process has exited).
bool wait_for_listen(std::uint16_t port, std::chrono::milliseconds timeout,
                     const std::function<bool()>& keep_waiting);

/// A loopback port on which connections are refused for as long as this object lives: the port
/// is bound, so nobody else can listen on it, but never listened on.
class RefusingPort {
 public:
  RefusingPort();
  ~RefusingPort();
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;
  std::uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

/// A plain TCP server on 127.0.0.1 (an ephemeral port, bound before the constructor returns),
/// serving one connection at a time on its own thread with a scripted handler. The destructor
/// stops it; handlers must return soon after `stopping` becomes true.
class LoopbackServer {
 public:
  using Handler = std::function<void(int fd, const std::atomic<bool>& stopping)>;

  explicit LoopbackServer(Handler handler);
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  std::uint16_t port() const { return port_; }
  /// How many connections have been accepted so far.
  int accepted() const { return accepted_.load(); }

  /// Accepts, then never sends anything and keeps the connection open until stopped.
  static Handler silent();
  /// Reads the client's first TLS record (the ClientHello: all of it, so that closing sends a
  /// FIN, not a reset), then closes the connection.
  static Handler close_after_read();
  /// Reads the client's first TLS record, answers with `reply`, then closes.
  static Handler reply_then_close(std::string reply);

 private:
  void serve();

  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  Handler handler_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> accepted_{0};
  std::thread thread_;
};

/// Reads from `fd` until `at_least` bytes arrived, the peer closed, `timeout` passed or
/// `stopping` became true; returns what was read.
std::string read_some(int fd, std::size_t at_least, std::chrono::milliseconds timeout,
                      const std::atomic<bool>& stopping);

/// Reads one TLS record's worth from `fd`: the 5-byte header, then as many bytes as it says
/// (giving up after a while, at the peer's close, or when `stopping`).
std::string read_first_record(int fd, const std::atomic<bool>& stopping);

}  // namespace tlsscope::test
