// The classifier is a function over addresses: tested here without sending a packet.
#include "address_classifier.hpp"

#include <gtest/gtest.h>

namespace tlsscope::relay {
namespace {

address_class kind_of(const char* text) {
  return classify(boost::asio::ip::make_address(text)).kind;
}
std::string via_of(const char* text) { return classify(boost::asio::ip::make_address(text)).via; }

TEST(AddressClassifier, PublicV4IsGlobal) {
  for (const char* a : {"1.1.1.1", "8.8.8.8", "93.184.216.34", "100.63.255.255", "100.128.0.0",
                        "172.15.255.255", "172.32.0.0", "192.167.255.255", "223.255.255.255",
                        "198.17.255.255", "198.20.0.0", "11.0.0.0"})
    EXPECT_EQ(kind_of(a), address_class::global) << a;
}

TEST(AddressClassifier, SpecialV4Ranges) {
  struct {
    const char* address;
    address_class kind;
  } cases[] = {
      {"0.0.0.0", address_class::unspecified},
      {"0.255.255.255", address_class::unspecified},
      {"127.0.0.1", address_class::loopback},
      {"127.255.255.254", address_class::loopback},
      {"10.0.0.1", address_class::private_use},
      {"10.255.255.255", address_class::private_use},
      {"172.16.0.1", address_class::private_use},
      {"172.31.255.255", address_class::private_use},
      {"192.168.1.1", address_class::private_use},
      {"169.254.169.254", address_class::link_local},
      {"100.64.0.1", address_class::shared_cgnat},
      {"100.127.255.255", address_class::shared_cgnat},
      {"224.0.0.1", address_class::multicast},
      {"239.255.255.255", address_class::multicast},
      {"255.255.255.255", address_class::broadcast},
      {"240.0.0.1", address_class::reserved},
      {"255.255.255.254", address_class::reserved},
      {"192.0.0.8", address_class::reserved},
      {"192.88.99.1", address_class::reserved},
      {"192.0.2.1", address_class::documentation},
      {"198.51.100.7", address_class::documentation},
      {"203.0.113.9", address_class::documentation},
      {"198.18.0.1", address_class::benchmarking},
      {"198.19.255.255", address_class::benchmarking},
  };
  for (const auto& c : cases)
    EXPECT_EQ(kind_of(c.address), c.kind) << c.address;
}

TEST(AddressClassifier, PublicV6IsGlobal) {
  for (const char* a :
       {"2606:4700:4700::1111", "2001:4860:4860::8888", "2a00:1450:4001::1", "2400::1"})
    EXPECT_EQ(kind_of(a), address_class::global) << a;
}

TEST(AddressClassifier, SpecialV6Ranges) {
  struct {
    const char* address;
    address_class kind;
  } cases[] = {
      {"::", address_class::unspecified},
      {"::1", address_class::loopback},
      {"fe80::1", address_class::link_local},
      {"febf::1", address_class::link_local},
      {"fc00::1", address_class::private_use},
      {"fd12:3456::1", address_class::private_use},
      {"fec0::1", address_class::private_use},
      {"ff02::1", address_class::multicast},
      {"ff0e::1", address_class::multicast},
      {"2001:db8::1", address_class::documentation},
      {"3fff::1", address_class::documentation},
      {"2001::1", address_class::reserved},
      {"2001:2::1", address_class::benchmarking},
      {"100::1", address_class::reserved},
      {"64:ff9b:1::a00:1", address_class::private_use},
      {"4000::1", address_class::reserved},
      {"1::", address_class::reserved},
  };
  for (const auto& c : cases)
    EXPECT_EQ(kind_of(c.address), c.kind) << c.address;
}

TEST(AddressClassifier, EmbeddedV4IsJudgedByTheV4Address) {
  EXPECT_EQ(kind_of("::ffff:127.0.0.1"), address_class::loopback);
  EXPECT_EQ(via_of("::ffff:127.0.0.1"), "IPv4-mapped");
  EXPECT_EQ(kind_of("::ffff:10.1.2.3"), address_class::private_use);
  EXPECT_EQ(kind_of("::ffff:169.254.169.254"), address_class::link_local);
  EXPECT_EQ(kind_of("::ffff:8.8.8.8"), address_class::global);
  EXPECT_EQ(kind_of("64:ff9b::127.0.0.1"), address_class::loopback);
  EXPECT_EQ(via_of("64:ff9b::7f00:1"), "NAT64");
  EXPECT_EQ(kind_of("64:ff9b::192.168.0.1"), address_class::private_use);
  EXPECT_EQ(kind_of("64:ff9b::8.8.8.8"), address_class::global);
  EXPECT_EQ(kind_of("::127.0.0.1"), address_class::loopback);
  EXPECT_EQ(via_of("::10.0.0.1"), "IPv4-compatible");
  EXPECT_EQ(kind_of("2002:7f00:1::1"), address_class::loopback);
  EXPECT_EQ(via_of("2002:c0a8:101::1"), "6to4");
  EXPECT_EQ(kind_of("2002:c0a8:101::1"), address_class::private_use);
  EXPECT_EQ(kind_of("2002:808:808::1"), address_class::global);
  EXPECT_EQ(via_of("127.0.0.1"), "");
  // ::2 reads as IPv4-compatible 0.0.0.2: blocked either way.
  EXPECT_NE(kind_of("::2"), address_class::global);
}

TEST(AddressClassifier, NamesAreShortAndDistinct) {
  EXPECT_STREQ(to_string(address_class::loopback), "loopback");
  EXPECT_STREQ(to_string(address_class::private_use), "private");
  EXPECT_STREQ(to_string(address_class::link_local), "link-local");
  EXPECT_STRNE(to_string(address_class::global), to_string(address_class::reserved));
}

}  // namespace
}  // namespace tlsscope::relay
