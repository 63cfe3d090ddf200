// Address ranges (--deny, --trusted-proxy) and the network a client is counted by.
#include "address_range.hpp"

#include <gtest/gtest.h>

namespace tlsscope::relay {
namespace {

net::ip::address ip(const char* text) { return net::ip::make_address(text); }

TEST(AddressRange, ParsesAddressesAndPrefixes) {
  EXPECT_EQ(parse_address_range("10.0.0.0/8")->to_string(), "10.0.0.0/8");
  EXPECT_EQ(parse_address_range("192.0.2.7")->to_string(), "192.0.2.7/32");
  EXPECT_EQ(parse_address_range("[fd00::]/8")->to_string(), "fd00::/8");
  for (const char* bad : {"", "10.0.0.0/33", "fd00::/129", "10.0.0.0/", "10.0.0.0/x",
                          "fe80::1%eth0", "example.com", "10.0.0.0/8/8"})
    EXPECT_FALSE(parse_address_range(bad)) << bad;
}

// A range written for IPv4 also catches that address wrapped in IPv6.
TEST(AddressRange, CatchesEveryWrappingOfAnIPv4Address) {
  const auto r = *parse_address_range("10.0.0.0/8");
  for (const char* inside : {"10.1.2.3", "::ffff:10.1.2.3", "::10.1.2.3", "64:ff9b::a01:203",
                             "2002:a01:203::1"})
    EXPECT_TRUE(r.contains(ip(inside))) << inside;
  for (const char* outside : {"11.0.0.1", "::ffff:11.0.0.1", "2001:db8::a01:203", "::1"})
    EXPECT_FALSE(r.contains(ip(outside))) << outside;
  const auto v6 = *parse_address_range("2001:db8::/32");
  EXPECT_TRUE(v6.contains(ip("2001:db8:ffff::1")));
  EXPECT_FALSE(v6.contains(ip("2001:db9::1")));
}

// Issue 18, item 7: an IPv6 client is counted by its /64, an IPv4 one by its address.
TEST(AddressRange, ClientsAreCountedByNetwork) {
  EXPECT_EQ(client_network(ip("2001:db8:1:2:aaaa::1")), ip("2001:db8:1:2::"));
  EXPECT_EQ(client_network(ip("2001:db8:1:2:bbbb::9")), ip("2001:db8:1:2::"));
  EXPECT_NE(client_network(ip("2001:db8:1:3::1")), ip("2001:db8:1:2::"));
  EXPECT_EQ(client_network(ip("::ffff:192.0.2.1")), ip("192.0.2.1"));
  EXPECT_EQ(client_network(ip("192.0.2.1")), ip("192.0.2.1"));
  EXPECT_EQ(client_network_text(ip("2001:db8::5")), "2001:db8::/64");
  EXPECT_EQ(client_network_text(ip("192.0.2.1")), "192.0.2.1");
}

}  // namespace
}  // namespace tlsscope::relay
