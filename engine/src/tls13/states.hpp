// The TLS 1.3 client's handshake states (RFC 8446 §2, §4), after the shared
// ExpectServerHello (states.hpp):
//
//   ExpectServerHello ─ServerHello (key_share)→ handshake keys ─→ ExpectEncryptedExtensions
//   ─EncryptedExtensions→ ExpectCertificate (─CertificateRequest→ itself) ─Certificate→
//   ExpectCertificateVerify ─CertificateVerify→ ExpectFinished ─Finished / send
//   [CCS] [Certificate] Finished→ Open (application traffic keys)
//
// A HelloRetryRequest sends the client back to ExpectServerHello, once.
#pragma once
#include <string>

#include "tables/groups.hpp"
#include "tables/suites.hpp"
#include "x509/chain.hpp"

namespace tlsscope::tls13 {

/// What the handshake has established once ServerHello is accepted.
struct HandshakeKeys {
  const SuiteInfo* suite = nullptr;
  std::uint16_t group = 0;  // the named group of the key exchange
  Bytes handshake_secret;
  Bytes client_secret;  // client_handshake_traffic_secret
  Bytes server_secret;  // server_handshake_traffic_secret
  std::string alpn;
};

struct ExpectEncryptedExtensions {
  HandshakeKeys k;
};
struct ExpectCertificate {
  HandshakeKeys k;
  bool certificate_requested = false;
  Bytes request_context;
};
struct ExpectCertificateVerify {
  HandshakeKeys k;
  VerifiedServerKey server_key;
  std::string server_subject;
  bool certificate_requested;
  Bytes request_context;
};
struct ExpectFinished {
  HandshakeKeys k;
  bool certificate_requested;
  Bytes request_context;
};

/// Application traffic secrets, kept for KeyUpdate (RFC 8446 §7.2).
struct TrafficSecrets {
  const SuiteInfo* suite = nullptr;
  Bytes client, server;
};

}  // namespace tlsscope::tls13
