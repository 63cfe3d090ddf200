#include "relay_error.hpp"

namespace tlsscope::relay {

namespace {

struct row {
  const char* name;
  unsigned status;
  std::uint16_t close;
};

// 1008 is "policy violation", 1009 "message too big", 1001 "going away", 1011 "unexpected
// condition"; the RFC 6455 registry's 1014 ("bad gateway") would fit the connect failures
// better but many client libraries (Beast among them) reject it as reserved.
row lookup(relay_error e) {
  switch (e) {
    case relay_error::bad_request: return {"BAD_REQUEST", 400, 1008};
    case relay_error::origin_forbidden: return {"ORIGIN_FORBIDDEN", 403, 1008};
    case relay_error::limit_reached: return {"LIMIT_REACHED", 429, 1008};
    case relay_error::shutting_down: return {"SHUTTING_DOWN", 503, 1001};
    case relay_error::dns_failed: return {"DNS_FAILED", 502, 1011};
    case relay_error::target_forbidden: return {"TARGET_FORBIDDEN", 403, 1008};
    case relay_error::connect_refused: return {"CONNECT_REFUSED", 502, 1011};
    case relay_error::connect_timeout: return {"CONNECT_TIMEOUT", 504, 1011};
    case relay_error::connect_failed: return {"CONNECT_FAILED", 502, 1011};
    case relay_error::idle_timeout: return {"IDLE_TIMEOUT", 408, 1008};
    case relay_error::message_too_big: return {"MESSAGE_TOO_BIG", 413, 1009};
    case relay_error::target_error: return {"TARGET_ERROR", 502, 1011};
  }
  return {"INTERNAL", 500, 1011};
}

}  // namespace

const char* code_name(relay_error e) { return lookup(e).name; }
unsigned http_status(relay_error e) { return lookup(e).status; }
std::uint16_t close_code(relay_error e) { return lookup(e).close; }

}  // namespace tlsscope::relay
