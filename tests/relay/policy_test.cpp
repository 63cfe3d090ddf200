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

// Issue 18, item 3: the Host check no longer depends on how --listen was written. On
// 0.0.0.0, ::, or "localhost", a rebinding page (evil.example resolving to this server) is
// refused; names the page is really served under are listed with --public-host.
TEST(Policy, EveryListenerChecksTheHostAgainstItsOwnNames) {
  for (const char* listen : {"0.0.0.0", "::", "localhost", "192.0.2.10"}) {
    config cfg;
    cfg.listen = {listen, 80};
    policy p(cfg, std::nullopt, {}, std::vector<net::ip::address>{});
    EXPECT_FALSE(p.origin_allowed("http://evil.example", "evil.example")) << listen;
    EXPECT_FALSE(p.origin_allowed("https://tlsscope.example", "tlsscope.example")) << listen;
    EXPECT_TRUE(p.origin_allowed("http://192.0.2.10", "192.0.2.10")) << listen;
    EXPECT_TRUE(p.origin_allowed("http://[2001:db8::1]:80", "[2001:db8::1]:80")) << listen;
    EXPECT_TRUE(p.origin_allowed("http://localhost:80", "localhost:80")) << listen;
  }
}

TEST(Policy, PublicHostsAndListedOrigins) {
  config cfg;
  cfg.listen = {"0.0.0.0", 80};
  cfg.public_hosts = {"tlsscope.example"};
  cfg.allowed_origins = {"https://Embed.example/"};
  policy p(cfg, std::nullopt, {}, std::vector<net::ip::address>{});
  EXPECT_TRUE(p.origin_allowed("https://tlsscope.example", "tlsscope.example"));
  EXPECT_TRUE(p.origin_allowed("https://tlsscope.example:8443", "tlsscope.example:8443"));
  EXPECT_TRUE(p.origin_allowed("https://embed.example", "tlsscope.example"));
  EXPECT_FALSE(p.origin_allowed("https://other.example", "tlsscope.example"));
  EXPECT_FALSE(p.origin_allowed("https://other.example", "other.example"));

  cfg.allowed_origins = {"*"};
  policy any(cfg, std::nullopt, {}, std::vector<net::ip::address>{});
  EXPECT_TRUE(any.origin_allowed("https://other.example", "tlsscope.example"));
}

// Issue 18, item 1: name patterns never match an address, however it is written.
TEST(Policy, NamePatternsNeverMatchAddresses) {
  for (const char* host : {"1.1.1.1", "2130706433", "0x7f.1", "::1", "::ffff:127.0.0.1%25.x.com"}) {
    EXPECT_FALSE(host_matches("*", host)) << host;
    EXPECT_FALSE(host_matches(host, host)) << host;
    EXPECT_TRUE(is_ip_literal(host)) << host;
  }
  EXPECT_FALSE(is_ip_literal("example.com"));
  config cfg;
  cfg.allowed_host_patterns = {"*.example.com"};
  policy p(cfg, std::nullopt, {}, std::vector<net::ip::address>{});
  EXPECT_NE(p.refuse_target("1.1.1.1", 443)->find("IP address"), std::string::npos);
  EXPECT_FALSE(p.refuse_target("a.example.com", 443));
}

// Issue 18, item 9: the relay's own addresses are not targets, even public ones.
TEST(Policy, TheRelaysOwnAddressesAreRefused) {
  config cfg;
  policy p(cfg, std::nullopt, {},
           std::vector<net::ip::address>{net::ip::make_address("93.184.215.14"),
                                         net::ip::make_address("2606:2800:21f::1")});
  EXPECT_NE(p.refuse_address("self.example", ep("93.184.215.14", 443))->find("own address"),
            std::string::npos);
  EXPECT_NE(p.refuse_address("self.example", ep("::ffff:93.184.215.14", 443))->find("own address"),
            std::string::npos);
  EXPECT_TRUE(p.refuse_address("self.example", ep("2606:2800:21f::1", 443)));
  EXPECT_FALSE(p.refuse_address("other.example", ep("93.184.215.15", 443)));
}

// Issue 18, item 9: behind a network's own NAT64 prefix, DNS64 turns an IPv4-only internal
// name into a "global" IPv6 address that reaches 10.0.0.5.
TEST(Policy, ANetworksOwnNat64PrefixIsSeenThrough) {
  config cfg;
  cfg.nat64_prefixes = {*parse_address_range("2001:db8:64::/96")};
  cfg.denied_addresses = {*parse_address_range("198.51.100.0/24")};
  policy p(cfg, std::nullopt, {}, std::vector<net::ip::address>{});
  const auto why = p.refuse_address("intranet.example", ep("2001:db8:64::a00:5", 443));
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("private (NAT64, --nat64-prefix)"), std::string::npos) << *why;
  EXPECT_NE(p.refuse_address("x.example", ep("2001:db8:64::c633:6401", 443))->find("deny list"),
            std::string::npos);
  EXPECT_FALSE(p.refuse_address("public.example", ep("2001:db8:64::5db8:d70e", 443)));
}

TEST(Policy, DeniedRangesWinOverExceptions) {
  config cfg;
  cfg.allowed_targets = {{"93.184.215.14", 443}};
  cfg.denied_addresses = {*parse_address_range("93.184.0.0/16")};
  policy p(cfg, std::nullopt, {}, std::vector<net::ip::address>{});
  for (const char* a : {"93.184.215.14", "::ffff:93.184.215.14", "64:ff9b::5db8:d70e",
                        "2002:5db8:d70e::1"})
    EXPECT_NE(p.refuse_address("x.example", ep(a, 443))->find("deny list"), std::string::npos)
        << a;
  EXPECT_FALSE(p.refuse_address("x.example", ep("93.185.0.1", 443)));
}

}  // namespace
}  // namespace tlsscope::relay
