// Says what kind of address an IP is, so the policy can refuse the ones a public relay must
// never reach. IPv6 forms that embed an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64,
// 6to4) are judged by the address they embed: ::ffff:127.0.0.1 is loopback.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <optional>
#include <string>

namespace tlsscope::relay {

enum class address_class {
  global,         // publicly routable unicast
  unspecified,    // 0.0.0.0/8, ::
  loopback,       // 127.0.0.0/8, ::1
  private_use,    // 10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10, 64:ff9b:1::/48
  link_local,     // 169.254/16, fe80::/10
  shared_cgnat,   // 100.64/10 (RFC 6598)
  multicast,      // 224/4, ff00::/8
  broadcast,      // 255.255.255.255
  documentation,  // 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32, 3fff::/20
  benchmarking,   // 198.18/15, 2001:2::/48
  reserved,       // 240/4, 192.0.0/24, 192.88.99/24, 100::/64, 2001::/23, outside 2000::/3
};

struct classification {
  address_class kind = address_class::global;
  // How an IPv6 address carried the IPv4 one that decided, e.g. "IPv4-mapped"; empty if direct.
  std::string via;
};

classification classify(const boost::asio::ip::address& address);

/// The IPv4 address an IPv6 one carries (IPv4-mapped, IPv4-compatible, NAT64, 6to4), if any:
/// a deny list or an exception written for 10.1.2.3 must catch ::ffff:10.1.2.3 too.
std::optional<boost::asio::ip::address_v4> embedded_v4(const boost::asio::ip::address_v6& a);

/// A short name for messages and logs: "loopback", "private", "link-local", ...
const char* to_string(address_class kind);

}  // namespace tlsscope::relay
