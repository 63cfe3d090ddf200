// A real WebSocket client (Beast) for the tests. Every operation has a deadline: a test that
// waits for a frame that never comes fails instead of hanging.
#pragma once

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace tlsscope::relay::test {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

struct deadline_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

using header_list = std::vector<std::pair<std::string, std::string>>;

struct ws_message {
  bool text = false;
  std::string data;
};

class ws_client {
 public:
  /// Connects to 127.0.0.1:`port` and asks to upgrade `target`. Refused upgrades leave
  /// is_open() false and the HTTP answer in refusal_status() / refusal_body().
  ws_client(std::uint16_t port, const std::string& target, const header_list& headers = {},
            std::chrono::milliseconds timeout = 20s);
  ~ws_client();

  bool is_open() const { return open_; }
  unsigned refusal_status() const { return response_.result_int(); }
  const std::string& refusal_body() const { return response_.body(); }
  std::string subprotocol() const;

  void send_binary(std::string_view data, std::chrono::milliseconds timeout = 20s);
  void send_text(std::string_view data, std::chrono::milliseconds timeout = 20s);
  void ping(std::chrono::milliseconds timeout = 20s);

  /// The next message, or nothing once the server closed (see close_code()).
  std::optional<ws_message> read(std::chrono::milliseconds timeout = 20s);
  /// The next message, sending a ping every `interval` while waiting for it.
  std::optional<ws_message> read_while_pinging(std::chrono::milliseconds interval,
                                               std::chrono::milliseconds timeout);
  /// Pongs received so far.
  std::size_t pongs() const { return pongs_; }
  /// The next message, which must be a JSON text event.
  nlohmann::json read_event(std::chrono::milliseconds timeout = 20s);
  /// Binary messages until `n` bytes have come; throws on a text message or a close.
  std::string read_bytes(std::size_t n, std::chrono::milliseconds timeout = 20s);
  /// Reads until the server's close frame; returns what came before it.
  std::vector<ws_message> read_until_close(std::chrono::milliseconds timeout = 20s);

  /// Sends `up` in `chunk`-sized binary messages while reading `down_bytes` bytes back,
  /// both at once (an echo through a tunnel needs both directions moving).
  std::string exchange(std::string_view up, std::size_t down_bytes, std::size_t chunk,
                       std::chrono::milliseconds timeout);

  void close(std::chrono::milliseconds timeout = 20s);
  /// Close code the server sent (0 if none yet) and its reason.
  std::uint16_t close_code() const { return ws_.reason().code; }
  std::string close_reason() const { return std::string(ws_.reason().reason.c_str()); }
  /// Drops the TCP connection without a closing handshake.
  void abort();

 private:
  void run(bool& done, std::chrono::milliseconds timeout, const char* what);

  net::io_context ioc_;
  websocket::stream<beast::tcp_stream> ws_;
  websocket::response_type response_;
  beast::flat_buffer buffer_;
  bool open_ = false;
  std::size_t pongs_ = 0;
};

/// A keep-alive HTTP/1.1 connection to 127.0.0.1:`port`, every exchange with a deadline.
class http_connection {
 public:
  explicit http_connection(std::uint16_t port);
  /// Sends `req` (Host is filled in) and reads the response.
  http::response<http::string_body> send(http::request<http::empty_body> req,
                                         std::chrono::milliseconds timeout = 20s);

 private:
  std::uint16_t port_;
  net::io_context ioc_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
};

/// A plain HTTP request to 127.0.0.1:`port` on a new connection; returns the response.
http::response<http::string_body> http_get(std::uint16_t port, const std::string& target,
                                           const header_list& headers = {},
                                           http::verb method = http::verb::get);

}  // namespace tlsscope::relay::test
