#include "msgs/change_cipher_spec.hpp"

#include "events/field.hpp"
#include "tables/notes.hpp"

namespace tlsscope {
namespace {

bool is_ccs(ByteView payload) {
  return payload.size() == 1 && payload[0] == kChangeCipherSpecByte;
}

}  // namespace

std::optional<Error> decode_change_cipher_spec(ByteView payload, ChangeCipherSpec&, json& fields,
                                               json& summary) {
  fields = json::array({field("type", "change_cipher_spec", 0, 1, note(NoteId::ccs_server))});
  summary = json::object();
  if (!is_ccs(payload))
    return noted_error(ErrorCode::decode_error, note(NoteId::err_ccs_byte));
  return std::nullopt;
}

std::optional<Error> decode_compat_change_cipher_spec(ByteView payload, ChangeCipherSpec&,
                                                      json& fields, json& summary) {
  fields = json::array({field("type", "change_cipher_spec", 0, 1, note(NoteId::ccs13_in))});
  summary = json::object();
  if (!is_ccs(payload))
    return noted_error(ErrorCode::unexpected_message, note(NoteId::err_ccs13_byte));
  return std::nullopt;
}

json change_cipher_spec_out_fields() {
  return json::array({field("type", "change_cipher_spec", 0, 1, note(NoteId::ccs_client))});
}

json compat_change_cipher_spec_out_fields() {
  return json::array({field("type", "change_cipher_spec", 0, 1, note(NoteId::ccs13_out))});
}

}  // namespace tlsscope
