// msgs/finished: verify_data of exactly the expected length (12 bytes in TLS 1.2, the hash's
// length in TLS 1.3).
#include <gtest/gtest.h>

#include "msgs/finished.hpp"
#include "support/messages.hpp"

namespace tlsscope {
namespace {

Note a_note() { return verify_data_note(false, false, Hash::sha256); }

TEST(MsgsFinished, EncodeThenDecodeGivesTheVerifyDataBack) {
  for (std::size_t len : {std::size_t{12}, std::size_t{32}, std::size_t{48}}) {
    Bytes vd(len);
    for (std::size_t i = 0; i < len; ++i) vd[i] = static_cast<std::uint8_t>(i * 7);
    Bytes m = encode_finished(vd);
    EXPECT_EQ(m[0], 20);
    Bytes back;
    json fields, summary;
    ASSERT_FALSE(decode_finished(m, len, back, fields, summary, a_note()));
    EXPECT_EQ(back, vd);
    EXPECT_EQ(summary["verify_data"], to_hex(vd));
    EXPECT_EQ(fields.back()["offset"], kHandshakeHeaderLen);
    EXPECT_EQ(fields.back()["length"], len);
  }
}

TEST(MsgsFinished, AShortOrLongVerifyDataIsADecodeError) {
  Bytes out;
  json fields, summary;
  EXPECT_TRUE(test::is_error(decode_finished(encode_finished(Bytes(11)), 12, out, fields, summary,
                                             a_note()),
                             ErrorCode::decode_error, "Finished: a length points past"));
  EXPECT_TRUE(test::is_error(decode_finished(encode_finished(Bytes(13)), 12, out, fields, summary,
                                             a_note()),
                             ErrorCode::decode_error, "Finished: 1 bytes left over"));
  // A TLS 1.2-sized Finished where TLS 1.3 with SHA-384 wants 48 bytes.
  EXPECT_TRUE(test::is_error(decode_finished(encode_finished(Bytes(12)), 48, out, fields, summary,
                                             a_note()),
                             ErrorCode::decode_error));
}

}  // namespace
}  // namespace tlsscope
