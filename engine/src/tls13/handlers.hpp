// The TLS 1.3 client's handlers (tls13/handshake.cpp), one per row of the TLS 1.3 table
// (handshake/table.cpp), RFC 8446 §4.
#pragma once
#include "handshake/codecs.hpp"
#include "handshake/context.hpp"

namespace tlsscope::tls13 {

/// ServerHello or HelloRetryRequest, once supported_versions named TLS 1.3.
Outcome on_server_hello(ExpectServerHello& s, const ServerHello& sh, Context& c);
Outcome on_encrypted_extensions(ExpectEncryptedExtensions& s,
                                const codec::EncryptedExtensions& m, Context& c);
Outcome on_certificate_request(ExpectCertificate& s, const codec::CertificateRequest13& m,
                               Context& c);
Outcome on_certificate(ExpectCertificate& s, const codec::CertificateList& m, Context& c);
Outcome on_certificate_verify(ExpectCertificateVerify& s, const CertificateVerify& m, Context& c);
Outcome on_finished(ExpectFinished& s, const codec::Finished& m, Context& c);
Outcome on_new_session_ticket(Open& s, const codec::NewSessionTicket& m, Context& c);
Outcome on_key_update(Open& s, const codec::KeyUpdate& m, Context& c);

}  // namespace tlsscope::tls13
