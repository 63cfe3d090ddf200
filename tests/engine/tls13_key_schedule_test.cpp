// Known answers for tls13/key_schedule.hpp: the RFC 8448 §3 "Simple 1-RTT Handshake" trace
// (TLS_AES_128_GCM_SHA256, x25519), stage by stage, compared byte for byte with the RFC.
//
// The inputs are the RFC's: its x25519 private key and the server's public key (for the shared
// secret), and its handshake messages (for the transcript hashes). The messages are the
// plaintext handshake messages the RFC prints; their hashes are checked against the ones the
// RFC prints too ("hash (32 octets)"), so a wrong byte here fails loudly rather than silently
// changing every later value.
//
// This is the key schedule on its own, not a replay of the whole handshake: the engine's own
// ClientHello differs from the RFC's (other extensions, e.g. server_name, ALPN, its signature
// algorithm list; the RFC's has record_size_limit and session_ticket), so the engine cannot
// reproduce the RFC's ClientHello bytes, and with a different ClientHello every transcript
// hash and every secret after the handshake secret would differ.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "crypto/ecdhe.hpp"
#include "crypto/hash.hpp"
#include "crypto/hkdf.hpp"
#include "support/rfc8448.hpp"
#include "tables/groups.hpp"
#include "tables/suites.hpp"
#include "tls13/key_schedule.hpp"

namespace tlsscope::tls13 {
namespace {

using namespace test::rfc8448;

Bytes concat(std::initializer_list<ByteView> parts) {
  Bytes out;
  for (auto p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

const SuiteInfo& aes128_gcm_sha256() {
  const SuiteInfo* s = find_suite(0x1301);
  EXPECT_NE(s, nullptr);
  return *s;
}

Bytes transcript_hash(std::initializer_list<std::string_view> messages) {
  Bytes all;
  for (auto m : messages) {
    Bytes b = h(m);
    all.insert(all.end(), b.begin(), b.end());
  }
  return digest(Hash::sha256, all);
}

TEST(Tls13KeySchedule, Rfc8448MessagesAreTheRfcs) {
  EXPECT_EQ(h(kClientHello).size(), 196u);
  EXPECT_EQ(h(kServerHello).size(), 90u);
  EXPECT_EQ(to_hex(transcript_hash({kClientHello, kServerHello})), x(kHelloHash));
  EXPECT_EQ(to_hex(transcript_hash({kClientHello, kServerHello, kEncryptedExtensions,
                                    kCertificate, kCertificateVerify, kServerFinished})),
            x(kServerFinishedHash));
}

// {client} extract secret "handshake": IKM is X25519(client private, server public).
TEST(Tls13KeySchedule, Rfc8448SharedSecret) {
  const GroupInfo* x25519 = find_group(0x001d);
  ASSERT_NE(x25519, nullptr);
  EXPECT_EQ(to_hex(public_key_for(*x25519, h(kClientPrivate))), x(kClientPublic));
  auto shared = ecdh_shared_secret(*x25519, h(kClientPrivate), h(kServerPublic));
  ASSERT_TRUE(shared.has_value());
  EXPECT_EQ(to_hex(*shared), x(kSharedSecret));
}

TEST(Tls13KeySchedule, Rfc8448EarlyAndHandshakeSecrets) {
  Bytes early = early_secret(Hash::sha256);
  EXPECT_EQ(to_hex(early), x(kEarlySecret));
  Bytes empty_hash = digest(Hash::sha256, {});
  EXPECT_EQ(to_hex(derive_secret(Hash::sha256, early, kDerived, empty_hash)),
            x(kDerivedForHandshake));
  EXPECT_EQ(to_hex(next_stage(Hash::sha256, early, h(kSharedSecret))), x(kHandshakeSecret));
}

TEST(Tls13KeySchedule, Rfc8448HandshakeTrafficSecretsKeysAndIvs) {
  const SuiteInfo& suite = aes128_gcm_sha256();
  Bytes hello_hash = transcript_hash({kClientHello, kServerHello});
  Bytes c_hs = derive_secret(Hash::sha256, h(kHandshakeSecret), kClientHandshake, hello_hash);
  Bytes s_hs = derive_secret(Hash::sha256, h(kHandshakeSecret), kServerHandshake, hello_hash);
  EXPECT_EQ(to_hex(c_hs), x(kClientHandshakeTraffic));
  EXPECT_EQ(to_hex(s_hs), x(kServerHandshakeTraffic));

  EXPECT_EQ(to_hex(traffic_key(suite, s_hs)), x(kServerHandshakeKey));
  EXPECT_EQ(to_hex(traffic_iv(suite, s_hs)), x(kServerHandshakeIv));
  EXPECT_EQ(to_hex(traffic_key(suite, c_hs)), x(kClientHandshakeKey));
  EXPECT_EQ(to_hex(traffic_iv(suite, c_hs)), x(kClientHandshakeIv));
}

// RFC 8446 §4.4.4: verify_data = HMAC(finished_key, Transcript-Hash(Handshake Context,
// Certificate*, CertificateVerify*)). The server's covers ClientHello..CertificateVerify, the
// client's ClientHello..server Finished; both must equal the verify_data in the RFC's Finished
// messages (RFC 8448 §3: {server} calculate finished "tls13 finished", {client} calculate
// finished "tls13 finished").
TEST(Tls13KeySchedule, Rfc8448FinishedVerifyData) {
  Bytes server_hash = transcript_hash(
      {kClientHello, kServerHello, kEncryptedExtensions, kCertificate, kCertificateVerify});
  Bytes server_finished = h(kServerFinished);
  EXPECT_EQ(to_hex(finished_verify_data(Hash::sha256, h(kServerHandshakeTraffic), server_hash)),
            to_hex(ByteView(server_finished).subspan(4)));

  Bytes client_finished = h(kClientFinished);
  EXPECT_EQ(to_hex(finished_verify_data(Hash::sha256, h(kClientHandshakeTraffic),
                                        h(kServerFinishedHash))),
            to_hex(ByteView(client_finished).subspan(4)));

  // Each side's finished_key comes from its own handshake traffic secret.
  EXPECT_NE(finished_verify_data(Hash::sha256, h(kClientHandshakeTraffic), server_hash),
            finished_verify_data(Hash::sha256, h(kServerHandshakeTraffic), server_hash));
}

TEST(Tls13KeySchedule, Rfc8448MasterAndApplicationTrafficSecrets) {
  const SuiteInfo& suite = aes128_gcm_sha256();
  Bytes empty_hash = digest(Hash::sha256, {});
  EXPECT_EQ(to_hex(derive_secret(Hash::sha256, h(kHandshakeSecret), kDerived, empty_hash)),
            x(kDerivedForMaster));
  // §7.1: the master secret's IKM is 0, i.e. HashLen zeros; next_stage() takes "no IKM" for it.
  Bytes master = next_stage(Hash::sha256, h(kHandshakeSecret), {});
  EXPECT_EQ(to_hex(master), x(kMasterSecret));
  EXPECT_EQ(next_stage(Hash::sha256, h(kHandshakeSecret), Bytes(32, 0)), master);

  Bytes finished_hash = transcript_hash({kClientHello, kServerHello, kEncryptedExtensions,
                                         kCertificate, kCertificateVerify, kServerFinished});
  Bytes c_ap = derive_secret(Hash::sha256, master, kClientApplication, finished_hash);
  Bytes s_ap = derive_secret(Hash::sha256, master, kServerApplication, finished_hash);
  EXPECT_EQ(to_hex(c_ap), x(kClientApplicationTraffic));
  EXPECT_EQ(to_hex(s_ap), x(kServerApplicationTraffic));

  EXPECT_EQ(to_hex(traffic_key(suite, s_ap)), x(kServerApplicationKey));
  EXPECT_EQ(to_hex(traffic_iv(suite, s_ap)), x(kServerApplicationIv));
  EXPECT_EQ(to_hex(traffic_key(suite, c_ap)), x(kClientApplicationKey));
  EXPECT_EQ(to_hex(traffic_iv(suite, c_ap)), x(kClientApplicationIv));
}

// The whole chain in one go, from the RFC's key pair and messages alone.
TEST(Tls13KeySchedule, Rfc8448ChainFromInputsOnly) {
  auto shared = ecdh_shared_secret(*find_group(0x001d), h(kClientPrivate), h(kServerPublic));
  ASSERT_TRUE(shared.has_value());
  Bytes handshake = next_stage(Hash::sha256, early_secret(Hash::sha256), *shared);
  Bytes master = next_stage(Hash::sha256, handshake, {});
  Bytes th = transcript_hash({kClientHello, kServerHello, kEncryptedExtensions, kCertificate,
                              kCertificateVerify, kServerFinished});
  EXPECT_EQ(to_hex(derive_secret(Hash::sha256, master, kServerApplication, th)),
            x(kServerApplicationTraffic));
}

// RFC 8446 §7.2: application_traffic_secret_N+1 = HKDF-Expand-Label(secret_N, "traffic upd",
// "", Hash.length). RFC 8448 has no KeyUpdate, so the label is checked by spelling out the
// HkdfLabel bytes: length 32, "tls13 traffic upd" (17 bytes), empty context.
TEST(Tls13KeySchedule, KeyUpdateUsesTrafficUpdLabel) {
  Bytes info = concat({h("00 20 11"), as_bytes("tls13 traffic upd"), h("00")});
  Bytes s_ap = h(kServerApplicationTraffic);
  EXPECT_EQ(next_traffic_secret(Hash::sha256, s_ap), hkdf_expand(Hash::sha256, s_ap, info, 32));
  EXPECT_NE(next_traffic_secret(Hash::sha256, s_ap), s_ap);
}

// RFC 8446 §4.4.1: after a HelloRetryRequest, ClientHello1 is replaced in the transcript by
// message_hash(254) | uint24 Hash.length | Hash(ClientHello1).
TEST(Tls13KeySchedule, MessageHashReplacesClientHello1) {
  Bytes ch1 = h(kClientHello);
  Bytes sha256 = digest(Hash::sha256, ch1);
  EXPECT_EQ(message_hash(Hash::sha256, ch1), concat({h("fe 00 00 20"), sha256}));
  Bytes sha384 = digest(Hash::sha384, ch1);
  EXPECT_EQ(message_hash(Hash::sha384, ch1), concat({h("fe 00 00 30"), sha384}));
}

}  // namespace
}  // namespace tlsscope::tls13
