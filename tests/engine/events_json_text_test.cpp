// events/json_text: a run's events as JSON text must be byte for byte nlohmann's compact dump,
// in both of its forms (ASCII only, as the page gets it, and UTF-8): real events
// (a ClientHello's, a failure's with its 中文), values chosen for each escape, and random ones.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>

#include "events/json_text.hpp"
#include "support/context_bench.hpp"
#include "tlsscope/client.hpp"

namespace tlsscope {
namespace {

using json = nlohmann::json;

void expect_nlohmanns_text(const json& j) {
  for (bool ascii : {true, false})
    EXPECT_EQ(json_text(j, ascii), j.dump(-1, ' ', ascii, json::error_handler_t::replace))
        << (ascii ? "ASCII" : "UTF-8") << " form of " << j.dump(-1, ' ', true, json::error_handler_t::replace);
}

TEST(EventsJsonText, ARunsEventsAreNlohmannsText) {
  Config config;
  config.server_name = "localhost";
  config.random = test::counting();
  Client client(config);
  client.start();
  client.fail(ErrorCode::cert_name_invalid, "a detail with \"quotes\", a \\ and a\nnewline", "一个细节");
  json events = json::array();
  for (auto& e : client.take_events()) events.push_back(std::move(e));
  ASSERT_GE(events.size(), 3u);
  const std::string ascii = json_text(events, true);
  EXPECT_NE(ascii.find("\\u"), std::string::npos) << "the failure's 中文 is escaped";
  expect_nlohmanns_text(events);
}

TEST(EventsJsonText, EachEscapeAndEachKindOfValue) {
  expect_nlohmanns_text(json::object());
  expect_nlohmanns_text(json::array());
  expect_nlohmanns_text(json(nullptr));
  expect_nlohmanns_text(json(true));
  expect_nlohmanns_text(json(false));
  expect_nlohmanns_text(json(""));
  expect_nlohmanns_text(json(0));
  expect_nlohmanns_text(json(std::numeric_limits<std::int64_t>::min()));
  expect_nlohmanns_text(json(std::numeric_limits<std::int64_t>::max()));
  expect_nlohmanns_text(json(std::numeric_limits<std::uint64_t>::max()));
  for (double d : {0.1, -0.0, 1e300, 5e-324, 123.456, std::nan(""), std::numeric_limits<double>::infinity()})
    expect_nlohmanns_text(json(d));
  for (const std::string& s : {std::string("plain"), std::string("q\"uote"), std::string("back\\slash"),
                               std::string("tab\there"), std::string("nul\0x", 5), std::string("\x7f"),
                               std::string("\x1f"), std::string("中文"), std::string("\xff invalid"),
                               std::string("\xe4\xb8 cut"), std::string("emoji \xf0\x9f\x94\x92"),
                               std::string("/slash")})
    expect_nlohmanns_text(json(s));
  expect_nlohmanns_text(json{{"key \"quoted\"", 1}, {"中", {1, "a", nullptr}}, {"", json::object()}});
  expect_nlohmanns_text(json::binary({1, 2, 3}));
}

/// A random value up to `depth` levels deep, its strings from an alphabet of every kind of byte.
json random_value(std::mt19937_64& rng, int depth) {
  static const std::string alphabet[] = {"a", "Z", "0", " ", "\"", "\\", "/", "\n", "\x01", "\x7f",
                                          "中", "é", "\xff", "\xc3", "\xf0\x9f\x94\x92", "ab12"};
  auto text = [&] {
    std::string s;
    for (auto n = rng() % 12; n > 0; --n) s += alphabet[rng() % std::size(alphabet)];
    return s;
  };
  switch (rng() % (depth > 0 ? 8 : 6)) {
    case 0: return json(text());
    case 1: return json(static_cast<std::int64_t>(rng()));
    case 2: return json(static_cast<std::uint64_t>(rng()));
    case 3: return json(std::ldexp(static_cast<double>(rng() % 100000), static_cast<int>(rng() % 40) - 20));
    case 4: return json(rng() % 2 == 0);
    case 5: return json(nullptr);
    case 6: {
      json a = json::array();
      for (auto n = rng() % 5; n > 0; --n) a.push_back(random_value(rng, depth - 1));
      return a;
    }
    default: {
      json o = json::object();
      for (auto n = rng() % 5; n > 0; --n) o[text()] = random_value(rng, depth - 1);
      return o;
    }
  }
}

TEST(EventsJsonText, RandomValuesAreNlohmannsText) {
  std::mt19937_64 rng(20261207);
  for (int i = 0; i < 500; ++i) expect_nlohmanns_text(random_value(rng, 4));
}

}  // namespace
}  // namespace tlsscope
