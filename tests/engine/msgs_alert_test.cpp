// msgs/alert: the two bytes of an alert, both ways, and its event.
#include <gtest/gtest.h>

#include "msgs/alert.hpp"
#include "support/messages.hpp"

namespace tlsscope {
namespace {

TEST(MsgsAlert, EncodeThenDecodeGivesTheSameAlert) {
  for (Alert a : {Alert{kAlertFatal, 40}, Alert{kAlertWarning, 0}, Alert{kAlertWarning, 100}}) {
    auto bytes = encode_alert(a);
    EXPECT_EQ(bytes[0], a.level);
    EXPECT_EQ(bytes[1], a.description);
    Alert back;
    ASSERT_FALSE(decode_alert(bytes, back));
    EXPECT_EQ(back.level, a.level);
    EXPECT_EQ(back.description, a.description);
  }
}

TEST(MsgsAlert, APayloadOfOtherThanTwoBytesIsADecodeError) {
  Alert out;
  for (Bytes payload : {Bytes{}, Bytes{2}, Bytes{2, 40, 0}})
    EXPECT_TRUE(test::is_error(decode_alert(payload, out), ErrorCode::decode_error, "2 bytes"))
        << payload.size() << " bytes";
}

TEST(MsgsAlert, TheEventNamesLevelAndDescriptionAndShowsTheBytes) {
  json e = alert_event("in", Alert{kAlertFatal, 42});
  EXPECT_EQ(e["type"], "alert");
  EXPECT_EQ(e["dir"], "in");
  EXPECT_EQ(e["level"], "fatal");
  EXPECT_EQ(e["description"], "bad_certificate");
  EXPECT_EQ(e["code"], 42);
  EXPECT_EQ(e["bytes"], "022a");
  ASSERT_EQ(e["fields"].size(), 2u);
  EXPECT_EQ(e["fields"][0]["name"], "level");
  EXPECT_EQ(e["fields"][1]["name"], "description");
  EXPECT_EQ(alert_event("out", Alert{kAlertWarning, 0})["level"], "warning");
}

}  // namespace
}  // namespace tlsscope
