// states: negotiated_tls13 answers from the state alone — TLS 1.3 from the moment its
// ServerHello was accepted, and in Open only if that Open came from a TLS 1.3 handshake.
#include <gtest/gtest.h>

#include "states.hpp"

namespace tlsscope {
namespace {

FinishedVerified passed_finished() {
  EventSink events;
  const Bytes vd(12, 3);
  return *FinishedVerified::verify(vd, vd, json::object(), events);
}

TEST(States, Tls13IsNegotiatedFromItsServerHelloOn) {
  const SuiteInfo* gcm = find_suite(0xc02f);
  const SuiteInfo* aes13 = find_suite(0x1301);
  tls12::Negotiated n{gcm, Bytes(32, 1), true, {}};
  tls13::HandshakeKeys k{aes13, 0x001d, Bytes(32, 2), Bytes(32, 3), Bytes(32, 4), {}, false};
  const HandshakeState before_or_tls12[] = {
      Idle{}, ExpectServerHello{}, tls12::ExpectCertificate{n},
      tls12::ExpectFinished{n, nullptr, Bytes(48, 5)}, Closed{}, Failed{},
      Open{passed_finished(), false, std::nullopt}};
  for (const HandshakeState& s : before_or_tls12) EXPECT_FALSE(negotiated_tls13(s)) << s.index();
  const HandshakeState tls13_states[] = {
      tls13::ExpectEncryptedExtensions{k}, tls13::ExpectCertificate{k, false, {}},
      Open{passed_finished(), false, tls13::TrafficSecrets{aes13, Bytes(32, 6), Bytes(32, 7)}}};
  for (const HandshakeState& s : tls13_states) EXPECT_TRUE(negotiated_tls13(s)) << s.index();
}

}  // namespace
}  // namespace tlsscope
