// codec/hex: the hex every event carries, and reading it back.
#include <gtest/gtest.h>

#include <cstdint>

#include "tlsscope/bytes.hpp"

namespace tlsscope {
namespace {

TEST(CodecHex, LowerCaseTwoDigitsPerByte) {
  EXPECT_EQ(to_hex(Bytes{}), "");
  EXPECT_EQ(to_hex(Bytes{0x00, 0x0f, 0xa0, 0xff}), "000fa0ff");
}

TEST(CodecHex, NumbersInLowerCaseHexPaddedToTheirWidth) {
  EXPECT_EQ(hex_number(0), "0");
  EXPECT_EQ(hex_number(0, 4), "0000");
  EXPECT_EQ(hex_number(0x303, 4), "0303");
  EXPECT_EQ(hex_number(0xfe0d, 2), "fe0d");
  EXPECT_EQ(hex_number(0x11ec, 4), "11ec");
  EXPECT_EQ(hex_number(0xffffffffu, 4), "ffffffff");
  EXPECT_EQ(hex_number(0xab, 6), "0000ab");
}

TEST(CodecHex, DecimalsPaddedAfterTheirSign) {
  EXPECT_EQ(decimal_number(7, 2), "07");
  EXPECT_EQ(decimal_number(2024, 4), "2024");
  EXPECT_EQ(decimal_number(12345, 4), "12345");
  EXPECT_EQ(decimal_number(-5, 4), "-0005");
  EXPECT_EQ(decimal_number(INT64_MIN), "-9223372036854775808");
}

TEST(CodecHex, EveryByteRoundTripsInEitherCase) {
  Bytes all(256);
  for (int i = 0; i < 256; ++i) all[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(i);
  std::string hex = to_hex(all);
  Bytes back;
  ASSERT_TRUE(from_hex(hex, back));
  EXPECT_EQ(back, all);
  for (auto& c : hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  ASSERT_TRUE(from_hex(hex, back));
  EXPECT_EQ(back, all);
}

TEST(CodecHex, OddLengthsAndNonDigitsAreRefused) {
  Bytes out;
  EXPECT_FALSE(from_hex("abc", out));
  for (std::string bad : {"0g", "g0", " 0", "0x", "-1", "0:"}) EXPECT_FALSE(from_hex(bad, out)) << bad;
  EXPECT_TRUE(from_hex("", out));
  EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace tlsscope
