// Logging to stderr: one line per tunnel when it ends, plus start-up and failure notes.
// Nothing of a tunnel's payload is ever passed here, only addresses, counts and reasons.
#pragma once

#include "net.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace tlsscope::relay {

enum class log_format { text, json };

void set_log_format(log_format f);

/// A note for the operator ("demo origin certificate created", ...).
void log_note(std::string_view message);

/// The one place I/O failures are reported; errors that only mean "the peer went away" or
/// "we cancelled it" are dropped.
void fail(beast::error_code ec, std::string_view what);

struct tunnel_record {
  std::string client;    // ip:port of the WebSocket client
  std::string origin;    // Origin header, empty if none
  std::string target;    // host:port as requested
  std::string resolved;  // ip:port connected to, empty if never connected
  std::uint64_t bytes_up = 0;
  std::uint64_t bytes_down = 0;
  std::uint64_t ms = 0;
  std::string end;  // "closed by server", "closed by client", or an error code
};

void log_tunnel(const tunnel_record& r);

}  // namespace tlsscope::relay
