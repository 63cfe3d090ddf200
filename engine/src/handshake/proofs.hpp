// Proof tokens: each check a later handshake state relies on leaves a value that only the check
// itself can create, and the later state holds it, so a state that needs a verified signature
// or Finished cannot be built without one ("forgot to verify" does not compile; rustls's
// ServerCertVerified / HandshakeSignatureValid / FinishedMessageVerified).
//
//   chain (verify_chain)            VerifiedServerKey              → the server's key at all
//   ServerKeyExchange signature     ServerKeyExchangeSignatureValid → the TLS 1.2 ECDHE key
//   CertificateVerify signature     CertificateVerifySignatureValid → TLS 1.3 server auth
//   Finished                        FinishedVerified                → Open
//
// Each verify() reports its "check" event (docs/events.md) and returns the token only if the
// check passed: every check a handshake makes is reported here, and only here.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

#include "events/event_sink.hpp"
#include "msgs/server_key_exchange.hpp"
#include "tables/groups.hpp"
#include "tables/signature_schemes.hpp"
#include "x509/chain.hpp"

namespace tlsscope {

/// The server's certificate chain (RFC 5280 §6, RFC 6125 for the name): the path built from the
/// certificates sent, each link, the name and the key, judged by x509/chain.hpp and reported as
/// the "certificate_chain" check. Its token is the server's key; nothing else yields it.
std::variant<VerifiedServerKey, Error> verify_chain(const std::vector<Certificate>& chain,
                                                    const TrustStore& anchors,
                                                    std::string_view host, std::int64_t now,
                                                    EventSink& events);

/// TLS 1.2 (RFC 5246 §7.4.3, RFC 8422 §5.4): the server's ephemeral ECDHE key, signed by the
/// key of the validated chain over client_random + server_random + params.
class ServerKeyExchangeSignatureValid {
 public:
  static std::optional<ServerKeyExchangeSignatureValid> verify(
      const VerifiedServerKey& key, std::string_view certificate_subject,
      const SignatureSchemeInfo& scheme, ByteView client_random, ByteView server_random,
      const GroupInfo& group, ServerKeyExchange ske, EventSink& events);
  const GroupInfo& group() const { return *group_; }
  const Bytes& server_public() const { return server_public_; }

 private:
  ServerKeyExchangeSignatureValid(const GroupInfo& g, Bytes pub)
      : group_(&g), server_public_(std::move(pub)) {}
  const GroupInfo* group_;
  Bytes server_public_;
};

/// TLS 1.3 (RFC 8446 §4.4.3): the server holds the private key of the validated chain — its
/// CertificateVerify signs the transcript up to Certificate.
class CertificateVerifySignatureValid {
 public:
  static std::optional<CertificateVerifySignatureValid> verify(
      const VerifiedServerKey& key, std::string_view certificate_subject,
      const SignatureSchemeInfo& scheme, ByteView transcript_hash, ByteView signature,
      EventSink& events);

 private:
  CertificateVerifySignatureValid() = default;
};

/// The server's Finished matched the verify_data the client computed (RFC 5246 §7.4.9,
/// RFC 8446 §4.4.4), compared in constant time: the handshake was not altered.
class FinishedVerified {
 public:
  /// `detail` is the check event's description of how `expected` was computed.
  static std::optional<FinishedVerified> verify(ByteView expected, ByteView received,
                                                json detail, EventSink& events);

 private:
  FinishedVerified() = default;
};

}  // namespace tlsscope
