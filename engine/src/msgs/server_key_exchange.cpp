#include "msgs/server_key_exchange.hpp"

#include "events/field.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope {

std::optional<Error> decode_server_key_exchange(ByteView msg, ServerKeyExchange& out,
                                               json& fields, json& summary) {
  fields = header_fields(msg);
  Reader r = body_reader(msg);
  std::size_t start = r.pos();
  out.curve_type = r.u8();
  std::size_t p = r.pos();
  out.group = r.u16();
  std::size_t q = r.pos();
  Reader point = r.sub_prefixed(1);
  std::size_t point_len = point.remaining();
  ByteView pub = point.bytes(point_len);
  out.public_key.assign(pub.begin(), pub.end());
  if (r.ok()) out.params.assign(msg.begin() + static_cast<long>(start), msg.begin() + static_cast<long>(r.pos()));
  json params = field("server_params", "", start, r.pos() - start, note(NoteId::ske_params));
  add_child(params, field("curve_type", out.curve_type == 3 ? "named_curve" : "other", start, 1,
                          std::to_string(out.curve_type)));
  add_child(params, field("named_curve", group_name(out.group), p, 2, hex_u16(out.group)));
  add_child(params, field("public_key", to_hex(pub), q, 1 + point_len,
                          note(NoteId::ske_public_key, {group_name(out.group)})));
  fields.push_back(std::move(params));
  p = r.pos();
  out.signature_scheme = r.u16();
  fields.push_back(field("signature_algorithm", signature_scheme_name(out.signature_scheme), p, 2,
                         hex_u16(out.signature_scheme)));
  p = r.pos();
  Reader sig = r.sub_prefixed(2);
  std::size_t sig_len = sig.remaining();
  ByteView s = sig.bytes(sig_len);
  out.signature.assign(s.begin(), s.end());
  fields.push_back(field("signature", to_hex(s), p, 2 + sig_len, note(NoteId::ske_signature)));
  summary = object_of("curve", group_name(out.group), "public_key", to_hex(out.public_key),
                      "signature_algorithm", signature_scheme_name(out.signature_scheme),
                      "signature", to_hex(out.signature));
  return syntax_error(r, "ServerKeyExchange");
}

}  // namespace tlsscope
