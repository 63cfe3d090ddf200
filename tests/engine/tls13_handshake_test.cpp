// tls13/handshake: the TLS 1.3 handlers run in-process on RFC 8448 §3's trace. The ServerHello
// handler, given the RFC's x25519 key and messages, must arrive at the RFC's handshake traffic
// secrets, keys and IVs; the Finished handler, given the RFC's handshake keys and transcript,
// must accept the RFC's server Finished, derive the RFC's application traffic secrets and send
// the RFC's client Finished — and refuse the server Finished with one bit changed. Around
// those, what each handler refuses, with its error code (RFC 8446 §4.1.3, §4.1.4, §4.2, §4.4.3).
//
// The one input not from the RFC is the CertificateVerify token an ExpectFinished state must
// hold: the RFC's certificate cannot be validated (1024-bit, self-signed, expired in 2026), so
// the token comes from a real check with the test PKI's ec256-leaf.
#include <gtest/gtest.h>

#include <algorithm>

#include "crypto/hash.hpp"
#include "msgs/server_hello.hpp"
#include "support/context_bench.hpp"
#include "support/messages.hpp"
#include "support/rfc8448.hpp"
#include "support/test_pki.hpp"
#include "tls13/handlers.hpp"
#include "tls13/key_schedule.hpp"

namespace tlsscope::tls13 {
namespace {

using namespace test::rfc8448;
using test::Bench;

// The RFC's ClientHello: TLS 1.3 only, TLS_AES_128_GCM_SHA256 first, an empty session id, the
// x25519 share whose private key the RFC prints.
// Bytes [from, from + n) of the RFC message `m`.
Bytes slice(std::string_view m, std::size_t from, std::size_t n) {
  const Bytes all = h(m);
  return Bytes(all.begin() + static_cast<long>(from), all.begin() + static_cast<long>(from + n));
}

void offer_as_rfc8448(Bench& b) {
  b.offer.random = slice(kClientHello, 6, 32);
  b.offer.versions = {0x0304};
  b.offer.suites = {0x1301, 0x1303, 0x1302};
  b.offer.groups = {0x001d, 0x0017};
  b.offer.signature_schemes = {0x0403, 0x0503, 0x0804, 0x0401};
  b.offer.alpn = {};
  b.config.random = test::counting();
}

ExpectServerHello expecting_rfc8448_server_hello() {
  ExpectServerHello s;
  ClientKeyShare share;
  share.group = 0x001d;
  share.ecdhe = {h(kClientPrivate), h(kClientPublic)};
  share.key_exchange = h(kClientPublic);
  s.key_shares = {share};
  return s;
}

ServerHello parse_server_hello(const Bytes& bytes) {
  ServerHello sh;
  json f, s;
  EXPECT_FALSE(decode_server_hello(bytes, sh, f, s));
  return sh;
}

// The value of the secret event `name`, or "" if there is none.
std::string secret_of(const std::vector<json>& events, std::string_view name) {
  for (const json& e : events)
    if (e.value("type", "") == "secret" && e.value("name", "") == name) return e.value("value", "");
  return "";
}

TEST(Tls13Handshake, ServerHelloOfRfc8448GivesItsHandshakeSecretsKeysAndIvs) {
  Bench b;
  offer_as_rfc8448(b);
  const Bytes sh_bytes = h(kServerHello);
  b.transcript.append(h(kClientHello));
  b.transcript.append(sh_bytes);  // the dispatcher hashes a message before its handler runs
  ExpectServerHello s = expecting_rfc8448_server_hello();
  ServerHello sh = parse_server_hello(sh_bytes);
  Outcome out = on_server_hello(s, sh, b.ctx);
  ASSERT_TRUE(std::holds_alternative<HandshakeState>(out));
  auto* next = std::get_if<ExpectEncryptedExtensions>(&std::get<HandshakeState>(out));
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(to_hex(next->k.handshake_secret), x(kHandshakeSecret));
  EXPECT_EQ(to_hex(next->k.client_secret), x(kClientHandshakeTraffic));
  EXPECT_EQ(to_hex(next->k.server_secret), x(kServerHandshakeTraffic));
  EXPECT_EQ(next->k.suite->id, 0x1301);
  EXPECT_EQ(next->k.group, 0x001d);
  EXPECT_FALSE(next->k.hello_retry);

  auto events = b.events.take();
  EXPECT_EQ(secret_of(events, "shared_secret"), x(kSharedSecret));
  EXPECT_EQ(secret_of(events, "early_secret"), x(kEarlySecret));
  EXPECT_EQ(secret_of(events, "server_write_key"), x(kServerHandshakeKey));
  EXPECT_EQ(secret_of(events, "server_write_iv"), x(kServerHandshakeIv));
  EXPECT_EQ(secret_of(events, "client_write_key"), x(kClientHandshakeKey));
  EXPECT_EQ(secret_of(events, "client_write_iv"), x(kClientHandshakeIv));
  // NSS key-log format: label, client random, secret.
  const std::string random = to_hex(b.offer.random);
  EXPECT_NE(b.keylog.find("CLIENT_HANDSHAKE_TRAFFIC_SECRET " + random + " " + x(kClientHandshakeTraffic)),
            std::string::npos) << b.keylog;
  EXPECT_NE(b.keylog.find("SERVER_HANDSHAKE_TRAFFIC_SECRET " + random + " " + x(kServerHandshakeTraffic)),
            std::string::npos) << b.keylog;
}

// What ServerHello may not say (RFC 8446 §4.1.3): each a specific error.
TEST(Tls13Handshake, ServerHelloRefusals) {
  struct Case {
    const char* what;
    void (*change)(ServerHello&, Bytes&);
    ErrorCode code;
  };
  static Bytes storage;  // extension bodies point into it
  const Case cases[] = {
      {"legacy_version other than TLS 1.2", [](ServerHello& sh, Bytes&) { sh.version = 0x0304; },
       ErrorCode::unsupported_version},
      {"a session id the client did not send",
       [](ServerHello& sh, Bytes&) { sh.session_id = Bytes(32, 1); }, ErrorCode::unoffered_choice},
      {"a suite not offered", [](ServerHello& sh, Bytes&) { sh.cipher_suite = 0x1304; },
       ErrorCode::unoffered_choice},
      {"a TLS 1.2 suite", [](ServerHello& sh, Bytes&) { sh.cipher_suite = 0xc02f; },
       ErrorCode::unoffered_choice},
      {"compression", [](ServerHello& sh, Bytes&) { sh.compression = 1; },
       ErrorCode::unoffered_choice},
      {"an extension that belongs in EncryptedExtensions",
       [](ServerHello& sh, Bytes&) { sh.extensions.push_back({ext::alpn, {}, 0}); },
       ErrorCode::unsolicited_extension},
      {"no key_share",
       [](ServerHello& sh, Bytes&) {
         std::erase_if(sh.extensions, [](const Extension& e) { return e.type == ext::key_share; });
       },
       ErrorCode::unoffered_choice},
      {"a share for a group the client has no share for",
       [](ServerHello& sh, Bytes& st) {
         st = h("00 17 00 41");
         st.resize(4 + 65, 4);
         for (auto& e : sh.extensions)
           if (e.type == ext::key_share) e.body = st;
       },
       ErrorCode::unoffered_choice},
      {"a key_share whose length lies",
       [](ServerHello& sh, Bytes& st) {
         st = h("00 1d 00 21");
         st.resize(4 + 32, 9);
         for (auto& e : sh.extensions)
           if (e.type == ext::key_share) e.body = st;
       },
       ErrorCode::decode_error},
      {"an x25519 share that is a low-order point",
       [](ServerHello& sh, Bytes& st) {
         st = h("00 1d 00 20");
         st.resize(4 + 32, 0);
         for (auto& e : sh.extensions)
           if (e.type == ext::key_share) e.body = st;
       },
       ErrorCode::bad_key_share},
  };
  const Bytes sh_bytes = h(kServerHello);
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    Bench b;
    offer_as_rfc8448(b);
    b.transcript.append(h(kClientHello));
    b.transcript.append(sh_bytes);
    ExpectServerHello s = expecting_rfc8448_server_hello();
    ServerHello sh = parse_server_hello(sh_bytes);
    c.change(sh, storage);
    Outcome out = on_server_hello(s, sh, b.ctx);
    ASSERT_TRUE(std::holds_alternative<Error>(out));
    EXPECT_TRUE(test::is_error(std::get<Error>(out), c.code));
    EXPECT_TRUE(b.keylog.empty()) << "no secret may be logged for a refused ServerHello";
  }
}

// RFC 8446 §4.1.4: a HelloRetryRequest for an offered group without a share makes a second
// ClientHello with a share for it, and restarts the transcript from message_hash(ClientHello1).
TEST(Tls13Handshake, HelloRetryRequestAsksForAnotherShareAndRestartsTheTranscript) {
  Bench b;
  offer_as_rfc8448(b);
  const Bytes ch1 = h(kClientHello);
  b.transcript.append(ch1);
  Bytes hrr_random;
  ASSERT_TRUE(from_hex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c", hrr_random));
  ASSERT_TRUE(is_hello_retry_random(hrr_random));  // RFC 8446 §4.1.3's fixed value
  const Bytes secp256r1 = h("00 17");
  ServerHello hrr;
  hrr.version = 0x0303;
  hrr.random = hrr_random;
  hrr.cipher_suite = 0x1301;
  const Bytes versions = h("03 04");
  hrr.extensions = {{ext::supported_versions, versions, 0}, {ext::key_share, secp256r1, 0}};
  Bytes hrr_bytes = test::message(HandshakeType::server_hello, [](Writer&) {});  // a stand-in
  b.transcript.append(hrr_bytes);
  ExpectServerHello s = expecting_rfc8448_server_hello();
  Outcome out = on_server_hello(s, hrr, b.ctx);
  ASSERT_TRUE(std::holds_alternative<HandshakeState>(out));
  auto* again = std::get_if<ExpectServerHello>(&std::get<HandshakeState>(out));
  ASSERT_NE(again, nullptr);
  EXPECT_TRUE(again->after_hello_retry);
  EXPECT_EQ(again->retry_suite->id, 0x1301);
  ASSERT_EQ(again->key_shares.size(), 1u);
  EXPECT_EQ(again->key_shares[0].group, 0x0017);
  EXPECT_EQ(again->key_shares[0].key_exchange.size(), 65u);
  ASSERT_EQ(b.offer.key_shares.size(), 1u);
  EXPECT_EQ(b.offer.key_shares[0].group, 0x0017);
  EXPECT_FALSE(b.records.take_output().empty()) << "ClientHello2 was sent";

  // The transcript now starts with message_hash(ClientHello1), then HRR, then ClientHello2.
  Transcript expected;
  Bytes mh = message_hash(Hash::sha256, ch1);
  EXPECT_EQ(mh[0], 254);
  expected.append(mh);
  expected.append(hrr_bytes);
  expected.append(encode_client_hello(b.offer));
  EXPECT_EQ(b.transcript.hash(Hash::sha256), expected.hash(Hash::sha256));

  // A second HelloRetryRequest is refused (RFC 8446 §4.1.4).
  Outcome twice = on_server_hello(*again, hrr, b.ctx);
  ASSERT_TRUE(std::holds_alternative<Error>(twice));
  EXPECT_EQ(std::get<Error>(twice).code, ErrorCode::unexpected_message);
}

TEST(Tls13Handshake, HelloRetryRequestForAGroupThatAlreadyHadAShareIsRefused) {
  Bench b;
  offer_as_rfc8448(b);
  b.transcript.append(h(kClientHello));
  ServerHello hrr;
  hrr.version = 0x0303;
  ASSERT_TRUE(from_hex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c", hrr.random));
  hrr.cipher_suite = 0x1301;
  const Bytes versions = h("03 04"), x25519 = h("00 1d"), p384 = h("00 18");
  hrr.extensions = {{ext::supported_versions, versions, 0}, {ext::key_share, x25519, 0}};
  ExpectServerHello s = expecting_rfc8448_server_hello();
  Outcome out = on_server_hello(s, hrr, b.ctx);
  ASSERT_TRUE(std::holds_alternative<Error>(out));
  EXPECT_TRUE(test::is_error(std::get<Error>(out), ErrorCode::unoffered_choice, "x25519"));
  hrr.extensions[1].body = p384;  // offered by RFC 8448's client, not by this offer
  out = on_server_hello(s, hrr, b.ctx);
  ASSERT_TRUE(std::holds_alternative<Error>(out));
  EXPECT_TRUE(test::is_error(std::get<Error>(out), ErrorCode::unoffered_choice, "secp384r1"));
}

HandshakeKeys rfc8448_handshake_keys() {
  HandshakeKeys k;
  k.suite = find_suite(0x1301);
  k.group = 0x001d;
  k.handshake_secret = h(kHandshakeSecret);
  k.client_secret = h(kClientHandshakeTraffic);
  k.server_secret = h(kServerHandshakeTraffic);
  return k;
}

// RFC 8448's EncryptedExtensions carries record_size_limit (28), which this client never
// offers: RFC 8446 §4.2 makes it unsupported_extension.
TEST(Tls13Handshake, Rfc8448EncryptedExtensionsHasOneTheClientDidNotOffer) {
  Bench b;
  offer_as_rfc8448(b);
  codec::EncryptedExtensions ee;
  json f, s;
  const Bytes ee_bytes = h(kEncryptedExtensions);
  ASSERT_FALSE(decode_encrypted_extensions(ee_bytes, ee.extensions, f, s));
  ExpectEncryptedExtensions st{rfc8448_handshake_keys()};
  Outcome out = on_encrypted_extensions(st, ee, b.ctx);
  ASSERT_TRUE(std::holds_alternative<Error>(out));
  EXPECT_TRUE(test::is_error(std::get<Error>(out), ErrorCode::unsolicited_extension, "0x001c"));
  // Without it, the rest (supported_groups, an empty server_name) is what the offer allows.
  b.offer.sni = "server";
  std::erase_if(ee.extensions, [](const Extension& e) { return e.type == 28; });
  out = on_encrypted_extensions(st, ee, b.ctx);
  ASSERT_TRUE(std::holds_alternative<HandshakeState>(out));
  EXPECT_TRUE(std::holds_alternative<ExpectCertificate>(std::get<HandshakeState>(out)));
}

// ExpectFinished on the RFC's handshake keys, the transcript ClientHello..server Finished.
struct AtServerFinished {
  Bench b;
  ExpectFinished state{rfc8448_handshake_keys(), cv_token(), false, {}};
  AtServerFinished() {
    offer_as_rfc8448(b);
    for (auto m : {kClientHello, kServerHello, kEncryptedExtensions, kCertificate,
                   kCertificateVerify, kServerFinished})
      b.transcript.append(h(m));
  }
  static CertificateVerifySignatureValid cv_token() {
    auto key = test::verified_key({"ec256-leaf", "ec-int"});
    const Bytes th(32, 1);
    Bytes content(64, 0x20);
    for (char c : std::string_view("TLS 1.3, server CertificateVerify")) content.push_back(c);
    content.push_back(0);
    content.insert(content.end(), th.begin(), th.end());
    EventSink events;
    auto t = CertificateVerifySignatureValid::verify(
        *key, "CN=localhost", *find_signature_scheme(0x0403), th,
        test::ecdsa_sha256_sign("ec256-leaf", content), events);
    EXPECT_TRUE(t.has_value());
    return *t;
  }
};

TEST(Tls13Handshake, Rfc8448ServerFinishedIsAcceptedAndTheClientFinishedIsTheRfcs) {
  AtServerFinished at;
  codec::Finished fin{slice(kServerFinished, 4, 32)};
  Outcome out = on_finished(at.state, fin, at.b.ctx);
  ASSERT_TRUE(std::holds_alternative<HandshakeState>(out)) << std::get<Error>(out).detail;
  auto* open = std::get_if<Open>(&std::get<HandshakeState>(out));
  ASSERT_NE(open, nullptr);
  ASSERT_TRUE(open->tls13.has_value());
  EXPECT_EQ(to_hex(open->tls13->client), x(kClientApplicationTraffic));
  EXPECT_EQ(to_hex(open->tls13->server), x(kServerApplicationTraffic));

  auto events = at.b.events.take();
  EXPECT_EQ(secret_of(events, "master_secret"), x(kMasterSecret));
  EXPECT_EQ(secret_of(events, "client_verify_data"), to_hex(ByteView(h(kClientFinished)).subspan(4)));
  EXPECT_EQ(secret_of(events, "server_write_key"), x(kServerApplicationKey));
  EXPECT_EQ(secret_of(events, "client_write_iv"), x(kClientApplicationIv));
  auto check = std::find_if(events.begin(), events.end(),
                            [](const json& e) { return e.value("type", "") == "check"; });
  ASSERT_NE(check, events.end());
  EXPECT_EQ((*check)["step"], "finished");
  EXPECT_EQ((*check)["ok"], true);
  // The client's Finished is hashed into the transcript after the server's.
  Transcript expected;
  for (auto m : {kClientHello, kServerHello, kEncryptedExtensions, kCertificate,
                 kCertificateVerify, kServerFinished, kClientFinished})
    expected.append(h(m));
  EXPECT_EQ(at.b.transcript.hash(Hash::sha256), expected.hash(Hash::sha256));
  EXPECT_FALSE(at.b.records.take_output().empty());
}

TEST(Tls13Handshake, ServerFinishedOneBitOffIsBadFinishedAndDerivesNothing) {
  for (std::size_t bit : {0u, 7u, 100u, 255u}) {
    AtServerFinished at;
    codec::Finished fin{slice(kServerFinished, 4, 32)};
    fin.verify_data[bit / 8] ^= static_cast<std::uint8_t>(1 << (bit % 8));
    Outcome out = on_finished(at.state, fin, at.b.ctx);
    ASSERT_TRUE(std::holds_alternative<Error>(out)) << bit;
    EXPECT_TRUE(test::is_error(std::get<Error>(out), ErrorCode::bad_finished));
    EXPECT_EQ(error_info(ErrorCode::bad_finished).alert, 51);  // decrypt_error, RFC 8446 §6.2
    auto events = at.b.events.take();
    EXPECT_EQ(secret_of(events, "master_secret"), "");
    EXPECT_TRUE(at.b.keylog.empty());
    EXPECT_TRUE(at.b.records.take_output().empty()) << "no client Finished";
  }
}

// RFC 8446 §4.4.3 / §4.2.3: in TLS 1.3 PKCS#1 v1.5 cannot sign CertificateVerify, and an ECDSA
// scheme names its curve.
TEST(Tls13Handshake, CertificateVerifySchemesThatCannotFitTheKeyAreRefused) {
  for (std::uint16_t scheme : {std::uint16_t{0x0401}, std::uint16_t{0x0503}, std::uint16_t{0x0804},
                               std::uint16_t{0x0603}}) {
    Bench b;
    offer_as_rfc8448(b);
    b.offer.signature_schemes = {0x0401, 0x0503, 0x0804, 0x0603, 0x0403};
    b.transcript.append(h(kClientHello));
    ExpectCertificateVerify s{rfc8448_handshake_keys(), *test::verified_key({"ec256-leaf", "ec-int"}),
                              "CN=localhost", false, {}};
    CertificateVerify cv{scheme, Bytes(64, 1)};
    Outcome out = on_certificate_verify(s, cv, b.ctx);
    ASSERT_TRUE(std::holds_alternative<Error>(out)) << scheme;
    EXPECT_TRUE(test::is_error(std::get<Error>(out), ErrorCode::unoffered_choice));
  }
}

TEST(Tls13Handshake, CertificateVerifyOverTheTranscriptUpToCertificate) {
  Bench b;
  offer_as_rfc8448(b);
  for (auto m : {kClientHello, kServerHello, kEncryptedExtensions, kCertificate})
    b.transcript.append(h(m));
  const Bytes th = b.transcript.hash(Hash::sha256);
  b.transcript.append(h(kCertificateVerify));  // the message being handled, hashed already
  Bytes content(64, 0x20);
  for (char c : std::string_view("TLS 1.3, server CertificateVerify")) content.push_back(c);
  content.push_back(0);
  content.insert(content.end(), th.begin(), th.end());
  auto state = [&] {
    return ExpectCertificateVerify{rfc8448_handshake_keys(),
                                   *test::verified_key({"ec256-leaf", "ec-int"}), "CN=localhost",
                                   false, {}};
  };
  ExpectCertificateVerify good = state();
  Outcome out = on_certificate_verify(good, {0x0403, test::ecdsa_sha256_sign("ec256-leaf", content)}, b.ctx);
  ASSERT_TRUE(std::holds_alternative<HandshakeState>(out));
  EXPECT_TRUE(std::holds_alternative<ExpectFinished>(std::get<HandshakeState>(out)));

  content.back() ^= 1;  // a signature over another transcript
  ExpectCertificateVerify bad = state();
  out = on_certificate_verify(bad, {0x0403, test::ecdsa_sha256_sign("ec256-leaf", content)}, b.ctx);
  ASSERT_TRUE(std::holds_alternative<Error>(out));
  EXPECT_TRUE(test::is_error(std::get<Error>(out), ErrorCode::bad_signature));
}

// RFC 8446 §4.6.3: a KeyUpdate moves the server's secret on; update_requested makes the client
// send its own and move its secret on too.
TEST(Tls13Handshake, KeyUpdateMovesTheSecretsOn) {
  AtServerFinished at;
  codec::Finished fin{slice(kServerFinished, 4, 32)};
  Outcome out = on_finished(at.state, fin, at.b.ctx);
  ASSERT_TRUE(std::holds_alternative<HandshakeState>(out));
  Open open = std::move(std::get<Open>(std::get<HandshakeState>(out)));
  at.b.events.take();
  at.b.records.take_output();

  Outcome stay = on_key_update(open, codec::KeyUpdate{false}, at.b.ctx);
  EXPECT_TRUE(std::holds_alternative<Stay>(stay));
  EXPECT_EQ(open.tls13->server, next_traffic_secret(Hash::sha256, h(kServerApplicationTraffic)));
  EXPECT_EQ(to_hex(open.tls13->client), x(kClientApplicationTraffic));
  EXPECT_TRUE(at.b.records.take_output().empty()) << "not requested: nothing sent";

  on_key_update(open, codec::KeyUpdate{true}, at.b.ctx);
  EXPECT_EQ(open.tls13->client, next_traffic_secret(Hash::sha256, h(kClientApplicationTraffic)));
  EXPECT_FALSE(at.b.records.take_output().empty()) << "requested: the client's KeyUpdate";
}

}  // namespace
}  // namespace tlsscope::tls13
