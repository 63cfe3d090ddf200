// handshake/reports: each key-schedule stage's reporter (Context::report) turns the stage into
// the "secret" events a learner reads and the NSS key-log lines. Fed the stages of two known
// traces — RFC 8448 §3 (TLS 1.3) and The Illustrated TLS 1.2 Connection with OpenSSL's TLS1-PRF
// (tls12_key_schedule_test.cpp) — the events must carry those traces' values under the names and
// steps docs/events.md gives them, with the inputs each was derived from.
#include <gtest/gtest.h>

#include <map>

#include "crypto/hash.hpp"
#include "support/context_bench.hpp"
#include "support/rfc7748.hpp"
#include "support/rfc8448.hpp"

namespace tlsscope {
namespace {

using namespace test::rfc8448;
using test::Bench;

// name → the secret event of that name (each name once).
std::map<std::string, json> secrets_by_name(std::vector<json> events) {
  std::map<std::string, json> out;
  for (auto& e : events)
    if (e["type"] == "secret") {
      const std::string name = e["name"];
      EXPECT_FALSE(out.contains(name)) << name << " reported twice";
      out[name] = std::move(e);
    }
  return out;
}

std::string input(const json& secret, std::string_view name) {
  for (const auto& i : secret["inputs"])
    if (i["name"] == name) return i["value"];
  return "";
}

TEST(HandshakeReports, X25519SharedSecret) {
  Bench b;
  ClientKeyShare share;
  share.group = 0x001d;
  share.ecdhe = {h(test::rfc7748::kAlicePrivate), h(test::rfc7748::kAlicePublic)};
  const Bytes bob = h(test::rfc7748::kBobPublic);
  KeyExchange x{&share, bob, h(test::rfc7748::kSharedK), {}, {}};
  b.ctx.report(x);
  auto s = secrets_by_name(b.events.take());
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s["shared_secret"]["step"], "shared_secret");
  EXPECT_EQ(s["shared_secret"]["value"], test::rfc7748::kSharedK);
  EXPECT_EQ(input(s["shared_secret"], "server_public_key"), test::rfc7748::kBobPublic);
  EXPECT_EQ(input(s["shared_secret"], "client_private_key"), test::rfc7748::kAlicePrivate);
}

// Each half of the hybrid under its own step, then their concatenation, ML-KEM first.
TEST(HandshakeReports, HybridSharedSecretInThreeSteps) {
  Bench b;
  ClientKeyShare share;
  share.group = 0x11ec;
  share.ecdhe = {h(test::rfc7748::kAlicePrivate), h(test::rfc7748::kAlicePublic)};
  share.mlkem = {Bytes(1184, 1), Bytes(2400, 2)};
  const Bytes ciphertext(1088, 3), bob = h(test::rfc7748::kBobPublic), mlkem_ss(32, 0x5a);
  Bytes shared = mlkem_ss;
  const Bytes k = h(test::rfc7748::kSharedK);
  shared.insert(shared.end(), k.begin(), k.end());
  KeyExchange x{&share, bob, shared, ciphertext, k};
  b.ctx.report(x);
  auto events = b.events.take();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0]["step"], "mlkem_shared_secret");
  EXPECT_EQ(events[0]["value"], to_hex(mlkem_ss));
  EXPECT_EQ(input(events[0], "mlkem_ciphertext"), to_hex(ciphertext));
  EXPECT_EQ(events[1]["step"], "shared_secret");
  EXPECT_EQ(events[1]["name"], "x25519_shared_secret");
  EXPECT_EQ(events[1]["value"], test::rfc7748::kSharedK);
  EXPECT_EQ(events[2]["step"], "hybrid_shared_secret");
  EXPECT_EQ(events[2]["name"], "shared_secret");
  EXPECT_EQ(events[2]["value"], to_hex(shared));
}

Bytes rfc8448_hash(std::initializer_list<std::string_view> messages) {
  Bytes all;
  for (auto m : messages) {
    Bytes b = h(m);
    all.insert(all.end(), b.begin(), b.end());
  }
  return digest(Hash::sha256, all);
}

TEST(HandshakeReports, Tls13HandshakeSecretsAreRfc8448sAndLogged) {
  Bench b;
  b.offer.random = Bytes(32, 0xab);
  const Bytes shared = h(kSharedSecret);
  b.ctx.report(tls13::derive_handshake_secrets(Hash::sha256, shared,
                                               rfc8448_hash({kClientHello, kServerHello})));
  auto s = secrets_by_name(b.events.take());
  EXPECT_EQ(s["early_secret"]["value"], x(kEarlySecret));
  EXPECT_EQ(s["handshake_secret"]["value"], x(kHandshakeSecret));
  EXPECT_EQ(input(s["handshake_secret"], "shared_secret"), x(kSharedSecret));
  EXPECT_EQ(s["client_handshake_traffic_secret"]["value"], x(kClientHandshakeTraffic));
  EXPECT_EQ(s["server_handshake_traffic_secret"]["value"], x(kServerHandshakeTraffic));
  EXPECT_EQ(input(s["server_handshake_traffic_secret"], "transcript_hash"), x(kHelloHash));
  EXPECT_EQ(s["server_handshake_traffic_secret"]["step"], "handshake_traffic_secret");
  // NSS key-log format: LABEL <client random> <secret>, one line each.
  const std::string random = to_hex(b.offer.random);
  EXPECT_EQ(b.keylog, "CLIENT_HANDSHAKE_TRAFFIC_SECRET " + random + " " + x(kClientHandshakeTraffic) +
                          "\nSERVER_HANDSHAKE_TRAFFIC_SECRET " + random + " " +
                          x(kServerHandshakeTraffic) + "\n");
}

TEST(HandshakeReports, Tls13ApplicationSecretsAndClientFinishedAreRfc8448s) {
  Bench b;
  b.offer.random = Bytes(32, 0xab);
  const Bytes hs = h(kHandshakeSecret), c_hs = h(kClientHandshakeTraffic);
  b.ctx.report(tls13::derive_application_secrets(Hash::sha256, hs, h(kServerFinishedHash)));
  b.ctx.report(tls13::derive_client_verify_data(Hash::sha256, c_hs, h(kServerFinishedHash)));
  auto s = secrets_by_name(b.events.take());
  EXPECT_EQ(s["master_secret"]["value"], x(kMasterSecret));
  EXPECT_EQ(s["client_application_traffic_secret_0"]["value"], x(kClientApplicationTraffic));
  EXPECT_EQ(s["server_application_traffic_secret_0"]["value"], x(kServerApplicationTraffic));
  EXPECT_EQ(s["client_verify_data"]["value"], to_hex(ByteView(h(kClientFinished)).subspan(4)));
  EXPECT_EQ(s["client_verify_data"]["step"], "finished");
  EXPECT_NE(b.keylog.find("CLIENT_TRAFFIC_SECRET_0 " + to_hex(b.offer.random) + " " +
                          x(kClientApplicationTraffic) + "\n"),
            std::string::npos);
  EXPECT_NE(b.keylog.find("SERVER_TRAFFIC_SECRET_0 " + to_hex(b.offer.random) + " " +
                          x(kServerApplicationTraffic) + "\n"),
            std::string::npos);
}

TEST(HandshakeReports, Tls13KeyUpdateNamesWhoseSecretMovedOn) {
  Bench b;
  const Bytes s_ap = h(kServerApplicationTraffic);
  b.ctx.report(tls13::update_traffic_secret(Hash::sha256, false, s_ap));
  auto s = secrets_by_name(b.events.take());
  ASSERT_TRUE(s.contains("server_application_traffic_secret_next"));
  EXPECT_EQ(input(s["server_application_traffic_secret_next"], "server_application_traffic_secret"),
            x(kServerApplicationTraffic));
  EXPECT_TRUE(b.keylog.empty()) << "NSS's format has no line for updated secrets";
}

// The Illustrated TLS 1.2 Connection (tls12_key_schedule_test.cpp): pre-master secret, randoms,
// and the master secret and key block OpenSSL's TLS1-PRF gives for them.
const Bytes kPreMaster = [] {
  Bytes b;
  EXPECT_TRUE(from_hex("df4a291baa1eb7cfa6934b29b474baad2697e29f1f920dcc77c8a0a088447624", b));
  return b;
}();
constexpr std::string_view kMaster12 =
    "916abf9da55973e13614ae0a3f5d3f37b023ba129aee02cc9134338127cd7049781c8e19fc1eb2a7387ac06ae237344c";

Bytes counting_from(std::uint8_t first) {
  Bytes b(32);
  for (std::size_t i = 0; i < 32; ++i) b[i] = static_cast<std::uint8_t>(first + i);
  return b;
}

TEST(HandshakeReports, Tls12MasterSecretAndKeyBlockAreTheTracesAndLogged) {
  Bench b;
  const Bytes client_random = counting_from(0x00), server_random = counting_from(0x70);
  b.offer.random = client_random;
  auto master = tls12::derive_master_secret(Hash::sha256, kPreMaster, client_random, server_random,
                                            std::nullopt);
  b.ctx.report(master);
  const SuiteInfo& gcm = *find_suite(0xc02f);
  b.ctx.report(tls12::derive_key_block(gcm, master.value, client_random, server_random));
  auto s = secrets_by_name(b.events.take());
  EXPECT_EQ(s["master_secret"]["value"], kMaster12);
  EXPECT_EQ(s["master_secret"]["label"], "master secret");
  EXPECT_EQ(input(s["master_secret"], "client_random"), to_hex(client_random));
  EXPECT_EQ(s["client_write_key"]["value"], "1b7d117c7d5f690bc263cae8ef60af0f");
  EXPECT_EQ(s["server_write_key"]["value"], "1878acc22ad8bdd8c601a617126f6354");
  EXPECT_EQ(s["client_write_iv"]["value"], "0eb20906");
  EXPECT_EQ(s["server_write_iv"]["value"], "f781fad2");
  EXPECT_EQ(s["client_write_iv"]["step"], "traffic_keys");
  EXPECT_EQ(b.keylog, "CLIENT_RANDOM " + to_hex(client_random) + " " + std::string(kMaster12) + "\n");
}

// RFC 7627 §4: the extended master secret names its session hash, not the randoms.
TEST(HandshakeReports, Tls12ExtendedMasterSecretNamesTheSessionHash) {
  Bench b;
  const Bytes session_hash = digest(Hash::sha256, {});
  b.ctx.report(tls12::derive_master_secret(Hash::sha256, kPreMaster, counting_from(0),
                                           counting_from(0x70), session_hash));
  auto s = secrets_by_name(b.events.take());
  EXPECT_EQ(s["master_secret"]["value"],
            "6bf6a35023dbb51679cfd4158083a304dd6767891bd07e68efa1e9180140851b"
            "8ef58cfc461413f4ad9ad50d07b73f20");
  EXPECT_EQ(s["master_secret"]["label"], "extended master secret");
  EXPECT_EQ(input(s["master_secret"], "session_hash"), to_hex(session_hash));
  EXPECT_EQ(input(s["master_secret"], "client_random"), "");
}

TEST(HandshakeReports, Tls12PreMasterSecretIsTheX25519SharedSecret) {
  Bench b;
  const GroupInfo& x25519 = *find_group(0x001d);
  KeyPair alice{h(test::rfc7748::kAlicePrivate), h(test::rfc7748::kAlicePublic)};
  const Bytes bob = h(test::rfc7748::kBobPublic);
  auto pm = tls12::derive_pre_master_secret(x25519, alice, bob);
  ASSERT_TRUE(pm.has_value());
  b.ctx.report(*pm);
  auto s = secrets_by_name(b.events.take());
  EXPECT_EQ(s["pre_master_secret"]["value"], test::rfc7748::kSharedK);
  EXPECT_EQ(input(s["pre_master_secret"], "server_public_key"), test::rfc7748::kBobPublic);
  EXPECT_FALSE(tls12::derive_pre_master_secret(x25519, alice, Bytes(32, 0)).has_value())
      << "a low-order point gives no pre-master secret";
}

TEST(HandshakeReports, CompletionNamesTheRun) {
  Bench b;
  b.ctx.report_complete("TLS 1.3", *find_suite(0x1301), "x25519", "http/1.1", false, true);
  b.ctx.report_complete("TLS 1.2", *find_suite(0xc02f), "secp256r1", "", true);
  auto e = b.events.take();
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0]["cipher_suite"], "TLS_AES_128_GCM_SHA256");
  EXPECT_EQ(e[0]["aead"], "AES-128-GCM");
  EXPECT_EQ(e[0]["hello_retry"], true);
  EXPECT_EQ(e[1]["extended_master_secret"], true);
  EXPECT_FALSE(e[1].contains("hello_retry")) << "TLS 1.2 has no HelloRetryRequest";
}

}  // namespace
}  // namespace tlsscope
