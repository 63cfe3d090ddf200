#include "msgs/handshake.hpp"

#include <algorithm>

#include "codec/writer.hpp"
#include "events/field.hpp"
#include "tables/notes.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope {

void HandshakeReassembler::feed(ByteView payload, std::uint64_t record_seq) {
  buf_.insert(buf_.end(), payload.begin(), payload.end());
  pieces_.push_back({record_seq, payload.size()});
}

std::variant<std::monostate, HandshakeMessage, Error> HandshakeReassembler::next() {
  if (buf_.size() < kHandshakeHeaderLen) return std::monostate{};
  std::size_t len = std::size_t{buf_[1]} << 16 | std::size_t{buf_[2]} << 8 | buf_[3];
  if (len > kMaxHandshakeMessage)
    return noted_error(ErrorCode::handshake_too_large,
                       note(NoteId::err_handshake_too_large,
                            {handshake_type_name(buf_[0]), std::to_string(len),
                             std::to_string(kMaxHandshakeMessage)}));
  if (buf_.size() < kHandshakeHeaderLen + len) return std::monostate{};
  auto end = buf_.begin() + static_cast<long>(kHandshakeHeaderLen + len);
  HandshakeMessage m{buf_[0], Bytes(buf_.begin(), end), {}};
  buf_.erase(buf_.begin(), end);
  // The records this message's bytes came from; a record that also holds the start of the next
  // message stays at the front for it.
  std::size_t need = kHandshakeHeaderLen + len, used = 0;
  for (Piece& p : pieces_) {
    if (need == 0) break;
    m.records.push_back(p.record_seq);
    std::size_t take = std::min(need, p.length);
    p.length -= take;
    need -= take;
    used += p.length == 0;
  }
  pieces_.erase(pieces_.begin(), pieces_.begin() + static_cast<long>(used));
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
    return noted_error(ErrorCode::decode_error, note(NoteId::err_length_past_end, {message}));
  if (!r.empty())
    return noted_error(ErrorCode::decode_error,
                       note(NoteId::err_bytes_left_over, {message, std::to_string(r.remaining())}));
  return std::nullopt;
}

}  // namespace tlsscope
