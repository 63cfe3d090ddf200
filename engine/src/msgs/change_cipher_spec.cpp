#include "msgs/change_cipher_spec.hpp"

#include "events/field.hpp"

namespace tlsscope {
namespace {

bool is_ccs(ByteView payload) {
  return payload.size() == 1 && payload[0] == kChangeCipherSpecByte;
}

}  // namespace

std::optional<Error> decode_change_cipher_spec(ByteView payload, ChangeCipherSpec&, json& fields,
                                               json& summary) {
  fields = json::array({field("type", "change_cipher_spec", 0, 1,
                              "from now on the server's records are encrypted")});
  summary = json::object();
  if (!is_ccs(payload))
    return Error{ErrorCode::decode_error, "ChangeCipherSpec must be the single byte 01"};
  return std::nullopt;
}

std::optional<Error> decode_compat_change_cipher_spec(ByteView payload, ChangeCipherSpec&,
                                                      json& fields, json& summary) {
  fields = json::array({field("type", "change_cipher_spec", 0, 1,
                              "TLS 1.3 middlebox compatibility only: ignored")});
  summary = json::object();
  if (!is_ccs(payload))
    return Error{ErrorCode::unexpected_message,
                 "a TLS 1.3 ChangeCipherSpec must be the single byte 01 (RFC 8446 §5)"};
  return std::nullopt;
}

json change_cipher_spec_out_fields() {
  return json::array({field("type", "change_cipher_spec", 0, 1,
                            "from now on the client's records are encrypted")});
}

json compat_change_cipher_spec_out_fields() {
  return json::array(
      {field("type", "change_cipher_spec", 0, 1, "TLS 1.3 middlebox compatibility only")});
}

}  // namespace tlsscope
