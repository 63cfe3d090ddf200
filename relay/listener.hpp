// Accepts TCP connections and hands each one, on its own strand, to a session factory.
// Used for both the main listener (page + relay) and the demo origin.
#pragma once

#include "net.hpp"

#include <functional>
#include <memory>

namespace tlsscope::relay {

class listener : public std::enable_shared_from_this<listener> {
 public:
  using on_connection = std::function<void(tcp::socket&&)>;

  /// Binds and listens; throws boost::system::system_error with the reason if it cannot.
  listener(net::io_context& ioc, const tcp::endpoint& endpoint, on_connection handler);

  void run();
  /// Stops accepting; connections already handed over go on.
  void stop();
  tcp::endpoint local_endpoint() const;
  /// The listening socket, for a process that accepts on it instead (demo_origin_node.hpp).
  int native_handle() { return acceptor_.native_handle(); }

 private:
  void do_accept();
  void on_accept(beast::error_code ec, tcp::socket socket);

  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  net::steady_timer backoff_;
  on_connection handler_;
};

}  // namespace tlsscope::relay
