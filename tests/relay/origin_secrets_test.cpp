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

TEST(OriginSecrets, Tls12MasterSecretByClientRandom) {
  origin_secrets table;
  table.record("CLIENT_RANDOM " + random_a + " " + secret_48);
  const auto found = table.find(random_a);
  ASSERT_TRUE(found);
  EXPECT_EQ((*found)["version"], "TLS 1.2");
  EXPECT_EQ((*found)["client_random"], random_a);
  EXPECT_EQ((*found)["secrets"]["master_secret"], secret_48);
  EXPECT_FALSE(table.find(random_b));
}

TEST(OriginSecrets, Tls13TrafficSecretsUnderTheEnginesNames) {
  origin_secrets table;
  const char* labels[] = {"CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                          "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0",
                          "EXPORTER_SECRET"};
  for (const char* label : labels)
    table.record(std::string(label) + " " + random_a + " " + secret_32);
  const auto found = table.find(random_a);
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
  table.record("CLIENT_RANDOM " + std::string(64, 'C') + " " + std::string(96, 'D'));
  const auto found = table.find(std::string(64, 'c'));
  ASSERT_TRUE(found);
  EXPECT_EQ((*found)["secrets"]["master_secret"], std::string(96, 'd'));
}

TEST(OriginSecrets, MalformedLinesAndQueriesAreIgnored) {
  origin_secrets table;
  table.record("CLIENT_RANDOM " + random_a);                          // no secret
  table.record("CLIENT_RANDOM " + random_a.substr(2) + " " + secret_48);  // short random
  table.record("CLIENT_RANDOM " + std::string(64, 'x') + " " + secret_48);  // not hex
  table.record("NO_SUCH_LABEL " + random_a + " " + secret_48);
  EXPECT_FALSE(table.find(random_a));
  EXPECT_FALSE(table.find("zz"));
  EXPECT_FALSE(table.find(""));
}

TEST(OriginSecrets, OldEntriesExpire) {
  origin_secrets table(16, std::chrono::seconds(60));
  const auto t0 = origin_secrets::clock::now();
  table.record("CLIENT_RANDOM " + random_a + " " + secret_48, t0);
  EXPECT_TRUE(table.find(random_a, t0 + 59s));
  EXPECT_FALSE(table.find(random_a, t0 + 61s));
}

TEST(OriginSecrets, TheTableIsBounded) {
  origin_secrets table(3);
  for (char c : std::string("abcd"))
    table.record("CLIENT_RANDOM " + std::string(64, c) + " " + secret_48);
  EXPECT_FALSE(table.find(std::string(64, 'a'))) << "the oldest made room";
  for (char c : std::string("bcd"))
    EXPECT_TRUE(table.find(std::string(64, c))) << c;
}

}  // namespace
}  // namespace tlsscope::relay::test
