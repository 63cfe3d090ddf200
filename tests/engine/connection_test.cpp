// connection (Client::Impl): what the client offers for a configuration, read back from the
// ClientHello bytes it writes (parsed here by hand, RFC 8446 §4.1.2, not by the engine's codec);
// how it answers what arrives outside the handshake table — alerts (RFC 5246 §7.2, RFC 8446 §6),
// early application data, records of no known type — and the transport closing, each with
// the error code and the alert the client sends back (or not).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "codec/reader.hpp"
#include "support/context_bench.hpp"
#include "support/messages.hpp"
#include "support/test_pki.hpp"
#include "tlsscope/client.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope {
namespace {

Config config_for(std::string host = "localhost") {
  Config c;
  c.server_name = std::move(host);
  c.trust_anchors_pem = test::pki_text("roots.pem");
  c.now = test::now();
  c.random = test::counting();
  return c;
}

// A ClientHello, taken apart: the fields an offer consists of, and each extension's body.
struct Hello {
  Bytes random, session_id;
  std::vector<std::uint16_t> suites;
  std::map<std::uint16_t, Bytes> extensions;
  std::vector<std::uint16_t> u16_list(std::uint16_t ext, std::size_t prefix) const {
    std::vector<std::uint16_t> out;
    const Bytes& b = extensions.at(ext);
    for (std::size_t i = prefix; i + 1 < b.size(); i += 2) out.push_back(b[i] << 8 | b[i + 1]);
    return out;
  }
};

Hello client_hello_of(const Bytes& wire) {
  Hello h;
  Reader rec(wire);
  EXPECT_EQ(rec.u8(), 22);  // handshake record
  rec.u16();
  Reader record = rec.sub_prefixed(2);
  EXPECT_EQ(record.u8(), 1);  // client_hello
  Reader body = record.sub_prefixed(3);
  EXPECT_EQ(body.u16(), 0x0303);  // legacy_version, frozen at TLS 1.2
  ByteView random = body.bytes(32);
  h.random.assign(random.begin(), random.end());
  Reader sid = body.sub_prefixed(1);
  ByteView s = sid.bytes(sid.remaining());
  h.session_id.assign(s.begin(), s.end());
  Reader suites = body.sub_prefixed(2);
  while (!suites.empty()) h.suites.push_back(suites.u16());
  body.sub_prefixed(1);  // compression methods
  Reader exts = body.sub_prefixed(2);
  while (!exts.empty()) {
    std::uint16_t type = exts.u16();
    Reader e = exts.sub_prefixed(2);
    ByteView v = e.bytes(e.remaining());
    h.extensions[type].assign(v.begin(), v.end());
  }
  EXPECT_TRUE(rec.ok() && body.ok() && exts.ok() && body.empty());
  return h;
}

Hello start(Client& c) {
  c.start();
  EXPECT_EQ(c.state(), State::handshaking);
  return client_hello_of(c.take_output());
}

TEST(Connection, ByDefaultTls13And12WithTheHybridFirstAndAnX25519Share) {
  Client c(config_for());
  Hello h = start(c);
  Bytes first32(32);
  test::counting()(first32.data(), 32);
  EXPECT_EQ(h.random, first32) << "the Client Random is the first 32 random bytes";
  EXPECT_EQ(h.session_id.size(), 32u) << "TLS 1.3 middlebox compatibility (RFC 8446 §D.4)";
  EXPECT_EQ(h.u16_list(43, 1), (std::vector<std::uint16_t>{0x0304, 0x0303}));  // supported_versions
  auto groups = h.u16_list(10, 2);
  ASSERT_FALSE(groups.empty());
  EXPECT_EQ(groups.front(), 0x11ec);
  // key_share: the hybrid (1216 bytes) and x25519 (32).
  const Bytes& ks = h.extensions.at(51);
  ASSERT_GE(ks.size(), 2u + 4 + 1216 + 4 + 32);
  EXPECT_EQ((ks[2] << 8 | ks[3]), 0x11ec);
  EXPECT_EQ((ks[4] << 8 | ks[5]), 1216);
  EXPECT_EQ((ks[2 + 4 + 1216] << 8 | ks[2 + 4 + 1217]), 0x001d);
  // server_name carries the host (RFC 6066 §3: host_name 0).
  const Bytes& sni = h.extensions.at(0);
  EXPECT_EQ(std::string(sni.begin() + 5, sni.end()), "localhost");
  EXPECT_TRUE(std::find(h.suites.begin(), h.suites.end(), 0x1301) != h.suites.end());
  EXPECT_TRUE(std::find(h.suites.begin(), h.suites.end(), 0xc02f) != h.suites.end());
}

TEST(Connection, Tls12OnlyOffersNoTls13Parts) {
  Config cfg = config_for();
  cfg.versions = {0x0303};
  Client c(std::move(cfg));
  Hello h = start(c);
  EXPECT_TRUE(h.session_id.empty());
  EXPECT_FALSE(h.extensions.contains(51)) << "no key_share";
  EXPECT_FALSE(h.extensions.contains(43)) << "no supported_versions";
  for (auto s : h.suites) EXPECT_NE(s >> 8, 0x13) << "a TLS 1.3 suite offered: " << s;
  auto groups = h.u16_list(10, 2);
  EXPECT_EQ(std::count(groups.begin(), groups.end(), 0x11ec), 0) << "the hybrid is TLS 1.3 only";
}

TEST(Connection, ClassicalRunLeavesTheHybridOut) {
  Config cfg = config_for();
  cfg.hybrid_key_exchange = false;
  Client c(std::move(cfg));
  Hello h = start(c);
  auto groups = h.u16_list(10, 2);
  EXPECT_EQ(std::count(groups.begin(), groups.end(), 0x11ec), 0);
  const Bytes& ks = h.extensions.at(51);
  EXPECT_EQ((ks[2] << 8 | ks[3]), 0x001d) << "x25519 takes the first share";
}

// RFC 6066 §3: "Literal IPv4 and IPv6 addresses are not permitted in HostName".
TEST(Connection, AnIpAddressIsNotSentAsServerName) {
  for (const char* host : {"127.0.0.1", "::1"}) {
    Client c(config_for(host));
    EXPECT_FALSE(start(c).extensions.contains(0)) << host;
  }
}

TEST(Connection, NothingToOfferOrNoRandomnessIsAnInternalErrorWithNoAlert) {
  Config no_suite = config_for();
  no_suite.cipher_suites = {0x002f};  // named, not implemented
  Client a(std::move(no_suite));
  a.start();
  ASSERT_TRUE(a.error().has_value());
  EXPECT_EQ(a.error()->code, ErrorCode::internal_error);
  EXPECT_TRUE(a.take_output().empty()) << "nothing was ever sent, so no alert either";

  Config no_random = config_for();
  no_random.random = nullptr;
  Client b(std::move(no_random));
  b.start();
  EXPECT_EQ(b.state(), State::failed);
  EXPECT_EQ(b.error()->code, ErrorCode::internal_error);
}

Bytes record(std::uint8_t type, Bytes payload) {
  Bytes r = {type, 3, 3, static_cast<std::uint8_t>(payload.size() >> 8),
             static_cast<std::uint8_t>(payload.size())};
  r.insert(r.end(), payload.begin(), payload.end());
  return r;
}

std::vector<json> errors_of(Client& c) {
  std::vector<json> out;
  for (auto& e : c.take_events())
    if (e["type"] == "error") out.push_back(e);
  return out;
}

// RFC 5246 §7.4.1.3: handshake_failure (and protocol_version, insufficient_security) before
// ServerHello means the two sides share nothing; the client does not answer a fatal alert.
TEST(Connection, AFatalHandshakeFailureBeforeServerHelloIsAMismatch) {
  Client c(config_for());
  start(c);
  c.receive(record(21, {2, 40}));
  ASSERT_TRUE(c.error().has_value());
  EXPECT_TRUE(test::is_error(c.error(), ErrorCode::version_or_cipher_mismatch, "handshake_failure"));
  EXPECT_TRUE(c.take_output().empty()) << "no alert back after the server's fatal one";
}

TEST(Connection, OtherFatalAlertsAreAlertReceivedNamingTheAlert) {
  Client c(config_for());
  start(c);
  c.receive(record(21, {2, 120}));
  EXPECT_TRUE(test::is_error(c.error(), ErrorCode::alert_received, "no_application_protocol"));
  auto errs = errors_of(c);
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_FALSE(errs[0].contains("alert_sent"));
}

// RFC 5246 §7.2: a warning need not end a TLS 1.2 connection — nor this handshake before the
// version is known; handshake_failure is fatal at any level.
TEST(Connection, AWarningBeforeTheVersionIsKnownIsNotFatal) {
  Client c(config_for());
  start(c);
  c.receive(record(21, {1, 112}));  // unrecognized_name
  EXPECT_EQ(c.state(), State::handshaking);
  c.receive(record(21, {1, 40}));
  EXPECT_EQ(c.state(), State::failed);
}

TEST(Connection, CloseNotifyDuringTheHandshakeIsConnectionClosed) {
  Client c(config_for());
  start(c);
  c.receive(record(21, {1, 0}));
  EXPECT_TRUE(test::is_error(c.error(), ErrorCode::connection_closed, "close_notify"));
}

// Each failure that has an alert sends it: the alert record 15 03 03 00 02 02 <description>.
TEST(Connection, RefusedRecordsAreAnsweredWithTheirAlert) {
  struct Case {
    const char* what;
    Bytes bytes;
    ErrorCode code;
    std::uint8_t alert;
  };
  const Case cases[] = {
      {"application data before the handshake", record(23, {'h', 'i'}),
       ErrorCode::unexpected_message, 10},
      {"a record type that does not exist", record(99, {0}), ErrorCode::bad_record_type, 10},
      {"an alert one byte long", record(21, {2}), ErrorCode::decode_error, 50},
      {"a record over 2^14 + 256 bytes", record(22, Bytes(16384 + 2048 + 1, 0)),
       ErrorCode::record_overflow, 22},
      {"a ServerHello that is not one", record(22, {2, 0, 0, 1, 0}), ErrorCode::decode_error, 50},
  };
  for (const Case& k : cases) {
    SCOPED_TRACE(k.what);
    Client c(config_for());
    start(c);
    c.receive(k.bytes);
    ASSERT_TRUE(c.error().has_value());
    EXPECT_EQ(c.error()->code, k.code) << c.error()->detail;
    EXPECT_EQ(to_hex(c.take_output()), to_hex(record(21, {2, k.alert})));
    auto errs = errors_of(c);
    ASSERT_EQ(errs.size(), 1u);
    EXPECT_EQ(errs[0]["alert_sent"], alert_name(k.alert));
    EXPECT_FALSE(errs[0]["message_zh"].get<std::string>().empty());
    c.receive(record(21, {2, 40}));  // after the failure nothing more is read
    EXPECT_EQ(c.error()->code, k.code);
  }
}

TEST(Connection, TheTransportClosingDuringTheHandshakeSaysWhatWasAwaited) {
  Client c(config_for());
  start(c);
  c.transport_closed();
  EXPECT_TRUE(test::is_error(c.error(), ErrorCode::connection_closed));
  auto errs = errors_of(c);
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_FALSE(errs[0]["at_step"].get<std::string>().empty());
  EXPECT_TRUE(c.take_output().empty()) << "no alert: connection_closed has none";
}

}  // namespace
}  // namespace tlsscope
