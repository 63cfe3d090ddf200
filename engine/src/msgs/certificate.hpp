// Certificate (RFC 5246 §7.4.2): the server's chain, leaf first.
#pragma once
#include <vector>

#include "msgs/handshake.hpp"
#include "x509/certificate.hpp"

namespace tlsscope {

std::optional<Error> parse_certificate_message(ByteView msg, std::vector<Certificate>& chain,
                                               json& fields, json& summary);
/// The client's Certificate when the server asked for one and it has none (RFC 5246 §7.4.6).
Bytes encode_empty_certificate();

}  // namespace tlsscope
