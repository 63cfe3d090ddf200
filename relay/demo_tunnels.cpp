#include "demo_tunnels.hpp"

#include "address_range.hpp"

#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace tlsscope::relay {

namespace {

// A dual-stack origin sees a relay that connected over IPv4 as ::ffff:a.b.c.d.
tcp::endpoint plain(const tcp::endpoint& e) {
  const auto a = e.address();
  if (a.is_v6() && a.to_v6().is_v4_mapped())
    return {net::ip::make_address_v4(net::ip::v4_mapped, a.to_v6()), e.port()};
  return e;
}

}  // namespace

std::string demo_tunnels::add(const tcp::endpoint& relay_end, const net::ip::address& client) {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    throw std::runtime_error("no random bytes for a tunnel token");
  static constexpr char digits[] = "0123456789abcdef";
  std::string token;
  for (unsigned char c : bytes) {
    token += digits[c >> 4];
    token += digits[c & 15];
  }
  std::lock_guard lock(mutex_);
  by_endpoint_[plain(relay_end)] = {token, client_network_text(client)};
  return token;
}

void demo_tunnels::remove(const tcp::endpoint& relay_end) {
  std::lock_guard lock(mutex_);
  by_endpoint_.erase(plain(relay_end));
}

std::optional<demo_tunnels::tunnel> demo_tunnels::find(const tcp::endpoint& peer) const {
  std::lock_guard lock(mutex_);
  const auto it = by_endpoint_.find(plain(peer));
  if (it == by_endpoint_.end()) return std::nullopt;
  return it->second;
}

}  // namespace tlsscope::relay
