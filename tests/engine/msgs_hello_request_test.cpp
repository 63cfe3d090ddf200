// msgs/hello_request: HelloRequest has an empty body; anything in it is a decode_error.
#include <gtest/gtest.h>

#include "msgs/hello_request.hpp"
#include "support/messages.hpp"

namespace tlsscope {
namespace {

TEST(MsgsHelloRequest, TheEmptyMessageIsAccepted) {
  const Bytes m = frame_handshake(HandshakeType::hello_request, {});
  ASSERT_EQ(m.size(), kHandshakeHeaderLen);
  HelloRequest out;
  json fields, summary;
  EXPECT_FALSE(decode_hello_request(m, out, fields, summary));
  ASSERT_EQ(fields.size(), 2u);  // msg_type and length, nothing else
  EXPECT_EQ(fields[1]["name"], "length");
}

TEST(MsgsHelloRequest, ABodyIsADecodeErrorNamingTheMessage) {
  HelloRequest out;
  json fields, summary;
  for (Bytes body : {Bytes{0}, Bytes{0, 0, 0}})
    EXPECT_TRUE(test::is_error(decode_hello_request(frame_handshake(HandshakeType::hello_request, body), out,
                                              fields, summary),
                               ErrorCode::decode_error, "HelloRequest"))
        << body.size() << " bytes";
}

}  // namespace
}  // namespace tlsscope
