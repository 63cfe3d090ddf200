#include "x509/trust_store.hpp"

#include <string>

namespace tlsscope {
namespace {

void collect_der(void* ctx, const void* data, size_t len) {
  auto* out = static_cast<Bytes*>(ctx);
  auto* p = static_cast<const std::uint8_t*>(data);
  out->insert(out->end(), p, p + len);
}

// Every "CERTIFICATE" object in the PEM text, as DER.
std::vector<Bytes> pem_certificates(std::string_view pem) {
  std::vector<Bytes> out;
  br_pem_decoder_context pc;
  br_pem_decoder_init(&pc);
  Bytes current;
  bool in_cert = false;
  std::string text(pem);
  text += "\n";  // the decoder needs a newline after the last END line
  const char* p = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    std::size_t n = br_pem_decoder_push(&pc, p, left);
    p += n;
    left -= n;
    switch (br_pem_decoder_event(&pc)) {
      case BR_PEM_BEGIN_OBJ:
        in_cert = std::string_view(br_pem_decoder_name(&pc)) == "CERTIFICATE";
        current.clear();
        br_pem_decoder_setdest(&pc, in_cert ? collect_der : nullptr, &current);
        break;
      case BR_PEM_END_OBJ:
        if (in_cert) out.push_back(std::move(current));
        in_cert = false;
        break;
      case BR_PEM_ERROR:
        return out;
      default:
        break;
    }
  }
  return out;
}

}  // namespace

TrustStore::TrustStore(std::string_view pem) {
  for (const Bytes& der : pem_certificates(pem)) {
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
