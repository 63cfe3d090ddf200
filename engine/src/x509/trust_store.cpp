#include "x509/trust_store.hpp"

#include "x509/pem.hpp"

namespace tlsscope {
TrustStore::TrustStore(std::string_view pem) {
  for (const Bytes& der : pem_objects(pem, "CERTIFICATE")) {
    auto cert = parse_certificate(der);
    if (!cert || cert->key.type == PublicKey::Type::none) {
      ++skipped_;
      continue;
    }
    certs_.push_back(std::move(*cert));
  }
  anchors_.reserve(certs_.size());  // certs_ no longer changes: pointers stay valid
  for (auto& c : certs_) {
    br_x509_trust_anchor ta{};
    ta.dn = {c.subject_dn.data(), c.subject_dn.size()};
    ta.flags = BR_X509_TA_CA;
    if (c.key.type == PublicKey::Type::rsa) {
      ta.pkey.key_type = BR_KEYTYPE_RSA;
      ta.pkey.key.rsa = {c.key.n.data(), c.key.n.size(), c.key.e.data(), c.key.e.size()};
    } else {
      ta.pkey.key_type = BR_KEYTYPE_EC;
      ta.pkey.key.ec = {c.key.curve, c.key.q.data(), c.key.q.size()};
    }
    anchors_.push_back(ta);
  }
}

const Certificate* TrustStore::find_subject(ByteView dn) const {
  for (const auto& c : certs_)
    if (std::equal(c.subject_dn.begin(), c.subject_dn.end(), dn.begin(), dn.end())) return &c;
  return nullptr;
}

}  // namespace tlsscope
