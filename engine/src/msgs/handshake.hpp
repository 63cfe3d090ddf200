// Handshake message framing (RFC 5246 §7.4): type (1) + length (3) + body, reassembled from
// any number of records, several per record or one split over many.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "codec/reader.hpp"
#include "tlsscope/errors.hpp"

namespace tlsscope {

using json = nlohmann::json;

enum class HandshakeType : std::uint8_t {
  hello_request = 0,
  client_hello = 1,
  server_hello = 2,
  new_session_ticket = 4,
  encrypted_extensions = 8,
  certificate = 11,
  server_key_exchange = 12,
  certificate_request = 13,
  server_hello_done = 14,
  certificate_verify = 15,
  client_key_exchange = 16,
  finished = 20,
  key_update = 24,
};

constexpr std::size_t kHandshakeHeaderLen = 4;
/// Larger messages are refused: a real certificate chain is a few KiB.
constexpr std::size_t kMaxHandshakeMessage = 1u << 17;

struct HandshakeMessage {
  std::uint8_t type;
  Bytes bytes;  // header + body, exactly as on the wire (what the transcript hashes)
  std::vector<std::uint64_t> records;  // the "seq" of each record event that carried a part
  ByteView body() const { return ByteView(bytes).subspan(kHandshakeHeaderLen); }
};

class HandshakeReassembler {
 public:
  /// Appends a record's payload; `record_seq` names the record (its event's seq).
  void feed(ByteView payload, std::uint64_t record_seq);
  std::variant<std::monostate, HandshakeMessage, Error> next();
  /// True when no partial message is pending (RFC 5246 §7.1: CCS must not interrupt one).
  bool empty() const { return buf_.empty(); }

 private:
  struct Piece {
    std::uint64_t record_seq;
    std::size_t length;  // bytes of buf_ from this record
  };
  Bytes buf_;
  std::vector<Piece> pieces_;  // buf_'s bytes by the record they came in, oldest first
};

/// type + length + body.
Bytes frame_handshake(HandshakeType type, ByteView body);

/// A reader over a message's body whose offsets count from the message's first byte, and the
/// two header nodes of its field tree.
Reader body_reader(ByteView msg);
json header_fields(ByteView msg);

/// The error for a message whose reader ran out or left bytes over: "ServerHello: …".
std::optional<Error> syntax_error(const Reader& r, std::string_view message);

}  // namespace tlsscope
