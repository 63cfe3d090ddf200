// msgs/handshake: framing, and reassembling messages from records (several in one record, one
// over several), each message naming the records that carried it.
#include <gtest/gtest.h>

#include "msgs/handshake.hpp"
#include "support/messages.hpp"

namespace tlsscope {
namespace {

HandshakeMessage expect_message(HandshakeReassembler& r) {
  auto next = r.next();
  if (auto* e = std::get_if<Error>(&next)) ADD_FAILURE() << e->detail;
  EXPECT_TRUE(std::holds_alternative<HandshakeMessage>(next));
  return std::holds_alternative<HandshakeMessage>(next) ? std::get<HandshakeMessage>(next)
                                                        : HandshakeMessage{};
}

TEST(MsgsHandshake, FrameWritesTypeAndA24BitLength) {
  Bytes body(300, 0xab);
  Bytes m = frame_handshake(HandshakeType::certificate, body);
  ASSERT_EQ(m.size(), 304u);
  EXPECT_EQ(m[0], 11);
  EXPECT_EQ(m[1], 0);
  EXPECT_EQ(m[2], 1);
  EXPECT_EQ(m[3], 44);
}

TEST(MsgsHandshake, SeveralMessagesInOneRecordComeOutOneByOne) {
  Bytes a = frame_handshake(HandshakeType::server_hello, Bytes(10, 1));
  Bytes b = frame_handshake(HandshakeType::server_hello_done, {});
  Bytes both = a;
  both.insert(both.end(), b.begin(), b.end());
  HandshakeReassembler r;
  r.feed(both, 7);
  HandshakeMessage m1 = expect_message(r);
  EXPECT_EQ(m1.bytes, a);
  EXPECT_EQ(m1.records, std::vector<std::uint64_t>{7});
  EXPECT_FALSE(r.empty());
  HandshakeMessage m2 = expect_message(r);
  EXPECT_EQ(m2.bytes, b);
  EXPECT_EQ(m2.records, std::vector<std::uint64_t>{7});
  EXPECT_TRUE(r.empty());
  EXPECT_TRUE(std::holds_alternative<std::monostate>(r.next()));
}

TEST(MsgsHandshake, AMessageSplitOverRecordsWaitsForItsLastByteAndNamesEveryRecord) {
  Bytes a = frame_handshake(HandshakeType::certificate, Bytes(100, 2));
  Bytes b = frame_handshake(HandshakeType::server_hello_done, {});
  HandshakeReassembler r;
  r.feed(ByteView(a).first(2), 1);  // not even a whole header
  EXPECT_TRUE(std::holds_alternative<std::monostate>(r.next()));
  r.feed(ByteView(a).subspan(2, 60), 2);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(r.next()));
  Bytes rest(a.begin() + 62, a.end());
  rest.insert(rest.end(), b.begin(), b.end());  // the next message starts in the same record
  r.feed(rest, 3);
  HandshakeMessage m1 = expect_message(r);
  EXPECT_EQ(m1.bytes, a);
  EXPECT_EQ(m1.records, (std::vector<std::uint64_t>{1, 2, 3}));
  HandshakeMessage m2 = expect_message(r);
  EXPECT_EQ(m2.bytes, b);
  EXPECT_EQ(m2.records, std::vector<std::uint64_t>{3}) << "only the record that held it";
}

TEST(MsgsHandshake, AnOversizedLengthIsRefusedFromTheHeaderAlone) {
  // The limit is checked before any of the body arrives: a lying length must not make the
  // client buffer (or wait for) 16 MiB.
  HandshakeReassembler r;
  const std::uint32_t len = kMaxHandshakeMessage + 1;
  r.feed(Bytes{11, static_cast<std::uint8_t>(len >> 16), static_cast<std::uint8_t>(len >> 8),
               static_cast<std::uint8_t>(len)},
         1);
  auto next = r.next();
  ASSERT_TRUE(std::holds_alternative<Error>(next));
  EXPECT_TRUE(test::is_error(std::get<Error>(next), ErrorCode::handshake_too_large, "limit"));
}

TEST(MsgsHandshake, TheLimitItselfIsAllowed) {
  HandshakeReassembler r;
  Bytes m = frame_handshake(HandshakeType::certificate, Bytes(kMaxHandshakeMessage, 0));
  r.feed(m, 1);
  EXPECT_EQ(expect_message(r).bytes.size(), kMaxHandshakeMessage + kHandshakeHeaderLen);
}

TEST(MsgsHandshake, SyntaxErrorNamesTheMessageForOverrunsAndLeftovers) {
  Bytes two{1, 2};
  Reader over(two);
  over.bytes(3);
  EXPECT_TRUE(test::is_error(syntax_error(over, "Thing"), ErrorCode::decode_error,
                             "Thing: a length points past the end"));
  Reader left(two);
  left.u8();
  EXPECT_TRUE(test::is_error(syntax_error(left, "Thing"), ErrorCode::decode_error,
                             "Thing: 1 bytes left over"));
  Reader done(two);
  done.u16();
  EXPECT_FALSE(syntax_error(done, "Thing"));
}

TEST(MsgsHandshake, BodyReaderOffsetsCountFromTheHeader) {
  Bytes m = frame_handshake(HandshakeType::finished, Bytes{9, 8});
  Reader r = body_reader(m);
  EXPECT_EQ(r.pos(), kHandshakeHeaderLen);
  EXPECT_EQ(r.remaining(), 2u);
  json h = header_fields(m);
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0]["name"], "msg_type");
  EXPECT_EQ(h[1]["value"], 2);
}

}  // namespace
}  // namespace tlsscope
