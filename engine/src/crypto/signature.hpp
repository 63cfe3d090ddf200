// Signature verification over BearSSL: RSA PKCS#1 v1.5 (RFC 8017 §8.2), RSA-PSS (RFC 8017
// §8.1, written here on BearSSL's raw RSA operation: BearSSL 0.6 has no PSS) and ECDSA with a
// DER-encoded signature (RFC 8422 §5.4). Used for ServerKeyExchange, CertificateVerify and
// certificate links.
#pragma once
#include <cstddef>
#include <string>

#include "tables/signature_schemes.hpp"
#include "tlsscope/bytes.hpp"

namespace tlsscope {

struct PublicKey {
  enum class Type { none, rsa, ec };
  Type type = Type::none;
  Bytes n, e;     // RSA modulus and exponent (big-endian)
  int curve = 0;  // EC: BearSSL curve id
  Bytes q;        // EC: uncompressed point

  std::size_t bits() const;
  /// "RSA 2048 bits", "EC secp256r1 (256 bits)".
  std::string describe() const;
  std::string describe_zh() const;  ///< The same in Chinese: "RSA 2048 位".
};

/// True if `signature` is a valid signature of `signed_data` under `key`.
bool verify_signature(SigKind kind, Hash hash, const PublicKey& key, ByteView signed_data,
                      ByteView signature);

}  // namespace tlsscope
