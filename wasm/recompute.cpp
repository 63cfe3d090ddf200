// "Reproduce it yourself": the engine's own key-derivation functions, exposed to the page so
// the secrets panel (web/secrets.js) can recompute any derived value from the inputs it shows
// and say whether it matches. Hex strings in, a hex string out; an empty string means the
// inputs were not usable (unknown hash or curve, bad hex, a point not on the curve) — never
// an exception into the page. C exports like bindings.cpp: strings arrive as (pointer,
// length), the hex answer is left in the result buffer (result.hpp); tlsscope.js names them
// hashHex, hmacHex, … for the page.
#include <optional>
#include <string>
#include <string_view>

#include <emscripten/emscripten.h>

#include "result.hpp"

#include "crypto/ecdhe.hpp"
#include "crypto/hash.hpp"
#include "crypto/hkdf.hpp"
#include "crypto/prf.hpp"
#include "tables/groups.hpp"

namespace {

using tlsscope::Bytes;
using tlsscope::Hash;

// Hash names as the events spell them ("SHA-256"), from the engine's own table.
std::optional<Hash> hash_named(const std::string& name) {
  for (Hash h : {Hash::sha1, Hash::sha256, Hash::sha384, Hash::sha512})
    if (tlsscope::hash_name(h) == name) return h;
  return std::nullopt;
}

const tlsscope::GroupInfo* group_named(const std::string& name) {
  for (const auto& g : tlsscope::supported_groups())
    if (g.name == name) return &g;
  return nullptr;
}

std::optional<Bytes> bytes(const std::string& hex) {
  Bytes out;
  if (!tlsscope::from_hex(hex, out)) return std::nullopt;
  return out;
}

// Derived lengths the page asks for are small; this bounds a typo'd request.
constexpr int kMaxOutput = 1024;

std::string hash_hex(const std::string& hash, const std::string& data_hex) {
  auto h = hash_named(hash);
  auto data = bytes(data_hex);
  if (!h || !data) return {};
  return tlsscope::to_hex(tlsscope::digest(*h, *data));
}

std::string hmac_hex(const std::string& hash, const std::string& key_hex,
                     const std::string& data_hex) {
  auto h = hash_named(hash);
  auto key = bytes(key_hex);
  auto data = bytes(data_hex);
  if (!h || !key || !data) return {};
  return tlsscope::to_hex(tlsscope::hmac(*h, *key, *data));
}

/// PRF(secret, label, seed)[0..length) of RFC 5246 §5.
std::string tls12_prf_hex(const std::string& hash, const std::string& secret_hex,
                          const std::string& label, const std::string& seed_hex, int length) {
  auto h = hash_named(hash);
  auto secret = bytes(secret_hex);
  auto seed = bytes(seed_hex);
  if (!h || (*h != Hash::sha256 && *h != Hash::sha384) || !secret || !seed || length <= 0 ||
      length > kMaxOutput)
    return {};
  return tlsscope::to_hex(
      tlsscope::tls12_prf(*h, *secret, label, {*seed}, static_cast<std::size_t>(length)));
}

std::string hkdf_extract_hex(const std::string& hash, const std::string& salt_hex,
                             const std::string& ikm_hex) {
  auto h = hash_named(hash);
  auto salt = bytes(salt_hex);
  auto ikm = bytes(ikm_hex);
  if (!h || !salt || !ikm) return {};
  return tlsscope::to_hex(tlsscope::hkdf_extract(*h, *salt, *ikm));
}

/// HKDF-Expand-Label(secret, label, context, length) of RFC 8446 §7.1.
std::string hkdf_expand_label_hex(const std::string& hash, const std::string& secret_hex,
                                  const std::string& label, const std::string& context_hex,
                                  int length) {
  auto h = hash_named(hash);
  auto secret = bytes(secret_hex);
  auto context = bytes(context_hex);
  if (!h || !secret || !context || length <= 0 || length > 255 * 64) return {};
  return tlsscope::to_hex(tlsscope::hkdf_expand_label(*h, *secret, label, *context,
                                                      static_cast<std::size_t>(length)));
}

/// The ECDHE shared secret (x25519, or the X coordinate on a NIST curve).
std::string ecdh_hex(const std::string& group, const std::string& private_hex,
                     const std::string& peer_public_hex) {
  const auto* g = group_named(group);
  auto priv = bytes(private_hex);
  auto peer = bytes(peer_public_hex);
  if (!g || !priv || !peer || priv->size() != g->secret_len) return {};
  auto shared = tlsscope::ecdh_shared_secret(*g, *priv, *peer);
  return shared ? tlsscope::to_hex(*shared) : std::string();
}

}  // namespace

using tlsscope::wasm::set_result;

// (pointer, length) → string, for the parameter lists below.
#define TEXT(name) const char *name##_p, std::size_t name##_n
#define STR(name) std::string(name##_p, name##_n)

extern "C" {

EMSCRIPTEN_KEEPALIVE std::size_t tlsscope_hash_hex(TEXT(hash), TEXT(data)) {
  return set_result(hash_hex(STR(hash), STR(data)));
}
EMSCRIPTEN_KEEPALIVE std::size_t tlsscope_hmac_hex(TEXT(hash), TEXT(key), TEXT(data)) {
  return set_result(hmac_hex(STR(hash), STR(key), STR(data)));
}
EMSCRIPTEN_KEEPALIVE std::size_t tlsscope_tls12_prf_hex(TEXT(hash), TEXT(secret), TEXT(label),
                                                        TEXT(seed), int length) {
  return set_result(tls12_prf_hex(STR(hash), STR(secret), STR(label), STR(seed), length));
}
EMSCRIPTEN_KEEPALIVE std::size_t tlsscope_hkdf_extract_hex(TEXT(hash), TEXT(salt), TEXT(ikm)) {
  return set_result(hkdf_extract_hex(STR(hash), STR(salt), STR(ikm)));
}
EMSCRIPTEN_KEEPALIVE std::size_t tlsscope_hkdf_expand_label_hex(TEXT(hash), TEXT(secret),
                                                                TEXT(label), TEXT(context),
                                                                int length) {
  return set_result(
      hkdf_expand_label_hex(STR(hash), STR(secret), STR(label), STR(context), length));
}
EMSCRIPTEN_KEEPALIVE std::size_t tlsscope_ecdh_hex(TEXT(group), TEXT(priv), TEXT(peer)) {
  return set_result(ecdh_hex(STR(group), STR(priv), STR(peer)));
}

}  // extern "C"
