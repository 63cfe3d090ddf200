// Every state a connection can be in: the shared beginning and end, and the TLS 1.2 and
// TLS 1.3 handshake states in between, as one closed variant. Which message moves which state
// to which is the table in handshake/table.hpp.
#pragma once
#include <optional>
#include <string_view>
#include <variant>

#include <vector>

#include "crypto/key_share.hpp"
#include "handshake/proofs.hpp"
#include "tls12/states.hpp"
#include "tls13/states.hpp"

namespace tlsscope {

struct Idle {};
struct ExpectServerHello {
  // TLS 1.3 (when offered): the client's ephemeral key for its one key share, and after a
  // HelloRetryRequest the suite it chose (RFC 8446 §4.1.4: ServerHello must repeat it).
  std::vector<ClientKeyShare> key_shares;  // the private side of the offer's key shares
  const SuiteInfo* retry_suite = nullptr;
  bool after_hello_retry = false;
};
struct Open {
  FinishedVerified finished;  // the server's Finished was checked
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

/// True once TLS 1.3 was negotiated (from ServerHello on), as the state says.
bool negotiated_tls13(const HandshakeState& s);

}  // namespace tlsscope
