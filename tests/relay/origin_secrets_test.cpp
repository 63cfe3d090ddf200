// The demo origin's table of derived secrets on its own: NSS key-log lines in, JSON out by
// client random, bounded in size and in time.
#include "origin_secrets.hpp"

#include <gtest/gtest.h>

#include <string>

namespace tlsscope::relay::test {
namespace {

using namespace std::chrono_literals;

const std::string random_a(64, 'a');
const std::string random_b(64, 'b');
const std::string secret_48(96, '1');
const std::string secret_32(64, '2');

// The 32 bytes whose hex is `hex` (a repeated digit), as OpenSSL hands a client random.
std::string bytes_of(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

// Records the line and binds the connection to `token` (for the network "192.0.2.1").
void record_bound(origin_secrets& table, const std::string& line, const std::string& random,
                  const std::string& token = "t") {
  table.record(line);
  table.bind(bytes_of(random), {token, "192.0.2.1"});
}

TEST(OriginSecrets, Tls12MasterSecretByClientRandom) {
  origin_secrets table;
  record_bound(table, "CLIENT_RANDOM " + random_a + " " + secret_48, random_a);
  const auto found = table.find(random_a, "t", "");
  ASSERT_TRUE(found);
  EXPECT_EQ((*found)["version"], "TLS 1.2");
  EXPECT_EQ((*found)["client_random"], random_a);
  EXPECT_EQ((*found)["secrets"]["master_secret"], secret_48);
  EXPECT_FALSE(table.find(random_b, "t", ""));
}

TEST(OriginSecrets, Tls13TrafficSecretsUnderTheEnginesNames) {
  origin_secrets table;
  const char* labels[] = {"CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                          "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0",
                          "EXPORTER_SECRET"};
  for (const char* label : labels)
    table.record(std::string(label) + " " + random_a + " " + secret_32);
  table.bind(bytes_of(random_a), {"t", "192.0.2.1"});
  const auto found = table.find(random_a, "t", "");
  ASSERT_TRUE(found);
  EXPECT_EQ((*found)["version"], "TLS 1.3");
  const auto& secrets = (*found)["secrets"];
  EXPECT_EQ(secrets.size(), 4u) << secrets.dump() << ": the exporter secret has no client twin";
  for (const char* name : {"client_handshake_traffic_secret", "server_handshake_traffic_secret",
                           "client_application_traffic_secret_0",
                           "server_application_traffic_secret_0"})
    EXPECT_EQ(secrets.value(name, ""), secret_32) << name;
}

TEST(OriginSecrets, UpperCaseIsTheSameRandom) {
  origin_secrets table;
  record_bound(table, "CLIENT_RANDOM " + std::string(64, 'C') + " " + std::string(96, 'D'),
               std::string(64, 'c'));
  const auto found = table.find(std::string(64, 'c'), "t", "");
  ASSERT_TRUE(found);
  EXPECT_EQ((*found)["secrets"]["master_secret"], std::string(96, 'd'));
}

TEST(OriginSecrets, MalformedLinesAndQueriesAreIgnored) {
  origin_secrets table;
  table.record("CLIENT_RANDOM " + random_a);                          // no secret
  table.record("CLIENT_RANDOM " + random_a.substr(2) + " " + secret_48);  // short random
  table.record("CLIENT_RANDOM " + std::string(64, 'x') + " " + secret_48);  // not hex
  table.record("NO_SUCH_LABEL " + random_a + " " + secret_48);
  EXPECT_FALSE(table.find(random_a, "t", ""));
  EXPECT_FALSE(table.find("zz", "t", ""));
  EXPECT_FALSE(table.find("", "t", ""));
}

TEST(OriginSecrets, OldEntriesExpire) {
  origin_secrets table(16, std::chrono::seconds(60));
  const auto t0 = origin_secrets::clock::now();
  table.record("CLIENT_RANDOM " + random_a + " " + secret_48, t0);
  table.bind(bytes_of(random_a), {"t", "192.0.2.1"});
  EXPECT_TRUE(table.find(random_a, "t", "", t0 + 59s));
  EXPECT_FALSE(table.find(random_a, "t", "", t0 + 61s));
}

TEST(OriginSecrets, TheTableIsBounded) {
  origin_secrets table(3);
  for (char c : std::string("abcd"))
    record_bound(table, "CLIENT_RANDOM " + std::string(64, c) + " " + secret_48,
                 std::string(64, c));
  EXPECT_FALSE(table.find(std::string(64, 'a'), "t", "")) << "the oldest made room";
  for (char c : std::string("bcd"))
    EXPECT_TRUE(table.find(std::string(64, c), "t", "")) << c;
}

// The Client Random is in clear in every ClientHello: knowing it must not be enough.
TEST(OriginSecrets, OnlyTheTunnelThatMadeTheConnectionReadsIt) {
  origin_secrets table;
  table.record("CLIENT_RANDOM " + random_a + " " + secret_48);
  EXPECT_FALSE(table.find(random_a, "", "192.0.2.1")) << "unbound: shown to nobody";
  table.bind(bytes_of(random_a), {"token-of-the-tunnel", "192.0.2.1"});
  EXPECT_FALSE(table.find(random_a, "", "192.0.2.1")) << "the network alone is not enough";
  EXPECT_FALSE(table.find(random_a, "another-token", "192.0.2.1"));
  EXPECT_TRUE(table.find(random_a, "token-of-the-tunnel", "198.51.100.7"));
  table.bind(bytes_of(random_a), {"", "198.51.100.7"});
  EXPECT_TRUE(table.find(random_a, "token-of-the-tunnel", "")) << "the first binding stays";
}

TEST(OriginSecrets, ADirectConnectionIsReadFromItsPeersNetworkOnly) {
  origin_secrets table;
  table.record("CLIENT_RANDOM " + random_a + " " + secret_48);
  table.bind(bytes_of(random_a), {"", "2001:db8::/64"});
  EXPECT_TRUE(table.find(random_a, "", "2001:db8::/64"));
  EXPECT_FALSE(table.find(random_a, "", "2001:db8:0:1::/64"));
}

// One client making connection after connection pushes out its own entries, not others'.
TEST(OriginSecrets, ANetworkHoldsItsShareAndNoMore) {
  origin_secrets table(100, std::chrono::minutes(10), 3);
  table.record("CLIENT_RANDOM " + random_a + " " + secret_48);
  table.bind(bytes_of(random_a), {"victim", "192.0.2.1"});
  for (char c : std::string("bcdef")) {
    const std::string r(64, c);
    table.record("CLIENT_RANDOM " + r + " " + secret_48);
    table.bind(bytes_of(r), {std::string(1, c), "198.51.100.7"});
  }
  EXPECT_TRUE(table.find(random_a, "victim", ""));
  EXPECT_FALSE(table.find(std::string(64, 'b'), "b", "")) << "its own oldest made room";
  EXPECT_FALSE(table.find(std::string(64, 'c'), "c", ""));
  for (char c : std::string("def"))
    EXPECT_TRUE(table.find(std::string(64, c), std::string(1, c), "")) << c;
}

// Entries that leave by age or by the table's bound leave their network's share too (the share
// is counted per network, not by walking the table on every bind).
TEST(OriginSecrets, ANetworkWhoseEntriesExpiredHasItsWholeShareAgain) {
  origin_secrets table(100, std::chrono::seconds(60), 2);
  const auto t0 = origin_secrets::clock::now();
  for (char c : std::string("ab")) {
    table.record("CLIENT_RANDOM " + std::string(64, c) + " " + secret_48, t0);
    table.bind(bytes_of(std::string(64, c)), {std::string(1, c), "198.51.100.7"});
  }
  EXPECT_FALSE(table.find(std::string(64, 'a'), "a", "", t0 + 61s)) << "expired";
  for (char c : std::string("cd")) {
    table.record("CLIENT_RANDOM " + std::string(64, c) + " " + secret_48, t0 + 61s);
    table.bind(bytes_of(std::string(64, c)), {std::string(1, c), "198.51.100.7"});
  }
  for (char c : std::string("cd"))
    EXPECT_TRUE(table.find(std::string(64, c), std::string(1, c), "", t0 + 62s)) << c;

  origin_secrets small(2, std::chrono::minutes(10), 2);
  for (char c : std::string("1234")) {  // 1 and 2 leave by the table's bound of 2 (randoms are hex)
    small.record("CLIENT_RANDOM " + std::string(64, c) + " " + secret_48);
    small.bind(bytes_of(std::string(64, c)), {std::string(1, c), "198.51.100.7"});
  }
  for (char c : std::string("34"))
    EXPECT_TRUE(small.find(std::string(64, c), std::string(1, c), "")) << c;
}

}  // namespace
}  // namespace tlsscope::relay::test
