#include "crypto/signature.hpp"

#include <algorithm>

#include <bearssl.h>

#include "crypto/hash.hpp"
#include "crypto/select.hpp"

namespace tlsscope {
namespace {

const unsigned char* hash_oid(Hash h) {
  switch (h) {
    case Hash::sha1: return BR_HASH_OID_SHA1;
    case Hash::sha256: return BR_HASH_OID_SHA256;
    case Hash::sha384: return BR_HASH_OID_SHA384;
    case Hash::sha512: return BR_HASH_OID_SHA512;
  }
  return BR_HASH_OID_SHA256;
}

std::string_view curve_name(int curve) {
  switch (curve) {
    case BR_EC_secp256r1: return "secp256r1";
    case BR_EC_secp384r1: return "secp384r1";
    case BR_EC_secp521r1: return "secp521r1";
    case BR_EC_curve25519: return "x25519";
  }
  return "unknown curve";
}

std::size_t significant_bits(const Bytes& v) {
  std::size_t i = 0;
  while (i < v.size() && v[i] == 0) ++i;
  if (i == v.size()) return 0;
  std::size_t bits = (v.size() - i - 1) * 8;
  for (unsigned b = v[i]; b; b >>= 1) ++bits;
  return bits;
}

// EMSA-PSS-VERIFY (RFC 8017 §9.1.2) with MGF1 over the same hash and a salt as long as the
// hash, as TLS 1.3 requires (RFC 8446 §4.2.3).
bool pss_verify(Hash hash, const PublicKey& key, ByteView m_hash, ByteView signature) {
  ByteView n(key.n);
  while (!n.empty() && n[0] == 0) n = n.subspan(1);  // the modulus' length, without sign bytes
  if (signature.size() != n.size()) return false;
  Bytes em(signature.begin(), signature.end());
  br_rsa_public_key pk{const_cast<unsigned char*>(n.data()), n.size(),
                       const_cast<unsigned char*>(key.e.data()), key.e.size()};
  if (!rsa_public()(em.data(), em.size(), &pk)) return false;  // s >= n
  const std::size_t h_len = hash_len(hash), s_len = h_len;
  const std::size_t em_bits = significant_bits(key.n) - 1;
  const std::size_t em_len = (em_bits + 7) / 8;
  // The RSA output has the modulus' length; EM is its last em_len bytes.
  if (em.size() > em_len) {
    if (em[0] != 0) return false;
    em.erase(em.begin());
  }
  if (em.size() != em_len || em_len < h_len + s_len + 2 || em.back() != 0xbc) return false;
  const std::size_t db_len = em_len - h_len - 1;
  ByteView masked_db(em.data(), db_len), h(em.data() + db_len, h_len);
  const unsigned top_mask = 0xffu >> (8 * em_len - em_bits);
  if (masked_db[0] & ~top_mask & 0xff) return false;
  Bytes db(db_len);
  for (std::uint32_t counter = 0, off = 0; off < db_len; ++counter) {  // MGF1
    Bytes seed(h.begin(), h.end());
    for (int i = 3; i >= 0; --i) seed.push_back(static_cast<std::uint8_t>(counter >> (8 * i)));
    Bytes mask = digest(hash, seed);
    for (std::size_t i = 0; i < mask.size() && off < db_len; ++i, ++off)
      db[off] = masked_db[off] ^ mask[i];
  }
  db[0] &= static_cast<std::uint8_t>(top_mask);
  const std::size_t ps_len = db_len - s_len - 1;
  for (std::size_t i = 0; i < ps_len; ++i)
    if (db[i] != 0) return false;
  if (db[ps_len] != 0x01) return false;
  Bytes m_prime(8, 0);
  m_prime.insert(m_prime.end(), m_hash.begin(), m_hash.end());
  m_prime.insert(m_prime.end(), db.end() - static_cast<long>(s_len), db.end());
  Bytes h_prime = digest(hash, m_prime);
  return std::equal(h_prime.begin(), h_prime.end(), h.begin());
}

}  // namespace

std::size_t PublicKey::bits() const {
  switch (type) {
    case Type::rsa: return significant_bits(n);
    case Type::ec:
      switch (curve) {
        case BR_EC_secp256r1: return 256;
        case BR_EC_secp384r1: return 384;
        case BR_EC_secp521r1: return 521;
      }
      return 0;
    case Type::none: return 0;
  }
  return 0;
}

std::string PublicKey::describe() const {
  switch (type) {
    case Type::rsa: return "RSA " + std::to_string(bits()) + " bits";
    case Type::ec:
      return "EC " + std::string(curve_name(curve)) + " (" + std::to_string(bits()) + " bits)";
    case Type::none: return "unsupported key type";
  }
  return {};
}

std::string PublicKey::describe_zh() const {
  switch (type) {
    case Type::rsa: return "RSA " + std::to_string(bits()) + " 位";
    case Type::ec:
      return "EC " + std::string(curve_name(curve)) + "（" + std::to_string(bits()) + " 位）";
    case Type::none: return "不支持的密钥类型";
  }
  return {};
}

bool verify_signature(SigKind kind, Hash hash, const PublicKey& key, ByteView signed_data,
                      ByteView signature) {
  // An empty signature never verifies; BearSSL would copy it from a null pointer.
  if (signature.empty()) return false;
  Bytes h = digest(hash, signed_data);
  if (kind == SigKind::rsa_pkcs1 && key.type == PublicKey::Type::rsa) {
    br_rsa_public_key pk{const_cast<unsigned char*>(key.n.data()), key.n.size(),
                         const_cast<unsigned char*>(key.e.data()), key.e.size()};
    unsigned char recovered[64];
    if (!rsa_pkcs1_vrfy()(signature.data(), signature.size(), hash_oid(hash),
                                         h.size(), &pk, recovered))
      return false;
    return std::equal(h.begin(), h.end(), recovered);
  }
  if (kind == SigKind::rsa_pss && key.type == PublicKey::Type::rsa)
    return pss_verify(hash, key, h, signature);
  if (kind == SigKind::ecdsa && key.type == PublicKey::Type::ec) {
    br_ec_public_key pk{key.curve, const_cast<unsigned char*>(key.q.data()), key.q.size()};
    return ecdsa_vrfy()(br_ec_get_default(), h.data(), h.size(), &pk, signature.data(),
                        signature.size()) == 1;
  }
  return false;
}

}  // namespace tlsscope
