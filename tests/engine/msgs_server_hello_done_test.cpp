// msgs/server_hello_done: ServerHelloDone has an empty body; anything in it is a decode_error.
#include <gtest/gtest.h>

#include "msgs/server_hello_done.hpp"
#include "support/messages.hpp"

namespace tlsscope {
namespace {

TEST(MsgsServerHelloDone, TheEmptyMessageIsAccepted) {
  const Bytes m = frame_handshake(HandshakeType::server_hello_done, {});
  ASSERT_EQ(m.size(), kHandshakeHeaderLen);
  ServerHelloDone out;
  json fields, summary;
  EXPECT_FALSE(decode_server_hello_done(m, out, fields, summary));
  ASSERT_EQ(fields.size(), 2u);  // msg_type and length, nothing else
  EXPECT_EQ(fields[1]["name"], "length");
}

TEST(MsgsServerHelloDone, ABodyIsADecodeErrorNamingTheMessage) {
  ServerHelloDone out;
  json fields, summary;
  for (Bytes body : {Bytes{0}, Bytes{0, 0, 0}})
    EXPECT_TRUE(test::is_error(decode_server_hello_done(frame_handshake(HandshakeType::server_hello_done, body), out,
                                              fields, summary),
                               ErrorCode::decode_error, "ServerHelloDone"))
        << body.size() << " bytes";
}

}  // namespace
}  // namespace tlsscope
