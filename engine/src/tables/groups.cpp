#include "tables/groups.hpp"

#include <array>
#include <optional>
#include <string>

#include <bearssl.h>

#include "tables/hex_name.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope {
namespace {

constexpr std::array kGroups = {
    GroupInfo{0x001d, "x25519", BR_EC_curve25519, 32, 32},
    GroupInfo{0x0017, "secp256r1", BR_EC_secp256r1, 65, 32},
    GroupInfo{0x0018, "secp384r1", BR_EC_secp384r1, 97, 48},
};

struct OtherGroup {
  std::uint16_t id;
  std::string_view name;
};
constexpr std::array kOtherGroups = {
    OtherGroup{0x0019, "secp521r1"}, OtherGroup{0x001e, "x448"},
    OtherGroup{0x0100, "ffdhe2048"}, OtherGroup{0x0101, "ffdhe3072"},
    OtherGroup{0x11ec, "X25519MLKEM768"},
};

}  // namespace

std::span<const GroupInfo> supported_groups() { return kGroups; }

const GroupInfo* find_group(std::uint16_t id) {
  for (const auto& g : kGroups)
    if (g.id == id) return &g;
  return nullptr;
}

std::string group_name(std::uint16_t id) {
  if (const auto* g = find_group(id)) return std::string(g->name);
  for (const auto& g : kOtherGroups)
    if (g.id == id) return std::string(g.name);
  return unknown_name(id);
}

std::optional<std::uint16_t> group_by_name(std::string_view name) {
  for (const auto& g : kGroups)
    if (g.name == name) return g.id;
  if (name == "P-256") return 0x0017;
  if (name == "P-384") return 0x0018;
  if (name == "X25519MLKEM768") return 0x11ec;
  return std::nullopt;
}

}  // namespace tlsscope
