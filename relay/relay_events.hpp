// The JSON text frames a tunnel sends in events mode (see docs/relay-protocol.md).
#pragma once

#include "net.hpp"
#include "relay_error.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlsscope::relay {

/// Milliseconds with microsecond precision, as the events carry them.
double to_ms(std::chrono::steady_clock::duration d);

/// "1.2.3.4:443" or "[2001:db8::1]:443".
std::string endpoint_text(const tcp::endpoint& e);

std::string dns_event(std::string_view host, const std::vector<net::ip::address>& addresses,
                      double ms);
/// `local` only when it tells the learner nothing about the relay's network (loopback);
/// `secrets_token` (GET /origin-secrets) only for a connection to the demo origin; `mss`, the
/// most a TCP segment of the connection carries (TCP_MAXSEG), when the kernel says.
std::string tcp_event(const tcp::endpoint& remote, const std::optional<tcp::endpoint>& local,
                      std::string_view secrets_token, double ms,
                      std::optional<int> mss = std::nullopt);
std::string closed_event(std::string_view by, std::uint64_t bytes_up, std::uint64_t bytes_down,
                         double ms);
std::string error_event(relay_error code, std::string_view message);

}  // namespace tlsscope::relay
