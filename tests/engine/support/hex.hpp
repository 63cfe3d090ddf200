// Small readers the engine's tests share: test vectors written as hex (RFCs print them with
// spaces and line breaks), and whether a sentence has Chinese in it.
#pragma once
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "tlsscope/bytes.hpp"

namespace tlsscope::test {

// Hex as the RFCs print it; spaces and line breaks are ignored, anything else must be hex.
inline Bytes h(std::string_view spaced) {
  std::string hex;
  for (char c : spaced)
    if (c != ' ' && c != '\n') hex += c;
  Bytes out;
  EXPECT_TRUE(from_hex(hex, out)) << spaced;
  return out;
}

// UTF-8 lead bytes 0xe4..0xe9 start the CJK Unified Ideographs block U+4E00..U+9FFF.
inline bool has_han(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0xe4 && c <= 0xe9) return true;
  return false;
}

}  // namespace tlsscope::test
