#include "msgs/certificate.hpp"

#include "events/field.hpp"

namespace tlsscope {

std::optional<Error> parse_certificate_message(ByteView msg, std::vector<Certificate>& chain,
                                               json& fields, json& summary) {
  fields = header_fields(msg);
  Reader r = body_reader(msg);
  std::size_t p = r.pos();
  Reader list = r.sub_prefixed(3);
  json node = field("certificate_list", "", p, 3 + list.remaining(),
                    "the chain: the server's own certificate first, then its issuers");
  node["children"] = json::array();
  json summaries = json::array();
  while (list.ok() && !list.empty()) {
    std::size_t q = list.pos();
    Reader one = list.sub_prefixed(3);
    if (!list.ok()) break;
    ByteView der = one.bytes(one.remaining());
    auto cert = parse_certificate(der);
    if (!cert)
      return Error{ErrorCode::cert_invalid, "Certificate: entry " + std::to_string(chain.size()) +
                                                " is not a well-formed X.509 certificate"};
    json c = field("certificate", cert->subject, q, 3 + der.size(),
                   "issued by " + cert->issuer + "; " + cert->key.describe());
    c["certificate"] = cert->summary();
    add_child(node, std::move(c));
    summaries.push_back(cert->summary());
    chain.push_back(std::move(*cert));
  }
  node["value"] = std::to_string(chain.size()) + " certificates";
  fields.push_back(std::move(node));
  summary = {{"certificates", summaries}};
  if (auto e = syntax_error(list, "Certificate")) return e;
  return syntax_error(r, "Certificate");
}

Bytes encode_empty_certificate() {
  const std::uint8_t empty_list[3] = {0, 0, 0};
  return frame_handshake(HandshakeType::certificate, empty_list);
}

}  // namespace tlsscope
