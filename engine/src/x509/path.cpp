#include "x509/path.hpp"

#include <algorithm>

#include "crypto/select.hpp"

namespace tlsscope {

bool signed_by(const Certificate& cert, const PublicKey& issuer_key) {
  return cert.signature_kind &&
         verify_signature(*cert.signature_kind, cert.signature_hash, issuer_key, cert.tbs,
                          cert.signature);
}

SignatureVerdict check_signed_by(const Certificate& cert, const PublicKey& issuer_key) {
  const std::size_t before = SignatureCheckMemo::answers_from_other_connections();
  const bool ok = signed_by(cert, issuer_key);
  return {ok, SignatureCheckMemo::answers_from_other_connections() > before};
}

CertPath build_path(const std::vector<Certificate>& sent, const TrustStore& anchors) {
  CertPath path;
  if (sent.empty()) return path;
  std::vector<bool> used(sent.size(), false);
  path.order.push_back(0);
  used[0] = true;
  while (path.order.size() < kMaxPathLength) {
    const Certificate& current = sent[path.order.back()];
    // The root is the client's own copy, never one the server sends; a self-issued
    // certificate is the end of any path through it.
    if (anchors.find_subject(current.issuer_dn) || current.self_issued()) break;
    std::optional<std::size_t> named, verified;
    bool named_remembered = false, verified_remembered = false;
    for (std::size_t i = 0; i < sent.size() && !verified; ++i) {
      if (used[i] || sent[i].subject_dn != current.issuer_dn) continue;
      const bool first = !named;
      if (!named) named = i;
      if (path.signature_checks < kMaxSignatureChecks) {
        ++path.signature_checks;
        const SignatureVerdict v = check_signed_by(current, sent[i].key);
        if (first) named_remembered = v.remembered;
        if (v.ok) {
          verified = i;
          verified_remembered = v.remembered;
        }
      }
    }
    if (!named) break;
    const std::size_t next = verified ? *verified : *named;
    path.signed_by_next.push_back(verified.has_value());
    path.remembered_next.push_back(verified ? verified_remembered : named_remembered);
    path.order.push_back(next);
    used[next] = true;
  }
  return path;
}

std::vector<UnusedCertificate> unused_certificates(const std::vector<Certificate>& sent,
                                                   const CertPath& path,
                                                   const TrustStore& anchors) {
  std::vector<UnusedCertificate> unused;
  for (std::size_t i = 0; i < sent.size(); ++i) {
    if (std::find(path.order.begin(), path.order.end(), i) != path.order.end()) continue;
    const bool copy = std::any_of(path.order.begin(), path.order.end(),
                                  [&](std::size_t p) { return sent[p].der == sent[i].der; });
    const Certificate* anchor = anchors.find_subject(sent[i].subject_dn);
    UnusedReason reason = copy ? UnusedReason::duplicate
                          : anchor && anchor->der == sent[i].der ? UnusedReason::trusted_root
                                                                  : UnusedReason::not_on_path;
    unused.push_back({i, reason});
  }
  return unused;
}

std::string_view unused_reason_name(UnusedReason reason) {
  switch (reason) {
    case UnusedReason::duplicate: return "duplicate";
    case UnusedReason::trusted_root: return "trusted_root";
    case UnusedReason::not_on_path: return "not_on_path";
  }
  return "not_on_path";
}

}  // namespace tlsscope
