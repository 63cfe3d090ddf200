// x509/pem: base64 between BEGIN and END lines (RFC 7468), by label.
#include <gtest/gtest.h>

#include "x509/pem.hpp"

namespace tlsscope {
namespace {

// "hello" is aGVsbG8=, "tls" is dGxz.
const std::string kTwo =
    "junk before\n"
    "-----BEGIN CERTIFICATE-----\naGVs\nbG8=\n-----END CERTIFICATE-----\n"
    "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
    "-----BEGIN CERTIFICATE-----\r\ndGxz\r\n-----END CERTIFICATE-----\r\n";

TEST(X509Pem, EveryObjectWithTheLabelInOrderAcrossLineBreaks) {
  bool malformed = true;
  auto certs = pem_objects(kTwo, "CERTIFICATE", &malformed);
  EXPECT_FALSE(malformed);
  ASSERT_EQ(certs.size(), 2u);
  EXPECT_EQ(std::string(certs[0].begin(), certs[0].end()), "hello");
  EXPECT_EQ(std::string(certs[1].begin(), certs[1].end()), "tls");
  auto keys = pem_objects(kTwo, "PRIVATE KEY");
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0], (Bytes{0, 0, 0}));
  EXPECT_TRUE(pem_objects(kTwo, "CRL").empty());
}

TEST(X509Pem, BadBase64OrAMissingEndStopsAndSaysSo) {
  for (std::string bad : {"-----BEGIN CERTIFICATE-----\naGV*bG8=\n-----END CERTIFICATE-----\n",
                          "-----BEGIN CERTIFICATE-----\naGVsbG8=\n"}) {
    bool malformed = false;
    const std::string good = "-----BEGIN CERTIFICATE-----\ndGxz\n-----END CERTIFICATE-----\n";
    auto certs = pem_objects(good + bad + good, "CERTIFICATE", &malformed);
    EXPECT_TRUE(malformed) << bad;
    EXPECT_LE(certs.size(), 1u) << "what came before may be kept, nothing after";
  }
}

}  // namespace
}  // namespace tlsscope
