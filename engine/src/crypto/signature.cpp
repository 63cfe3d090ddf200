#include "crypto/signature.hpp"

#include <algorithm>

#include <bearssl.h>

#include "crypto/hash.hpp"

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

bool verify_signature(SigKind kind, Hash hash, const PublicKey& key, ByteView signed_data,
                      ByteView signature) {
  Bytes h = digest(hash, signed_data);
  if (kind == SigKind::rsa_pkcs1 && key.type == PublicKey::Type::rsa) {
    br_rsa_public_key pk{const_cast<unsigned char*>(key.n.data()), key.n.size(),
                         const_cast<unsigned char*>(key.e.data()), key.e.size()};
    unsigned char recovered[64];
    if (!br_rsa_pkcs1_vrfy_get_default()(signature.data(), signature.size(), hash_oid(hash),
                                         h.size(), &pk, recovered))
      return false;
    return std::equal(h.begin(), h.end(), recovered);
  }
  if (kind == SigKind::ecdsa && key.type == PublicKey::Type::ec) {
    br_ec_public_key pk{key.curve, const_cast<unsigned char*>(key.q.data()), key.q.size()};
    return br_ecdsa_vrfy_asn1_get_default()(br_ec_get_default(), h.data(), h.size(), &pk,
                                            signature.data(), signature.size()) == 1;
  }
  return false;
}

}  // namespace tlsscope
