// The TLS 1.3 handshake messages that have no TLS 1.2 twin (RFC 8446 §4.3, §4.4, §4.6):
// EncryptedExtensions, CertificateRequest, Certificate (with a context and per-entry
// extensions), CertificateVerify, NewSessionTicket, KeyUpdate.
#pragma once
#include <vector>

#include "msgs/extensions.hpp"
#include "msgs/handshake.hpp"
#include "x509/certificate.hpp"

namespace tlsscope::tls13 {

std::optional<Error> decode_encrypted_extensions(ByteView msg, std::vector<Extension>& exts,
                                                json& fields, json& summary);
std::optional<Error> decode_certificate_request(ByteView msg, Bytes& context, json& fields,
                                               json& summary);
std::optional<Error> decode_certificate(ByteView msg, std::vector<Certificate>& chain,
                                       json& fields, json& summary);
/// The client's Certificate with no certificate (RFC 8446 §4.4.2: an empty list).
Bytes encode_empty_certificate(ByteView context);

struct CertificateVerify {
  std::uint16_t scheme = 0;
  Bytes signature;
};
std::optional<Error> decode_certificate_verify(ByteView msg, CertificateVerify& out, json& fields,
                                              json& summary);
/// 64 spaces, the context string, a zero byte, then the transcript hash (RFC 8446 §4.4.3).
Bytes certificate_verify_content(ByteView transcript_hash);

std::optional<Error> decode_new_session_ticket(ByteView msg, json& fields, json& summary);

/// KeyUpdate.request_update: 0 = update_not_requested, 1 = update_requested.
std::optional<Error> decode_key_update(ByteView msg, bool& update_requested, json& fields,
                                      json& summary);
Bytes encode_key_update(bool update_requested);

}  // namespace tlsscope::tls13
