#include "config.hpp"

#include <gtest/gtest.h>

namespace tlsscope::relay {
namespace {

parse_result parse(std::vector<const char*> args) {
  args.insert(args.begin(), "tlsscope-server");
  return parse_command_line(static_cast<int>(args.size()), args.data(),
                            "/opt/tlsscope/build/bin/tlsscope-server");
}

TEST(Config, SafeDefaults) {
  auto r = parse({});
  ASSERT_TRUE(r.cfg);
  const auto& c = *r.cfg;
  EXPECT_EQ(c.listen.to_string(), "127.0.0.1:8080");
  EXPECT_EQ(c.demo_origin.to_string(), "127.0.0.1:8443");
  EXPECT_TRUE(c.demo_origin_enabled);
  EXPECT_EQ(c.web_dir, "/opt/tlsscope/build/site");
  EXPECT_EQ(c.state_dir, "/opt/tlsscope/build/state");
  ASSERT_EQ(c.allowed_ports.size(), 1u);
  EXPECT_EQ(c.allowed_ports[0].first, 443);
  EXPECT_EQ(c.allowed_ports[0].second, 443);
  EXPECT_EQ(c.threads, 1u);
  EXPECT_FALSE(c.log_json);
}

TEST(Config, EveryValueForm) {
  auto r = parse({"--listen", "[::1]:0", "--threads=4", "--allow-port", "443,8000-8100", "--allow",
                  "127.0.0.1:9000", "--allow", "[::1]:9001", "--idle-timeout", "0.25",
                  "--max-bytes", "16M", "--max-message", "64K", "--no-demo-origin",
                  "--allowed-origin", "https://a.example", "--log-json"});
  ASSERT_TRUE(r.cfg) << r.message;
  const auto& c = *r.cfg;
  EXPECT_EQ(c.listen.host, "::1");
  EXPECT_EQ(c.listen.to_string(), "[::1]:0");
  EXPECT_EQ(c.threads, 4u);
  ASSERT_EQ(c.allowed_ports.size(), 2u);
  EXPECT_EQ(c.allowed_ports[1].second, 8100);
  ASSERT_EQ(c.allowed_targets.size(), 2u);
  EXPECT_EQ(c.allowed_targets[1].host, "::1");
  EXPECT_EQ(c.idle_timeout, std::chrono::milliseconds(250));
  EXPECT_EQ(c.max_tunnel_bytes, 16u << 20);
  EXPECT_EQ(c.max_message_bytes, 64u << 10);
  EXPECT_FALSE(c.demo_origin_enabled);
  EXPECT_TRUE(c.log_json);
}

TEST(Config, ErrorsNameTheOption) {
  for (auto args : std::vector<std::vector<const char*>>{{"--listen", "nonsense"},
                                                         {"--threads", "0"},
                                                         {"--idle-timeout", "-1"},
                                                         {"--max-bytes", "12Q"},
                                                         {"--allow-port", "0"},
                                                         {"--allow-port", "9-3"},
                                                         {"--frobnicate"},
                                                         {"--listen"},
                                                         {"--log-json=yes"},
                                                         {"--allow", "::1:443"},
                                                         {"--resolve", "a.test"},
                                                         {"--resolve", "a.test=not-an-ip"},
                                                         {"--resolve", "127.0.0.1=10.0.0.1"},
                                                         {"--resolve", "=10.0.0.1"},
                                                         {"--header-timeout", "0"},
                                                         {"--max-connections", "0"},
                                                         // Issue 18, item 8: exact targets only.
                                                         {"--allow", "*:443"},
                                                         {"--allow", "*.example.com:443"},
                                                         {"--allow", "[fe80::1%lo]:443"},
                                                         {"--deny", "example.com"},
                                                         {"--deny", "10.0.0.0/40"},
                                                         {"--trusted-proxy", "nginx"},
                                                         {"--relay-token", "short"},
                                                         {"--public-host", "a b"},
                                                         {"--public"},
                                                         {"--public", "--public-host", "t.example"},
                                                         {"--public", "--public-host", "t.example",
                                                          "--allowed-origin", "*"}}) {
    auto r = parse(args);
    EXPECT_FALSE(r.cfg) << args[0];
    EXPECT_EQ(r.exit_code, 2);
    const std::string option(args[0]);
    EXPECT_NE(r.message.find(option.substr(0, option.find('='))), std::string::npos) << r.message;
  }
}

TEST(Config, PublicModeWithEverythingItNeeds) {
  auto r = parse({"--public", "--public-host", "TLS.example.org", "--allowed-origin",
                  "https://tls.example.org", "--trusted-proxy", "127.0.0.1", "--trusted-proxy",
                  "fd00::/8", "--relay-token", "0123456789abcdef", "--deny", "203.0.113.7"});
  ASSERT_TRUE(r.cfg) << r.message;
  EXPECT_TRUE(r.cfg->public_mode);
  EXPECT_EQ(r.cfg->public_hosts, std::vector<std::string>{"tls.example.org"});
  EXPECT_EQ(r.cfg->trusted_proxies.size(), 2u);
  EXPECT_EQ(r.cfg->relay_token, "0123456789abcdef");
  EXPECT_EQ(r.cfg->denied_addresses.at(0).to_string(), "203.0.113.7/32");
}

TEST(Config, HelpNamesEveryFlagWithItsDefault) {
  auto r = parse({"--help"});
  EXPECT_FALSE(r.cfg);
  EXPECT_EQ(r.exit_code, 0);
  for (const char* flag : {"--listen",
                           "--web",
                           "--threads",
                           "--demo-origin",
                           "--no-demo-origin",
                           "--state",
                           "--allow-port",
                           "--allow ",
                           "--allow-host",
                           "--deny-host",
                           "--allowed-origin",
                           "--max-tunnels ",
                           "--max-tunnels-per-client",
                           "--max-connections ",
                           "--max-connections-per-client",
                           "--header-timeout",
                           "--resolve",
                           "--dns-timeout",
                           "--connect-timeout",
                           "--idle-timeout",
                           "--max-lifetime",
                           "--max-bytes",
                           "--max-message",
                           "--shutdown-grace",
                           "--log-json",
                           "--deny ",
                           "--dns-server",
                           "--public\n",
                           "--public-host",
                           "--trusted-proxy",
                           "--relay-token",
                           "--help"})
    EXPECT_NE(r.message.find(flag), std::string::npos) << flag;
  EXPECT_NE(r.message.find("default: 127.0.0.1:8080"), std::string::npos);
  EXPECT_NE(r.message.find("default: 443"), std::string::npos);
}

TEST(Config, ConnectionLimitsFollowTheTunnelLimitsUnlessSet) {
  auto defaults = parse({});
  ASSERT_TRUE(defaults.cfg);
  EXPECT_EQ(defaults.cfg->max_connections, 1024u + 256u);
  EXPECT_EQ(defaults.cfg->max_connections_per_client, 8u + 24u);
  EXPECT_EQ(defaults.cfg->header_timeout, std::chrono::seconds(10));

  auto derived = parse({"--max-tunnels-per-client", "100", "--max-tunnels", "10"});
  ASSERT_TRUE(derived.cfg);
  EXPECT_EQ(derived.cfg->max_connections, 266u);
  EXPECT_EQ(derived.cfg->max_connections_per_client, 124u);

  auto set = parse({"--max-connections", "5", "--max-connections-per-client", "2",
                    "--header-timeout", "1.5"});
  ASSERT_TRUE(set.cfg) << set.message;
  EXPECT_EQ(set.cfg->max_connections, 5u);
  EXPECT_EQ(set.cfg->max_connections_per_client, 2u);
  EXPECT_EQ(set.cfg->header_timeout, std::chrono::milliseconds(1500));
}

TEST(Config, ResolveIsRepeatable) {
  auto r = parse({"--resolve", "meta.test=169.254.169.254", "--resolve=meta.test=[::1]",
                  "--resolve", "other.test.=10.0.0.1"});
  ASSERT_TRUE(r.cfg) << r.message;
  const auto& answers = r.cfg->static_answers;
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_EQ(answers[0].name, "meta.test");
  EXPECT_EQ(answers[0].address, "169.254.169.254");
  EXPECT_EQ(answers[1].address, "::1") << "brackets are optional";
  EXPECT_EQ(answers[2].name, "other.test.");
}

TEST(Config, HostPort) {
  EXPECT_EQ(parse_host_port("a.example:1")->host, "a.example");
  EXPECT_EQ(parse_host_port("[fe80::1]:65535")->port, 65535);
  EXPECT_FALSE(parse_host_port("a.example"));
  EXPECT_FALSE(parse_host_port("a.example:65536"));
  EXPECT_FALSE(parse_host_port(":443"));
  EXPECT_FALSE(parse_host_port("[::1]443"));
}

}  // namespace
}  // namespace tlsscope::relay
