// Comparison of secret-derived values in time that does not depend on where they differ, so a
// peer timing our answers learns nothing about how much of a forged value was right.
#pragma once
#include "tlsscope/bytes.hpp"

namespace tlsscope {

/// True if `a` and `b` hold the same bytes. The lengths are public; the contents are compared
/// without an early exit.
inline bool equal_constant_time(ByteView a, ByteView b) {
  if (a.size() != b.size()) return false;
  unsigned diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace tlsscope
