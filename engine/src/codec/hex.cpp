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

namespace {

// `value` in `base`, zeros in front up to `min_digits` (after the minus sign, if any).
std::string padded_number(std::int64_t value, int min_digits, int base) {
  char buf[24];
  const std::uint64_t magnitude =
      value < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  const auto end = std::to_chars(buf, buf + sizeof buf, magnitude, base).ptr;
  const auto digits = static_cast<int>(end - buf);
  return std::string(value < 0 ? "-" : "") +
         std::string(static_cast<std::size_t>(std::max(0, min_digits - digits)), '0') +
         std::string(buf, end);
}

}  // namespace

std::string hex_number(std::uint32_t value, int min_digits) {
  return padded_number(value, min_digits, 16);
}

std::string decimal_number(std::int64_t value, int min_digits) {
  return padded_number(value, min_digits, 10);
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
