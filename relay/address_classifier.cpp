#include "address_classifier.hpp"

#include <array>
#include <cstdint>

namespace tlsscope::relay {

namespace {

using v4_bytes = std::array<unsigned char, 4>;
using v6_bytes = std::array<unsigned char, 16>;

// True when the first `bits` bits of `a` equal those of `prefix`.
template <std::size_t N>
bool in_prefix(const std::array<unsigned char, N>& a, const std::array<unsigned char, N>& prefix,
               unsigned bits) {
  for (std::size_t i = 0; bits > 0; ++i) {
    const unsigned take = bits >= 8 ? 8 : bits;
    const auto mask = static_cast<unsigned char>(0xFFu << (8 - take));
    if ((a[i] & mask) != (prefix[i] & mask)) return false;
    bits -= take;
  }
  return true;
}

struct v4_range {
  v4_bytes prefix;
  unsigned bits;
  address_class kind;
};

// IANA IPv4 Special-Purpose Address Registry, the entries that are not globally reachable.
// 192.0.0.9 and 192.0.0.10 are reachable anycast services but a TLS demo has no use for them.
constexpr std::array<v4_range, 16> v4_special = {{
    {{0, 0, 0, 0}, 8, address_class::unspecified},
    {{10, 0, 0, 0}, 8, address_class::private_use},
    {{100, 64, 0, 0}, 10, address_class::shared_cgnat},
    {{127, 0, 0, 0}, 8, address_class::loopback},
    {{169, 254, 0, 0}, 16, address_class::link_local},
    {{172, 16, 0, 0}, 12, address_class::private_use},
    {{192, 0, 0, 0}, 24, address_class::reserved},
    {{192, 0, 2, 0}, 24, address_class::documentation},
    {{192, 88, 99, 0}, 24, address_class::reserved},
    {{192, 168, 0, 0}, 16, address_class::private_use},
    {{198, 18, 0, 0}, 15, address_class::benchmarking},
    {{198, 51, 100, 0}, 24, address_class::documentation},
    {{203, 0, 113, 0}, 24, address_class::documentation},
    {{224, 0, 0, 0}, 4, address_class::multicast},
    {{255, 255, 255, 255}, 32, address_class::broadcast},
    {{240, 0, 0, 0}, 4, address_class::reserved},
}};

address_class classify_v4(const v4_bytes& a) {
  for (const auto& r : v4_special)
    if (in_prefix(a, r.prefix, r.bits)) return r.kind;
  return address_class::global;
}

v4_bytes v4_at(const v6_bytes& a, std::size_t offset) {
  return {a[offset], a[offset + 1], a[offset + 2], a[offset + 3]};
}

struct v6_range {
  v6_bytes prefix;
  unsigned bits;
  address_class kind;
};

constexpr std::array<v6_range, 10> v6_special = {{
    {{0x01, 0x00}, 64, address_class::reserved},                              // 100::/64 discard
    {{0x20, 0x01, 0x00, 0x02, 0x00, 0x00}, 48, address_class::benchmarking},  // 2001:2::/48
    {{0x20, 0x01, 0x0d, 0xb8}, 32, address_class::documentation},             // 2001:db8::/32
    {{0x20, 0x01}, 23, address_class::reserved},       // 2001::/23, Teredo included
    {{0x3f, 0xff}, 20, address_class::documentation},  // 3fff::/20 (RFC 9637)
    {{0x00, 0x64, 0xff, 0x9b, 0x00, 0x01}, 48, address_class::private_use},  // 64:ff9b:1::/48
    {{0xfc}, 7, address_class::private_use},                                 // unique local
    {{0xfe, 0x80}, 10, address_class::link_local},
    {{0xfe, 0xc0}, 10, address_class::private_use},  // deprecated site-local
    {{0xff}, 8, address_class::multicast},
}};

// The IPv6 forms that carry an IPv4 address, and where it sits. `::` and `::1` are in the
// IPv4-compatible range but are IPv6's own unspecified and loopback addresses.
struct v4_wrapper {
  v6_bytes prefix;
  unsigned bits;
  std::size_t offset;
  const char* via;
};
constexpr std::array<v4_wrapper, 4> v4_wrappers = {{
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, 96, 12, "IPv4-mapped"},
    // ::a.b.c.d (deprecated IPv4-compatible); some stacks still route it as IPv4.
    {{}, 96, 12, "IPv4-compatible"},
    {{0x00, 0x64, 0xff, 0x9b}, 96, 12, "NAT64"},
    {{0x20, 0x02}, 16, 2, "6to4"},
}};

classification classify_v6(const v6_bytes& a) {
  constexpr v6_bytes zero{};
  constexpr v6_bytes loopback{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

  if (a == zero) return {address_class::unspecified, {}};
  if (a == loopback) return {address_class::loopback, {}};
  for (const auto& w : v4_wrappers)
    if (in_prefix(a, w.prefix, w.bits)) return {classify_v4(v4_at(a, w.offset)), w.via};
  for (const auto& r : v6_special)
    if (in_prefix(a, r.prefix, r.bits)) return {r.kind, {}};
  // Only 2000::/3 is allocated as global unicast.
  if ((a[0] & 0xE0) != 0x20) return {address_class::reserved, {}};
  return {address_class::global, {}};
}

}  // namespace

classification classify(const boost::asio::ip::address& address) {
  if (address.is_v4()) return {classify_v4(address.to_v4().to_bytes()), {}};
  return classify_v6(address.to_v6().to_bytes());
}

std::optional<boost::asio::ip::address_v4> embedded_v4(const boost::asio::ip::address_v6& a) {
  const auto bytes = a.to_bytes();
  if (a.is_unspecified() || a.is_loopback()) return std::nullopt;
  for (const auto& w : v4_wrappers)
    if (in_prefix(bytes, w.prefix, w.bits))
      return boost::asio::ip::make_address_v4(v4_at(bytes, w.offset));
  return std::nullopt;
}

const char* to_string(address_class kind) {
  switch (kind) {
    case address_class::global: return "global";
    case address_class::unspecified: return "unspecified";
    case address_class::loopback: return "loopback";
    case address_class::private_use: return "private";
    case address_class::link_local: return "link-local";
    case address_class::shared_cgnat: return "shared (CGNAT)";
    case address_class::multicast: return "multicast";
    case address_class::broadcast: return "broadcast";
    case address_class::documentation: return "documentation";
    case address_class::benchmarking: return "benchmarking";
    case address_class::reserved: return "reserved";
  }
  return "unknown";
}

}  // namespace tlsscope::relay
