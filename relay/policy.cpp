#include "policy.hpp"

#include "address_classifier.hpp"

#include <ifaddrs.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace tlsscope::relay {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view strip_trailing_dot(std::string_view s) {
  if (!s.empty() && s.back() == '.') s.remove_suffix(1);
  return s;
}

std::optional<net::ip::address> parse_ip(std::string_view text) {
  boost::system::error_code ec;
  auto address = net::ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  return address;
}

// v4-mapped v6 and plain v4 are the same host for an exact --allow match.
net::ip::address unmapped(const net::ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped())
    return net::ip::make_address_v4(net::ip::v4_mapped, a.to_v6());
  return a;
}

// The Host header without its port, lower case, brackets removed from an IPv6 literal.
std::string host_header_name(std::string_view host_header) {
  std::string_view name = host_header;
  if (!name.empty() && name.front() == '[') {
    name = name.substr(1, name.find(']') - 1);
  } else if (auto colon = name.rfind(':'); colon != std::string_view::npos) {
    name = name.substr(0, colon);
  }
  return lower(name);
}

bool is_localhost_name(std::string_view name) {
  name = strip_trailing_dot(name);
  return name == "localhost" || name.ends_with(".localhost");
}

// The machine's own interface addresses: a public relay must not reach itself (its page, a
// proxy in front of it, virtual hosts that trust their own address) through them.
std::vector<net::ip::address> interface_addresses() {
  std::vector<net::ip::address> out;
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return out;
  for (const ifaddrs* i = list; i; i = i->ifa_next) {
    if (!i->ifa_addr) continue;
    if (i->ifa_addr->sa_family == AF_INET) {
      net::ip::address_v4::bytes_type b;
      std::memcpy(b.data(), &reinterpret_cast<const sockaddr_in*>(i->ifa_addr)->sin_addr, 4);
      out.push_back(net::ip::make_address_v4(b));
    } else if (i->ifa_addr->sa_family == AF_INET6) {
      net::ip::address_v6::bytes_type b;
      std::memcpy(b.data(), &reinterpret_cast<const sockaddr_in6*>(i->ifa_addr)->sin6_addr, 16);
      out.push_back(net::ip::make_address_v6(b));
    }
  }
  ::freeifaddrs(list);
  return out;
}

}  // namespace

bool host_matches(std::string_view pattern, std::string_view host) {
  // Name patterns are about names: "*.example.com" must not match
  // "::ffff:127.0.0.1%25.example.com", nor "1.1.1.1" match a pattern an address was written in
  // (deny addresses with --deny, which sees every spelling).
  if (is_ip_literal(host)) return false;
  const auto p = lower(strip_trailing_dot(pattern));
  const auto h = lower(strip_trailing_dot(host));
  if (p == "*") return true;
  if (p.starts_with("*.")) {
    const std::string_view suffix = std::string_view(p).substr(1);  // ".example.com"
    return h.size() > suffix.size() && h.ends_with(suffix);
  }
  return p == h;
}

bool is_ip_literal(std::string_view host) {
  // A zone id or anything after a NUL makes it no address the relay will use, and no name.
  if (host.find_first_of(std::string_view("%\0", 2)) != std::string_view::npos) return true;
  if (host.find(':') != std::string_view::npos || parse_ip(host)) return true;
  // Every IPv4 spelling the system resolver reads: 2130706433, 0x7f.1, 0177.0.0.1, 127.1.
  in_addr ignored{};
  return ::inet_aton(std::string(host).c_str(), &ignored) != 0;
}

policy::policy(const config& cfg, std::optional<tcp::endpoint> demo_origin,
               std::vector<tcp::endpoint> demo_variants,
               std::optional<std::vector<net::ip::address>> own_addresses)
    : cfg_(cfg),
      demo_endpoints_(std::move(demo_variants)),
      own_addresses_(own_addresses ? std::move(*own_addresses) : interface_addresses()) {
  if (demo_origin) demo_endpoints_.insert(demo_endpoints_.begin(), *demo_origin);
}

bool policy::port_allowed(std::uint16_t port) const {
  return std::any_of(cfg_.allowed_ports.begin(), cfg_.allowed_ports.end(),
                     [&](const auto& r) { return port >= r.first && port <= r.second; });
}

std::optional<std::string> policy::refuse_target(std::string_view host, std::uint16_t port) const {
  if (!cfg_.allowed_host_patterns.empty() && is_ip_literal(host))
    return "this relay connects only to names on its allow list, and " + std::string(host) +
           " is an IP address";
  for (const auto& pattern : cfg_.denied_host_patterns)
    if (host_matches(pattern, host))
      return "the name " + std::string(host) + " is on this relay's deny list";
  if (!cfg_.allowed_host_patterns.empty() &&
      std::none_of(cfg_.allowed_host_patterns.begin(), cfg_.allowed_host_patterns.end(),
                   [&](const auto& pattern) { return host_matches(pattern, host); }))
    return "the name " + std::string(host) + " is not on this relay's allow list";

  // An exception or the demo origin may make a blocked port reachable; whether it really
  // applies is decided on the resolved address.
  const bool excepted_port = std::any_of(cfg_.allowed_targets.begin(), cfg_.allowed_targets.end(),
                                         [&](const host_port& t) { return t.port == port; }) ||
                             std::any_of(demo_endpoints_.begin(), demo_endpoints_.end(),
                                         [&](const tcp::endpoint& d) { return d.port() == port; });
  if (!port_allowed(port) && !excepted_port)
    return "port " + std::to_string(port) + " is not allowed by this relay";
  return std::nullopt;
}

bool policy::exact_exception(std::string_view host, const tcp::endpoint& resolved) const {
  const auto address = unmapped(resolved.address());
  for (const auto& t : cfg_.allowed_targets) {
    if (t.port != resolved.port()) continue;
    if (auto ip = parse_ip(t.host)) {
      if (unmapped(*ip) == address) return true;
    } else if (host_matches(t.host, host)) {
      return true;
    }
  }
  return is_demo_target(resolved);
}

bool policy::is_demo_target(const tcp::endpoint& e) const {
  const auto address = unmapped(e.address());
  for (const auto& d : demo_endpoints_) {
    if (d.port() != e.port()) continue;
    const auto demo = unmapped(d.address());
    // An origin bound to 0.0.0.0 or :: is reached through loopback.
    if (demo == address || (demo.is_unspecified() && address.is_loopback())) return true;
  }
  return false;
}

std::optional<std::string> policy::refuse_address(std::string_view host,
                                                  const tcp::endpoint& resolved) const {
  const auto& address = resolved.address();
  // Behind a network's own NAT64 prefix an address is the IPv4 address it ends with.
  std::optional<net::ip::address> via_nat64;
  for (const auto& prefix : cfg_.nat64_prefixes)
    if (address.is_v6() && prefix.contains(address)) {
      const auto b = address.to_v6().to_bytes();
      via_nat64 = net::ip::make_address_v4(net::ip::address_v4::bytes_type{b[12], b[13], b[14], b[15]});
    }
  if (any_contains(cfg_.denied_addresses, address) ||
      (via_nat64 && any_contains(cfg_.denied_addresses, *via_nat64)))
    return address.to_string() + " is on this relay's deny list";
  if (exact_exception(host, resolved)) return std::nullopt;
  const auto plain = unmapped(address);
  for (const auto& own : own_addresses_)
    if (!own.is_loopback() && unmapped(own) == plain)
      return address.to_string() + " is this relay's own address, which it does not connect to";
  if (!port_allowed(resolved.port()))
    return "port " + std::to_string(resolved.port()) + " is not allowed by this relay";
  auto c = classify(via_nat64 ? *via_nat64 : resolved.address());
  if (via_nat64) c.via = "NAT64, --nat64-prefix";
  if (c.kind != address_class::global) {
    std::string why = resolved.address().to_string() + " is a " + to_string(c.kind);
    if (!c.via.empty()) why += " (" + c.via + ")";
    return why + " address, which this relay does not connect to";
  }
  return std::nullopt;
}

bool policy::host_header_allowed(std::string_view host_header) const {
  const auto full = lower(host_header);
  const auto name = host_header_name(host_header);
  for (const auto& h : cfg_.public_hosts)
    if (h == full || h == name) return true;
  // The machine's own names and addresses: no other site's page can be served under them. A
  // name of the attacker's own (evil.example resolving to 127.0.0.1 or to this server: DNS
  // rebinding) is neither.
  return is_localhost_name(name) || parse_ip(name).has_value();
}

bool policy::origin_allowed(std::string_view origin, std::string_view host_header) const {
  if (origin.empty()) return true;
  const auto o = lower(origin);
  for (const auto& allowed : cfg_.allowed_origins) {
    auto a = lower(allowed);
    if (a.ends_with('/')) a.pop_back();
    if (a == "*" || a == o) return true;
  }
  // Same origin as the page, under a name the page may be served under (above).
  if (host_header.empty() || !host_header_allowed(host_header)) return false;
  const auto h = lower(host_header);
  return o == "http://" + h || o == "https://" + h;
}

}  // namespace tlsscope::relay
