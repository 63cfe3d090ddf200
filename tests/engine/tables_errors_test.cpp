// tables/errors: one row per ErrorCode, found by code and by name, each sentence in both
// languages, and each alert the one RFC 5246 §7.2 / RFC 8446 §6.2 names for that failure.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "support/hex.hpp"
#include "tlsscope/errors.hpp"

namespace tlsscope {
namespace {

using test::has_han;

TEST(TablesErrors, EveryCodeHasItsOwnRowInBothLanguages) {
  std::set<std::string_view> names;
  const auto last = static_cast<int>(ErrorCode::internal_error);
  for (int i = 0; i <= last; ++i) {
    const auto code = static_cast<ErrorCode>(i);
    const ErrorInfo& e = error_info(code);
    EXPECT_EQ(e.code, code) << i << " is looked up to another row (" << e.name << ")";
    EXPECT_TRUE(names.insert(e.name).second) << e.name;
    EXPECT_EQ(error_code_from_name(e.name), code) << e.name;
    EXPECT_FALSE(e.sentence_en.empty()) << e.name;
    EXPECT_TRUE(has_han(e.sentence_zh)) << e.name;
    for (char c : e.name) EXPECT_TRUE((c >= 'A' && c <= 'Z') || c == '_') << e.name;
  }
  EXPECT_FALSE(error_code_from_name("NO_SUCH_ERROR").has_value());
  EXPECT_FALSE(error_code_from_name("bad_finished").has_value()) << "names are upper case";
}

// RFC 8446 §6.2 (and RFC 5246 §7.2 for the TLS 1.2 cases): the alert for each failure.
TEST(TablesErrors, AlertsAreTheRfcs) {
  const std::pair<ErrorCode, int> expected[] = {
      {ErrorCode::bad_record_mac, 20},          {ErrorCode::record_overflow, 22},
      {ErrorCode::decode_error, 50},            {ErrorCode::unexpected_message, 10},
      {ErrorCode::unoffered_choice, 47},        {ErrorCode::bad_key_share, 47},
      {ErrorCode::unsupported_version, 70},     {ErrorCode::bad_finished, 51},
      {ErrorCode::bad_signature, 51},           {ErrorCode::cert_expired, 45},
      {ErrorCode::cert_authority_invalid, 48},  {ErrorCode::internal_error, 80},
      {ErrorCode::unsolicited_extension, 110},  {ErrorCode::downgrade_detected, 47},
  };
  for (auto [code, alert] : expected) EXPECT_EQ(error_info(code).alert, alert) << error_info(code).name;
  // Failures outside TLS (the caller's) and the server's own alert send nothing.
  for (ErrorCode code : {ErrorCode::bad_url, ErrorCode::dns_failed, ErrorCode::connect_refused,
                         ErrorCode::timeout, ErrorCode::alert_received, ErrorCode::truncated})
    EXPECT_EQ(error_info(code).alert, -1) << error_info(code).name;
}

}  // namespace
}  // namespace tlsscope
