// The CLI's options (engine/cli/options.cpp) against what its usage text promises: each option's
// effect, the group names it lists, and a reason for every refusal (a missing value, an unknown
// option or group, a bad language or timeout, no URL or two).
#include <gtest/gtest.h>

#include <vector>

#include "options.hpp"

namespace tlsscope::cli {
namespace {

std::optional<Options> parse(std::vector<std::string> args, std::string& why) {
  args.insert(args.begin(), "tlsscope");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  return parse_options(static_cast<int>(argv.size()), argv.data(), why);
}

TEST(CliOptions, DefaultsAreTheUsagesDefaults) {
  std::string why;
  auto o = parse({"https://example.com"}, why);
  ASSERT_TRUE(o) << why;
  EXPECT_EQ(o->url, "https://example.com");
  EXPECT_EQ(o->ca_file, "/etc/ssl/certs/ca-certificates.crt");
  EXPECT_EQ(o->only_version, 0) << "TLS 1.3 and 1.2, the server chooses";
  EXPECT_TRUE(o->post_quantum);
  EXPECT_TRUE(o->groups.empty());
  EXPECT_FALSE(o->json);
  EXPECT_EQ(o->lang, Lang::en);
  EXPECT_EQ(o->timeout, std::chrono::seconds(10));
}

TEST(CliOptions, EachOptionTakesEffect) {
  std::string why;
  auto o = parse({"--ca", "roots.pem", "--connect", "127.0.0.1:8443", "--tls1.2", "--no-pq",
                  "--json", "--keylog", "keys.txt", "--lang", "zh", "--timeout", "1.5",
                  "https://localhost/"},
                 why);
  ASSERT_TRUE(o) << why;
  EXPECT_EQ(o->ca_file, "roots.pem");
  EXPECT_EQ(o->connect, "127.0.0.1:8443");
  EXPECT_EQ(o->only_version, 0x0303);
  EXPECT_FALSE(o->post_quantum);
  EXPECT_TRUE(o->json);
  EXPECT_EQ(o->keylog_file, "keys.txt");
  EXPECT_EQ(o->lang, Lang::zh);
  EXPECT_EQ(o->timeout, std::chrono::milliseconds(1500));
  EXPECT_EQ(o->url, "https://localhost/");
  EXPECT_EQ(parse({"--tls1.3", "https://a"}, why)->only_version, 0x0304);
}

// The usage lists X25519MLKEM768, x25519, P-256, P-384: IANA 0x11ec, 0x001d, 0x0017, 0x0018.
TEST(CliOptions, GroupsAreReadInOrder) {
  std::string why;
  auto o = parse({"https://a", "--groups", "P-384,x25519,X25519MLKEM768,P-256"}, why);
  ASSERT_TRUE(o) << why;
  EXPECT_EQ(o->groups, (std::vector<std::uint16_t>{0x0018, 0x001d, 0x11ec, 0x0017}));
  EXPECT_EQ(parse({"https://a", "--groups", "secp256r1"}, why)->groups,
            std::vector<std::uint16_t>{0x0017});
}

TEST(CliOptions, EveryRefusalSaysWhy) {
  const std::pair<std::vector<std::string>, std::string> refused[] = {
      {{}, "no URL given"},
      {{"https://a", "https://b"}, "only one URL, please"},
      {{"https://a", "--frobnicate"}, "unknown option --frobnicate"},
      {{"https://a", "--ca"}, "--ca needs a value"},
      {{"https://a", "--groups", "x25519,x448"}, "--groups: unknown group x448"},
      {{"https://a", "--groups", "x25519,"}, "--groups: unknown group "},
      {{"https://a", "--lang", "fr"}, "--lang is en or zh"},
      {{"https://a", "--timeout", "0"}, "--timeout is a number of seconds"},
      {{"https://a", "--timeout", "-1"}, "--timeout is a number of seconds"},
      {{"https://a", "--timeout", "10s"}, "--timeout is a number of seconds"},
      {{"https://a", "--timeout", "3601"}, "--timeout is a number of seconds"},
  };
  for (const auto& [args, reason] : refused) {
    std::string why;
    EXPECT_FALSE(parse(args, why).has_value()) << reason;
    EXPECT_EQ(why, reason);
  }
}

TEST(CliOptions, HelpIsNoOptionsAndNoReason) {
  for (const char* help : {"--help", "-h"}) {
    std::string why = "stale";
    EXPECT_FALSE(parse({"https://a", help}, why).has_value());
    EXPECT_TRUE(why.empty()) << help;
  }
  EXPECT_NE(std::string(kUsage).find("--groups LIST"), std::string::npos);
}

}  // namespace
}  // namespace tlsscope::cli
