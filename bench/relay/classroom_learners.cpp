#include "classroom_learners.hpp"

#include <tlsscope/client.hpp>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include <netinet/in.h>
#include <sys/random.h>

#include <ctime>
#include <time.h>
#include <stdexcept>
#include <thread>

namespace tlsscope::bench {

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using clock_type = std::chrono::steady_clock;

void system_random(std::uint8_t* out, std::size_t len) {
  while (len > 0) {
    const ssize_t n = ::getrandom(out, len, 0);
    if (n <= 0) throw std::runtime_error("getrandom() failed");
    out += n;
    len -= static_cast<std::size_t>(n);
  }
}

// CPU seconds of the calling thread: the load generator's threads are counted, not the
// others of the process (the bench's /proc sampler).
double thread_cpu_seconds() {
  timespec t{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

// One learner: a chain of asynchronous steps on its thread's io_context. `step_` names where
// it is, so a failure says where it happened.
class learner : public std::enable_shared_from_this<learner> {
 public:
  learner(net::io_context& ioc, const classroom_target& target, const classroom_options& options,
          std::size_t index, learner_result& result)
      : ws_(ioc), timer_(ioc), target_(target), options_(options), index_(index), result_(result) {}

  void start_at(clock_type::time_point at) {
    start_ = at;
    timer_.expires_at(at);
    timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->connect();
    });
  }

 private:
  void connect() {
    timer_.expires_at(start_ + options_.timeout);
    timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec)
        self->fail("no answer within " + std::to_string(self->options_.timeout.count()) + " ms");
    });
    auto& socket = beast::get_lowest_layer(ws_).socket();
    beast::error_code ec;
    socket.open(tcp::v4(), ec);
    if (ec) return fail(ec.message());
    if (options_.own_addresses) {
      // The kernel picks the port at connect(), per destination: a thousand sources do not
      // each reserve one of the ephemeral ports.
      const int one = 1;
      ::setsockopt(socket.native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
      const auto source = static_cast<std::uint32_t>(0x7f010001u + index_);
      socket.bind(tcp::endpoint(net::ip::address_v4(source), 0), ec);
      if (ec) return fail("bind: " + ec.message());
    }
    beast::get_lowest_layer(ws_).async_connect(
        tcp::endpoint(net::ip::address_v4::loopback(), target_.relay_port),
        [self = shared_from_this()](beast::error_code cec) {
          if (cec) return self->fail(cec.message());
          self->upgrade();
        });
  }

  void upgrade() {
    step_ = "upgrade";
    ws_.set_option(websocket::stream_base::decorator(
        [this](websocket::request_type& req) {
          req.set(http::field::sec_websocket_protocol, target_.subprotocol);
          if (!target_.origin.empty()) req.set(http::field::origin, target_.origin);
        }));
    ws_.async_handshake("127.0.0.1:" + std::to_string(target_.relay_port), target_.relay_path,
                        [self = shared_from_this()](beast::error_code ec) {
                          if (ec) return self->fail(ec.message());
                          self->step_ = self->target_.relay_events ? "dns event" : "tunnel";
                          if (self->target_.relay_events) return self->read();
                          self->tunnel_open();
                        });
  }

  void tunnel_open() {
    ws_.binary(true);
    if (options_.task == learner_task::tunnel_setup) {
      step_ = "echo";
      return write(Bytes{'x'});
    }
    step_ = "TLS handshake";
    Config config;
    config.server_name = target_.server_name;
    config.trust_store = target_.anchors;
    config.now = static_cast<std::int64_t>(std::time(nullptr));
    config.versions = {0x0304};
    config.random = system_random;
    tls_ = std::make_unique<Client>(std::move(config));
    tls_->start();
    write(tls_->take_output());
  }

  void write(Bytes bytes) {
    out_ = std::move(bytes);
    ws_.async_write(net::buffer(out_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->fail("write: " + ec.message());
      self->read();
    });
  }

  void read() {
    ws_.async_read(in_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->fail(self->ws_.reason().code
                                    ? "closed by the relay: " + std::string(self->ws_.reason().reason.c_str())
                                    : ec.message());
      if (self->ws_.got_text()) return self->relay_event();
      self->data();
    });
  }

  // A text frame: the relay's dns and tcp events open the tunnel; anything else (an error,
  // or the target's close) before the response is the end of this learner's run.
  void relay_event() {
    const auto text = beast::buffers_to_string(in_.data());
    in_.consume(in_.size());
    const auto event = nlohmann::json::parse(text, nullptr, false);
    const std::string type = event.is_object() ? event.value("type", "") : "";
    if (step_ == "dns event" && type == "dns") {
      step_ = "tcp event";
      return read();
    }
    if (step_ == "tcp event" && type == "tcp") return tunnel_open();
    fail("relay: " + text);
  }

  void data() {
    const auto* p = static_cast<const std::uint8_t*>(in_.data().data());
    if (options_.task == learner_task::tunnel_setup) {
      if (in_.size() == 1 && p[0] == 'x') return succeed();
      return fail("echoed " + std::to_string(in_.size()) + " bytes, not the one sent");
    }
    // The read put one whole message in one contiguous buffer (flat_buffer).
    tls_->receive(ByteView(p, in_.size()));
    in_.consume(in_.size());
    for (const auto& e : tls_->take_events())
      if (e.value("type", "") == "handshake_complete") result_.group = e.value("group", "");
    if (tls_->state() == State::failed)
      return fail(std::string(tls_->error()->name()) + ": " + tls_->error()->detail);
    if (tls_->state() == State::open && !request_sent_) {
      step_ = "HTTP response";
      const std::string request = "GET / HTTP/1.1\r\nHost: " + target_.server_name +
                                  "\r\nConnection: close\r\n\r\n";
      tls_->send(as_bytes(request));
      request_sent_ = true;
    }
    const auto plain = tls_->take_plaintext();
    response_.append(plain.begin(), plain.end());
    if (const auto end = response_.find("\r\n\r\n"); end != std::string::npos) {
      result_.status_line = response_.substr(0, response_.find("\r\n"));
      if (result_.status_line.rfind("HTTP/1.1 200 ", 0) != 0 &&
          result_.status_line.rfind("HTTP/1.0 200 ", 0) != 0)
        return fail("the response is not 200 OK: " + result_.status_line);
      return succeed();
    }
    auto out = tls_->take_output();
    if (out.empty()) return read();
    write(std::move(out));
  }

  void succeed() {
    result_.ms = std::chrono::duration<double, std::milli>(clock_type::now() - start_).count();
    result_.ok = true;
    done_ = true;
    // The close handshake gets a few seconds, then the socket is closed under it.
    timer_.expires_after(std::chrono::seconds(5));
    timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->abort();
    });
    ws_.async_close(websocket::close_code::normal, [self = shared_from_this()](beast::error_code) {
      self->timer_.cancel();
    });
  }

  void fail(const std::string& why) {
    if (done_) return;
    done_ = true;
    result_.ms = std::chrono::duration<double, std::milli>(clock_type::now() - start_).count();
    result_.failure = step_ + ": " + why;
    timer_.cancel();
    abort();
  }

  void abort() {
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
  }

  websocket::stream<beast::tcp_stream> ws_;
  net::steady_timer timer_;  // the scheduled start, then the learner's deadline
  const classroom_target& target_;
  const classroom_options& options_;
  std::size_t index_;
  learner_result& result_;
  clock_type::time_point start_;
  std::string step_ = "connect";
  bool done_ = false;
  std::unique_ptr<Client> tls_;
  bool request_sent_ = false;
  beast::flat_buffer in_;
  Bytes out_;
  std::string response_;
};

}  // namespace

classroom_run run_classroom(const classroom_target& target, const classroom_options& options) {
  classroom_run run;
  run.learners.resize(options.learners);
  const unsigned threads = std::max(1u, options.threads);
  std::vector<std::unique_ptr<net::io_context>> loops;
  for (unsigned t = 0; t < threads; ++t) loops.push_back(std::make_unique<net::io_context>(1));
  // Every learner exists before the first starts (building them is not part of any run).
  const auto first = clock_type::now() + std::chrono::milliseconds(100);
  const auto start_offset = [&](std::size_t i) {  // in ms
    return static_cast<double>(options.spread.count()) * static_cast<double>(i) /
           static_cast<double>(options.learners);
  };
  for (std::size_t i = 0; i < options.learners; ++i) {
    auto l = std::make_shared<learner>(*loops[i % threads], target, options, i, run.learners[i]);
    l->start_at(first + std::chrono::duration_cast<clock_type::duration>(
                            std::chrono::duration<double, std::milli>(start_offset(i))));
  }
  std::vector<double> cpu(threads);
  const auto work = [&](unsigned t) {
    const double before = thread_cpu_seconds();
    loops[t]->run();
    cpu[t] = thread_cpu_seconds() - before;
  };
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < threads; ++t) workers.emplace_back(work, t);
  work(0);
  for (auto& w : workers) w.join();
  for (double c : cpu) run.generator_cpu_s += c;
  for (std::size_t i = 0; i < options.learners; ++i)
    run.wall_s = std::max(run.wall_s, (start_offset(i) + run.learners[i].ms) / 1000);
  return run;
}

std::string http_get(std::uint16_t port, const std::string& path) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(std::chrono::seconds(10));
  stream.connect(tcp::endpoint(net::ip::address_v4::loopback(), port));
  http::request<http::empty_body> req{http::verb::get, path, 11};
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res);
  if (res.result() != http::status::ok)
    throw std::runtime_error("GET " + path + ": " + std::to_string(res.result_int()));
  return res.body();
}

}  // namespace tlsscope::bench
