// Real TCP servers on 127.0.0.1 for the relay to connect to: an echo server for many
// connections, and a one-connection server that runs a test's own script on a blocking socket.
#pragma once

#include <boost/asio.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace tlsscope::relay::test {

namespace net = boost::asio;
using tcp = net::ip::tcp;

/// Echoes every byte back on every connection until the peer closes; then closes too.
class echo_server {
 public:
  echo_server();
  ~echo_server();
  std::uint16_t port() const { return port_; }
  /// Connections accepted so far. The relay's "tcp" event means the kernel completed the
  /// handshake, not that this server's thread has taken the connection from its queue yet:
  /// to see a connection counted, wait for it with wait_for_accepted.
  std::size_t accepted() const;
  /// Waits until `n` connections have been accepted or `timeout` passed; returns the count
  /// then (so a test compares it with `n` and sees the shortfall).
  std::size_t wait_for_accepted(std::size_t n,
                                std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;

 private:
  void do_accept();

  net::io_context ioc_;
  tcp::acceptor acceptor_;
  std::uint16_t port_;
  mutable std::mutex mutex_;
  mutable std::condition_variable accepted_changed_;
  std::size_t accepted_ = 0;  // guarded by mutex_
  std::thread thread_;
};

/// Accepts one connection and runs `script` on it (blocking I/O) in its own thread.
class scripted_server {
 public:
  explicit scripted_server(std::function<void(tcp::socket&)> script);
  ~scripted_server();
  std::uint16_t port() const { return port_; }
  /// Waits for the script to finish (the destructor does too).
  void join();

 private:
  net::io_context ioc_;
  tcp::acceptor acceptor_;
  std::uint16_t port_;
  std::thread thread_;
};

/// A loopback port with nothing listening on it: connecting gets RST.
std::uint16_t closed_port();

/// A listener whose accept queue is full, so further SYNs go unanswered and connects hang.
class unanswering_server {
 public:
  unanswering_server();
  std::uint16_t port() const { return port_; }

 private:
  net::io_context ioc_;
  tcp::acceptor acceptor_;
  std::vector<tcp::socket> fillers_;
  std::uint16_t port_;
};

}  // namespace tlsscope::relay::test
