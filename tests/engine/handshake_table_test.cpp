// handshake/table: which messages each state accepts, held against the RFCs' message orders
// written out here once more, independently of the table (RFC 5246 §7.3, RFC 8446 §2, §4.6),
// for every one of the 256 handshake types and ChangeCipherSpec. The same table driven by real
// servers is tests/interop/handshake_table_test.cpp; the dispatcher's answer to the messages
// left out is handshake_dispatch_test.cpp.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "handshake/table.hpp"
#include "msgs/handshake.hpp"

namespace tlsscope {
namespace {

using T = HandshakeType;
constexpr std::uint16_t m(T t) { return static_cast<std::uint16_t>(t); }
constexpr std::uint16_t kCcs = kChangeCipherSpecMessage;

struct Legal {
  Flow flow;
  StateId state;
  std::set<std::uint16_t> messages;
};

const std::vector<Legal>& legal() {
  static const std::vector<Legal> rows = {
      // Before ServerHello: a TLS 1.3 server may send its compatibility CCS first (RFC 8446
      // §D.4); HelloRequest is ignored mid-handshake (RFC 5246 §7.4.1.1).
      {Flow::hello, StateId::expect_server_hello, {m(T::server_hello), m(T::hello_request), kCcs}},
      {Flow::tls12, StateId::tls12_expect_certificate, {m(T::certificate), m(T::hello_request)}},
      {Flow::tls12, StateId::tls12_expect_server_key_exchange,
       {m(T::server_key_exchange), m(T::hello_request)}},
      {Flow::tls12, StateId::tls12_expect_server_hello_done,
       {m(T::certificate_request), m(T::server_hello_done), m(T::hello_request)}},
      {Flow::tls12, StateId::tls12_expect_change_cipher_spec, {kCcs, m(T::hello_request)}},
      {Flow::tls12, StateId::tls12_expect_finished, {m(T::finished), m(T::hello_request)}},
      // After the handshake a TLS 1.2 server may only ask to renegotiate.
      {Flow::tls12, StateId::open, {m(T::hello_request)}},
      {Flow::tls13, StateId::tls13_expect_encrypted_extensions, {m(T::encrypted_extensions), kCcs}},
      {Flow::tls13, StateId::tls13_expect_certificate,
       {m(T::certificate_request), m(T::certificate), kCcs}},
      {Flow::tls13, StateId::tls13_expect_certificate_verify, {m(T::certificate_verify), kCcs}},
      {Flow::tls13, StateId::tls13_expect_finished, {m(T::finished), kCcs}},
      // RFC 8446 §4.6: after the handshake, NewSessionTicket and KeyUpdate.
      {Flow::tls13, StateId::open, {m(T::new_session_ticket), m(T::key_update)}},
  };
  return rows;
}

TEST(HandshakeTable, EachStateAcceptsExactlyTheMessagesTheRfcsAllowThere) {
  for (const Legal& l : legal()) {
    const std::string state(state_info(l.state).name);
    for (std::uint16_t message = 0; message <= kCcs; ++message) {
      const Transition* row = find_transition(l.flow, l.state, message);
      if (l.messages.count(message)) {
        ASSERT_NE(row, nullptr) << state << " must accept " << message_name(message);
        EXPECT_EQ(row->from, l.state);
        EXPECT_EQ(row->message, message);
        EXPECT_FALSE(row->codec.empty());
        EXPECT_FALSE(row->handler.empty());
        EXPECT_TRUE(row->to[0].has_value()) << "a row names where it may lead";
      } else {
        EXPECT_EQ(row, nullptr) << state << " must refuse " << message_name(message);
      }
    }
  }
}

TEST(HandshakeTable, EveryRowIsOneTheRfcsAllow) {
  std::size_t rows = 0;
  for (Flow flow : {Flow::hello, Flow::tls12, Flow::tls13})
    for (const Transition& t : handshake_table(flow)) {
      ++rows;
      bool listed = false;
      for (const Legal& l : legal())
        listed |= l.flow == flow && l.state == t.from && l.messages.count(t.message);
      EXPECT_TRUE(listed) << state_info(t.from).name << " + " << message_name(t.message);
    }
  std::size_t expected = 0;
  for (const Legal& l : legal()) expected += l.messages.size();
  EXPECT_EQ(rows, expected);
}

TEST(HandshakeTable, StatesWithoutAFlowAcceptNothing) {
  for (StateId s : {StateId::idle, StateId::closed, StateId::failed})
    for (Flow flow : {Flow::hello, Flow::tls12, Flow::tls13})
      for (std::uint16_t message = 0; message <= kCcs; ++message)
        EXPECT_EQ(find_transition(flow, s, message), nullptr)
            << state_info(s).name << " + " << message_name(message);
}

TEST(HandshakeTable, OnlyTheHandshakeMessagesTheServerSendsAreHashed) {
  // RFC 8446 §4.4.1, RFC 5246 §7.4.9: HelloRequest, ChangeCipherSpec and the post-handshake
  // messages are not part of the transcript.
  const std::set<std::uint16_t> never = {m(T::hello_request), kCcs, m(T::new_session_ticket),
                                         m(T::key_update)};
  for (Flow flow : {Flow::hello, Flow::tls12, Flow::tls13})
    for (const Transition& t : handshake_table(flow))
      EXPECT_EQ(t.transcript, !never.count(t.message))
          << state_info(t.from).name << " + " << message_name(t.message);
}

TEST(HandshakeTable, TheDescriptionHasEveryStateAndRow) {
  nlohmann::json d = describe_handshake_table();
  EXPECT_EQ(d["states"].size(), kStateCount);
  std::size_t rows = 0;
  for (Flow flow : {Flow::hello, Flow::tls12, Flow::tls13}) rows += handshake_table(flow).size();
  EXPECT_EQ(d["transitions"].size(), rows);
}

}  // namespace
}  // namespace tlsscope
