// Reading a /relay upgrade request: the target (?host=H&port=P, or the wsproxy-style
// ?address=H:P, or ?target=later for a tunnel opened ahead of its run, whose target comes in
// its first message) and the subprotocol, which decides whether the client gets JSON events.
#pragma once

#include "relay_error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace tlsscope::relay {

inline constexpr std::string_view events_subprotocol = "tlsscope.relay.v1";
inline constexpr std::string_view binary_subprotocol = "binary";

enum class relay_mode {
  events,  // text frames carry JSON events, binary frames carry the bytes
  binary,  // bytes only, text frames included (websockify, Emscripten's socket layer)
};

struct relay_request {
  std::string host;  // a name, or an IP literal without brackets; empty while target_later
  std::uint16_t port = 0;
  // ?target=later: the tunnel is opened before its run, and the target comes in the client's
  // first message, {"type":"connect","host":H,"port":P} (parse_connect_message). The page
  // opens one while the learner reads, so the WebSocket's own opening (~5 ms in Chromium on
  // loopback) is not on a run's path.
  bool target_later = false;
  relay_mode mode = relay_mode::events;
  std::string subprotocol;  // to echo in the handshake; empty when the client asked for none
  std::string token;        // ?token=, checked against --relay-token
};

struct request_refusal {
  relay_error code;
  std::string message;
};

/// True when the request target's path is /relay (whatever the query).
bool is_relay_path(std::string_view target);

/// Parses the request target and the Sec-WebSocket-Protocol header.
std::variant<relay_request, request_refusal> parse_relay_request(std::string_view target,
                                                                 std::string_view subprotocols);

/// Reads a target=later tunnel's connect message into `req` (host and port), with the same
/// rules as the query's host=H&port=P (or address=H:P); a refusal says what is wrong.
std::optional<request_refusal> parse_connect_message(std::string_view json, relay_request& req);

/// How '+' reads: a space in a query (form encoding), itself in a path.
enum class plus { space, literal };

/// Decodes %XX escapes; nothing if one is malformed.
std::optional<std::string> percent_decode(std::string_view text, plus plus_sign);

}  // namespace tlsscope::relay
