#include "msgs/finished.hpp"

#include "events/field.hpp"

namespace tlsscope {

Bytes encode_finished(ByteView verify_data) {
  return frame_handshake(HandshakeType::finished, verify_data);
}

std::optional<Error> decode_finished(ByteView msg, std::size_t verify_data_len,
                                    Bytes& verify_data, json& fields, json& summary) {
  fields = header_fields(msg);
  Reader r = body_reader(msg);
  std::size_t p = r.pos();
  ByteView vd = r.bytes(verify_data_len);
  verify_data.assign(vd.begin(), vd.end());
  fields.push_back(field("verify_data", to_hex(vd), p, verify_data_len,
                         "a MAC, with a key from the handshake secrets, over a hash of every "
                         "handshake message so far"));
  summary = {{"verify_data", to_hex(vd)}};
  return syntax_error(r, "Finished");
}

}  // namespace tlsscope
