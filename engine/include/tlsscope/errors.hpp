// Error codes: one stable code per thing that can go wrong, each with the TLS alert the RFC
// asks the client to send (if any) and a sentence a learner understands, in English and
// Chinese. The table (errors.cpp) is the single source for engine, CLI and page.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tlsscope {

enum class ErrorCode : std::uint8_t {
  // Raised by the caller (CLI, page driver) around the engine.
  bad_url,
  dns_failed,
  connect_refused,
  timeout,
  connection_closed,
  // Record layer.
  bad_record_type,
  bad_record_version,
  record_overflow,
  bad_record_mac,
  // Message syntax and order.
  decode_error,
  unexpected_message,
  handshake_too_large,
  // The server chose something we cannot accept.
  unsupported_version,
  unoffered_choice,
  unsolicited_extension,
  renegotiation_info_invalid,
  bad_key_share,
  version_or_cipher_mismatch,
  downgrade_detected,
  // Certificates and signatures.
  cert_expired,
  cert_not_yet_valid,
  cert_name_invalid,
  cert_authority_invalid,
  cert_self_signed,
  cert_weak_key,
  cert_weak_signature,
  cert_invalid,
  bad_signature,
  bad_finished,
  // The server said stop.
  alert_received,
  // Our own bug or a misuse of the API.
  internal_error,
};

struct ErrorInfo {
  ErrorCode code;
  std::string_view name;       ///< Stable upper-case code, e.g. "CERT_EXPIRED".
  int alert;                   ///< Alert description the client sends, or -1 for none.
  std::string_view sentence_en;
  std::string_view sentence_zh;
};

const ErrorInfo& error_info(ErrorCode code);
std::optional<ErrorCode> error_code_from_name(std::string_view name);

/// A failure as reported to the caller: the code, plus a detail that names what exactly
/// was wrong (e.g. "ServerHello: 3 bytes left over").
struct Error {
  ErrorCode code = ErrorCode::internal_error;
  std::string detail;
  std::string detail_zh{};  ///< The detail in Chinese, where the engine has one (docs/events.md).
  std::string_view name() const { return error_info(code).name; }
};

}  // namespace tlsscope
