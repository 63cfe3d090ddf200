#include "address_range.hpp"

#include "address_classifier.hpp"

#include <charconv>

namespace tlsscope::relay {

namespace {

template <std::size_t N>
bool same_prefix(const std::array<unsigned char, N>& a, const std::array<unsigned char, N>& b,
                 unsigned bits) {
  for (std::size_t i = 0; bits > 0 && i < N; ++i) {
    const unsigned take = bits >= 8 ? 8 : bits;
    const auto mask = static_cast<unsigned char>(0xFFu << (8 - take));
    if ((a[i] & mask) != (b[i] & mask)) return false;
    bits -= take;
  }
  return true;
}

bool contains_exactly(const address_range& r, const net::ip::address& a) {
  if (r.base.is_v4() != a.is_v4()) return false;
  if (a.is_v4()) return same_prefix(r.base.to_v4().to_bytes(), a.to_v4().to_bytes(), r.bits);
  return same_prefix(r.base.to_v6().to_bytes(), a.to_v6().to_bytes(), r.bits);
}

}  // namespace

bool address_range::contains(const net::ip::address& a) const {
  if (contains_exactly(*this, a)) return true;
  if (a.is_v6())
    if (auto v4 = embedded_v4(a.to_v6())) return contains_exactly(*this, net::ip::address(*v4));
  return false;
}

std::string address_range::to_string() const {
  return base.to_string() + "/" + std::to_string(bits);
}

std::optional<address_range> parse_address_range(std::string_view text) {
  const auto slash = text.find('/');
  std::string host(text.substr(0, slash));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  // make_address reads a C string and accepts zone ids; neither belongs in a range.
  if (host.find('%') != std::string::npos || host.find('\0') != std::string::npos)
    return std::nullopt;
  boost::system::error_code ec;
  auto base = net::ip::make_address(host, ec);
  if (ec) return std::nullopt;
  const unsigned max_bits = base.is_v4() ? 32 : 128;
  unsigned bits = max_bits;
  if (slash != std::string_view::npos) {
    const auto digits = text.substr(slash + 1);
    auto [ptr, err] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
    if (digits.empty() || err != std::errc{} || ptr != digits.data() + digits.size() ||
        bits > max_bits)
      return std::nullopt;
  }
  return address_range{base, bits};
}

bool any_contains(const std::vector<address_range>& ranges, const net::ip::address& a) {
  for (const auto& r : ranges)
    if (r.contains(a)) return true;
  return false;
}

net::ip::address client_network(const net::ip::address& a) {
  if (a.is_v4()) return a;
  const auto v6 = a.to_v6();
  if (v6.is_v4_mapped()) return net::ip::make_address_v4(net::ip::v4_mapped, v6);
  auto bytes = v6.to_bytes();
  for (std::size_t i = 8; i < bytes.size(); ++i)
    bytes[i] = 0;
  return net::ip::make_address_v6(bytes);
}

std::string client_network_text(const net::ip::address& a) {
  const auto n = client_network(a);
  return n.is_v4() ? n.to_string() : n.to_string() + "/64";
}

}  // namespace tlsscope::relay
