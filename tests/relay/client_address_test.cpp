// The client behind a reverse proxy: believed only from --trusted-proxy peers, and only as
// far as trusted proxies wrote it.
#include "client_address.hpp"

#include <gtest/gtest.h>

namespace tlsscope::relay {
namespace {

net::ip::address ip(const char* text) { return net::ip::make_address(text); }
const std::vector<address_range> proxies = {*parse_address_range("127.0.0.1"),
                                            *parse_address_range("10.0.0.0/8")};

TEST(ClientAddress, AnUntrustedPeerIsTheClientWhateverItSays) {
  EXPECT_EQ(real_client_address(ip("192.0.2.9"), "for=198.51.100.1", "198.51.100.1", proxies),
            ip("192.0.2.9"));
  EXPECT_EQ(real_client_address(ip("127.0.0.1"), "", "198.51.100.1", {}), ip("127.0.0.1"));
}

TEST(ClientAddress, XForwardedForFromATrustedProxy) {
  EXPECT_EQ(real_client_address(ip("127.0.0.1"), "", "198.51.100.1", proxies),
            ip("198.51.100.1"));
  // The client wrote the first entry itself; nginx appended the real one.
  EXPECT_EQ(real_client_address(ip("127.0.0.1"), "", "6.6.6.6, 198.51.100.1", proxies),
            ip("198.51.100.1"));
  // Two trusted proxies in a row.
  EXPECT_EQ(real_client_address(ip("127.0.0.1"), "", "198.51.100.1, 10.1.1.1", proxies),
            ip("198.51.100.1"));
  EXPECT_EQ(real_client_address(ip("127.0.0.1"), "", "2001:db8::7", proxies), ip("2001:db8::7"));
  // Garbage stops the walk at the proxy that wrote it.
  EXPECT_EQ(real_client_address(ip("127.0.0.1"), "", "unknown", proxies), ip("127.0.0.1"));
  EXPECT_EQ(real_client_address(ip("127.0.0.1"), "", "", proxies), ip("127.0.0.1"));
}

TEST(ClientAddress, ForwardedWinsAndItsFormsAreRead) {
  EXPECT_EQ(real_client_address(ip("127.0.0.1"), "for=192.0.2.60;proto=https;by=203.0.113.43",
                                "6.6.6.6", proxies),
            ip("192.0.2.60"));
  EXPECT_EQ(real_client_address(ip("127.0.0.1"), R"(For="[2001:db8:cafe::17]:4711")", "", proxies),
            ip("2001:db8:cafe::17"));
  EXPECT_EQ(real_client_address(ip("127.0.0.1"), "for=6.6.6.6, for=198.51.100.2", "", proxies),
            ip("198.51.100.2"));
  EXPECT_EQ(real_client_address(ip("127.0.0.1"), "for=_hidden", "", proxies), ip("127.0.0.1"));
}

}  // namespace
}  // namespace tlsscope::relay
