// Who may use the relay and where it may go. Pure decisions over names, ports, addresses and
// origins; counting open tunnels is tunnel_registry's job.
//
// Address checks run on the *resolved* address the relay is about to connect to, so a name
// that resolves to 127.0.0.1 (or rebinds to it) is refused like the literal.
#pragma once

#include "config.hpp"
#include "net.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlsscope::relay {

class policy {
 public:
  /// `demo_origin` is the embedded origin's bound endpoint, `demo_variants` its variants'
  /// (demo_variants.hpp): the built-in exceptions.
  /// `own_addresses` are the machine's (its interfaces' when not given), refused as targets.
  policy(const config& cfg, std::optional<tcp::endpoint> demo_origin,
         std::vector<tcp::endpoint> demo_variants = {},
         std::optional<std::vector<net::ip::address>> own_addresses = std::nullopt);

  /// Checks the request before any DNS lookup: name patterns and port. Returns why it is
  /// refused, or nothing.
  std::optional<std::string> refuse_target(std::string_view host, std::uint16_t port) const;

  /// Checks one resolved address for the requested name: --deny first, then the exceptions
  /// (--allow, the demo origin), then the machine's own addresses and the address classes.
  std::optional<std::string> refuse_address(std::string_view host,
                                            const tcp::endpoint& resolved) const;

  /// Whether `e` is the demo origin or one of its variants.
  bool is_demo_target(const tcp::endpoint& e) const;

  /// The upgrade's Origin header against the page's own origin (from the Host header) and
  /// --allowed-origin. A missing Origin is accepted: only browsers send one, and they always do.
  bool origin_allowed(std::string_view origin, std::string_view host_header) const;

  /// Whether a page served under this Host header is this server's own: a --public-host
  /// name, a localhost name or an IP literal. Whatever the listen address.
  bool host_header_allowed(std::string_view host_header) const;

 private:
  bool exact_exception(std::string_view host, const tcp::endpoint& resolved) const;
  bool port_allowed(std::uint16_t port) const;

  const config& cfg_;
  std::vector<tcp::endpoint> demo_endpoints_;  // the origin and its variants
  std::vector<net::ip::address> own_addresses_;
};

/// "*.example.com" matches any subdomain of example.com, "*" anything, otherwise exact;
/// case-insensitive, a trailing dot on the name ignored.
bool host_matches(std::string_view pattern, std::string_view host);

/// True for anything that is not a plain name: an IP literal in any spelling the resolver
/// reads, with or without a zone id.
bool is_ip_literal(std::string_view host);

}  // namespace tlsscope::relay
