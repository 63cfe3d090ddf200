#include "handshake_check.hpp"

#include <algorithm>

namespace tlsscope::relay {

namespace {

bool is_base64_digit(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

// 16 bytes in base64 are 22 digits and "==".
bool is_16_byte_base64(std::string_view key) {
  return key.size() == 24 && key.ends_with("==") &&
         std::all_of(key.begin(), key.begin() + 22, is_base64_digit);
}

handshake_refusal bad(std::string message) {
  return {http::status::bad_request, std::move(message)};
}

}  // namespace

std::optional<handshake_refusal> check_handshake(const http::request_header<>& req) {
  // Section 4.1: "The request MUST contain a |Host| header field".
  if (req.count(http::field::host) != 1) return bad("a WebSocket upgrade needs exactly one Host");
  // Section 4.2.1 item 5: a Sec-WebSocket-Key that, base64-decoded, is 16 bytes long.
  if (req.count(http::field::sec_websocket_key) != 1)
    return bad("a WebSocket upgrade needs exactly one Sec-WebSocket-Key");
  if (!is_16_byte_base64(to_std(req[http::field::sec_websocket_key])))
    return bad("Sec-WebSocket-Key must be 16 random bytes in base64 (24 characters ending in ==)");
  // Section 4.2.2 and 4.4: a version the server does not speak gets 426 naming the one it does.
  if (req.count(http::field::sec_websocket_version) != 1 ||
      req[http::field::sec_websocket_version] != websocket_version)
    return handshake_refusal{http::status::upgrade_required,
                             "this relay speaks WebSocket version 13 (RFC 6455) only"};
  return std::nullopt;
}

}  // namespace tlsscope::relay
