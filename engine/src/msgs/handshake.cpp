#include "msgs/handshake.hpp"

#include "codec/writer.hpp"
#include "events/field.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope {

std::variant<std::monostate, HandshakeMessage, Error> HandshakeReassembler::next() {
  if (buf_.size() < kHandshakeHeaderLen) return std::monostate{};
  std::size_t len = std::size_t{buf_[1]} << 16 | std::size_t{buf_[2]} << 8 | buf_[3];
  if (len > kMaxHandshakeMessage)
    return Error{ErrorCode::handshake_too_large,
                 handshake_type_name(buf_[0]) + " of " + std::to_string(len) +
                     " bytes is over the limit of " + std::to_string(kMaxHandshakeMessage)};
  if (buf_.size() < kHandshakeHeaderLen + len) return std::monostate{};
  auto end = buf_.begin() + static_cast<long>(kHandshakeHeaderLen + len);
  HandshakeMessage m{buf_[0], Bytes(buf_.begin(), end)};
  buf_.erase(buf_.begin(), end);
  return m;
}

Bytes frame_handshake(HandshakeType type, ByteView body) {
  Writer w;
  w.u8(static_cast<std::uint8_t>(type));
  auto len = w.open(3);
  w.bytes(body);
  w.close(len);
  return w.take();
}

Reader body_reader(ByteView msg) {
  return Reader(msg.subspan(kHandshakeHeaderLen), kHandshakeHeaderLen);
}

json header_fields(ByteView msg) {
  json fields = json::array();
  fields.push_back(field("msg_type", handshake_type_name(msg[0]), 0, 1,
                         note(NoteId::hs_msg_type, {std::to_string(msg[0])})));
  const std::size_t body = msg.size() - kHandshakeHeaderLen;
  fields.push_back(field("length", body, 1, 3,
                         note(body ? NoteId::hs_length : NoteId::hs_length_empty)));
  return fields;
}

std::optional<Error> syntax_error(const Reader& r, std::string_view message) {
  if (!r.ok())
    return Error{ErrorCode::decode_error,
                 std::string(message) + ": a length points past the end of the message"};
  if (!r.empty())
    return Error{ErrorCode::decode_error, std::string(message) + ": " +
                                              std::to_string(r.remaining()) +
                                              " bytes left over"};
  return std::nullopt;
}

}  // namespace tlsscope
