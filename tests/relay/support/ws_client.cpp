#include "ws_client.hpp"

#include <algorithm>
#include <functional>

namespace tlsscope::relay::test {

ws_client::ws_client(std::uint16_t port, const std::string& target, const header_list& headers,
                     std::chrono::milliseconds timeout)
    : ws_(ioc_) {
  bool done = false;
  beast::error_code result;
  beast::get_lowest_layer(ws_).async_connect(
      tcp::endpoint(net::ip::make_address("127.0.0.1"), port), [&](beast::error_code ec) {
        result = ec;
        done = true;
      });
  run(done, timeout, "connect");
  if (result) throw std::runtime_error("connect: " + result.message());

  ws_.set_option(websocket::stream_base::decorator([headers](websocket::request_type& req) {
    for (const auto& [name, value] : headers)
      req.set(name, value);
  }));
  ws_.read_message_max(0);
  // A client masks what it sends through this buffer; Beast's default of 4 KiB would make
  // the test client, not the relay, the bottleneck of a bulk upload.
  ws_.write_buffer_bytes(256 * 1024);
  ws_.control_callback([this](websocket::frame_type kind, beast::string_view) {
    if (kind == websocket::frame_type::pong) ++pongs_;
  });
  done = false;
  ws_.async_handshake(response_, "127.0.0.1:" + std::to_string(port), target,
                      [&](beast::error_code ec) {
                        result = ec;
                        done = true;
                      });
  run(done, timeout, "handshake");
  open_ = !result;
}

ws_client::~ws_client() { abort(); }

std::string ws_client::subprotocol() const {
  return std::string(response_[http::field::sec_websocket_protocol]);
}

void ws_client::run(bool& done, std::chrono::milliseconds timeout, const char* what) {
  ioc_.restart();
  ioc_.run_for(timeout);
  if (done) return;
  beast::error_code ignored;
  beast::get_lowest_layer(ws_).socket().close(ignored);
  ioc_.restart();
  ioc_.run();
  throw deadline_error(std::string("no result from ") + what + " within " +
                       std::to_string(timeout.count()) + " ms");
}

void ws_client::send_binary(std::string_view data, std::chrono::milliseconds timeout) {
  bool done = false;
  beast::error_code result;
  ws_.binary(true);
  ws_.async_write(net::buffer(data.data(), data.size()), [&](beast::error_code ec, std::size_t) {
    result = ec;
    done = true;
  });
  run(done, timeout, "write");
  if (result) throw std::runtime_error("write: " + result.message());
}

void ws_client::send_text(std::string_view data, std::chrono::milliseconds timeout) {
  bool done = false;
  beast::error_code result;
  ws_.text(true);
  ws_.async_write(net::buffer(data.data(), data.size()), [&](beast::error_code ec, std::size_t) {
    result = ec;
    done = true;
  });
  run(done, timeout, "write");
  if (result) throw std::runtime_error("write: " + result.message());
}

void ws_client::ping(std::chrono::milliseconds timeout) {
  bool done = false;
  beast::error_code result;
  ws_.async_ping({}, [&](beast::error_code ec) {
    result = ec;
    done = true;
  });
  run(done, timeout, "ping");
  if (result) throw std::runtime_error("ping: " + result.message());
}

std::optional<ws_message> ws_client::read(std::chrono::milliseconds timeout) {
  bool done = false;
  beast::error_code result;
  buffer_.clear();
  ws_.async_read(buffer_, [&](beast::error_code ec, std::size_t) {
    result = ec;
    done = true;
  });
  run(done, timeout, "read");
  if (result == websocket::error::closed) return std::nullopt;
  if (result) throw std::runtime_error("read: " + result.message());
  return ws_message{ws_.got_text(), beast::buffers_to_string(buffer_.data())};
}

std::optional<ws_message> ws_client::read_while_pinging(std::chrono::milliseconds interval,
                                                        std::chrono::milliseconds timeout) {
  bool done = false;
  beast::error_code result;
  buffer_.clear();
  net::steady_timer timer(ioc_);
  bool pinging = false;
  std::function<void()> tick = [&] {
    timer.expires_after(interval);
    timer.async_wait([&](beast::error_code ec) {
      if (ec || done) return;
      if (!pinging) {
        pinging = true;
        ws_.async_ping({}, [&](beast::error_code) { pinging = false; });
      }
      tick();
    });
  };
  ws_.async_read(buffer_, [&](beast::error_code ec, std::size_t) {
    result = ec;
    done = true;
    timer.cancel();
  });
  tick();
  run(done, timeout, "read");
  if (result == websocket::error::closed) return std::nullopt;
  if (result) throw std::runtime_error("read: " + result.message());
  return ws_message{ws_.got_text(), beast::buffers_to_string(buffer_.data())};
}

nlohmann::json ws_client::read_event(std::chrono::milliseconds timeout) {
  auto message = read(timeout);
  if (!message) throw std::runtime_error("expected an event, got a close");
  if (!message->text) throw std::runtime_error("expected an event, got binary data");
  return nlohmann::json::parse(message->data);
}

std::string ws_client::read_bytes(std::size_t n, std::chrono::milliseconds timeout) {
  std::string out;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (out.size() < n) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    auto message = read(std::max(left, std::chrono::milliseconds(1)));
    if (!message) throw std::runtime_error("closed after " + std::to_string(out.size()) + " bytes");
    if (message->text) throw std::runtime_error("text frame in the data: " + message->data);
    out += message->data;
  }
  return out;
}

std::vector<ws_message> ws_client::read_until_close(std::chrono::milliseconds timeout) {
  std::vector<ws_message> got;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    auto message = read(std::max(left, std::chrono::milliseconds(1)));
    if (!message) return got;
    got.push_back(std::move(*message));
  }
}

std::string ws_client::exchange(std::string_view up, std::size_t down_bytes, std::size_t chunk,
                                std::chrono::milliseconds timeout) {
  std::string down;
  down.reserve(down_bytes);
  std::size_t sent = 0;
  bool writing_done = up.empty(), reading_done = down_bytes == 0, done = false;
  beast::error_code failure;
  beast::flat_buffer in;

  std::function<void()> write_next = [&] {
    const auto n = std::min(chunk, up.size() - sent);
    ws_.binary(true);
    ws_.async_write(net::buffer(up.data() + sent, n), [&, n](beast::error_code ec, std::size_t) {
      if (ec) failure = ec;
      sent += n;
      if (ec || sent == up.size()) {
        writing_done = true;
        done = reading_done;
        return;
      }
      write_next();
    });
  };
  std::function<void()> read_next = [&] {
    in.clear();
    ws_.async_read(in, [&](beast::error_code ec, std::size_t) {
      if (!ec && ws_.got_text()) ec = net::error::invalid_argument;
      if (!ec) down += beast::buffers_to_string(in.data());
      if (ec) failure = ec;
      if (ec || down.size() >= down_bytes) {
        reading_done = true;
        done = writing_done;
        return;
      }
      read_next();
    });
  };
  if (!writing_done) write_next();
  if (!reading_done) read_next();
  done = writing_done && reading_done;
  if (!done) run(done, timeout, "exchange");
  if (failure) throw std::runtime_error("exchange: " + failure.message());
  return down;
}

void ws_client::close(std::chrono::milliseconds timeout) {
  bool done = false;
  ws_.async_close(websocket::close_code::normal, [&](beast::error_code) { done = true; });
  run(done, timeout, "close");
}

void ws_client::abort() {
  beast::error_code ignored;
  beast::get_lowest_layer(ws_).socket().close(ignored);
}

http_connection::http_connection(std::uint16_t port) : port_(port), stream_(ioc_) {
  beast::error_code failure;
  stream_.expires_after(20s);
  stream_.async_connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port),
                        [&](beast::error_code ec) { failure = ec; });
  ioc_.run();
  if (failure) throw std::runtime_error("connect: " + failure.message());
}

http::response<http::string_body> http_connection::send(http::request<http::empty_body> req,
                                                        std::chrono::milliseconds timeout) {
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
  http::response_parser<http::string_body> parser;
  parser.skip(req.method() == http::verb::head);
  parser.body_limit(64 << 20);
  beast::error_code failure;
  // Asynchronous with a deadline: tcp_stream's timeout covers only asynchronous operations.
  stream_.expires_after(timeout);
  http::async_write(stream_, req, [&](beast::error_code ec, std::size_t) {
    if (ec) {
      failure = ec;
      return;
    }
    http::async_read(stream_, buffer_, parser,
                     [&](beast::error_code rec, std::size_t) { failure = rec; });
  });
  ioc_.restart();
  ioc_.run();
  if (failure) throw std::runtime_error(std::string(req.target()) + ": " + failure.message());
  return parser.release();
}

http::response<http::string_body> http_get(std::uint16_t port, const std::string& target,
                                           const header_list& headers, http::verb method) {
  http::request<http::empty_body> req{method, target, 11};
  for (const auto& [name, value] : headers) req.set(name, value);
  return http_connection(port).send(std::move(req));
}

}  // namespace tlsscope::relay::test
