#include "msgs/finished.hpp"

#include "events/field.hpp"

namespace tlsscope {

Bytes encode_finished(ByteView verify_data) {
  return frame_handshake(HandshakeType::finished, verify_data);
}

std::optional<Error> parse_finished(ByteView msg, Bytes& verify_data, json& fields,
                                    json& summary) {
  fields = header_fields(msg);
  Reader r = body_reader(msg);
  std::size_t p = r.pos();
  ByteView vd = r.bytes(kVerifyDataLen);
  verify_data.assign(vd.begin(), vd.end());
  fields.push_back(field("verify_data", to_hex(vd), p, kVerifyDataLen,
                         "PRF of the master secret over a hash of every handshake message so far"));
  summary = {{"verify_data", to_hex(vd)}};
  return syntax_error(r, "Finished");
}

}  // namespace tlsscope
