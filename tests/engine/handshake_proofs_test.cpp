// handshake/proofs: each token exists only after its check passed. The signatures are made here
// with the test PKI's own private keys (tests/pki/make-pki.sh) over the bytes the RFCs say are
// signed — RFC 5246 §7.4.3 / RFC 8422 §5.4 for ServerKeyExchange, RFC 8446 §4.4.3 for
// CertificateVerify — so a check made over any other bytes would refuse them. Finished
// is refused on a single flipped bit anywhere and on a length mismatch; the chain's key comes
// only from a chain valid for the host; and every check reports its "check" event.
#include <gtest/gtest.h>

#include <type_traits>

#include "crypto/constant_time.hpp"
#include "crypto/hash.hpp"
#include "handshake/proofs.hpp"
#include "support/test_pki.hpp"

namespace tlsscope {
namespace {

// No token can be made except by its verify(): no public constructor of any kind.
static_assert(!std::is_default_constructible_v<FinishedVerified>);
static_assert(!std::is_default_constructible_v<CertificateVerifySignatureValid>);
static_assert(!std::is_constructible_v<ServerKeyExchangeSignatureValid, const GroupInfo&, Bytes>);
static_assert(!std::is_constructible_v<VerifiedServerKey, PublicKey>);

// ec256-leaf (P-256): the token for its key from a validated chain, and its private key.
class Proofs : public testing::Test {
 protected:
  void SetUp() override {
    key_ = test::verified_key({"ec256-leaf", "ec-int"});
    ASSERT_TRUE(key_.has_value());
  }
  static Bytes sign(ByteView data) { return test::ecdsa_sha256_sign("ec256-leaf", data); }
  static const SignatureSchemeInfo& ecdsa_p256() { return *find_signature_scheme(0x0403); }

  std::optional<VerifiedServerKey> key_;
  EventSink events_;
};

Bytes cat(std::initializer_list<ByteView> parts) {
  Bytes out;
  for (ByteView p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// ServerKeyExchange with named_curve x25519 and a 32-byte point: its params as RFC 8422 §5.4
// lays them out (curve_type 3, the group, the point's length, the point).
ServerKeyExchange ske_with(Bytes signature) {
  ServerKeyExchange ske;
  ske.curve_type = 3;
  ske.group = 0x001d;
  ske.public_key = Bytes(32, 0x5a);
  ske.params = cat({Bytes{3, 0x00, 0x1d, 32}, ske.public_key});
  ske.signature_scheme = 0x0403;
  ske.signature = std::move(signature);
  return ske;
}

const Bytes kClientRandom(32, 0xc1), kServerRandom(32, 0x5e);

TEST_F(Proofs, ServerKeyExchangeSignedOverBothRandomsAndParamsGivesItsToken) {
  Bytes signed_data = cat({kClientRandom, kServerRandom, ske_with({}).params});
  auto token = ServerKeyExchangeSignatureValid::verify(
      *key_, "CN=localhost", ecdsa_p256(), kClientRandom, kServerRandom, *find_group(0x001d),
      ske_with(sign(signed_data)), events_);
  ASSERT_TRUE(token.has_value());
  EXPECT_EQ(token->group().id, 0x001d);
  EXPECT_EQ(token->server_public(), Bytes(32, 0x5a)) << "the key it hands on is the one signed";
  auto e = events_.take();
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0]["type"], "check");
  EXPECT_EQ(e[0]["step"], "server_key_exchange_signature");
  EXPECT_EQ(e[0]["ok"], true);
  EXPECT_EQ(e[0]["signed_data"], to_hex(signed_data));
  EXPECT_EQ(e[0]["scheme"], "ecdsa_secp256r1_sha256");
}

TEST_F(Proofs, ServerKeyExchangeSignedOverAnythingElseGivesNoToken) {
  const Bytes params = ske_with({}).params;
  const Bytes other_params = cat({Bytes{3, 0x00, 0x1d, 32}, Bytes(32, 0x5b)});
  for (const Bytes& signed_data :
       {cat({kServerRandom, kClientRandom, params}),   // the randoms swapped
        cat({kClientRandom, params}),                  // one random only
        cat({params}),                                 // the params alone
        cat({kClientRandom, kServerRandom, other_params})}) {
    auto token = ServerKeyExchangeSignatureValid::verify(
        *key_, "CN=localhost", ecdsa_p256(), kClientRandom, kServerRandom, *find_group(0x001d),
        ske_with(sign(signed_data)), events_);
    EXPECT_FALSE(token.has_value());
    auto e = events_.take();
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0]["ok"], false);
  }
  // A valid signature under a scheme that says another hash.
  Bytes good = sign(cat({kClientRandom, kServerRandom, params}));
  EXPECT_FALSE(ServerKeyExchangeSignatureValid::verify(*key_, "CN=localhost",
                                                       *find_signature_scheme(0x0503), kClientRandom,
                                                       kServerRandom, *find_group(0x001d),
                                                       ske_with(good), events_));
}

// RFC 8446 §4.4.3: 64 octets of 0x20, "TLS 1.3, server CertificateVerify", one 0 byte, then
// the transcript hash.
Bytes rfc8446_content(std::string_view context, ByteView transcript_hash) {
  return cat({Bytes(64, 0x20), as_bytes(context), Bytes{0}, transcript_hash});
}

TEST_F(Proofs, CertificateVerifyOverTheRfcsContentGivesItsToken) {
  const Bytes th = digest(Hash::sha256, as_bytes("the transcript so far"));
  auto token = CertificateVerifySignatureValid::verify(
      *key_, "CN=localhost", ecdsa_p256(), th,
      sign(rfc8446_content("TLS 1.3, server CertificateVerify", th)), events_);
  EXPECT_TRUE(token.has_value());
  auto e = events_.take();
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0]["step"], "certificate_verify");
  EXPECT_EQ(e[0]["ok"], true);
  EXPECT_EQ(e[0]["signed_data"], to_hex(rfc8446_content("TLS 1.3, server CertificateVerify", th)));
}

TEST_F(Proofs, CertificateVerifyOverOtherContentGivesNoToken) {
  const Bytes th = digest(Hash::sha256, as_bytes("the transcript so far"));
  const Bytes other_th = digest(Hash::sha256, as_bytes("another transcript"));
  for (const Bytes& content :
       {rfc8446_content("TLS 1.3, client CertificateVerify", th),  // the client's context
        rfc8446_content("TLS 1.3, server CertificateVerify", other_th),
        Bytes(th)}) {                                              // the bare hash
    EXPECT_FALSE(CertificateVerifySignatureValid::verify(*key_, "CN=localhost", ecdsa_p256(), th,
                                                         sign(content), events_));
    auto e = events_.take();
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0]["ok"], false);
  }
}

TEST_F(Proofs, FinishedThatMatchesGivesItsTokenAndReportsBothValues) {
  const Bytes expected = {0x9b, 0x9b, 0x14, 0x1d, 0x90, 0x63, 0x37, 0xfb, 0xd2, 0xcb, 0xdc, 0xe7};
  auto token = FinishedVerified::verify(expected, expected, {{"function", "PRF"}}, events_);
  EXPECT_TRUE(token.has_value());
  auto e = events_.take();
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0]["step"], "finished");
  EXPECT_EQ(e[0]["ok"], true);
  EXPECT_EQ(e[0]["expected"], to_hex(expected));
  EXPECT_EQ(e[0]["received"], to_hex(expected));
  EXPECT_EQ(e[0]["function"], "PRF") << "the caller's description is kept";
}

TEST_F(Proofs, FinishedOneBitOffAnywhereIsRefused) {
  const Bytes expected(32, 0xa5);
  for (std::size_t byte = 0; byte < expected.size(); ++byte)
    for (int bit = 0; bit < 8; ++bit) {
      Bytes received = expected;
      received[byte] ^= static_cast<std::uint8_t>(1 << bit);
      EXPECT_FALSE(FinishedVerified::verify(expected, received, json::object(), events_))
          << byte << "." << bit;
      auto e = events_.take();
      ASSERT_EQ(e.size(), 1u);
      EXPECT_EQ(e[0]["ok"], false);
      EXPECT_EQ(e[0]["received"], to_hex(received));
    }
}

TEST_F(Proofs, FinishedOfAnotherLengthIsRefused) {
  const Bytes expected(12, 7);
  const Bytes longer(13, 7), shorter(11, 7);
  EXPECT_FALSE(FinishedVerified::verify(expected, longer, json::object(), events_));
  EXPECT_FALSE(FinishedVerified::verify(expected, shorter, json::object(), events_));
  EXPECT_FALSE(FinishedVerified::verify(expected, {}, json::object(), events_));
}

// The chain's token (verify_chain): only a valid chain for the host yields the server's key, and
// either way the "certificate_chain" check is reported. rsa-leaf is for localhost and 127.0.0.1.
TEST(VerifyChain, OnlyAValidChainForTheHostYieldsTheKey) {
  auto store = load_trust_store_pem(test::pki_text("roots.pem"));
  EventSink events;
  auto ok = verify_chain(test::pki_certs({"rsa-leaf", "rsa-int"}), *store, "127.0.0.1", test::now(),
                         events);
  ASSERT_TRUE(std::holds_alternative<VerifiedServerKey>(ok));
  EXPECT_EQ(std::get<VerifiedServerKey>(ok).key().type, PublicKey::Type::rsa);
  auto e = events.take();
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0]["step"], "certificate_chain");
  EXPECT_EQ(e[0]["ok"], true);

  for (const char* host : {"127.0.0.2", "::1", "wrong.example"}) {
    auto refused = verify_chain(test::pki_certs({"rsa-leaf", "rsa-int"}), *store, host,
                                test::now(), events);
    ASSERT_TRUE(std::holds_alternative<Error>(refused)) << host;
    EXPECT_EQ(std::get<Error>(refused).code, ErrorCode::cert_name_invalid) << host;
    auto r = events.take();
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0]["ok"], false);
  }
  auto expired = verify_chain(test::pki_certs({"expired-leaf", "rsa-int"}), *store, "localhost",
                              test::now(), events);
  ASSERT_TRUE(std::holds_alternative<Error>(expired));
  EXPECT_EQ(std::get<Error>(expired).code, ErrorCode::cert_expired);
}

// The comparison FinishedVerified uses (proofs.cpp calls equal_constant_time, which reads
// every byte, rather than ==, which stops at the first difference).
TEST(ConstantTime, EqualOnlyForTheSameBytes) {
  const Bytes a = {1, 2, 3, 4}, b = {1, 2, 3, 5}, c = {0, 2, 3, 4};
  EXPECT_TRUE(equal_constant_time(a, a));
  EXPECT_FALSE(equal_constant_time(a, b));
  EXPECT_FALSE(equal_constant_time(a, c));
  EXPECT_FALSE(equal_constant_time(a, ByteView(a).first(3)));
  EXPECT_TRUE(equal_constant_time({}, {}));
}

}  // namespace
}  // namespace tlsscope
