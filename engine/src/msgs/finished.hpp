// Finished: TLS 1.2 (RFC 5246 §7.4.9) verify_data = PRF(master_secret, finished_label,
// Hash(handshake_messages))[0..11]; TLS 1.3 (RFC 8446 §4.4.4) HMAC(finished_key,
// Transcript-Hash), as long as the hash.
#pragma once
#include "msgs/handshake.hpp"
#include "tables/notes.hpp"
#include "tables/suites.hpp"

namespace tlsscope {

constexpr std::size_t kVerifyDataLen = 12;

Bytes encode_finished(ByteView verify_data);
/// What verify_data is, for the field note: TLS 1.2's PRF or TLS 1.3's HMAC, of the client's
/// Finished or the server's, with the suite's hash.
Note verify_data_note(bool tls13, bool from_client, Hash hash);

std::optional<Error> parse_finished(ByteView msg, std::size_t verify_data_len,
                                    Bytes& verify_data, json& fields, json& summary,
                                    Note verify_data_note);

}  // namespace tlsscope
