// Path building: which of the certificates a server sent lead from its leaf to a trusted root,
// and in which order. RFC 8446 §4.4.2: clients "SHOULD be prepared to handle potentially
// extraneous certificates and arbitrary orderings from any TLS version, with the exception of
// the end-entity certificate which MUST be first". Servers really do send intermediates out of
// order, an old intermediate beside the new one, or their root; browsers build the path
// themselves, and so does this. Building only chooses; BearSSL's validator (x509/chain.cpp)
// still judges every link of the path that was built.
#pragma once
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "x509/certificate.hpp"
#include "x509/trust_store.hpp"

namespace tlsscope {

struct CertPath {
  /// Positions in the sent list, leaf (0) first, each followed by its issuer.
  std::vector<std::size_t> order;
  /// For each step of `order` but the last: did the next certificate's key verify this one's
  /// signature (checked while choosing it; the chain report shows it).
  std::vector<bool> signed_by_next;
  /// For each of those verdicts: whether it was an earlier connection's answer to the very same
  /// check (a trust store with shared link checks, LinkChecks::shared), not computed now.
  std::vector<bool> remembered_next;
  /// How many signatures were checked to choose (at most kMaxSignatureChecks).
  std::size_t signature_checks = 0;
};

/// Why a sent certificate is not on the path.
enum class UnusedReason {
  duplicate,      // the same certificate as one on the path
  trusted_root,   // a root the client already holds as a trust anchor
  not_on_path,    // issued nothing on the path
};

struct UnusedCertificate {
  std::size_t index;  // position in the sent list
  UnusedReason reason;
};

/// From the leaf (sent[0]), repeatedly the issuer among the sent certificates not yet used:
/// one whose subject is the current certificate's issuer name and whose key verifies its
/// signature (the first such in the order sent); if none verifies, the first whose name
/// matches, so that the validator reports the bad signature. Stops at a certificate issued by
/// a trust anchor, at a self-issued one, or when no sent certificate fits. At most
/// kMaxPathLength certificates and kMaxSignatureChecks signature checks, so a server sending
/// thousands of look-alikes costs a bounded amount of work.
CertPath build_path(const std::vector<Certificate>& sent, const TrustStore& anchors);

/// The sent certificates that `path` does not use, in the order sent, with why.
std::vector<UnusedCertificate> unused_certificates(const std::vector<Certificate>& sent,
                                                   const CertPath& path,
                                                   const TrustStore& anchors);

/// The reason's name in events ("duplicate", "trusted_root", "not_on_path").
std::string_view unused_reason_name(UnusedReason reason);

/// True if `issuer`'s key verifies `cert`'s signature.
bool signed_by(const Certificate& cert, const PublicKey& issuer_key);

/// signed_by, and whether its answer was an earlier connection's: with a trust store whose link
/// checks are shared, the memo alive (SignatureCheckMemo) may answer with another connection's
/// answer to the very same signature, signed bytes and key, and the chain's report says so.
struct SignatureVerdict {
  bool ok;
  bool remembered;
};
SignatureVerdict check_signed_by(const Certificate& cert, const PublicKey& issuer_key);

inline constexpr std::size_t kMaxPathLength = 10;
inline constexpr std::size_t kMaxSignatureChecks = 20;

}  // namespace tlsscope
