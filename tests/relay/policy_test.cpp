#include "policy.hpp"

#include <gtest/gtest.h>

namespace tlsscope::relay {
namespace {

tcp::endpoint ep(const char* address, std::uint16_t port) {
  return {net::ip::make_address(address), port};
}

TEST(Policy, DefaultsAllowPublic443Only) {
  config cfg;
  policy p(cfg, std::nullopt);
  EXPECT_FALSE(p.refuse_target("example.com", 443));
  EXPECT_FALSE(p.refuse_address("example.com", ep("93.184.216.34", 443)));
  EXPECT_FALSE(p.refuse_address("example.com", ep("2606:2800:220:1::1", 443)));
  auto port = p.refuse_target("example.com", 22);
  ASSERT_TRUE(port);
  EXPECT_NE(port->find("port 22"), std::string::npos);
  EXPECT_TRUE(p.refuse_address("example.com", ep("93.184.216.34", 80)));
}

TEST(Policy, BlocksNonGlobalResolvedAddressesWithAReason) {
  config cfg;
  policy p(cfg, std::nullopt);
  for (const char* a : {"127.0.0.1", "10.0.0.1", "192.168.0.1", "169.254.169.254", "100.64.0.1",
                        "0.0.0.0", "224.0.0.1", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1",
                        "64:ff9b::a00:1", "192.0.2.1", "2001:db8::1"}) {
    auto why = p.refuse_address("rebind.example", ep(a, 443));
    ASSERT_TRUE(why) << a;
    EXPECT_NE(why->find(a), std::string::npos) << *why;
  }
  EXPECT_NE(p.refuse_address("x", ep("::ffff:127.0.0.1", 443))->find("IPv4-mapped"),
            std::string::npos);
}

TEST(Policy, ExactAllowByAddressOpensOnePortOfOneAddress) {
  config cfg;
  cfg.allowed_targets.push_back({"127.0.0.1", 9000});
  policy p(cfg, std::nullopt);
  EXPECT_FALSE(p.refuse_target("127.0.0.1", 9000));
  EXPECT_FALSE(p.refuse_address("127.0.0.1", ep("127.0.0.1", 9000)));
  EXPECT_FALSE(p.refuse_address("localhost", ep("127.0.0.1", 9000)));
  EXPECT_FALSE(p.refuse_address("localhost", ep("::ffff:127.0.0.1", 9000)));
  EXPECT_TRUE(p.refuse_address("127.0.0.1", ep("127.0.0.1", 9001)));
  EXPECT_TRUE(p.refuse_address("127.0.0.2", ep("127.0.0.2", 9000)));
  EXPECT_TRUE(p.refuse_address("localhost", ep("::1", 9000)));
  EXPECT_TRUE(p.refuse_target("127.0.0.1", 9001));
}

TEST(Policy, ExactAllowByNameMatchesTheRequestedName) {
  config cfg;
  cfg.allowed_targets.push_back({"intranet.example", 8443});
  policy p(cfg, std::nullopt);
  EXPECT_FALSE(p.refuse_address("intranet.example", ep("10.1.2.3", 8443)));
  EXPECT_FALSE(p.refuse_address("INTRANET.example.", ep("10.1.2.3", 8443)));
  EXPECT_TRUE(p.refuse_address("other.example", ep("10.1.2.3", 8443)));
  EXPECT_TRUE(p.refuse_address("intranet.example", ep("10.1.2.3", 443)));
}

TEST(Policy, DemoOriginIsTheBuiltInException) {
  config cfg;
  policy p(cfg, ep("127.0.0.1", 8443));
  EXPECT_FALSE(p.refuse_target("localhost", 8443));
  EXPECT_FALSE(p.refuse_address("localhost", ep("127.0.0.1", 8443)));
  EXPECT_TRUE(p.refuse_address("localhost", ep("::1", 8443)));
  EXPECT_TRUE(p.refuse_address("localhost", ep("127.0.0.1", 8444)));
  EXPECT_TRUE(p.refuse_address("localhost", ep("127.0.0.1", 443)));

  policy any(cfg, ep("0.0.0.0", 8443));
  EXPECT_FALSE(any.refuse_address("localhost", ep("127.0.0.1", 8443)));
  EXPECT_TRUE(any.refuse_address("x", ep("10.0.0.1", 8443)));
}

TEST(Policy, PortListsAndRanges) {
  config cfg;
  cfg.allowed_ports = {{443, 443}, {8000, 8100}};
  policy p(cfg, std::nullopt);
  EXPECT_FALSE(p.refuse_target("example.com", 8050));
  EXPECT_TRUE(p.refuse_target("example.com", 8101));
  EXPECT_FALSE(p.refuse_address("example.com", ep("8.8.8.8", 8000)));
}

TEST(Policy, HostPatterns) {
  EXPECT_TRUE(host_matches("*.example.com", "a.example.com"));
  EXPECT_TRUE(host_matches("*.example.com", "a.b.EXAMPLE.com."));
  EXPECT_FALSE(host_matches("*.example.com", "example.com"));
  EXPECT_FALSE(host_matches("*.example.com", "badexample.com"));
  EXPECT_TRUE(host_matches("example.com", "Example.COM"));
  EXPECT_TRUE(host_matches("*", "anything"));

  config cfg;
  cfg.denied_host_patterns = {"*.bad.example"};
  cfg.allowed_host_patterns = {"*.example", "example.org"};
  policy p(cfg, std::nullopt);
  EXPECT_FALSE(p.refuse_target("good.example", 443));
  EXPECT_FALSE(p.refuse_target("example.org", 443));
  EXPECT_NE(p.refuse_target("x.bad.example", 443)->find("deny"), std::string::npos);
  EXPECT_NE(p.refuse_target("example.net", 443)->find("allow"), std::string::npos);
}

TEST(Policy, OriginIsTheSamePageByDefault) {
  config cfg;  // listens on 127.0.0.1
  policy p(cfg, std::nullopt);
  EXPECT_TRUE(p.origin_allowed("", "127.0.0.1:8080"));  // not a browser
  EXPECT_TRUE(p.origin_allowed("http://127.0.0.1:8080", "127.0.0.1:8080"));
  EXPECT_TRUE(p.origin_allowed("http://localhost:8080", "localhost:8080"));
  EXPECT_TRUE(p.origin_allowed("http://[::1]:8080", "[::1]:8080"));
  EXPECT_FALSE(p.origin_allowed("http://evil.example", "127.0.0.1:8080"));
  EXPECT_FALSE(p.origin_allowed("http://127.0.0.1:9999", "127.0.0.1:8080"));
  EXPECT_FALSE(p.origin_allowed("null", "127.0.0.1:8080"));
  // A rebinding page's Host and Origin agree, but it is not a loopback name.
  EXPECT_FALSE(p.origin_allowed("http://evil.example:8080", "evil.example:8080"));
}

TEST(Policy, PublicListenerAcceptsItsOwnHostAndListedOrigins) {
  config cfg;
  cfg.listen = {"0.0.0.0", 80};
  cfg.allowed_origins = {"https://Embed.example/"};
  policy p(cfg, std::nullopt);
  EXPECT_TRUE(p.origin_allowed("https://tlsscope.example", "tlsscope.example"));
  EXPECT_TRUE(p.origin_allowed("https://embed.example", "tlsscope.example"));
  EXPECT_FALSE(p.origin_allowed("https://other.example", "tlsscope.example"));

  cfg.allowed_origins = {"*"};
  policy any(cfg, std::nullopt);
  EXPECT_TRUE(any.origin_allowed("https://other.example", "tlsscope.example"));
}

}  // namespace
}  // namespace tlsscope::relay
