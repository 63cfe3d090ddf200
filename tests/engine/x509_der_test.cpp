// DER basics used by the certificate summaries: times and OIDs (RFC 5280 §4.1.2.5, X.690).
#include <gtest/gtest.h>

#include "x509/chain.hpp"
#include "x509/der.hpp"

namespace tlsscope {
namespace {

ByteView text(const char* s) { return as_bytes(s); }

TEST(der_time, utc_and_generalized_times_to_unix_seconds) {
  std::int64_t t = 0;
  ASSERT_TRUE(der::parse_time(der::kUtcTime, text("700101000000Z"), t));
  EXPECT_EQ(t, 0);
  ASSERT_TRUE(der::parse_time(der::kUtcTime, text("491231235959Z"), t));  // 2049
  EXPECT_EQ(t, 2524607999);
  ASSERT_TRUE(der::parse_time(der::kUtcTime, text("500101000000Z"), t));  // 1950
  EXPECT_EQ(t, -631152000);
  ASSERT_TRUE(der::parse_time(der::kGeneralizedTime, text("20240229120000Z"), t));
  EXPECT_EQ(t, 1709208000);
  EXPECT_EQ(der::format_time(1709208000), "2024-02-29 12:00:00 UTC");
  EXPECT_EQ(der::format_time(0), "1970-01-01 00:00:00 UTC");
  EXPECT_EQ(der::format_time(-631152000), "1950-01-01 00:00:00 UTC");
  EXPECT_EQ(der::format_time(253402300799), "9999-12-31 23:59:59 UTC");
  EXPECT_EQ(der::format_time(-62167219200), "0000-01-01 00:00:00 UTC");
}

TEST(der_time, malformed_times_are_refused) {
  std::int64_t t = 0;
  EXPECT_FALSE(der::parse_time(der::kUtcTime, text("7001010000Z"), t));     // too short
  EXPECT_FALSE(der::parse_time(der::kUtcTime, text("701301000000Z"), t));   // month 13
  EXPECT_FALSE(der::parse_time(der::kUtcTime, text("700101000000+"), t));   // no Z
  EXPECT_FALSE(der::parse_time(der::kGeneralizedTime, text("2024x229120000Z"), t));
}

TEST(der, oid_to_dotted_string) {
  const std::uint8_t sha256_rsa[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b};
  EXPECT_EQ(der::oid_to_string(sha256_rsa), "1.2.840.113549.1.1.11");
  const std::uint8_t secp384r1[] = {0x2b, 0x81, 0x04, 0x00, 0x22};
  EXPECT_EQ(der::oid_to_string(secp384r1), "1.3.132.0.34");
}

TEST(der, indefinite_and_oversized_lengths_are_refused) {
  const std::uint8_t indefinite[] = {0x30, 0x80, 0x00, 0x00};
  Reader r1(indefinite);
  der::Element e;
  EXPECT_FALSE(der::next(r1, e));
  const std::uint8_t huge[] = {0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x00};
  Reader r2(huge);
  EXPECT_FALSE(der::next(r2, e));
}

TEST(certificate, garbage_is_not_a_certificate) {
  const std::uint8_t junk[] = {0x30, 0x03, 0x02, 0x01, 0x01};
  EXPECT_FALSE(parse_certificate(junk).has_value());
  EXPECT_FALSE(parse_certificate({}).has_value());
}

TEST(ip_literal, v4_and_v6_literals_are_recognised) {
  EXPECT_TRUE(is_ip_literal("127.0.0.1"));
  EXPECT_TRUE(is_ip_literal("::1"));
  EXPECT_TRUE(is_ip_literal("2001:db8::1"));
  EXPECT_FALSE(is_ip_literal("localhost"));
  EXPECT_FALSE(is_ip_literal("1.2.3"));
}

}  // namespace
}  // namespace tlsscope
