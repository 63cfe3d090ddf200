#include "msgs/finished.hpp"

#include "events/field.hpp"
#include "tls12/key_schedule.hpp"

namespace tlsscope {

Bytes encode_finished(ByteView verify_data) {
  return frame_handshake(HandshakeType::finished, verify_data);
}

Note verify_data_note(bool tls13, bool from_client, Hash hash) {
  if (tls13)
    return note(NoteId::fin_verify_data13, {from_client ? "client" : "server"},
                {from_client ? "客户端" : "服务器"});
  return note(NoteId::fin_verify_data12,
              {from_client ? tls12::kClientFinishedLabel : tls12::kServerFinishedLabel, hash_name(hash)});
}

std::optional<Error> decode_finished(ByteView msg, std::size_t verify_data_len,
                                    Bytes& verify_data, json& fields, json& summary,
                                    Note verify_data_note) {
  fields = header_fields(msg);
  Reader r = body_reader(msg);
  std::size_t p = r.pos();
  ByteView vd = r.bytes(verify_data_len);
  verify_data.assign(vd.begin(), vd.end());
  fields.push_back(field("verify_data", to_hex(vd), p, verify_data_len,
                         std::move(verify_data_note)));
  summary = object_of("verify_data", to_hex(vd));
  return syntax_error(r, "Finished");
}

}  // namespace tlsscope
