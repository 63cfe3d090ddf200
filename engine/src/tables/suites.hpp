// The cipher suites the engine implements, with what each one implies. TLS 1.2: RFC 5289
// (AES-GCM), RFC 7905 (ChaCha20-Poly1305), all ECDHE, all AEAD (RFC 5246 §6.2.3.3).
// TLS 1.3: RFC 8446 §B.4 (the suite names only the AEAD and the hash).
#pragma once
#include <cstdint>
#include <span>
#include <string_view>

#include "tables/notes.hpp"

namespace tlsscope {

enum class Aead : std::uint8_t { aes128_gcm, aes256_gcm, chacha20_poly1305 };
enum class Hash : std::uint8_t { sha1, sha256, sha384, sha512 };
enum class Auth : std::uint8_t { rsa, ecdsa, any };

struct SuiteInfo {
  std::uint16_t id;
  std::string_view name;
  Auth auth;                     // TLS 1.2: the certificate's key signs the ECDHE key

  Aead aead;
  Hash prf_hash;
  std::uint8_t key_len;
  std::uint8_t fixed_iv_len;     // GCM: 4-byte salt; ChaCha20: the whole 12-byte IV (RFC 7905)
  std::uint8_t record_iv_len;    // GCM: 8-byte explicit nonce on the wire; ChaCha20: none
  bool tls13 = false;
};

std::span<const SuiteInfo> supported_suites();
const SuiteInfo* find_suite(std::uint16_t id);

/// The suite taken apart, as a field note: TLS 1.2 — key exchange, authentication, AEAD, hash;
/// TLS 1.3 — AEAD and hash only. A suite the engine does not implement gets its code point.
Note describe_suite(std::uint16_t id);

std::string_view auth_name(Auth a);
std::string_view aead_name(Aead a);
std::string_view hash_name(Hash h);
std::size_t hash_len(Hash h);

}  // namespace tlsscope
