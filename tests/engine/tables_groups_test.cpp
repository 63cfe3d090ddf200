// tables/groups: the named groups against the IANA "TLS Supported Groups" registry (code points
// and names), with the share sizes RFC 7748 §6.1 and RFC 8446 §4.2.8.2 give (x25519: 32 bytes;
// NIST curves: the uncompressed point 04 || X || Y, and the X coordinate as the secret).
#include <gtest/gtest.h>

#include <bearssl.h>

#include "tables/groups.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope {
namespace {

TEST(TablesGroups, ImplementedGroupsAreIanasWithTheirSizes) {
  struct Expected {
    std::uint16_t id;
    const char* name;
    int curve;
    int public_len, secret_len;
  };
  const Expected expected[] = {
      {0x001d, "x25519", BR_EC_curve25519, 32, 32},
      {0x0017, "secp256r1", BR_EC_secp256r1, 1 + 2 * 32, 32},
      {0x0018, "secp384r1", BR_EC_secp384r1, 1 + 2 * 48, 48},
  };
  EXPECT_EQ(supported_groups().size(), std::size(expected));
  for (const Expected& e : expected) {
    const GroupInfo* g = find_group(e.id);
    ASSERT_NE(g, nullptr) << e.name;
    EXPECT_EQ(g->id, e.id);
    EXPECT_EQ(g->name, e.name);
    EXPECT_EQ(g->br_curve, e.curve) << e.name;
    EXPECT_EQ(g->public_len, e.public_len) << e.name;
    EXPECT_EQ(g->secret_len, e.secret_len) << e.name;
    EXPECT_EQ(group_name(e.id), e.name);
    EXPECT_EQ(group_by_name(e.name), e.id);
  }
}

TEST(TablesGroups, OtherGroupsAreNamedButNotImplemented) {
  const std::pair<std::uint16_t, const char*> named[] = {
      {0x0019, "secp521r1"}, {0x001e, "x448"}, {0x0100, "ffdhe2048"},
      {0x0101, "ffdhe3072"}, {0x11ec, "X25519MLKEM768"}};
  for (auto [id, name] : named) {
    EXPECT_EQ(group_name(id), name);
    EXPECT_EQ(find_group(id), nullptr) << name << " has no ECDHE implementation here";
  }
  EXPECT_EQ(group_name(0x1234), "unknown (0x1234)");
  EXPECT_EQ(group_name(0), "unknown (0x0000)");
}

// The spellings a user may type (the CLI's --groups, the page's settings).
TEST(TablesGroups, NamesAUserTypesAreFound) {
  EXPECT_EQ(group_by_name("P-256"), 0x0017);
  EXPECT_EQ(group_by_name("P-384"), 0x0018);
  EXPECT_EQ(group_by_name("X25519MLKEM768"), 0x11ec);
  EXPECT_FALSE(group_by_name("X25519").has_value()) << "the IANA name is lower case";
  EXPECT_FALSE(group_by_name("secp521r1").has_value()) << "named, but not one the engine offers";
  EXPECT_FALSE(group_by_name("").has_value());
}

}  // namespace
}  // namespace tlsscope
