#include "listener.hpp"

#include "log.hpp"

#include <chrono>

namespace tlsscope::relay {

listener::listener(net::io_context& ioc, const tcp::endpoint& endpoint, on_connection handler)
    : ioc_(ioc),
      acceptor_(net::make_strand(ioc)),
      backoff_(acceptor_.get_executor()),
      handler_(std::move(handler)) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(net::socket_base::reuse_address(true));
  if (endpoint.address().is_v6()) acceptor_.set_option(net::ip::v6_only(false));
  acceptor_.bind(endpoint);
  acceptor_.listen(net::socket_base::max_listen_connections);
}

void listener::run() {
  net::dispatch(acceptor_.get_executor(),
                beast::bind_front_handler(&listener::do_accept, shared_from_this()));
}

void listener::stop() {
  net::post(acceptor_.get_executor(), [self = shared_from_this()] {
    beast::error_code ignored;
    self->backoff_.cancel();
    self->acceptor_.close(ignored);
  });
}

tcp::endpoint listener::local_endpoint() const { return acceptor_.local_endpoint(); }

void listener::do_accept() {
  // Each connection gets its own strand, so --threads N never runs one session's handlers
  // concurrently.
  acceptor_.async_accept(net::make_strand(ioc_),
                         beast::bind_front_handler(&listener::on_accept, shared_from_this()));
}

void listener::on_accept(beast::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
  if (ec) {
    // Out of file descriptors (or similar) fails every accept at once: pause instead of
    // spinning, and let closing connections free some.
    fail(ec, "accept");
    backoff_.expires_after(std::chrono::milliseconds(100));
    backoff_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
      if (!wait_ec) self->do_accept();
    });
    return;
  }
  handler_(std::move(socket));
  do_accept();
}

}  // namespace tlsscope::relay
