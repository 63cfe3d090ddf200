// msgs/server_key_exchange: ECDHE parameters on a named curve and the signature over them.
#include <gtest/gtest.h>

#include "msgs/server_key_exchange.hpp"
#include "support/messages.hpp"

namespace tlsscope {
namespace {

// named_curve x25519, a 32-byte point of 0x33, ecdsa_secp256r1_sha256, a 70-byte signature.
Bytes server_key_exchange(std::size_t point_len = 32, std::size_t sig_len = 70) {
  return test::message(HandshakeType::server_key_exchange, [&](Writer& w) {
    w.u8(3);
    w.u16(0x001d);
    auto point = w.open(1);
    w.bytes(Bytes(point_len, 0x33));
    w.close(point);
    w.u16(0x0403);
    auto sig = w.open(2);
    w.bytes(Bytes(sig_len, 0x44));
    w.close(sig);
  });
}

std::optional<Error> decode(const Bytes& m, ServerKeyExchange& out) {
  json fields, summary;
  return decode_server_key_exchange(m, out, fields, summary);
}

TEST(MsgsServerKeyExchange, EveryFieldIsReadAndParamsAreExactlyTheSignedBytes) {
  Bytes m = server_key_exchange();
  ServerKeyExchange ske;
  ASSERT_FALSE(decode(m, ske));
  EXPECT_EQ(ske.curve_type, 3);
  EXPECT_EQ(ske.group, 0x001d);
  EXPECT_EQ(ske.public_key, Bytes(32, 0x33));
  EXPECT_EQ(ske.signature_scheme, 0x0403);
  EXPECT_EQ(ske.signature, Bytes(70, 0x44));
  // RFC 8422 §5.4: the signature covers ServerECDHParams: curve_type, the curve, the point.
  EXPECT_EQ(ske.params, Bytes(m.begin() + 4, m.begin() + 4 + 1 + 2 + 1 + 32));
}

TEST(MsgsServerKeyExchange, EveryTruncationIsADecodeError) {
  Bytes m = server_key_exchange();
  for (std::size_t cut = 1; cut <= m.size() - kHandshakeHeaderLen; ++cut) {
    ServerKeyExchange ske;
    EXPECT_TRUE(test::is_error(decode(test::truncated(m, cut), ske), ErrorCode::decode_error,
                               "ServerKeyExchange"))
        << "cut " << cut;
  }
}

TEST(MsgsServerKeyExchange, TrailingBytesAreADecodeError) {
  ServerKeyExchange ske;
  EXPECT_TRUE(test::is_error(decode(test::with_trailing(server_key_exchange(), {0}), ske),
                             ErrorCode::decode_error, "ServerKeyExchange: 1 bytes left over"));
}

TEST(MsgsServerKeyExchange, ALyingSignatureLengthIsADecodeError) {
  Bytes m = server_key_exchange();
  const std::size_t sig_len_at = 4 + 1 + 2 + 1 + 32 + 2;
  for (int delta : {+1, -1}) {
    Bytes lie = m;
    test::bump_u16(lie, sig_len_at, delta);
    ServerKeyExchange ske;
    EXPECT_TRUE(test::is_error(decode(lie, ske), ErrorCode::decode_error)) << delta;
  }
}

}  // namespace
}  // namespace tlsscope
