// How every name table spells a value it does not know.
#pragma once
#include <cstdint>
#include <cstdio>
#include <string>

namespace tlsscope {

inline std::string unknown_name(unsigned value, int digits = 4) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "unknown (0x%0*x)", digits, value);
  return buf;
}

}  // namespace tlsscope
