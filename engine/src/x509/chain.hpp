// Certificate chain validation (RFC 5280 §6, RFC 6125 for names). First the path is built
// from the certificates sent (x509/path.hpp: any order, extras left out); the verdict on that
// path is BearSSL's br_x509_minimal, run against the trust anchors at the given time;
// alongside, each link is
// checked on its own (dates, issuer name, the issuer's signature, CA flag) so a learner can
// see which link holds and which breaks. Both share each signature check (SignatureCheckMemo in
// crypto/select.hpp).
#pragma once
#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tlsscope/errors.hpp"
#include "x509/certificate.hpp"
#include "x509/trust_store.hpp"

namespace tlsscope {

/// Proof that the chain was validated: the only way to obtain the server's key, so the
/// ServerKeyExchange signature cannot be checked against an unvalidated key.
class VerifiedServerKey {
 public:
  const PublicKey& key() const { return key_; }

 private:
  friend struct ChainVerdict validate_chain(const std::vector<Certificate>&, const TrustStore&,
                                            std::string_view, std::int64_t);
  explicit VerifiedServerKey(PublicKey k) : key_(std::move(k)) {}
  PublicKey key_;
};

struct ChainVerdict {
  std::optional<VerifiedServerKey> key;  // set if and only if the chain is valid
  std::optional<Error> error;
  nlohmann::json report;  // the "certificate_chain" check event's detail
};

ChainVerdict validate_chain(const std::vector<Certificate>& chain, const TrustStore& anchors,
                            std::string_view host, std::int64_t now);

/// True if `host` is an IPv4 or IPv6 literal (then it is matched against iPAddress SANs, and
/// it is not sent as SNI: RFC 6066 §3).
bool is_ip_literal(std::string_view host);

}  // namespace tlsscope
