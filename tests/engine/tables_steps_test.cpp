// tables/steps: the explanations the page and the CLI show per step. Each step exists in both
// languages, names are unique and found by name, and every message the handshake table accepts
// (handshake/table.hpp) and every key-schedule stage RFC 5246 / RFC 8446 §7.1 name has a step
// to explain it — a row or stage without one would reach the learner unexplained.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "support/hex.hpp"
#include "handshake/table.hpp"
#include "tlsscope/steps.hpp"

namespace tlsscope {
namespace {

using test::has_han;

TEST(TablesSteps, EveryStepIsExplainedInBothLanguagesUnderAUniqueName) {
  std::set<std::string_view> names;
  for (const StepInfo& s : steps()) {
    EXPECT_TRUE(names.insert(s.name).second) << "twice: " << s.name;
    EXPECT_FALSE(s.title_en.empty()) << s.name;
    EXPECT_FALSE(s.title_zh.empty()) << s.name;
    EXPECT_GT(s.explain_en.size(), 40u) << s.name;
    EXPECT_TRUE(has_han(s.explain_zh)) << s.name << " has no Chinese explanation";
    EXPECT_FALSE(has_han(s.explain_en)) << s.name << ": Chinese in the English text";
    EXPECT_EQ(find_step(s.name), &s) << s.name;
  }
  EXPECT_EQ(find_step("no_such_step"), nullptr);
}

TEST(TablesSteps, EveryMessageTheHandshakeTableAcceptsHasAStep) {
  const nlohmann::json table = describe_handshake_table();
  ASSERT_FALSE(table["transitions"].empty());
  for (const auto& row : table["transitions"]) {
    const std::string message = row["message"];
    EXPECT_NE(find_step(message), nullptr) << message;
  }
}

TEST(TablesSteps, EveryKeyScheduleStageHasAStep) {
  for (const char* stage :
       {"pre_master_secret", "master_secret", "key_block", "traffic_keys",   // RFC 5246 §8.1, §6.3
        "shared_secret", "early_secret", "handshake_secret",                 // RFC 8446 §7.1
        "handshake_traffic_secret", "application_traffic_secret", "finished",
        "certificate_chain", "server_key_exchange_signature", "certificate_verify"})
    EXPECT_NE(find_step(stage), nullptr) << stage;
}

}  // namespace
}  // namespace tlsscope
