// Names for extensions, alerts, content types, handshake types and versions: one table each.
#include <array>
#include <string>
#include <string_view>

#include "tables/hex_name.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope {
namespace {

template <typename T>
struct Named {
  T value;
  std::string_view name;
};

template <typename T, std::size_t N>
std::string lookup(const std::array<Named<T>, N>& table, T value, int digits) {
  for (const auto& e : table)
    if (e.value == value) return std::string(e.name);
  return unknown_name(value, digits);
}

// IANA "TLS ExtensionType Values".
constexpr std::array<Named<std::uint16_t>, 22> kExtensions = {{
    {0, "server_name"}, {1, "max_fragment_length"}, {5, "status_request"},
    {10, "supported_groups"}, {11, "ec_point_formats"}, {13, "signature_algorithms"},
    {16, "application_layer_protocol_negotiation"}, {18, "signed_certificate_timestamp"},
    {21, "padding"}, {22, "encrypt_then_mac"}, {23, "extended_master_secret"},
    {35, "session_ticket"}, {41, "pre_shared_key"}, {42, "early_data"},
    {43, "supported_versions"}, {44, "cookie"}, {45, "psk_key_exchange_modes"},
    {47, "certificate_authorities"}, {49, "post_handshake_auth"},
    {50, "signature_algorithms_cert"}, {51, "key_share"}, {0xff01, "renegotiation_info"},
}};

// RFC 5246 §7.2 and RFC 8446 §6.
constexpr std::array<Named<std::uint8_t>, 31> kAlerts = {{
    {0, "close_notify"}, {10, "unexpected_message"}, {20, "bad_record_mac"},
    {21, "decryption_failed"}, {22, "record_overflow"}, {30, "decompression_failure"},
    {40, "handshake_failure"}, {41, "no_certificate"}, {42, "bad_certificate"},
    {43, "unsupported_certificate"}, {44, "certificate_revoked"}, {45, "certificate_expired"},
    {46, "certificate_unknown"}, {47, "illegal_parameter"}, {48, "unknown_ca"},
    {49, "access_denied"}, {50, "decode_error"}, {51, "decrypt_error"},
    {70, "protocol_version"}, {71, "insufficient_security"}, {80, "internal_error"},
    {86, "inappropriate_fallback"}, {90, "user_canceled"}, {100, "no_renegotiation"},
    {109, "missing_extension"}, {110, "unsupported_extension"}, {112, "unrecognized_name"},
    {113, "bad_certificate_status_response"}, {115, "unknown_psk_identity"},
    {116, "certificate_required"}, {120, "no_application_protocol"},
}};

// RFC 5246 §6.2.1.
constexpr std::array<Named<std::uint8_t>, 4> kContentTypes = {{
    {20, "change_cipher_spec"}, {21, "alert"}, {22, "handshake"}, {23, "application_data"},
}};

// RFC 5246 §7.4 and RFC 8446 §4.
constexpr std::array<Named<std::uint8_t>, 15> kHandshakeTypes = {{
    {0, "hello_request"}, {1, "client_hello"}, {2, "server_hello"},
    {4, "new_session_ticket"}, {5, "end_of_early_data"}, {8, "encrypted_extensions"},
    {11, "certificate"}, {12, "server_key_exchange"}, {13, "certificate_request"},
    {14, "server_hello_done"}, {15, "certificate_verify"}, {16, "client_key_exchange"},
    {20, "finished"}, {24, "key_update"}, {254, "message_hash"},
}};

constexpr std::array<Named<std::uint16_t>, 5> kVersions = {{
    {0x0300, "SSL 3.0"}, {0x0301, "TLS 1.0"}, {0x0302, "TLS 1.1"},
    {0x0303, "TLS 1.2"}, {0x0304, "TLS 1.3"},
}};

}  // namespace

std::string extension_name(std::uint16_t id) { return lookup(kExtensions, id, 4); }
std::string alert_name(std::uint8_t d) { return lookup(kAlerts, d, 2); }
std::string content_type_name(std::uint8_t t) { return lookup(kContentTypes, t, 2); }
std::string handshake_type_name(std::uint8_t t) { return lookup(kHandshakeTypes, t, 2); }
std::string version_name(std::uint16_t v) { return lookup(kVersions, v, 4); }

}  // namespace tlsscope
