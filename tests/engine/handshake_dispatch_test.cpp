// handshake/dispatch: a message the table has no row for, in any state that can be built here,
// ends in unexpected_message (RFC 5246 §7.3, RFC 8446 §5: "unexpected_message"), is still
// reported (with the state it arrived in), and leaves the state alone. States holding a proof
// token can only be reached by a real handshake: tests/interop/handshake_table_test.cpp and the
// hostile cases (tests/hostile) try those.
#include <gtest/gtest.h>

#include "handshake/context.hpp"
#include "handshake/dispatch.hpp"
#include "handshake/table.hpp"
#include "msgs/client_hello.hpp"
#include "msgs/handshake.hpp"
#include "record/record_layer.hpp"
#include "support/context_bench.hpp"
#include "support/messages.hpp"
#include "tables/suites.hpp"

namespace tlsscope {
namespace {

using test::Bench;

std::vector<HandshakeState> buildable_states() {
  const SuiteInfo* gcm = find_suite(0xc02b);
  const SuiteInfo* aes13 = find_suite(0x1301);
  tls12::Negotiated n{gcm, Bytes(32, 1), true, {}};
  tls13::HandshakeKeys k{aes13, 0x001d, Bytes(32, 2), Bytes(32, 3), Bytes(32, 4), {}, false};
  return {Idle{},
          ExpectServerHello{},
          tls12::ExpectCertificate{n},
          tls12::ExpectChangeCipherSpec{n, nullptr, Bytes(48, 5),
                                        RecordProtection(*gcm, Bytes(16, 6), Bytes(4, 7))},
          tls12::ExpectFinished{n, nullptr, Bytes(48, 5)},
          tls13::ExpectEncryptedExtensions{k},
          tls13::ExpectCertificate{k, false, {}},
          Closed{},
          Failed{}};
}

TEST(HandshakeDispatch, EveryMessageWithoutARowIsAnUnexpectedMessageAndIsReported) {
  std::size_t refused = 0;
  for (const HandshakeState& start : buildable_states()) {
    const std::string state(state_info(state_id_of(start)).name);
    for (std::uint16_t message = 0; message <= kChangeCipherSpecMessage; ++message) {
      if (message > 0xff && message != kChangeCipherSpecMessage) continue;
      if (find_transition(start, message)) continue;
      SCOPED_TRACE(state + " + " + message_name(message));
      Bench b;
      HandshakeState hs = start;
      const Bytes bytes = message == kChangeCipherSpecMessage
                              ? Bytes{1}
                              : frame_handshake(static_cast<HandshakeType>(message), Bytes(3, 0));
      const std::uint64_t carried[] = {41};
      auto err = dispatch(hs, Received{message, bytes, carried}, b.ctx);
      EXPECT_TRUE(test::is_error(err, ErrorCode::unexpected_message, message_name(message)));
      EXPECT_EQ(hs.index(), start.index()) << "the state must not move";
      EXPECT_EQ(b.transcript.size(), 0u) << "nothing is hashed";
      auto events = b.events.take();
      ASSERT_EQ(events.size(), 1u) << "the message is reported once";
      EXPECT_EQ(events[0]["dir"], "in");
      EXPECT_EQ(events[0]["state"], state);
      EXPECT_EQ(events[0]["records"], nlohmann::json::array({41}));
      EXPECT_TRUE(b.records.take_output().empty()) << "the caller, not the dispatcher, alerts";
      ++refused;
    }
  }
  // 9 states, 257 kinds each, less the few rows they have.
  EXPECT_GT(refused, 9u * 250u);
}

TEST(HandshakeDispatch, TheErrorSaysWhatTheStateExpected) {
  Bench b;
  HandshakeState hs = ExpectServerHello{};
  const Bytes fin = frame_handshake(HandshakeType::finished, Bytes(12, 0));
  auto err = dispatch(hs, Received{20, fin, {}}, b.ctx);
  EXPECT_TRUE(test::is_error(err, ErrorCode::unexpected_message, "server_hello"));
}

TEST(HandshakeDispatch, ARowRunsItsCodecAndAMalformedMessageStopsThere) {
  // tls12::ExpectCertificate has a row for Certificate: a certificate_list length pointing past
  // the message is the codec's decode_error, reported, the state unmoved and nothing hashed.
  Bench b;
  HandshakeState hs = buildable_states()[2];
  const Bytes cert = frame_handshake(HandshakeType::certificate, Bytes{0, 0, 9});
  auto err = dispatch(hs, Received{11, cert, {}}, b.ctx);
  EXPECT_TRUE(test::is_error(err, ErrorCode::decode_error));
  EXPECT_TRUE(std::holds_alternative<tls12::ExpectCertificate>(hs));
  EXPECT_EQ(b.transcript.size(), 0u);
  EXPECT_EQ(b.events.take().size(), 1u);
}

}  // namespace
}  // namespace tlsscope
