// The TLS 1.2 client's handlers (tls12/handshake.cpp), one per row of the TLS 1.2 table
// (handshake/table.cpp): each checks what RFC 5246 / 8422 / 7627 require and returns the next
// state or an error.
#pragma once
#include "handshake/codecs.hpp"
#include "handshake/context.hpp"

namespace tlsscope::tls12 {

Outcome on_server_hello(const ServerHello& sh, Context& c);
Outcome on_certificate(ExpectCertificate& s, const codec::CertificateList& m, Context& c);
Outcome on_server_key_exchange(ExpectServerKeyExchange& s, const ServerKeyExchange& ske,
                               Context& c);
Outcome on_certificate_request(ExpectServerHelloDone& s, const codec::CertificateRequest12& m,
                               Context& c);
Outcome on_server_hello_done(ExpectServerHelloDone& s, const ServerHelloDone& m, Context& c);
Outcome on_change_cipher_spec(ExpectChangeCipherSpec& s, const ChangeCipherSpec& m, Context& c);
Outcome on_finished(ExpectFinished& s, const codec::Finished& m, Context& c);
/// RFC 5746 §4.2 / RFC 5246 §7.4.1.1: a client may decline renegotiation with a warning.
Outcome on_hello_request(Open& s, const HelloRequest& m, Context& c);

}  // namespace tlsscope::tls12
