// msgs/change_cipher_spec: TLS 1.2's ChangeCipherSpec and TLS 1.3's compatibility one.
#include <gtest/gtest.h>

#include "msgs/change_cipher_spec.hpp"
#include "support/messages.hpp"

namespace tlsscope {
namespace {

TEST(MsgsChangeCipherSpec, TheSingleByte01IsAcceptedByBoth) {
  const Bytes ccs{kChangeCipherSpecByte};
  ChangeCipherSpec out;
  json fields, summary;
  EXPECT_FALSE(decode_change_cipher_spec(ccs, out, fields, summary));
  ASSERT_EQ(fields.size(), 1u);
  EXPECT_EQ(fields[0]["name"], "type");
  EXPECT_FALSE(decode_compat_change_cipher_spec(ccs, out, fields, summary));
}

TEST(MsgsChangeCipherSpec, AnythingElseIsADecodeErrorInTls12) {
  ChangeCipherSpec out;
  json fields, summary;
  for (Bytes payload : {Bytes{}, Bytes{0}, Bytes{2}, Bytes{1, 1}})
    EXPECT_TRUE(test::is_error(decode_change_cipher_spec(payload, out, fields, summary),
                               ErrorCode::decode_error, "01"))
        << to_hex(payload);
}

TEST(MsgsChangeCipherSpec, AnythingElseIsAnUnexpectedMessageInTls13) {
  // RFC 8446 §5: "An implementation which receives any other change_cipher_spec value […] MUST
  // abort the handshake with an "unexpected_message" alert."
  ChangeCipherSpec out;
  json fields, summary;
  for (Bytes payload : {Bytes{}, Bytes{0}, Bytes{2}, Bytes{1, 1}})
    EXPECT_TRUE(test::is_error(decode_compat_change_cipher_spec(payload, out, fields, summary),
                               ErrorCode::unexpected_message))
        << to_hex(payload);
}

}  // namespace
}  // namespace tlsscope
