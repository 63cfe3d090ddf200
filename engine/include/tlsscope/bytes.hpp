// Byte containers used across the engine's public API.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tlsscope {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

/// Lower-case hex of `b`, no separators ("0a1b…").
std::string to_hex(ByteView b);
/// Lower-case hex of a number, at least `min_digits` digits (zeros in front), no "0x". With
/// decimal_number, the engine's number formatting where std::to_string does not pad (snprintf
/// would bring the C library's printf, 7.8 KB, into the page's wasm).
std::string hex_number(std::uint32_t value, int min_digits = 1);
/// A number in decimal, at least `min_digits` digits (zeros in front, after a minus sign).
std::string decimal_number(std::int64_t value, int min_digits = 1);
/// Parses hex (upper or lower case, no separators); returns false on odd length or a bad digit.
bool from_hex(std::string_view hex, Bytes& out);

inline ByteView as_bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace tlsscope
