// Trust anchors from DER certificates, in the form BearSSL's validator takes, plus their parsed
// certificates so the chain report can name the anchor that vouched for a chain. Built once
// per anchor set and shared (tlsscope/trust.hpp); it never changes after construction.
#pragma once
#include <span>
#include <string_view>
#include <vector>

#include <bearssl.h>

#include <memory>

#include "crypto/select.hpp"
#include "tlsscope/trust.hpp"
#include "x509/certificate.hpp"

namespace tlsscope {

class TrustStore {
 public:
  explicit TrustStore(std::span<const Bytes> certificates,
                      LinkChecks links = LinkChecks::per_connection);
  TrustStore(const TrustStore&) = delete;
  TrustStore& operator=(const TrustStore&) = delete;

  const std::vector<br_x509_trust_anchor>& anchors() const { return anchors_; }
  /// The anchor whose subject is `dn`, if any.
  const Certificate* find_subject(ByteView dn) const;
  std::size_t size() const { return certs_.size(); }
  /// PEM certificates that could not be used (malformed, or a key type BearSSL lacks).
  std::size_t skipped() const { return skipped_; }
  /// One more certificate that could not be used (found malformed while splitting a bundle).
  void count_skipped() { ++skipped_; }
  /// The link checks every connection using this store shares (LinkChecks::shared), or null.
  SharedSignatureChecks* link_checks() const { return link_checks_.get(); }

 private:
  std::vector<Certificate> certs_;
  std::vector<br_x509_trust_anchor> anchors_;  // points into certs_
  std::size_t skipped_ = 0;
  std::unique_ptr<SharedSignatureChecks> link_checks_;  // answers change; the anchors never do
};

}  // namespace tlsscope
