#include "tlsscope/bytes.hpp"

#include <algorithm>
#include <charconv>

namespace tlsscope {

std::string to_hex(ByteView b) {
  static constexpr char kDigits[] = "0123456789abcdef";
  // Written through a pointer: every event carries hex, and in wasm each push_back is a call
  // into libc++ (its std::string members are compiled once in the library, not inlined).
  std::string s(b.size() * 2, '\0');
  char* out = s.data();
  for (auto c : b) {
    *out++ = kDigits[c >> 4];
    *out++ = kDigits[c & 15];
  }
  return s;
}

std::string hex_number(std::uint32_t value, int min_digits) {
  char buf[8];
  const auto end = std::to_chars(buf, buf + sizeof buf, value, 16).ptr;
  const auto digits = static_cast<int>(end - buf);
  return std::string(static_cast<std::size_t>(std::max(0, min_digits - digits)), '0') +
         std::string(buf, end);
}

bool from_hex(std::string_view hex, Bytes& out) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (hex.size() % 2) return false;
  out.clear();
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(static_cast<std::uint8_t>(hi << 4 | lo));
  }
  return true;
}

}  // namespace tlsscope
