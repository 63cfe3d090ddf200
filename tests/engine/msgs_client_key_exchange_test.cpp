// msgs/client_key_exchange: the client's ECDHE public key, written and read back.
#include <gtest/gtest.h>

#include "msgs/client_key_exchange.hpp"
#include "support/messages.hpp"

namespace tlsscope {
namespace {

TEST(MsgsClientKeyExchange, EncodeThenDecodeShowsTheSameKey) {
  Bytes key(65, 0x04);
  Bytes m = encode_client_key_exchange(key);
  EXPECT_EQ(m[0], 16);
  EXPECT_EQ(m.size(), kHandshakeHeaderLen + 1 + 65);
  EXPECT_EQ(m[4], 65);
  json fields, summary;
  ASSERT_FALSE(decode_client_key_exchange(m, fields, summary));
  EXPECT_EQ(summary["public_key"], to_hex(key));
}

TEST(MsgsClientKeyExchange, ALyingLengthOrTrailingBytesAreDecodeErrors) {
  Bytes m = encode_client_key_exchange(Bytes(32, 1));
  json fields, summary;
  Bytes longer = m;
  longer[4] = 33;
  EXPECT_TRUE(test::is_error(decode_client_key_exchange(longer, fields, summary),
                             ErrorCode::decode_error, "ClientKeyExchange"));
  EXPECT_TRUE(test::is_error(
      decode_client_key_exchange(test::with_trailing(m, {0}), fields, summary),
      ErrorCode::decode_error, "ClientKeyExchange: 1 bytes left over"));
}

}  // namespace
}  // namespace tlsscope
