// The TLS 1.2 client's handshake states (RFC 5246 §7.3, full ECDHE handshake), after the
// shared ExpectServerHello (states.hpp):
//
//   ExpectServerHello ─ServerHello→ ExpectCertificate ─Certificate→
//   ExpectServerKeyExchange ─ServerKeyExchange→ ExpectServerHelloDone
//     (─CertificateRequest→ itself) ─ServerHelloDone / send [Certificate] ClientKeyExchange
//   ChangeCipherSpec Finished→ ExpectChangeCipherSpec ─ChangeCipherSpec→ ExpectFinished
//   ─Finished→ Open
//
// Each state holds only what is valid at that point; a later state can only be built from
// what the earlier one proved (handshake/proofs.hpp: the server key comes from a validated
// chain, the ECDHE key from a verified ServerKeyExchange signature). The transitions are a
// table: handshake/table.hpp.
#pragma once
#include <optional>
#include <string>

#include "crypto/aead.hpp"
#include "handshake/proofs.hpp"
#include "tables/groups.hpp"
#include "tables/suites.hpp"
#include "x509/chain.hpp"

namespace tlsscope::tls12 {

struct Negotiated {
  const SuiteInfo* suite = nullptr;
  Bytes server_random;
  bool extended_master_secret = false;
  std::string alpn;
};

struct ExpectCertificate {
  Negotiated n;
};
struct ExpectServerKeyExchange {
  Negotiated n;
  VerifiedServerKey server_key;
  std::string server_subject;
};
struct ExpectServerHelloDone {
  Negotiated n;
  ServerKeyExchangeSignatureValid server_params;  // the server's signed ECDHE key
  bool certificate_requested = false;
};
struct ExpectChangeCipherSpec {
  Negotiated n;
  const GroupInfo* group;
  Bytes master_secret;
  RecordProtection server_protection;
};
struct ExpectFinished {
  Negotiated n;
  const GroupInfo* group;
  Bytes master_secret;
};
}  // namespace tlsscope::tls12
