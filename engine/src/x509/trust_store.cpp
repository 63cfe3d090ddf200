#include "x509/trust_store.hpp"

#include "tlsscope/trust.hpp"
#include "x509/der.hpp"
#include "x509/pem.hpp"

namespace tlsscope {
TrustStore::TrustStore(std::span<const Bytes> certificates) {
  for (const Bytes& der : certificates) {
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

std::shared_ptr<const TrustStore> load_trust_store_der(std::span<const Bytes> certificates) {
  return std::make_shared<const TrustStore>(certificates);
}

std::shared_ptr<const TrustStore> load_trust_store_der_bundle(ByteView certificates) {
  std::vector<Bytes> ders;
  Reader r(certificates);
  bool malformed = false;
  while (!r.empty()) {
    der::Element e;
    if (!der::next(r, e)) {
      malformed = true;
      break;
    }
    ders.emplace_back(e.whole.begin(), e.whole.end());
  }
  auto store = std::make_shared<TrustStore>(ders);
  if (malformed) store->count_skipped();
  return store;
}

std::shared_ptr<const TrustStore> load_trust_store_pem(std::string_view pem) {
  // A malformed block ends the list (pem_objects); it counts as skipped, like a bad DER object.
  bool malformed = false;
  auto store = std::make_shared<TrustStore>(pem_objects(pem, "CERTIFICATE", &malformed));
  if (malformed) store->count_skipped();
  return store;
}

std::size_t trust_store_size(const TrustStore& store) { return store.size(); }
std::size_t trust_store_skipped(const TrustStore& store) { return store.skipped(); }

const Certificate* TrustStore::find_subject(ByteView dn) const {
  for (const auto& c : certs_)
    if (std::equal(c.subject_dn.begin(), c.subject_dn.end(), dn.begin(), dn.end())) return &c;
  return nullptr;
}

}  // namespace tlsscope
