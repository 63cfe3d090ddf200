// The event sink: numbering, field trees that stay inside their message even when a parser ran
// out of bytes (found by the fuzz target fuzz_client, docs/fuzzing.md), and the message each
// secret, check and tamper report belongs to (message_seq, docs/events.md).
#include <gtest/gtest.h>

#include "events/event_sink.hpp"
#include "events/field.hpp"
#include "tlsscope/client.hpp"

namespace tlsscope {
namespace {

void expect_inside(const json& fields, std::size_t size) {
  for (const auto& f : fields) {
    std::size_t offset = f["offset"], length = f["length"];
    EXPECT_LE(offset + length, size) << f.dump();
    if (f.contains("children")) expect_inside(f["children"], size);
  }
}

TEST(event_sink, message_fields_are_clipped_to_the_bytes_that_arrived) {
  EventSink sink;
  const std::uint8_t bytes[6] = {2, 0, 0, 2, 3, 3};
  json node = field("random", "", 6, 32);
  add_child(node, field("gmt_unix_time", "", 6, 4));
  sink.message("server_hello", "in", bytes,
               json::array({field("server_version", "TLS 1.2", 4, 2), node}), json::object());
  json e = sink.take().at(0);
  EXPECT_EQ(e["seq"], 0);
  EXPECT_EQ(e["fields"][0]["offset"], 4);
  EXPECT_EQ(e["fields"][0]["length"], 2);  // inside: untouched
  EXPECT_EQ(e["fields"][1]["offset"], 6);
  EXPECT_EQ(e["fields"][1]["length"], 0);  // expected 32 bytes, none arrived
  EXPECT_EQ(e["fields"][1]["children"][0]["length"], 0);
}

TEST(event_sink, secrets_checks_and_tamper_reports_name_their_message) {
  EventSink sink;
  const std::uint8_t bytes[4] = {20, 0, 0, 0};
  sink.secret("early_secret", "early_secret", bytes, "f", {});  // before any received message
  sink.message("server_hello", "in", bytes, json::array(), json::object());          // 1
  sink.check("certificate_chain", true, json::object());                              // 2
  sink.secret("master_secret", "master_secret", bytes, "f", {});                       // 3
  sink.emit({{"type", "tamper"}, {"step", "finished"}});                               // 4
  sink.message("finished", "in", bytes, json::array(), json::object());               // 5
  sink.check("finished", false, json::object());                                       // 6
  sink.secret("finished", "client_verify_data", bytes, "f", {});                       // 7
  sink.secret("traffic_keys", "client_write_key", bytes, "f", {});                     // 8
  sink.message("finished", "out", bytes, json::array(), json::object());              // 9
  auto e = sink.take();
  ASSERT_EQ(e.size(), 10u);
  EXPECT_FALSE(e[0].contains("message_seq"));
  EXPECT_EQ(e[2]["message_seq"], 1);  // checked while the ServerHello was handled
  EXPECT_EQ(e[3]["message_seq"], 1);
  EXPECT_EQ(e[4]["message_seq"], 5);  // the tamper report: the message it altered, after it
  EXPECT_EQ(e[6]["message_seq"], 5);
  EXPECT_EQ(e[7]["message_seq"], 9);  // the verify_data: the Finished that carries it
  EXPECT_EQ(e[8]["message_seq"], 5);  // another step: the received message still
  EXPECT_FALSE(e[1].contains("message_seq"));
  EXPECT_FALSE(e[9].contains("message_seq"));
}

TEST(event_sink, a_truncated_server_hello_is_a_decode_error_with_its_fields_inside_it) {
  Config c;
  c.server_name = "localhost";
  c.random = [](std::uint8_t* out, std::size_t len) { std::fill(out, out + len, 7); };
  Client client(c);
  client.start();
  client.take_events();
  // A ServerHello whose body stops after legacy_version and 2 bytes of the random.
  const std::uint8_t record[] = {22, 3, 3, 0, 8, 2, 0, 0, 4, 3, 3, 0xaa, 0xbb};
  client.receive(record);
  ASSERT_TRUE(client.error());
  EXPECT_EQ(client.error()->name(), "DECODE_ERROR");
  bool seen = false;
  for (const auto& e : client.take_events()) {
    if (e["type"] != "message") continue;
    seen = true;
    expect_inside(e["fields"], e["length"].get<std::size_t>());
  }
  EXPECT_TRUE(seen);
}

}  // namespace
}  // namespace tlsscope
