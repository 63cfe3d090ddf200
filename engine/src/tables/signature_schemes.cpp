#include "tables/signature_schemes.hpp"

#include <array>
#include <string>

#include "tables/hex_name.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope {
namespace {

// RSA-PSS comes first among the RSA schemes: TLS 1.3 requires it (RFC 8446 §4.2.3), and
// TLS 1.2 servers use it when offered (RFC 8446 §4.2.3 applies it to 1.2 as well).
constexpr std::array kSchemes = {
    SignatureSchemeInfo{0x0403, "ecdsa_secp256r1_sha256", SigKind::ecdsa, Hash::sha256},
    SignatureSchemeInfo{0x0503, "ecdsa_secp384r1_sha384", SigKind::ecdsa, Hash::sha384},
    SignatureSchemeInfo{0x0603, "ecdsa_secp521r1_sha512", SigKind::ecdsa, Hash::sha512},
    SignatureSchemeInfo{0x0804, "rsa_pss_rsae_sha256", SigKind::rsa_pss, Hash::sha256},
    SignatureSchemeInfo{0x0805, "rsa_pss_rsae_sha384", SigKind::rsa_pss, Hash::sha384},
    SignatureSchemeInfo{0x0806, "rsa_pss_rsae_sha512", SigKind::rsa_pss, Hash::sha512},
    SignatureSchemeInfo{0x0401, "rsa_pkcs1_sha256", SigKind::rsa_pkcs1, Hash::sha256},
    SignatureSchemeInfo{0x0501, "rsa_pkcs1_sha384", SigKind::rsa_pkcs1, Hash::sha384},
    SignatureSchemeInfo{0x0601, "rsa_pkcs1_sha512", SigKind::rsa_pkcs1, Hash::sha512},
};

struct OtherScheme {
  std::uint16_t id;
  std::string_view name;
};
constexpr std::array kOtherSchemes = {
    OtherScheme{0x0807, "ed25519"},
    OtherScheme{0x0808, "ed448"},               OtherScheme{0x0809, "rsa_pss_pss_sha256"},
    OtherScheme{0x0201, "rsa_pkcs1_sha1"},      OtherScheme{0x0203, "ecdsa_sha1"},
};

}  // namespace

std::span<const SignatureSchemeInfo> supported_signature_schemes() { return kSchemes; }

const SignatureSchemeInfo* find_signature_scheme(std::uint16_t id) {
  for (const auto& s : kSchemes)
    if (s.id == id) return &s;
  return nullptr;
}

std::string signature_scheme_name(std::uint16_t id) {
  if (const auto* s = find_signature_scheme(id)) return std::string(s->name);
  for (const auto& s : kOtherSchemes)
    if (s.id == id) return std::string(s.name);
  return unknown_name(id);
}

}  // namespace tlsscope
