#include "msgs/certificate_request.hpp"

#include "events/field.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope {

std::optional<Error> describe_certificate_request(ByteView msg, json& fields, json& summary) {
  fields = header_fields(msg);
  Reader r = body_reader(msg);
  std::size_t p = r.pos();
  Reader types = r.sub_prefixed(1);
  std::size_t types_len = types.remaining();
  fields.push_back(field("certificate_types", to_hex(types.bytes(types_len)), p, 1 + types_len,
                         note(NoteId::cr_types)));
  p = r.pos();
  Reader schemes = r.sub_prefixed(2);
  json node = field("supported_signature_algorithms", "", p, 2 + schemes.remaining());
  while (schemes.ok() && schemes.remaining() >= 2) {
    std::size_t q = schemes.pos();
    std::uint16_t s = schemes.u16();
    add_child(node, field("signature_scheme", signature_scheme_name(s), q, 2, hex_u16(s)));
  }
  fields.push_back(std::move(node));
  p = r.pos();
  Reader cas = r.sub_prefixed(2);
  std::size_t cas_len = cas.remaining();
  cas.bytes(cas_len);
  fields.push_back(field("certificate_authorities", std::to_string(cas_len) + " bytes", p,
                         2 + cas_len, note(NoteId::cr_authorities)));
  set_note(summary, note(NoteId::cr_summary));
  if (auto e = syntax_error(schemes, "CertificateRequest")) return e;
  return syntax_error(r, "CertificateRequest");
}

}  // namespace tlsscope
