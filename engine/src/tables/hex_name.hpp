// How every name table spells a value it does not know.
#pragma once
#include <cstdint>
#include <string>

#include "tlsscope/bytes.hpp"

namespace tlsscope {

inline std::string unknown_name(unsigned value, int digits = 4) {
  return "unknown (0x" + hex_number(value, digits) + ")";
}

}  // namespace tlsscope
