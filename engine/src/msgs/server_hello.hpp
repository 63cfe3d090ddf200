// ServerHello (RFC 5246 §7.4.1.3): what the server chose. Parsing checks syntax only; the
// handshake checks the choices against the offer.
#pragma once
#include <vector>

#include "msgs/extensions.hpp"
#include "msgs/handshake.hpp"

namespace tlsscope {

struct ServerHello {
  std::uint16_t version = 0;
  Bytes random;
  Bytes session_id;
  std::uint16_t cipher_suite = 0;
  std::uint8_t compression = 0;
  std::vector<Extension> extensions;  // views into the message bytes

  const Extension* find(std::uint16_t type) const;
};

/// RFC 8446 §4.1.3: a HelloRetryRequest is a ServerHello with this fixed random.
bool is_hello_retry_random(ByteView random);

std::optional<Error> parse_server_hello(ByteView msg, ServerHello& out, json& fields,
                                        json& summary);

}  // namespace tlsscope
