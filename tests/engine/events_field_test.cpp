// events/field: the field-tree nodes of docs/events.md ("Field trees") — name, value, offset and
// length, a note in both languages when it is a sentence of the notes table — and object_of,
// which must make the same JSON as nlohmann's braced form it replaces.
#include <gtest/gtest.h>

#include "events/field.hpp"

namespace tlsscope {
namespace {

TEST(EventsField, ObjectOfIsTheBracedObject) {
  json braced = {{"type", "check"}, {"ok", true}, {"n", 3}, {"list", json::array({1, 2})}};
  EXPECT_EQ(object_of("type", "check", "ok", true, "n", 3, "list", json::array({1, 2})), braced);
  EXPECT_TRUE(object_of().is_object());
  EXPECT_TRUE(object_of().empty());
}

TEST(EventsField, AFieldSaysWhatWhereAndWhy) {
  json f = field("legacy_version", "TLS 1.2", 4, 2);
  EXPECT_EQ(f, (json{{"name", "legacy_version"}, {"value", "TLS 1.2"}, {"offset", 4}, {"length", 2}}));
  EXPECT_FALSE(f.contains("note"));
  EXPECT_EQ(field("x", 1, 0, 1, "a plain note")["note"], "a plain note");
}

TEST(EventsField, NotesFromTheTableComeInBothLanguages) {
  const Note n = note(NoteId::ch_version, {"TLS 1.2", "0x0303"});
  json f = field("legacy_version", "0x0303", 4, 2, n);
  EXPECT_EQ(f["note"], n.en);
  EXPECT_EQ(f["note_zh"], n.zh);
  EXPECT_NE(n.en, n.zh);
  json o = noted(n);
  EXPECT_EQ(o.size(), 2u);
  EXPECT_EQ(o["note_zh"], n.zh);
}

TEST(EventsField, ChildrenAreAppendedInOrder) {
  json node = field("random", "", 6, 32);
  json& first = add_child(node, field("gmt_unix_time", "", 6, 4));
  first["value"] = "changed through the reference";
  add_child(node, field("random_bytes", "", 10, 28));
  ASSERT_EQ(node["children"].size(), 2u);
  EXPECT_EQ(node["children"][0]["value"], "changed through the reference");
  EXPECT_EQ(node["children"][1]["offset"], 10);
}

TEST(EventsField, CodePointsAreFourHexDigits) {
  EXPECT_EQ(hex_u16(0x0303), "0x0303");
  EXPECT_EQ(hex_u16(0x1d), "0x001d");
  EXPECT_EQ(hex_u16(0xc02f), "0xc02f");
}

}  // namespace
}  // namespace tlsscope
