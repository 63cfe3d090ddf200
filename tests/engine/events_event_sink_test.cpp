// The event sink: numbering, and field trees that stay inside their message even when a
// parser ran out of bytes (found by the fuzz target fuzz_client, docs/fuzzing.md).
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
