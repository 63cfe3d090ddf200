// The bounds-checked reader and the back-patching writer.
#include <gtest/gtest.h>

#include "codec/reader.hpp"
#include "codec/writer.hpp"

namespace tlsscope {
namespace {

TEST(reader, reads_big_endian_numbers_and_tracks_offsets) {
  const std::uint8_t data[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06};
  Reader r(data, 10);
  EXPECT_EQ(r.pos(), 10u);
  EXPECT_EQ(r.u8(), 0x01);
  EXPECT_EQ(r.u16(), 0x0203);
  EXPECT_EQ(r.u24(), 0x040506u);
  EXPECT_EQ(r.pos(), 16u);
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.empty());
}

TEST(reader, over_read_fails_sticky_and_returns_zero) {
  const std::uint8_t data[] = {0xff, 0xff};
  Reader r(data);
  EXPECT_EQ(r.u24(), 0u);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.u8(), 0);  // still failed: nothing more is read
  EXPECT_FALSE(r.ok());
}

TEST(reader, a_lying_length_prefix_cannot_reach_past_the_window) {
  // A 2-byte prefix says 0x0100 bytes follow; only 3 do.
  const std::uint8_t data[] = {0x01, 0x00, 0xaa, 0xbb, 0xcc};
  Reader r(data);
  Reader sub = r.sub_prefixed(2);
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(sub.ok());
  EXPECT_EQ(sub.remaining(), 0u);
}

TEST(reader, sub_reader_offsets_are_absolute_and_since_returns_the_span) {
  const std::uint8_t data[] = {0x00, 0x02, 0xaa, 0xbb, 0xcc};
  Reader r(data, 4);
  Reader sub = r.sub_prefixed(2);
  EXPECT_EQ(sub.pos(), 6u);
  EXPECT_EQ(sub.u16(), 0xaabb);
  EXPECT_TRUE(sub.empty());
  EXPECT_EQ(r.remaining(), 1u);
  ByteView span = r.since(4);
  ASSERT_EQ(span.size(), 4u);
  EXPECT_EQ(span[2], 0xaa);
}

TEST(writer, back_patches_nested_length_prefixes) {
  Writer w;
  auto outer = w.open(3);
  w.u8(7);
  auto inner = w.open(2);
  w.bytes(as_bytes("abc"));
  w.close(inner);
  w.close(outer);
  const Bytes expected = {0x00, 0x00, 0x06, 0x07, 0x00, 0x03, 'a', 'b', 'c'};
  EXPECT_EQ(w.data(), expected);
}

TEST(hex, round_trips_and_rejects_bad_digits) {
  const Bytes b = {0x00, 0x7f, 0xff};
  EXPECT_EQ(to_hex(b), "007fff");
  Bytes back;
  EXPECT_TRUE(from_hex("007FFF", back));
  EXPECT_EQ(back, b);
  EXPECT_FALSE(from_hex("0", back));
  EXPECT_FALSE(from_hex("zz", back));
}

}  // namespace
}  // namespace tlsscope
