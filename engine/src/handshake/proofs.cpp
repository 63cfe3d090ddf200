#include "handshake/proofs.hpp"

#include "crypto/constant_time.hpp"
#include "crypto/hash.hpp"
#include "crypto/signature.hpp"
#include "events/field.hpp"
#include "msgs/tls13_messages.hpp"

namespace tlsscope {

std::variant<VerifiedServerKey, Error> verify_chain(const std::vector<Certificate>& chain,
                                                    const TrustStore& anchors,
                                                    std::string_view host, std::int64_t now,
                                                    EventSink& events) {
  ChainVerdict v = validate_chain(chain, anchors, host, now);
  events.check("certificate_chain", !v.error.has_value(), std::move(v.report));
  if (v.error) return std::move(*v.error);
  return std::move(*v.key);
}

std::optional<ServerKeyExchangeSignatureValid> ServerKeyExchangeSignatureValid::verify(
    const VerifiedServerKey& server_key, std::string_view certificate_subject,
    const SignatureSchemeInfo& scheme, ByteView client_random, ByteView server_random,
    const GroupInfo& group, ServerKeyExchange ske, EventSink& events) {
  const PublicKey& key = server_key.key();
  // RFC 5246 §7.4.3: the signature covers client_random + server_random + params.
  Bytes signed_data(client_random.begin(), client_random.end());
  signed_data.insert(signed_data.end(), server_random.begin(), server_random.end());
  signed_data.insert(signed_data.end(), ske.params.begin(), ske.params.end());
  bool ok = verify_signature(scheme.kind, scheme.hash, key, signed_data, ske.signature);
  events.check("server_key_exchange_signature", ok,
               object_of("scheme", scheme.name, "key", key.describe(), "key_zh", key.describe_zh(),
                         "certificate", certificate_subject, "signed_over",
                         json::array({"client_random", "server_random", "server_params"}),
                         "signed_data", to_hex(signed_data), "hash", hash_name(scheme.hash),
                         "hash_value", to_hex(digest(scheme.hash, signed_data))));
  if (!ok) return std::nullopt;
  return ServerKeyExchangeSignatureValid(group, std::move(ske.public_key));
}

std::optional<CertificateVerifySignatureValid> CertificateVerifySignatureValid::verify(
    const VerifiedServerKey& server_key, std::string_view certificate_subject,
    const SignatureSchemeInfo& scheme, ByteView transcript_hash, ByteView signature,
    EventSink& events) {
  const PublicKey& key = server_key.key();
  Bytes content = tls13::certificate_verify_content(transcript_hash);
  bool ok = verify_signature(scheme.kind, scheme.hash, key, content, signature);
  events.check("certificate_verify", ok,
               object_of("scheme", scheme.name, "key", key.describe(), "key_zh", key.describe_zh(),
                         "certificate", certificate_subject, "signed_over",
                         json::array({"64 spaces", "TLS 1.3, server CertificateVerify", "00",
                                      "transcript_hash"}),
                         "transcript_hash", to_hex(transcript_hash), "signed_data", to_hex(content)));
  if (!ok) return std::nullopt;
  return CertificateVerifySignatureValid();
}

std::optional<FinishedVerified> FinishedVerified::verify(ByteView expected, ByteView received,
                                                         json detail, EventSink& events) {
  bool ok = equal_constant_time(expected, received);
  detail["name"] = "server_verify_data";
  detail["expected"] = to_hex(expected);
  detail["received"] = to_hex(received);
  events.check("finished", ok, std::move(detail));
  if (!ok) return std::nullopt;
  return FinishedVerified();
}

}  // namespace tlsscope
