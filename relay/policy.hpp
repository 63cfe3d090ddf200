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
  policy(const config& cfg, std::optional<tcp::endpoint> demo_origin,
         std::vector<tcp::endpoint> demo_variants = {});

  /// Checks the request before any DNS lookup: name patterns and port. Returns why it is
  /// refused, or nothing.
  std::optional<std::string> refuse_target(std::string_view host, std::uint16_t port) const;

  /// Checks one resolved address for the requested name.
  std::optional<std::string> refuse_address(std::string_view host,
                                            const tcp::endpoint& resolved) const;

  /// The upgrade's Origin header against the page's own origin (from the Host header) and
  /// --allowed-origin. A missing Origin is accepted: only browsers send one, and they always do.
  bool origin_allowed(std::string_view origin, std::string_view host_header) const;

 private:
  bool exact_exception(std::string_view host, const tcp::endpoint& resolved) const;
  bool port_allowed(std::uint16_t port) const;

  const config& cfg_;
  std::vector<tcp::endpoint> demo_endpoints_;  // the origin and its variants
  bool listening_on_loopback_;
};

/// "*.example.com" matches any subdomain of example.com, "*" anything, otherwise exact;
/// case-insensitive, a trailing dot on the name ignored.
bool host_matches(std::string_view pattern, std::string_view host);

}  // namespace tlsscope::relay
