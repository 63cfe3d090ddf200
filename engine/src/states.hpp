// Every state a connection can be in: the shared beginning and end, and the TLS 1.2 and
// TLS 1.3 handshake states in between, as one closed variant.
#pragma once
#include <optional>
#include <string_view>
#include <variant>

#include "tls12/states.hpp"
#include "tls13/states.hpp"

namespace tlsscope {

struct Idle {};
struct ExpectServerHello {
  bool after_hello_retry = false;
};
struct Open {
  bool close_sent = false;
  std::optional<tls13::TrafficSecrets> tls13;  // set when TLS 1.3 was negotiated
};
struct Closed {};
struct Failed {};

using HandshakeState =
    std::variant<Idle, ExpectServerHello, tls12::ExpectCertificate, tls12::ExpectServerKeyExchange,
                 tls12::ExpectServerHelloDone, tls12::ExpectChangeCipherSpec,
                 tls12::ExpectFinished, tls13::ExpectEncryptedExtensions,
                 tls13::ExpectCertificate, tls13::ExpectCertificateVerify,
                 tls13::ExpectFinished, Open, Closed, Failed>;

/// What the state waits for, as a step name (for "unexpected message" errors and events).
std::string_view expected_step(const HandshakeState& s);

/// True while a TLS 1.3 handshake may still see a compatibility ChangeCipherSpec
/// (RFC 8446 §5: after the first ClientHello, before the server's Finished).
bool tls13_ccs_allowed(const HandshakeState& s, bool tls13_offered);

}  // namespace tlsscope
