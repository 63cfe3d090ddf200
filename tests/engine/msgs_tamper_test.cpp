// msgs/tamper: "Break it" flips a byte of the bytes a real check reads — a signature,
// verify_data — and never a length the parser would trip over first.
#include <gtest/gtest.h>

#include "msgs/tamper.hpp"
#include "support/messages.hpp"

namespace tlsscope {
namespace {

using Target = Tamper::Target;

HandshakeMessage as_message(Bytes bytes) { return HandshakeMessage{bytes[0], std::move(bytes), {}}; }

TEST(MsgsTamper, TheServerKeyExchangeSignatureIsItsLastBytes) {
  const Bytes sig(71, 0x44);
  HandshakeMessage m = as_message(test::message(HandshakeType::server_key_exchange, [&](Writer& w) {
    w.u8(3);
    w.u16(0x001d);
    auto p = w.open(1);
    w.bytes(Bytes(32, 0x33));
    w.close(p);
    w.u16(0x0403);
    auto s = w.open(2);
    w.bytes(sig);
    w.close(s);
  }));
  auto span = tamper_span(Target::server_key_exchange_signature, m, false);
  ASSERT_TRUE(span);
  EXPECT_EQ(span->length, sig.size());
  EXPECT_EQ(span->offset + span->length, m.bytes.size());
  EXPECT_FALSE(tamper_span(Target::server_key_exchange_signature, m, true)) << "TLS 1.2 only";
  EXPECT_FALSE(tamper_span(Target::certificate_verify, m, false)) << "another message";
}

TEST(MsgsTamper, CertificateVerifySignatureInTls13Only) {
  HandshakeMessage m = as_message(test::message(HandshakeType::certificate_verify, [](Writer& w) {
    w.u16(0x0804);
    auto s = w.open(2);
    w.bytes(Bytes(256, 0x55));
    w.close(s);
  }));
  auto span = tamper_span(Target::certificate_verify, m, true);
  ASSERT_TRUE(span);
  EXPECT_EQ(span->offset, kHandshakeHeaderLen + 4);
  EXPECT_EQ(span->length, 256u);
  EXPECT_FALSE(tamper_span(Target::certificate_verify, m, false));
}

TEST(MsgsTamper, FinishedIsAllOfVerifyData) {
  HandshakeMessage m = as_message(frame_handshake(HandshakeType::finished, Bytes(12, 9)));
  auto span = tamper_span(Target::server_finished, m, false);
  ASSERT_TRUE(span);
  EXPECT_EQ(span->offset, kHandshakeHeaderLen);
  EXPECT_EQ(span->length, 12u);
  EXPECT_FALSE(tamper_span(Target::server_finished,
                           as_message(frame_handshake(HandshakeType::finished, {})), false))
      << "nothing to flip";
}

TEST(MsgsTamper, ALyingLengthGivesNoSpanRatherThanAnOverRead) {
  HandshakeMessage m = as_message(test::message(HandshakeType::certificate_verify, [](Writer& w) {
    w.u16(0x0804);
    w.u16(300);  // claims 300 bytes
    w.bytes(Bytes(10, 0x55));
  }));
  EXPECT_FALSE(tamper_span(Target::certificate_verify, m, true));
  HandshakeMessage cert = as_message(frame_handshake(HandshakeType::certificate, Bytes{0, 0, 9}));
  EXPECT_FALSE(tamper_span(Target::certificate, cert, false));
}

TEST(MsgsTamper, TargetNamesRoundTrip) {
  for (Target t : {Target::server_key_exchange_signature, Target::certificate,
                   Target::server_finished, Target::certificate_verify}) {
    auto back = tamper_target_by_name(tamper_target_name(t));
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, t);
  }
  EXPECT_FALSE(tamper_target_by_name("server_hello"));
}

}  // namespace
}  // namespace tlsscope
