// ServerHelloDone (RFC 5246 §7.4.5): the end of the server's first TLS 1.2 flight; its body is
// empty.
#pragma once
#include "msgs/handshake.hpp"

namespace tlsscope {

struct ServerHelloDone {};

std::optional<Error> decode_server_hello_done(ByteView msg, ServerHelloDone& out, json& fields,
                                              json& summary);

}  // namespace tlsscope
