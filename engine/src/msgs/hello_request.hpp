// HelloRequest (RFC 5246 §7.4.1.1): a TLS 1.2 server's request to renegotiate; its body is
// empty, and it is never part of the transcript.
#pragma once
#include "msgs/handshake.hpp"

namespace tlsscope {

struct HelloRequest {};

std::optional<Error> decode_hello_request(ByteView msg, HelloRequest& out, json& fields,
                                          json& summary);

}  // namespace tlsscope
