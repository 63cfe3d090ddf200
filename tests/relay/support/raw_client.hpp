// A client with no manners, for the hostile-client tests: a plain loopback socket that sends
// whatever bytes a test composes (requests that break HTTP, frames that break RFC 6455) and
// reads back exactly what the relay answers. Beast's own client cannot be made to send an
// unmasked frame or a length that lies, hence this one. Every wait has a deadline.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tlsscope::relay::test {

using namespace std::chrono_literals;

/// RFC 6455 section 5.2 opcodes; 3-7 and 0xB-0xF are reserved.
enum class ws_opcode : std::uint8_t {
  continuation = 0x0,
  text = 0x1,
  binary = 0x2,
  close = 0x8,
  ping = 0x9,
  pong = 0xA,
};

constexpr std::uint8_t op(ws_opcode o) { return static_cast<std::uint8_t>(o); }

/// One frame as a client would write it, with every field a hostile client may get wrong.
struct frame_spec {
  std::uint8_t opcode = op(ws_opcode::binary);
  std::string payload;
  bool fin = true;
  std::uint8_t rsv = 0;     // the three RSV bits as a number 0..7 (RSV1 = 4)
  bool masked = true;       // clients must mask (section 5.3)
  std::optional<std::uint64_t> announced_length{};  // a length that lies; payload.size() if unset
};

std::string encode_frame(const frame_spec& frame);

/// A frame from the relay (server frames are never masked).
struct server_frame {
  bool fin = true;
  std::uint8_t opcode = 0;
  std::string payload;

  bool is_close() const { return opcode == op(ws_opcode::close); }
  /// The status code of a close frame (section 5.5.1); 1005 when it carries none.
  std::uint16_t close_code() const;
};

struct http_answer {
  unsigned status = 0;
  std::string head;  // status line and header fields
  std::string body;  // per Content-Length
  /// A header's value (case-insensitive name), empty if absent.
  std::string header(std::string_view name) const;
};

using raw_headers = std::vector<std::pair<std::string, std::string>>;

/// The relay took no more bytes before the deadline: it has stopped reading (backpressure).
struct send_stalled : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A well-formed upgrade request for `target`, with `set` replacing or adding header fields
/// and `omit` removing them (names compared case-insensitively).
std::string upgrade_request(const std::string& target, const raw_headers& set = {},
                            const std::vector<std::string>& omit = {});

class raw_client {
 public:
  /// Connects to 127.0.0.1:`port` from `source` (any 127/8 address: tests stand for
  /// different clients by their source address).
  explicit raw_client(std::uint16_t port, const std::string& source = "127.0.0.1");
  ~raw_client();
  raw_client(const raw_client&) = delete;
  raw_client& operator=(const raw_client&) = delete;

  /// Writes all of `bytes`; false if the relay has closed or reset the connection, and
  /// send_stalled if it stops taking them for `timeout`.
  bool send(std::string_view bytes, std::chrono::milliseconds timeout = 10s);

  /// Reads one HTTP response (head and Content-Length body); nothing if the connection
  /// ended or the deadline passed first (timed_out() tells which).
  std::optional<http_answer> read_http_answer(std::chrono::milliseconds timeout = 10s);
  bool timed_out() const { return timed_out_; }

  /// Sends a valid upgrade for `target`; true when the relay answered 101.
  bool upgrade(const std::string& target);
  /// Upgrades and reads the dns and tcp events: a tunnel open for bytes. Throws if it is not.
  void open_tunnel(const std::string& target);

  /// The next frame; nothing when the connection ended (EOF or reset) or the deadline passed
  /// first (timed_out() tells which).
  std::optional<server_frame> read_frame(std::chrono::milliseconds timeout = 10s);

  /// Frames until the relay's close frame; that frame is last. Throws if the connection ends
  /// without one.
  std::vector<server_frame> read_until_close(std::chrono::milliseconds timeout = 10s);

  /// True once the relay has ended the TCP connection (EOF or reset) within `timeout`;
  /// whatever arrives meanwhile is discarded.
  bool wait_for_end(std::chrono::milliseconds timeout = 10s);

  /// Closes with a reset (SO_LINGER 0) instead of a FIN: the client vanished.
  void reset();
  /// shutdown(SHUT_WR): the relay reads end-of-stream, the client still reads.
  void shutdown_write();

 private:
  // Reads more bytes into in_; false on EOF, reset or deadline (timed_out_ says which).
  bool fill(std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  std::string in_;
  bool timed_out_ = false;
};

}  // namespace tlsscope::relay::test
