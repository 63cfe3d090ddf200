// Address ranges an operator writes on the command line (--deny, --trusted-proxy) and the
// "network" a client is counted by. A range written for IPv4 also catches that IPv4 address
// wrapped in IPv6 (::ffff:10.1.2.3, 64:ff9b::a01:203, 2002:a01:203::), so no spelling of a
// denied address gets through.
#pragma once

#include "net.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlsscope::relay {

/// ADDR or ADDR/BITS; the bits below the prefix length are ignored.
struct address_range {
  net::ip::address base;
  unsigned bits = 0;

  /// True when `a` (or the IPv4 address it carries) is inside.
  bool contains(const net::ip::address& a) const;
  std::string to_string() const;
};

/// "10.0.0.0/8", "192.0.2.7", "fd00::/8", "::1". No zone ids, no names. Nothing if malformed.
std::optional<address_range> parse_address_range(std::string_view text);

bool any_contains(const std::vector<address_range>& ranges, const net::ip::address& a);

/// The address a client is counted by: an IPv4 address (IPv4-mapped ones unwrapped) as it
/// is, an IPv6 address by its /64 — one subscriber usually holds a whole /64, and could
/// otherwise open the per-client limit once per address in it.
net::ip::address client_network(const net::ip::address& a);

/// `address` for an IPv4 network, `prefix::/64` for an IPv6 one; for logs and messages.
std::string client_network_text(const net::ip::address& a);

}  // namespace tlsscope::relay
