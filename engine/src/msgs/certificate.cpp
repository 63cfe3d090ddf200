#include "msgs/certificate.hpp"

#include "events/field.hpp"
#include "tables/notes.hpp"

namespace tlsscope {

std::optional<Error> read_certificate_list(Reader& r, bool with_entry_extensions,
                                          std::vector<Certificate>& chain, json& fields,
                                          json& summary) {
  std::size_t p = r.pos();
  Reader list = r.sub_prefixed(3);
  json node = field("certificate_list", "", p, 3 + list.remaining(), note(NoteId::cert_list));
  node["children"] = json::array();
  json summaries = json::array();
  while (list.ok() && !list.empty()) {
    std::size_t q = list.pos();
    Reader one = list.sub_prefixed(3);
    ByteView der = one.bytes(one.remaining());
    std::size_t ext_at = list.pos(), ext_len = 0;
    if (with_entry_extensions) {  // TLS 1.3: CertificateEntry.extensions (RFC 8446 §4.4.2)
      Reader exts = list.sub_prefixed(2);
      ext_len = exts.remaining();
      exts.bytes(ext_len);
    }
    if (!list.ok()) break;
    auto cert = parse_certificate(der);
    if (!cert)
      return noted_error(ErrorCode::cert_invalid,
                         note(NoteId::err_cert_entry_malformed, {std::to_string(chain.size())}));
    std::size_t entry_len = 3 + der.size() + (with_entry_extensions ? 2 + ext_len : 0);
    json c = field(with_entry_extensions ? "certificate_entry" : "certificate", cert->subject, q,
                   entry_len, note(NoteId::cert_entry, {cert->issuer, cert->key.describe()},
                                   {cert->issuer, cert->key.describe_zh()}));
    json cert_summary = cert->summary();
    c["certificate"] = cert_summary;
    if (with_entry_extensions) {
      add_child(c, field("cert_data", cert->subject, q, 3 + der.size()));
      add_child(c, field("extensions", std::to_string(ext_len) + " bytes", ext_at, 2 + ext_len,
                         note(NoteId::cert_entry_extensions)));
    }
    add_child(node, std::move(c));
    summaries.push_back(std::move(cert_summary));
    chain.push_back(std::move(*cert));
  }
  node["value"] = std::to_string(chain.size()) + " certificates";
  fields.push_back(std::move(node));
  summary = object_of("certificates", std::move(summaries));
  return syntax_error(list, "Certificate");
}

std::optional<Error> decode_certificate(ByteView msg, std::vector<Certificate>& chain,
                                               json& fields, json& summary) {
  fields = header_fields(msg);
  Reader r = body_reader(msg);
  if (auto e = read_certificate_list(r, false, chain, fields, summary)) return e;
  return syntax_error(r, "Certificate");
}

Bytes encode_empty_certificate() {
  const std::uint8_t empty_list[3] = {0, 0, 0};
  return frame_handshake(HandshakeType::certificate, empty_list);
}

}  // namespace tlsscope
