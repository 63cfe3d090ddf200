// tls12/handshake: the TLS 1.2 handlers run in-process, each on hand-made messages, for what
// RFC 5246 / 8422 / 7627 / 5746 / 8446 §4.1.3 make them accept and refuse (with the error code
// each refusal carries), and for what the accepted path computes and sends:
//
//  - ServerHelloDone's pre-master secret is checked against the server's side of the same
//    exchange (X25519 with RFC 7748 §6.1's Bob as the server), and the client's flight is
//    ClientKeyExchange, ChangeCipherSpec (the record 14 03 03 00 01 01), then Finished;
//  - the server's Finished is checked against a verify_data OpenSSL computed for a known master
//    secret (tls12_key_schedule_test.cpp's trace), and refused one bit off.
#include <gtest/gtest.h>

#include <algorithm>

#include "support/hex.hpp"
#include "crypto/ecdhe.hpp"
#include "crypto/hash.hpp"
#include "msgs/client_key_exchange.hpp"
#include "support/context_bench.hpp"
#include "support/messages.hpp"
#include "support/rfc7748.hpp"
#include "support/test_pki.hpp"
#include "tls12/handlers.hpp"
#include "tls12/key_schedule.hpp"

namespace tlsscope::tls12 {
namespace {

using test::Bench;

using test::h;

void offer_tls12(Bench& b, bool with_tls13 = false) {
  b.offer.random = Bytes(32, 0xc1);
  b.offer.versions = with_tls13 ? std::vector<std::uint16_t>{0x0304, 0x0303}
                                : std::vector<std::uint16_t>{0x0303};
  b.offer.suites = {0xc02b, 0xc02f, 0xcca8};
  b.offer.groups = {0x001d, 0x0017};
  b.offer.signature_schemes = {0x0403, 0x0804, 0x0401};
  b.offer.alpn = {"http/1.1"};
  b.config.random = test::counting(0x40);
  b.config.server_name = "localhost";
  b.config.now = test::now();
}

// Extension bodies the ServerHellos below point into.
const Bytes kEmpty, kRenegotiationOk = {0}, kPointFormatsOk = {1, 0};

ServerHello server_hello() {
  ServerHello sh;
  sh.version = 0x0303;
  sh.random = Bytes(32, 0x5e);
  sh.cipher_suite = 0xc02b;
  sh.extensions = {{ext::renegotiation_info, kRenegotiationOk, 0},
                   {ext::extended_master_secret, kEmpty, 0},
                   {ext::ec_point_formats, kPointFormatsOk, 0}};
  return sh;
}

Outcome hello(Bench& b, const ServerHello& sh) { return on_server_hello(sh, b.ctx); }

testing::AssertionResult refused(const Outcome& out, ErrorCode code, const std::string& detail = {}) {
  if (!std::holds_alternative<Error>(out)) return testing::AssertionFailure() << "not refused";
  return test::is_error(std::get<Error>(out), code, detail);
}

TEST(Tls12Handshake, ServerHelloWithTheOfferedChoicesLeadsToCertificate) {
  Bench b;
  offer_tls12(b);
  Outcome out = hello(b, server_hello());
  ASSERT_TRUE(std::holds_alternative<HandshakeState>(out));
  auto* next = std::get_if<ExpectCertificate>(&std::get<HandshakeState>(out));
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(next->n.suite->id, 0xc02b);
  EXPECT_EQ(next->n.server_random, Bytes(32, 0x5e));
  EXPECT_TRUE(next->n.extended_master_secret);
}

TEST(Tls12Handshake, ServerHelloRefusals) {
  struct Case {
    const char* what;
    void (*change)(ServerHello&);
    ErrorCode code;
    const char* detail;
  };
  static const Bytes renegotiation_bad = {1, 0}, ems_with_body = {0}, formats_lying = {2, 0},
                     formats_compressed_only = {1, 1}, formats_empty = {0},
                     formats_trailing = {1, 0, 0}, alpn_h2 = h("0003026832");
  const Case cases[] = {
      {"TLS 1.1", [](ServerHello& sh) { sh.version = 0x0302; }, ErrorCode::unsupported_version, "TLS 1.1"},
      {"a suite not offered", [](ServerHello& sh) { sh.cipher_suite = 0xc030; },
       ErrorCode::unoffered_choice, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"},
      {"a TLS 1.3 suite", [](ServerHello& sh) { sh.cipher_suite = 0x1301; }, ErrorCode::unoffered_choice, ""},
      {"compression", [](ServerHello& sh) { sh.compression = 1; }, ErrorCode::unoffered_choice, ""},
      {"server_name without SNI offered",
       [](ServerHello& sh) { sh.extensions.push_back({ext::server_name, kEmpty, 0}); },
       ErrorCode::unsolicited_extension, "server_name"},
      {"key_share in TLS 1.2",
       [](ServerHello& sh) { sh.extensions.push_back({ext::key_share, kEmpty, 0}); },
       ErrorCode::unsolicited_extension, "key_share"},
      {"renegotiation_info not empty (RFC 5746 §3.4)",
       [](ServerHello& sh) { sh.extensions[0].body = renegotiation_bad; },
       ErrorCode::renegotiation_info_invalid, ""},
      {"extended_master_secret with a body (RFC 7627 §5.1)",
       [](ServerHello& sh) { sh.extensions[1].body = ems_with_body; }, ErrorCode::decode_error,
       "extended_master_secret"},
      {"ec_point_formats whose length lies", [](ServerHello& sh) { sh.extensions[2].body = formats_lying; },
       ErrorCode::decode_error, "ec_point_formats"},
      {"ec_point_formats with bytes after the list",
       [](ServerHello& sh) { sh.extensions[2].body = formats_trailing; }, ErrorCode::decode_error,
       "ec_point_formats"},
      {"ec_point_formats empty", [](ServerHello& sh) { sh.extensions[2].body = formats_empty; },
       ErrorCode::decode_error, "ec_point_formats"},
      {"ec_point_formats without uncompressed (RFC 8422 §5.1.2)",
       [](ServerHello& sh) { sh.extensions[2].body = formats_compressed_only; },
       ErrorCode::unoffered_choice, ""},
      {"ALPN naming a protocol not offered",
       [](ServerHello& sh) { sh.extensions.push_back({ext::alpn, alpn_h2, 0}); },
       ErrorCode::unoffered_choice, ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    Bench b;
    offer_tls12(b);
    ServerHello sh = server_hello();
    c.change(sh);
    Outcome out = hello(b, sh);
    EXPECT_TRUE(refused(out, c.code, c.detail));
  }
}

// RFC 8446 §4.1.3: a TLS 1.3 client that gets TLS 1.2 checks the last 8 bytes of the server
// random for "DOWNGRD" 01 (or 00); a TLS 1.2-only client does not.
TEST(Tls12Handshake, DowngradeSentinelIsRefusedOnlyWhenTls13WasOffered) {
  for (std::uint8_t last : {std::uint8_t{0}, std::uint8_t{1}}) {
    ServerHello sh = server_hello();
    const Bytes sentinel = {0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, last};
    std::copy(sentinel.begin(), sentinel.end(), sh.random.begin() + 24);
    Bench with13, only12;
    offer_tls12(with13, true);
    offer_tls12(only12, false);
    EXPECT_TRUE(refused(hello(with13, sh), ErrorCode::downgrade_detected));
    EXPECT_TRUE(std::holds_alternative<HandshakeState>(hello(only12, sh)));
  }
  ServerHello almost = server_hello();
  const Bytes not_quite = {0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 2};
  std::copy(not_quite.begin(), not_quite.end(), almost.random.begin() + 24);
  Bench b;
  offer_tls12(b, true);
  EXPECT_TRUE(std::holds_alternative<HandshakeState>(hello(b, almost)));
}

Negotiated negotiated(std::uint16_t suite, bool ems = false) {
  return Negotiated{find_suite(suite), Bytes(32, 0x5e), ems, {}};
}

Outcome certificate(Bench& b, std::uint16_t suite, const std::vector<std::string>& chain) {
  ExpectCertificate s{negotiated(suite)};
  b.trust = load_trust_store_pem(test::pki_text("roots.pem"));
  return on_certificate(s, codec::CertificateList{test::pki_certs(chain)}, b.ctx);
}

TEST(Tls12Handshake, CertificateOfTheSuitesKeyTypeLeadsToServerKeyExchange) {
  Bench b;
  offer_tls12(b);
  Outcome out = certificate(b, 0xc02b, {"ec256-leaf", "ec-int"});
  ASSERT_TRUE(std::holds_alternative<HandshakeState>(out));
  auto* next = std::get_if<ExpectServerKeyExchange>(&std::get<HandshakeState>(out));
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(next->server_subject, "O=tlsscope test, CN=localhost");
  EXPECT_EQ(next->server_key.key().type, PublicKey::Type::ec);
  auto e = b.events.take();
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0]["step"], "certificate_chain");
  EXPECT_EQ(e[0]["ok"], true);
}

// TLS_ECDHE_ECDSA_* needs an ECDSA key and TLS_ECDHE_RSA_* an RSA key (RFC 8422 §5.3).
TEST(Tls12Handshake, CertificateWithAKeyTheSuiteCannotUseIsRefused) {
  Bench b;
  offer_tls12(b);
  EXPECT_TRUE(refused(certificate(b, 0xc02b, {"rsa-leaf", "rsa-int"}), ErrorCode::cert_invalid, "RSA"));
  Bench b2;
  offer_tls12(b2);
  EXPECT_TRUE(refused(certificate(b2, 0xc02f, {"ec256-leaf", "ec-int"}), ErrorCode::cert_invalid));
}

// The wrong-IP case through the handler: a certificate for 127.0.0.1 (and localhost)
// presented to a client that connected to another address.
TEST(Tls12Handshake, CertificateForAnotherAddressIsRefusedAndReported) {
  for (const char* host : {"127.0.0.2", "::1", "2001:db8::1"}) {
    SCOPED_TRACE(host);
    Bench b;
    offer_tls12(b);
    b.config.server_name = host;
    EXPECT_TRUE(refused(certificate(b, 0xc02f, {"rsa-leaf", "rsa-int"}), ErrorCode::cert_name_invalid));
    auto e = b.events.take();
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0]["step"], "certificate_chain");
    EXPECT_EQ(e[0]["ok"], false);
  }
  Bench ok;
  offer_tls12(ok);
  ok.config.server_name = "127.0.0.1";
  EXPECT_TRUE(std::holds_alternative<HandshakeState>(certificate(ok, 0xc02f, {"rsa-leaf", "rsa-int"})));
}

// RFC 7748 §6.1: Bob stands in for the server's ephemeral x25519 key.
const Bytes kServerPrivate = h(test::rfc7748::kBobPrivate);
const Bytes kServerPublic = h(test::rfc7748::kBobPublic);

// A ServerKeyExchange for `pub` on `group`, signed by ec256-leaf over the randoms and params.
ServerKeyExchange signed_ske(const Bench& b, std::uint16_t group, const Bytes& pub,
                             std::uint16_t scheme = 0x0403) {
  ServerKeyExchange ske;
  ske.curve_type = 3;
  ske.group = group;
  ske.public_key = pub;
  ske.params = {3, static_cast<std::uint8_t>(group >> 8), static_cast<std::uint8_t>(group),
                static_cast<std::uint8_t>(pub.size())};
  ske.params.insert(ske.params.end(), pub.begin(), pub.end());
  ske.signature_scheme = scheme;
  Bytes signed_data = b.offer.random;
  const Bytes server_random(32, 0x5e);
  signed_data.insert(signed_data.end(), server_random.begin(), server_random.end());
  signed_data.insert(signed_data.end(), ske.params.begin(), ske.params.end());
  ske.signature = test::ecdsa_sha256_sign("ec256-leaf", signed_data);
  return ske;
}

Outcome server_key_exchange(Bench& b, const ServerKeyExchange& ske, bool ems = false) {
  ExpectServerKeyExchange s{negotiated(0xc02b, ems), *test::verified_key({"ec256-leaf", "ec-int"}),
                            "O=tlsscope test, CN=localhost"};
  return on_server_key_exchange(s, ske, b.ctx);
}

TEST(Tls12Handshake, ServerKeyExchangeRefusals) {
  Bench b;
  offer_tls12(b);
  ServerKeyExchange good = signed_ske(b, 0x001d, kServerPublic);
  ServerKeyExchange explicit_curve = good;
  explicit_curve.curve_type = 1;
  EXPECT_TRUE(refused(server_key_exchange(b, explicit_curve), ErrorCode::unoffered_choice));
  EXPECT_TRUE(refused(server_key_exchange(b, signed_ske(b, 0x0018, Bytes(97, 4))),
                      ErrorCode::unoffered_choice, "secp384r1"));
  EXPECT_TRUE(refused(server_key_exchange(b, signed_ske(b, 0x001d, Bytes(31, 9))),
                      ErrorCode::bad_key_share, "x25519"));
  Bytes compressed(65, 9);
  compressed[0] = 2;
  EXPECT_TRUE(refused(server_key_exchange(b, signed_ske(b, 0x0017, compressed)),
                      ErrorCode::bad_key_share, "secp256r1"));
  EXPECT_TRUE(refused(server_key_exchange(b, signed_ske(b, 0x001d, kServerPublic, 0x0503)),
                      ErrorCode::unoffered_choice, "ecdsa_secp384r1_sha384"));
  ServerKeyExchange other_key = good;  // signed for one key, carrying another
  other_key.public_key = Bytes(32, 7);
  std::copy(other_key.public_key.begin(), other_key.public_key.end(), other_key.params.begin() + 4);
  EXPECT_TRUE(refused(server_key_exchange(b, other_key), ErrorCode::bad_signature));
  b.events.take();
  Outcome out = server_key_exchange(b, good);
  ASSERT_TRUE(std::holds_alternative<HandshakeState>(out));
  auto* next = std::get_if<ExpectServerHelloDone>(&std::get<HandshakeState>(out));
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(next->server_params.server_public(), kServerPublic);
  EXPECT_FALSE(next->certificate_requested);
}

ExpectServerHelloDone at_server_hello_done(Bench& b, bool ems) {
  Outcome out = server_key_exchange(b, signed_ske(b, 0x001d, kServerPublic), ems);
  EXPECT_TRUE(std::holds_alternative<HandshakeState>(out));
  b.events.take();
  return std::move(std::get<ExpectServerHelloDone>(std::get<HandshakeState>(out)));
}

std::string secret_of(const std::vector<json>& events, std::string_view name) {
  for (const json& e : events)
    if (e.value("type", "") == "secret" && e.value("name", "") == name) return e.value("value", "");
  return "";
}

TEST(Tls12Handshake, ServerHelloDoneSendsTheFlightWithThePreMasterTheServerWouldHave) {
  for (bool ems : {false, true}) {
    SCOPED_TRACE(ems ? "extended master secret" : "classic master secret");
    Bench b;
    offer_tls12(b);
    ExpectServerHelloDone s = at_server_hello_done(b, ems);
    Outcome out = on_server_hello_done(s, ServerHelloDone{}, b.ctx);
    ASSERT_TRUE(std::holds_alternative<HandshakeState>(out));
    auto* next = std::get_if<ExpectChangeCipherSpec>(&std::get<HandshakeState>(out));
    ASSERT_NE(next, nullptr);

    auto events = b.events.take();
    // The client's public key is in its ClientKeyExchange; the server finishes the exchange.
    Bytes client_public;
    for (const json& e : events)
      if (e.value("type", "") == "message" && e.value("step", "") == "client_key_exchange") {
        Bytes msg;
        ASSERT_TRUE(from_hex(e.value("bytes", ""), msg)) << e.dump();
        ASSERT_EQ(msg.size(), 4u + 1 + 32);  // header, u8 length, the x25519 key
        client_public.assign(msg.begin() + 5, msg.end());
      }
    ASSERT_EQ(client_public.size(), 32u);
    auto server_side = ecdh_shared_secret(*find_group(0x001d), kServerPrivate, client_public);
    ASSERT_TRUE(server_side.has_value());
    EXPECT_EQ(secret_of(events, "pre_master_secret"), to_hex(*server_side));
    EXPECT_EQ(next->master_secret.size(), 48u);
    if (!ems)
      EXPECT_EQ(next->master_secret,
                master_secret(Hash::sha256, *server_side, b.offer.random, Bytes(32, 0x5e)));
    else
      EXPECT_NE(next->master_secret,
                master_secret(Hash::sha256, *server_side, b.offer.random, Bytes(32, 0x5e)));
    EXPECT_NE(b.keylog.find("CLIENT_RANDOM " + to_hex(b.offer.random) + " " +
                            to_hex(next->master_secret)),
              std::string::npos);

    // On the wire: ClientKeyExchange in the clear, ChangeCipherSpec, then an encrypted record.
    Bytes wire = b.records.take_output();
    ASSERT_GT(wire.size(), 9u + 37u + 6u);
    EXPECT_EQ(to_hex(ByteView(wire).first(5)), "1603030025");
    EXPECT_EQ(to_hex(ByteView(wire).subspan(5 + 37, 6)), "140303000101");
    EXPECT_EQ(wire[5 + 37 + 6], 0x16);
    // GCM: 8-byte explicit nonce + 16-byte Finished + 16-byte tag.
    EXPECT_EQ(wire.size(), 5u + 37 + 6 + 5 + 8 + 16 + 16);
  }
}

// RFC 5246 §7.4.6: asked for a certificate and having none, the client sends an empty one.
TEST(Tls12Handshake, ACertificateRequestIsAnsweredWithAnEmptyCertificateOnce) {
  Bench b;
  offer_tls12(b);
  ExpectServerHelloDone s = at_server_hello_done(b, false);
  EXPECT_TRUE(std::holds_alternative<Stay>(on_certificate_request(s, {}, b.ctx)));
  EXPECT_TRUE(refused(on_certificate_request(s, {}, b.ctx), ErrorCode::unexpected_message,
                      "CertificateRequest"));
  ASSERT_TRUE(std::holds_alternative<HandshakeState>(on_server_hello_done(s, {}, b.ctx)));
  Bytes wire = b.records.take_output();
  EXPECT_EQ(to_hex(ByteView(wire).first(12)), "16030300070b000003000000");
}

TEST(Tls12Handshake, ChangeCipherSpecInsideAHandshakeMessageIsRefused) {
  Bench b;
  offer_tls12(b);
  const SuiteInfo& gcm = *find_suite(0xc02b);
  ExpectChangeCipherSpec s{negotiated(0xc02b), find_group(0x001d), Bytes(48, 5),
                           RecordProtection(gcm, Bytes(16, 6), Bytes(4, 7))};
  const std::uint8_t half[2] = {20, 0};
  b.reassembler.feed(half, 1);
  EXPECT_TRUE(refused(on_change_cipher_spec(s, {}, b.ctx), ErrorCode::unexpected_message));
  Bench clean;
  ExpectChangeCipherSpec s2{negotiated(0xc02b), find_group(0x001d), Bytes(48, 5),
                            RecordProtection(gcm, Bytes(16, 6), Bytes(4, 7))};
  Outcome out = on_change_cipher_spec(s2, {}, clean.ctx);
  ASSERT_TRUE(std::holds_alternative<HandshakeState>(out));
  EXPECT_TRUE(std::holds_alternative<ExpectFinished>(std::get<HandshakeState>(out)));
}

// tls12_key_schedule_test.cpp's master secret; with only the server's Finished in the
// transcript, the hash before it is SHA-256 of nothing, and OpenSSL's TLS1-PRF gives
// "server finished" verify_data 907edc84d2a51602954cc12d for it.
struct AtFinished {
  Bench b;
  ExpectFinished s{negotiated(0xc02f), find_group(0x001d),
                   h("916abf9da55973e13614ae0a3f5d3f37b023ba129aee02cc9134338127cd7049"
                     "781c8e19fc1eb2a7387ac06ae237344c")};
  AtFinished() { b.transcript.append(frame_handshake(HandshakeType::finished, Bytes(12, 0))); }
};

TEST(Tls12Handshake, TheServersFinishedIsCheckedAgainstItsVerifyData) {
  AtFinished at;
  Outcome out = on_finished(at.s, codec::Finished{h("907edc84d2a51602954cc12d")}, at.b.ctx);
  ASSERT_TRUE(std::holds_alternative<HandshakeState>(out));
  auto* open = std::get_if<Open>(&std::get<HandshakeState>(out));
  ASSERT_NE(open, nullptr);
  EXPECT_FALSE(open->tls13.has_value());
  auto e = at.b.events.take();
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0]["step"], "finished");
  EXPECT_EQ(e[0]["ok"], true);
  EXPECT_EQ(e[1]["type"], "handshake_complete");
  EXPECT_EQ(e[1]["version"], "TLS 1.2");
}

TEST(Tls12Handshake, AServerFinishedOneBitOffIsBadFinished) {
  for (std::size_t bit = 0; bit < 96; bit += 19) {
    AtFinished at;
    Bytes vd = h("907edc84d2a51602954cc12d");
    vd[bit / 8] ^= static_cast<std::uint8_t>(1 << (bit % 8));
    EXPECT_TRUE(refused(on_finished(at.s, codec::Finished{vd}, at.b.ctx), ErrorCode::bad_finished,
                        to_hex(vd)))
        << bit;
    auto e = at.b.events.take();
    ASSERT_EQ(e.size(), 1u) << "no handshake_complete";
    EXPECT_EQ(e[0]["ok"], false);
  }
  AtFinished client_label;  // the client's verify_data is not the server's
  EXPECT_TRUE(refused(on_finished(client_label.s, codec::Finished{h("fe05ad2320f058ef80dfc5f5")},
                                  client_label.b.ctx),
                      ErrorCode::bad_finished));
}

// RFC 5746 §4.2: the client declines renegotiation with a warning no_renegotiation (100).
TEST(Tls12Handshake, HelloRequestIsDeclinedWithAWarningAlert) {
  AtFinished at;
  Outcome out = on_finished(at.s, codec::Finished{h("907edc84d2a51602954cc12d")}, at.b.ctx);
  Open open = std::move(std::get<Open>(std::get<HandshakeState>(out)));
  at.b.records.take_output();
  EXPECT_TRUE(std::holds_alternative<Stay>(on_hello_request(open, {}, at.b.ctx)));
  EXPECT_EQ(to_hex(at.b.records.take_output()), "15030300020164");
}

}  // namespace
}  // namespace tlsscope::tls12
