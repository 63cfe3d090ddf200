// 1,000 tunnels open at once, each echoing its own bytes: all intact, every tunnel logged,
// every descriptor given back, and (under -DTLSSCOPE_SANITIZE=ON) no leak at exit.
#include "bytes.hpp"
#include "server_process.hpp"
#include "tcp_targets.hpp"
#include "ws_client.hpp"

#include <gtest/gtest.h>

#include <sys/resource.h>

#include <cstdio>
#include <thread>

namespace tlsscope::relay::test {
namespace {

constexpr std::size_t tunnels = 1000;
constexpr std::size_t payload_size = 4096;

struct counters {
  std::size_t connected = 0;  // tcp event received
  std::size_t echoed = 0;     // payload back and intact
  std::size_t closed = 0;     // closed event with the right counts, then close 1000
  std::size_t failed = 0;
  std::string first_failure;
};

// One client tunnel as a chain of asynchronous steps on the shared io_context.
class tunnel : public std::enable_shared_from_this<tunnel> {
 public:
  tunnel(net::io_context& ioc, std::size_t id, counters& c, std::function<void()> on_connected)
      : ws_(ioc),
        id_(id),
        c_(c),
        on_connected_(std::move(on_connected)),
        payload_(random_bytes(payload_size, id + 1)) {}

  void start(std::uint16_t relay_port, std::uint16_t echo_port) {
    target_ = "/relay?host=127.0.0.1&port=" + std::to_string(echo_port);
    beast::get_lowest_layer(ws_).async_connect(
        tcp::endpoint(net::ip::make_address("127.0.0.1"), relay_port),
        [self = shared_from_this()](beast::error_code ec) {
          if (ec) return self->fail("connect", ec);
          self->ws_.async_handshake("127.0.0.1", self->target_, [self](beast::error_code hec) {
            if (hec) return self->fail("handshake", hec);
            self->read_event("dns", [self] {
              self->read_event("tcp", [self] {
                ++self->c_.connected;
                self->on_connected_();
              });
            });
          });
        });
  }

  // Phase two, once every tunnel is open.
  void echo() {
    ws_.binary(true);
    ws_.async_write(net::buffer(payload_),
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      if (ec) return self->fail("write", ec);
                      self->read_echo();
                    });
  }

 private:
  void read_event(const char* type, std::function<void()> next) {
    buffer_.clear();
    ws_.async_read(
        buffer_, [self = shared_from_this(), type, next](beast::error_code ec, std::size_t) {
          if (ec) return self->fail(type, ec);
          auto event = nlohmann::json::parse(beast::buffers_to_string(self->buffer_.data()));
          if (event["type"] != type) return self->fail(type, {}, event.dump());
          self->last_event_ = std::move(event);
          next();
        });
  }

  void read_echo() {
    buffer_.clear();
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->fail("echo", ec);
      self->got_ += beast::buffers_to_string(self->buffer_.data());
      if (self->got_.size() < payload_size) return self->read_echo();
      if (self->got_ != self->payload_) return self->fail("echo", {}, "bytes differ");
      ++self->c_.echoed;
      self->ws_.text(true);
      self->ws_.async_write(net::buffer(std::string_view(R"({"type":"shutdown"})")),
                            [self](beast::error_code wec, std::size_t) {
                              if (wec) return self->fail("shutdown", wec);
                              self->read_event("closed", [self] { self->check_closed(); });
                            });
    });
  }

  void check_closed() {
    if (last_event_["bytes_up"] != payload_size || last_event_["bytes_down"] != payload_size)
      return fail("closed", {}, last_event_.dump());
    buffer_.clear();
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec != websocket::error::closed || self->ws_.reason().code != 1000)
        return self->fail("close", ec);
      ++self->c_.closed;
    });
  }

  void fail(const char* step, beast::error_code ec, const std::string& detail = "") {
    if (c_.failed++ == 0)
      c_.first_failure =
          "tunnel " + std::to_string(id_) + " at " + step + ": " + ec.message() + " " + detail;
  }

  websocket::stream<beast::tcp_stream> ws_;
  std::size_t id_;
  counters& c_;
  std::function<void()> on_connected_;
  std::string payload_;
  std::string target_;
  std::string got_;
  beast::flat_buffer buffer_;
  nlohmann::json last_event_;
};

void raise_fd_limit() {
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
}

TEST(ManyTunnels, ThousandConcurrentEchoingTunnels) {
  raise_fd_limit();
  echo_server echo;
  server_process server({"--allow", "127.0.0.1:" + std::to_string(echo.port()), "--max-tunnels",
                         "2000", "--max-tunnels-per-client", "2000"});
  // One tunnel first: the first lookup starts Asio's resolver thread (and its descriptors),
  // which stay for the life of the process.
  {
    ws_client warm_up(server.port(), "/relay?host=127.0.0.1&port=" + std::to_string(echo.port()));
    ASSERT_TRUE(warm_up.is_open());
    warm_up.read_event();
    warm_up.read_event();
    warm_up.close();
  }
  ASSERT_TRUE(server.wait_for_log(" tunnel "));
  const int fds_before = open_fds_of(server.pid());
  const long rss_before = memory_of(server.pid()).rss_kib;

  net::io_context ioc;
  counters c;
  std::vector<std::shared_ptr<tunnel>> all;
  long rss_idle = 0;
  int fds_open = 0;
  auto when_all_open = [&] {
    if (c.connected != tunnels) return;
    // Every tunnel open and idle: the figure the issue asks for.
    rss_idle = memory_of(server.pid()).rss_kib;
    fds_open = open_fds_of(server.pid());
    for (auto& t : all)
      t->echo();
  };
  for (std::size_t i = 0; i < tunnels; ++i)
    all.push_back(std::make_shared<tunnel>(ioc, i, c, when_all_open));
  for (auto& t : all)
    t->start(server.port(), echo.port());

  const auto start = std::chrono::steady_clock::now();
  ioc.run_for(std::chrono::seconds(120));
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start);
  all.clear();

  EXPECT_EQ(c.failed, 0u) << c.first_failure;
  EXPECT_EQ(c.connected, tunnels);
  EXPECT_EQ(c.echoed, tunnels);
  EXPECT_EQ(c.closed, tunnels);
  EXPECT_EQ(fds_open - fds_before, static_cast<int>(2 * tunnels))
      << "one descriptor to the client and one to the target per tunnel";
  std::printf(
      "[ figures  ] %zu tunnels: relay RSS %ld KiB idle before, %ld KiB with all open "
      "(%.1f KiB per idle tunnel); whole run %.2f s\n",
      tunnels, rss_before, rss_idle, static_cast<double>(rss_idle - rss_before) / tunnels,
      seconds.count());

  ASSERT_TRUE(server.wait_for_log(" tunnel ", tunnels + 1, std::chrono::seconds(30)));
  int fds_after = open_fds_of(server.pid());
  for (int i = 0; i < 100 && fds_after != fds_before; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    fds_after = open_fds_of(server.pid());
  }
  EXPECT_EQ(fds_after, fds_before) << "every tunnel's descriptors are closed again";
  // Under AddressSanitizer a leak makes the exit status non-zero.
  EXPECT_EQ(server.terminate(), 0) << server.log().substr(0, 4000);
}

}  // namespace
}  // namespace tlsscope::relay::test
