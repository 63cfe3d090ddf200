// Key-exchange groups (RFC 8422 §5.1.1, RFC 7748) the engine implements.
#pragma once
#include <cstdint>
#include <span>
#include <string_view>

namespace tlsscope {

struct GroupInfo {
  std::uint16_t id;
  std::string_view name;
  int br_curve;               // BearSSL curve id (BR_EC_*)
  std::uint8_t public_len;    // x25519: 32; NIST curves: uncompressed point 04||X||Y
  std::uint8_t secret_len;    // length of the shared secret (the X coordinate)
};

std::span<const GroupInfo> supported_groups();
const GroupInfo* find_group(std::uint16_t id);

}  // namespace tlsscope
