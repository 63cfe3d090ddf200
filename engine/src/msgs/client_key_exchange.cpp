#include "msgs/client_key_exchange.hpp"

#include "codec/writer.hpp"
#include "events/field.hpp"

namespace tlsscope {

Bytes encode_client_key_exchange(ByteView public_key) {
  Writer w;
  auto point = w.open(1);
  w.bytes(public_key);
  w.close(point);
  return frame_handshake(HandshakeType::client_key_exchange, w.data());
}

std::optional<Error> decode_client_key_exchange(ByteView msg, json& fields, json& summary) {
  fields = header_fields(msg);
  Reader r = body_reader(msg);
  std::size_t p = r.pos();
  Reader point = r.sub_prefixed(1);
  std::size_t len = point.remaining();
  ByteView pub = point.bytes(len);
  fields.push_back(field("client_params", to_hex(pub), p, 1 + len, note(NoteId::cke_public_key)));
  summary = object_of("public_key", to_hex(pub));
  return syntax_error(r, "ClientKeyExchange");
}

}  // namespace tlsscope
