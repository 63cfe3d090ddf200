// handshake/context: what a handler's Context does with what it is given. Each sent message is
// reported, hashed into the transcript and written as a record that its event names; and TLS 1.3
// key installation derives RFC 8448's traffic keys from its handshake traffic secrets — the
// client's Finished written under them is, byte for byte, the protected record RFC 8448 §3
// prints. (Its reporters, handshake/reports.cpp, are handshake_reports_test.cpp's.)
#include <gtest/gtest.h>

#include <map>

#include "crypto/hash.hpp"
#include "support/context_bench.hpp"
#include "support/rfc8448.hpp"

namespace tlsscope {
namespace {

using namespace test::rfc8448;
using test::Bench;

const SuiteInfo& aes128_gcm_sha256() { return *find_suite(0x1301); }

json only_event_of_type(std::vector<json> events, std::string_view type) {
  std::vector<json> found;
  for (auto& e : events)
    if (e["type"] == type) found.push_back(std::move(e));
  EXPECT_EQ(found.size(), 1u) << type;
  return found.empty() ? json() : found.front();
}

TEST(HandshakeContext, SendHandshakeReportsHashesAndWritesIt) {
  Bench b;
  const Bytes msg = h(kClientFinished);
  b.ctx.send_handshake("finished", msg, json::array(), json::object());
  Bytes wire = b.records.take_output();
  Bytes expected = {22, 3, 3, 0, static_cast<std::uint8_t>(msg.size())};
  expected.insert(expected.end(), msg.begin(), msg.end());
  EXPECT_EQ(to_hex(wire), to_hex(expected));
  EXPECT_EQ(b.transcript.hash(Hash::sha256), digest(Hash::sha256, msg));
  auto events = b.events.take();
  json message = only_event_of_type(events, "message");
  json rec = only_event_of_type(events, "record");
  EXPECT_EQ(message["step"], "finished");
  EXPECT_EQ(message["dir"], "out");
  EXPECT_EQ(message["bytes"], to_hex(msg));
  EXPECT_EQ(message["records"], json::array({rec["seq"]})) << "the message names its record";
}

TEST(HandshakeContext, ChangeCipherSpecAndAlertRecords) {
  Bench b;
  b.ctx.send_change_cipher_spec(json::array(), json::object());
  EXPECT_EQ(to_hex(b.records.take_output()), "140303000101");
  b.ctx.send_alert({kAlertFatal, 40});
  EXPECT_EQ(to_hex(b.records.take_output()), "15030300020228");
  EXPECT_EQ(b.transcript.size(), 0u) << "neither is a handshake message";
  json alert = only_event_of_type(b.events.take(), "alert");
  EXPECT_EQ(alert["dir"], "out");
}

TEST(HandshakeContext, Tls13KeysAreRfc8448sAndReportedInBothDirections) {
  Bench b;
  b.ctx.install_tls13_keys(false, aes128_gcm_sha256(), h(kServerHandshakeTraffic),
                           "server_handshake_traffic_secret");
  b.ctx.install_tls13_keys(true, aes128_gcm_sha256(), h(kClientHandshakeTraffic),
                           "client_handshake_traffic_secret");
  std::map<std::string, std::string> secrets;
  for (const json& e : b.events.take())
    if (e["type"] == "secret") secrets[e["name"]] = e["value"];
  EXPECT_EQ(secrets["server_write_key"], x(kServerHandshakeKey));
  EXPECT_EQ(secrets["server_write_iv"], x(kServerHandshakeIv));
  EXPECT_EQ(secrets["client_write_key"], x(kClientHandshakeKey));
  EXPECT_EQ(secrets["client_write_iv"], x(kClientHandshakeIv));
}

// RFC 8448 §3, "{client} send handshake record": the client's Finished under the client
// handshake traffic key, sequence number 0, inner type handshake.
constexpr std::string_view kClientFinishedRecord =
    "17 03 03 00 35 75 ec 4d c2 38 cc e6 0b 29 80 44"
    "a7 1e 21 9c 56 cc 77 b0 51 7f e9 b9 3c 7a 4b fc"
    "44 d8 7f 38 f8 03 38 ac 98 fc 46 de b3 84 bd 1c"
    "ae ac ab 68 67 d7 26 c4 05 46";

TEST(HandshakeContext, TheClientFinishedRecordIsRfc8448s) {
  Bench b;
  b.ctx.install_tls13_keys(true, aes128_gcm_sha256(), h(kClientHandshakeTraffic),
                           "client_handshake_traffic_secret");
  b.ctx.send_handshake("finished", h(kClientFinished), json::array(), json::object());
  EXPECT_EQ(to_hex(b.records.take_output()), x(kClientFinishedRecord));
}

}  // namespace
}  // namespace tlsscope
