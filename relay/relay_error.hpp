// The relay's failure codes, in one table: the name a client sees in an "error" event, the
// HTTP status when the upgrade is refused, and the WebSocket close code after an upgrade.
#pragma once

#include <cstdint>

namespace tlsscope::relay {

enum class relay_error {
  bad_request,       // malformed /relay request or control message
  origin_forbidden,  // the page's Origin is not allowed
  limit_reached,     // tunnel count, bytes or lifetime limit
  shutting_down,     // the server is stopping
  dns_failed,        // the name did not resolve
  target_forbidden,  // the policy refuses the port, the name or every resolved address
  connect_refused,   // the target answered with RST
  connect_timeout,   // no answer to the SYN in time
  connect_failed,    // any other connect failure (unreachable network, ...)
  idle_timeout,      // no data bytes either way for too long
  message_too_big,   // a client message over --max-message
  target_error,      // the target connection failed after it was established
};

/// "BAD_REQUEST", "DNS_FAILED", ...: stable, documented in docs/relay-protocol.md.
const char* code_name(relay_error e);

/// Status for a refusal before the upgrade (only the codes that can happen then).
unsigned http_status(relay_error e);

/// Close code sent after the "error" event.
std::uint16_t close_code(relay_error e);

}  // namespace tlsscope::relay
