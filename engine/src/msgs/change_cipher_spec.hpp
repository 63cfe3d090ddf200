// ChangeCipherSpec (RFC 5246 §7.1): the single byte 01 in its own record type. In TLS 1.2 it
// switches the sender's records to the new keys; in TLS 1.3 it is only sent and dropped for
// middleboxes that expect it (RFC 8446 §5, §D.4).
#pragma once
#include "msgs/handshake.hpp"

namespace tlsscope {

struct ChangeCipherSpec {};

/// The one-byte payload.
inline constexpr std::uint8_t kChangeCipherSpecByte = 1;

/// TLS 1.2: the payload must be the single byte 01 (else decode_error).
std::optional<Error> decode_change_cipher_spec(ByteView payload, ChangeCipherSpec& out,
                                               json& fields, json& summary);
/// TLS 1.3's compatibility ChangeCipherSpec: any other value aborts with unexpected_message
/// (RFC 8446 §5).
std::optional<Error> decode_compat_change_cipher_spec(ByteView payload, ChangeCipherSpec& out,
                                                      json& fields, json& summary);

/// Field trees of the client's own ChangeCipherSpec.
json change_cipher_spec_out_fields();
json compat_change_cipher_spec_out_fields();

}  // namespace tlsscope
