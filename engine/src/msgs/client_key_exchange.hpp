// ClientKeyExchange for ECDHE (RFC 8422 §5.7): the client's ephemeral public key
// ("Client Params").
#pragma once
#include "msgs/handshake.hpp"

namespace tlsscope {

Bytes encode_client_key_exchange(ByteView public_key);
std::optional<Error> decode_client_key_exchange(ByteView msg, json& fields, json& summary);

}  // namespace tlsscope
