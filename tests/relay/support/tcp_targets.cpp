#include "tcp_targets.hpp"

#include <array>
#include <chrono>

namespace tlsscope::relay::test {

namespace {

const tcp::endpoint any_loopback(net::ip::make_address("127.0.0.1"), 0);

class echo_connection : public std::enable_shared_from_this<echo_connection> {
 public:
  explicit echo_connection(tcp::socket socket) : socket_(std::move(socket)) {}
  void start() { read(); }

 private:
  void read() {
    socket_.async_read_some(net::buffer(buf_), [self = shared_from_this()](
                                                   boost::system::error_code ec, std::size_t n) {
      if (ec) {
        boost::system::error_code ignored;
        self->socket_.shutdown(tcp::socket::shutdown_send, ignored);
        return;
      }
      net::async_write(self->socket_, net::buffer(self->buf_.data(), n),
                       [self](boost::system::error_code wec, std::size_t) {
                         if (!wec) self->read();
                       });
    });
  }

  tcp::socket socket_;
  std::array<char, 64 * 1024> buf_;
};

}  // namespace

echo_server::echo_server() : acceptor_(ioc_, any_loopback) {
  port_ = acceptor_.local_endpoint().port();
  do_accept();
  thread_ = std::thread([this] { ioc_.run(); });
}

echo_server::~echo_server() {
  ioc_.stop();
  thread_.join();
}

std::size_t echo_server::accepted() const {
  std::lock_guard lock(mutex_);
  return accepted_;
}

std::size_t echo_server::wait_for_accepted(std::size_t n, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  accepted_changed_.wait_for(lock, timeout, [&] { return accepted_ >= n; });
  return accepted_;
}

void echo_server::do_accept() {
  acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
    if (ec) return;
    {
      std::lock_guard lock(mutex_);
      ++accepted_;
    }
    accepted_changed_.notify_all();
    std::make_shared<echo_connection>(std::move(socket))->start();
    do_accept();
  });
}

scripted_server::scripted_server(std::function<void(tcp::socket&)> script)
    : acceptor_(ioc_, any_loopback), port_(acceptor_.local_endpoint().port()) {
  thread_ = std::thread([this, script = std::move(script)] {
    boost::system::error_code ec;
    tcp::socket socket(ioc_);
    acceptor_.accept(socket, ec);
    if (ec) return;
    try {
      script(socket);
    } catch (const std::exception&) {
      // The test sees the failure from its side (missing bytes, an error event).
    }
  });
}

scripted_server::~scripted_server() {
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  join();
}

void scripted_server::join() {
  if (thread_.joinable()) thread_.join();
}

std::uint16_t closed_port() {
  net::io_context ioc;
  tcp::acceptor acceptor(ioc, any_loopback);
  return acceptor.local_endpoint().port();  // closed again when the acceptor goes
}

unanswering_server::unanswering_server() : acceptor_(ioc_) {
  acceptor_.open(tcp::v4());
  acceptor_.bind(any_loopback);
  acceptor_.listen(0);
  port_ = acceptor_.local_endpoint().port();
  // With a backlog of 0 Linux queues one connection; connects after it wait on SYN retries.
  tcp::socket filler(ioc_);
  filler.connect(tcp::endpoint(any_loopback.address(), port_));
  fillers_.push_back(std::move(filler));
}

}  // namespace tlsscope::relay::test
