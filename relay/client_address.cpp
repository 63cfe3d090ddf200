#include "client_address.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

namespace tlsscope::relay {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    const auto at = s.find(sep);
    out.push_back(trim(s.substr(0, at)));
    if (at == std::string_view::npos) return out;
    s.remove_prefix(at + 1);
  }
}

// "192.0.2.60", "192.0.2.60:1234", "[2001:db8::1]", "[2001:db8::1]:443", "2001:db8::1".
std::optional<net::ip::address> parse_node(std::string_view node) {
  if (node.size() >= 2 && node.front() == '"' && node.back() == '"')
    node = node.substr(1, node.size() - 2);
  std::string host;
  if (!node.empty() && node.front() == '[') {
    const auto close = node.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = std::string(node.substr(1, close - 1));
  } else if (std::count(node.begin(), node.end(), ':') == 1) {
    host = std::string(node.substr(0, node.find(':')));
  } else {
    host = std::string(node);
  }
  if (host.find('%') != std::string::npos) return std::nullopt;
  boost::system::error_code ec;
  auto a = net::ip::make_address(host, ec);
  if (ec) return std::nullopt;
  return a;
}

// The for= value of each Forwarded element, in order (RFC 7239 section 4).
std::vector<std::string_view> forwarded_for(std::string_view header) {
  std::vector<std::string_view> out;
  for (auto element : split(header, ',')) {
    std::string_view found;
    for (auto pair : split(element, ';')) {
      const auto eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      auto key = trim(pair.substr(0, eq));
      if (key.size() == 3 && std::tolower(static_cast<unsigned char>(key[0])) == 'f' &&
          std::tolower(static_cast<unsigned char>(key[1])) == 'o' &&
          std::tolower(static_cast<unsigned char>(key[2])) == 'r')
        found = trim(pair.substr(eq + 1));
    }
    out.push_back(found);
  }
  return out;
}

}  // namespace

net::ip::address real_client_address(const net::ip::address& peer, std::string_view forwarded,
                                     std::string_view x_forwarded_for,
                                     const std::vector<address_range>& trusted_proxies) {
  if (!any_contains(trusted_proxies, peer)) return peer;
  const auto hops = !forwarded.empty()          ? forwarded_for(forwarded)
                    : !x_forwarded_for.empty() ? split(x_forwarded_for, ',')
                                                : std::vector<std::string_view>{};
  // From the nearest hop outwards: each trusted proxy vouches for the entry before it.
  auto client = peer;
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    auto node = parse_node(*it);
    if (!node) return client;
    client = *node;
    if (!any_contains(trusted_proxies, client)) return client;
  }
  return client;
}

}  // namespace tlsscope::relay
