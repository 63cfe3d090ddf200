// CertificateRequest (RFC 5246 §7.4.4): the server asks for a client certificate. tlsscope
// has none to give; it answers with an empty Certificate, and the server decides.
#pragma once
#include "msgs/handshake.hpp"

namespace tlsscope {

std::optional<Error> decode_certificate_request(ByteView msg, json& fields, json& summary);

}  // namespace tlsscope
