#include "policy.hpp"

#include "address_classifier.hpp"

#include <algorithm>
#include <cctype>

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

// The Host header names the machine itself only through loopback literals or "localhost".
bool host_header_is_loopback(std::string_view host_header) {
  std::string_view name = host_header;
  if (!name.empty() && name.front() == '[') {
    name = name.substr(1, name.find(']') - 1);
  } else if (auto colon = name.rfind(':'); colon != std::string_view::npos) {
    name = name.substr(0, colon);
  }
  if (lower(name) == "localhost") return true;
  auto ip = parse_ip(name);
  return ip && unmapped(*ip).is_loopback();
}

}  // namespace

bool host_matches(std::string_view pattern, std::string_view host) {
  const auto p = lower(strip_trailing_dot(pattern));
  const auto h = lower(strip_trailing_dot(host));
  if (p == "*") return true;
  if (p.starts_with("*.")) {
    const std::string_view suffix = std::string_view(p).substr(1);  // ".example.com"
    return h.size() > suffix.size() && h.ends_with(suffix);
  }
  return p == h;
}

policy::policy(const config& cfg, std::optional<tcp::endpoint> demo_origin,
               std::vector<tcp::endpoint> demo_variants)
    : cfg_(cfg), demo_endpoints_(std::move(demo_variants)) {
  if (demo_origin) demo_endpoints_.insert(demo_endpoints_.begin(), *demo_origin);
  auto listen = parse_ip(cfg.listen.host);
  listening_on_loopback_ = listen && unmapped(*listen).is_loopback();
}

bool policy::port_allowed(std::uint16_t port) const {
  return std::any_of(cfg_.allowed_ports.begin(), cfg_.allowed_ports.end(),
                     [&](const auto& r) { return port >= r.first && port <= r.second; });
}

std::optional<std::string> policy::refuse_target(std::string_view host, std::uint16_t port) const {
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
  for (const auto& d : demo_endpoints_) {
    if (d.port() != resolved.port()) continue;
    const auto demo = unmapped(d.address());
    // An origin bound to 0.0.0.0 or :: is reached through loopback.
    if (demo == address || (demo.is_unspecified() && address.is_loopback())) return true;
  }
  return false;
}

std::optional<std::string> policy::refuse_address(std::string_view host,
                                                  const tcp::endpoint& resolved) const {
  if (exact_exception(host, resolved)) return std::nullopt;
  if (!port_allowed(resolved.port()))
    return "port " + std::to_string(resolved.port()) + " is not allowed by this relay";
  const auto c = classify(resolved.address());
  if (c.kind != address_class::global) {
    std::string why = resolved.address().to_string() + " is a " + to_string(c.kind);
    if (!c.via.empty()) why += " (" + c.via + ")";
    return why + " address, which this relay does not connect to";
  }
  return std::nullopt;
}

bool policy::origin_allowed(std::string_view origin, std::string_view host_header) const {
  if (origin.empty()) return true;
  const auto o = lower(origin);
  for (const auto& allowed : cfg_.allowed_origins) {
    auto a = lower(allowed);
    if (a.ends_with('/')) a.pop_back();
    if (a == "*" || a == o) return true;
  }
  // Same origin as the page. When listening on loopback, only loopback Host names count, so a
  // DNS-rebinding page (evil.example resolving to 127.0.0.1) is not "the page's own origin".
  if (host_header.empty()) return false;
  if (listening_on_loopback_ && !host_header_is_loopback(host_header)) return false;
  const auto h = lower(host_header);
  return o == "http://" + h || o == "https://" + h;
}

}  // namespace tlsscope::relay
