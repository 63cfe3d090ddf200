// Signature schemes (RFC 8446 §4.2.3; in TLS 1.2 the same code points are the
// SignatureAndHashAlgorithm pairs of RFC 5246 §7.4.1.4.1).
#pragma once
#include <cstdint>
#include <span>
#include <string_view>

#include "tables/suites.hpp"

namespace tlsscope {

enum class SigKind : std::uint8_t { rsa_pkcs1, rsa_pss, ecdsa };

struct SignatureSchemeInfo {
  std::uint16_t id;
  std::string_view name;
  SigKind kind;
  Hash hash;
};

/// The schemes the engine verifies, in the order it offers them.
std::span<const SignatureSchemeInfo> supported_signature_schemes();
const SignatureSchemeInfo* find_signature_scheme(std::uint16_t id);

}  // namespace tlsscope
