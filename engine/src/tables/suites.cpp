#include "tables/suites.hpp"

#include <array>
#include <optional>
#include <string>

#include "events/field.hpp"
#include "tables/hex_name.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope {
namespace {

constexpr std::array kSuites = {
    SuiteInfo{0x1301, "TLS_AES_128_GCM_SHA256", Auth::any, Aead::aes128_gcm, Hash::sha256, 16, 12, 0, true},
    SuiteInfo{0x1302, "TLS_AES_256_GCM_SHA384", Auth::any, Aead::aes256_gcm, Hash::sha384, 32, 12, 0, true},
    SuiteInfo{0x1303, "TLS_CHACHA20_POLY1305_SHA256", Auth::any, Aead::chacha20_poly1305, Hash::sha256, 32, 12, 0, true},
    SuiteInfo{0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", Auth::ecdsa, Aead::aes128_gcm, Hash::sha256, 16, 4, 8},
    SuiteInfo{0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", Auth::rsa, Aead::aes128_gcm, Hash::sha256, 16, 4, 8},
    SuiteInfo{0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", Auth::ecdsa, Aead::aes256_gcm, Hash::sha384, 32, 4, 8},
    SuiteInfo{0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", Auth::rsa, Aead::aes256_gcm, Hash::sha384, 32, 4, 8},
    SuiteInfo{0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", Auth::ecdsa, Aead::chacha20_poly1305, Hash::sha256, 32, 12, 0},
    SuiteInfo{0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", Auth::rsa, Aead::chacha20_poly1305, Hash::sha256, 32, 12, 0},
};

// Suites we do not implement but that servers and captures commonly show, so they get a name.
struct OtherSuite {
  std::uint16_t id;
  std::string_view name;
};
constexpr std::array kOtherSuites = {
    OtherSuite{0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256"},
    OtherSuite{0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384"},
    OtherSuite{0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA"},
    OtherSuite{0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA"},
    OtherSuite{0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"},
    OtherSuite{0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"},
    OtherSuite{0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"},
    OtherSuite{0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"},
    OtherSuite{0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"},
    OtherSuite{0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"},
    OtherSuite{0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"},
};

}  // namespace

std::span<const SuiteInfo> supported_suites() { return kSuites; }

const SuiteInfo* find_suite(std::uint16_t id) {
  for (const auto& s : kSuites)
    if (s.id == id) return &s;
  return nullptr;
}

std::string cipher_suite_name(std::uint16_t id) {
  if (const auto* s = find_suite(id)) return std::string(s->name);
  for (const auto& s : kOtherSuites)
    if (s.id == id) return std::string(s.name);
  return unknown_name(id);
}

std::optional<std::uint16_t> cipher_suite_by_name(std::string_view name) {
  for (const auto& s : kSuites)
    if (s.name == name) return s.id;
  return std::nullopt;
}

Note describe_suite(std::uint16_t id) {
  const SuiteInfo* s = find_suite(id);
  if (!s) return {hex_u16(id), hex_u16(id)};
  const std::string code = hex_u16(id);
  if (s->tls13)
    return note(NoteId::sh_suite13, {s->name, code, aead_name(s->aead), hash_name(s->prf_hash)});
  return note(NoteId::sh_suite12,
              {s->name, code, auth_name(s->auth), aead_name(s->aead), hash_name(s->prf_hash)});
}

std::string_view auth_name(Auth a) {
  switch (a) {
    case Auth::rsa: return "RSA";
    case Auth::ecdsa: return "ECDSA";
    case Auth::any: return "any";
  }
  return "?";
}

std::string_view aead_name(Aead a) {
  switch (a) {
    case Aead::aes128_gcm: return "AES-128-GCM";
    case Aead::aes256_gcm: return "AES-256-GCM";
    case Aead::chacha20_poly1305: return "ChaCha20-Poly1305";
  }
  return "?";
}

std::string_view hash_name(Hash h) {
  switch (h) {
    case Hash::sha1: return "SHA-1";
    case Hash::sha256: return "SHA-256";
    case Hash::sha384: return "SHA-384";
    case Hash::sha512: return "SHA-512";
  }
  return "?";
}

std::size_t hash_len(Hash h) {
  switch (h) {
    case Hash::sha1: return 20;
    case Hash::sha256: return 32;
    case Hash::sha384: return 48;
    case Hash::sha512: return 64;
  }
  return 0;
}

}  // namespace tlsscope
