// Finished (RFC 5246 §7.4.9): verify_data = PRF(master_secret, finished_label,
// Hash(handshake_messages))[0..11].
#pragma once
#include "msgs/handshake.hpp"

namespace tlsscope {

constexpr std::size_t kVerifyDataLen = 12;

Bytes encode_finished(ByteView verify_data);
std::optional<Error> parse_finished(ByteView msg, Bytes& verify_data, json& fields,
                                    json& summary);

}  // namespace tlsscope
