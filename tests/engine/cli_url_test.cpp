// The CLI's URL parsing: the scheme gives the port; anything else is a clear BAD_URL reason.
#include <gtest/gtest.h>

#include "url.hpp"

namespace tlsscope::cli {
namespace {

TEST(url, https_defaults_to_port_443_and_path_slash) {
  std::string why;
  auto u = parse_url("https://example.com", why);
  ASSERT_TRUE(u) << why;
  EXPECT_EQ(u->host, "example.com");
  EXPECT_EQ(u->port, 443);
  EXPECT_TRUE(u->port_from_scheme);
  EXPECT_EQ(u->path, "/");
}

TEST(url, explicit_port_path_query_and_ipv6) {
  std::string why;
  auto u = parse_url("HTTPS://[::1]:8443/a/b?x=1#frag", why);
  ASSERT_TRUE(u) << why;
  EXPECT_EQ(u->host, "::1");
  EXPECT_EQ(u->port, 8443);
  EXPECT_FALSE(u->port_from_scheme);
  EXPECT_EQ(u->path, "/a/b?x=1");
  u = parse_url("https://localhost?q", why);
  ASSERT_TRUE(u) << why;
  EXPECT_EQ(u->path, "/?q");
}

TEST(url, http_is_refused_with_what_it_would_mean) {
  std::string why;
  EXPECT_FALSE(parse_url("http://example.com/", why));
  EXPECT_NE(why.find("port 80"), std::string::npos) << why;
  EXPECT_NE(why.find("in the clear"), std::string::npos) << why;
}

TEST(url, bad_urls_say_why) {
  std::string why;
  for (const char* bad : {"example.com", "http://example.com/", "ftp://x", "https://",
                          "https://:443/", "https://host:0/", "https://host:65536/",
                          "https://host:12ab/", "https://user@host/", "https://[::1/",
                          "https://exa mple.com/"}) {
    why.clear();
    EXPECT_FALSE(parse_url(bad, why)) << bad;
    EXPECT_FALSE(why.empty()) << bad;
  }
}

TEST(host_port, names_and_bracketed_ipv6) {
  std::string host;
  std::uint16_t port = 0;
  ASSERT_TRUE(parse_host_port("127.0.0.1:4433", host, port));
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 4433);
  ASSERT_TRUE(parse_host_port("[::1]:443", host, port));
  EXPECT_EQ(host, "::1");
  EXPECT_FALSE(parse_host_port("localhost", host, port));
  EXPECT_FALSE(parse_host_port("[::1]443", host, port));
}

}  // namespace
}  // namespace tlsscope::cli
