// Certificate (RFC 5246 §7.4.2): the server's chain, leaf first.
#pragma once
#include <vector>

#include "msgs/handshake.hpp"
#include "x509/certificate.hpp"

namespace tlsscope {

/// The certificate_list both versions share, leaf first; TLS 1.3 adds extensions to each
/// entry. Each certificate is parsed, summarised in the field tree and appended to `chain`.
std::optional<Error> read_certificate_list(Reader& r, bool with_entry_extensions,
                                          std::vector<Certificate>& chain, json& fields,
                                          json& summary);

std::optional<Error> decode_certificate(ByteView msg, std::vector<Certificate>& chain,
                                               json& fields, json& summary);
/// The client's Certificate when the server asked for one and it has none (RFC 5246 §7.4.6).
Bytes encode_empty_certificate();

}  // namespace tlsscope
