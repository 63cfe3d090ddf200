// ServerKeyExchange for ECDHE (RFC 8422 §5.4): the server's ephemeral public key on a named
// curve ("Server Params") and its signature over client_random + server_random + params.
#pragma once
#include "msgs/handshake.hpp"

namespace tlsscope {

struct ServerKeyExchange {
  std::uint8_t curve_type = 0;     // 3 = named_curve, the only one allowed (RFC 8422 §5.4)
  std::uint16_t group = 0;
  Bytes public_key;
  Bytes params;                    // curve_type .. public key, exactly the signed bytes
  std::uint16_t signature_scheme = 0;
  Bytes signature;
};

std::optional<Error> decode_server_key_exchange(ByteView msg, ServerKeyExchange& out,
                                               json& fields, json& summary);

}  // namespace tlsscope
