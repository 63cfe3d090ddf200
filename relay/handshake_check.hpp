// The WebSocket opening handshake's own rules (RFC 6455 section 4.2.1), checked before the
// relay spends anything on the request: Beast would refuse the same requests, but with a plain
// text body, after a tunnel slot was taken, and it lets a key of the wrong length through.
#pragma once

#include "net.hpp"

#include <optional>
#include <string>

namespace tlsscope::relay {

struct handshake_refusal {
  http::status status;  // 400, or 426 for a version the relay does not speak (section 4.4)
  std::string message;  // for a learner
};

/// Checks an upgrade request (already known to ask for `Upgrade: websocket`) for a Host, one
/// Sec-WebSocket-Key that is 16 bytes in base64, and Sec-WebSocket-Version 13.
std::optional<handshake_refusal> check_handshake(const http::request_header<>& req);

/// The only version there is; a 426 names it in Sec-WebSocket-Version.
inline constexpr const char* websocket_version = "13";

}  // namespace tlsscope::relay
