// Names of protocol constants, for events, the CLI and the page. Each comes from exactly one
// table in engine/src/tables/. Unknown values are named "unknown (0x1234)".
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tlsscope {

std::string version_name(std::uint16_t v);          // 0x0303 → "TLS 1.2"
std::string cipher_suite_name(std::uint16_t id);     // 0xc02f → "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
std::string group_name(std::uint16_t id);            // 0x001d → "x25519"
std::string signature_scheme_name(std::uint16_t id); // 0x0403 → "ecdsa_secp256r1_sha256"
std::string extension_name(std::uint16_t id);        // 0x0000 → "server_name"
std::string alert_name(std::uint8_t description);    // 40 → "handshake_failure"
std::string content_type_name(std::uint8_t type);    // 22 → "handshake"
std::string handshake_type_name(std::uint8_t type);  // 1 → "client_hello"

std::optional<std::uint16_t> cipher_suite_by_name(std::string_view name);
std::optional<std::uint16_t> group_by_name(std::string_view name);

}  // namespace tlsscope
