// crypto/key_share: the TLS 1.3 key shares. (Their report, the "shared_secret" events, is
// Context::report's: handshake_context_test.cpp.) The ECDHE side runs on RFC 7748 §6.1's Alice and
// Bob; the hybrid X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem §3, §4.1) on the same X25519 pair
// and an ML-KEM-768 ciphertext made by the other side's operation (encapsulation), so the
// shared secret the client decapsulates is checked against the one the server would hold.
#include <gtest/gtest.h>

#include <algorithm>
#include <string_view>

#include "support/hex.hpp"
#include "crypto/key_share.hpp"
#include "support/context_bench.hpp"
#include "support/messages.hpp"
#include "support/rfc7748.hpp"
#include "tables/groups.hpp"

namespace tlsscope {
namespace {

using test::h;

// RFC 7748 §6.1.
const Bytes kAlicePrivate = h(test::rfc7748::kAlicePrivate);
const Bytes kAlicePublic = h(test::rfc7748::kAlicePublic);
const Bytes kBobPublic = h(test::rfc7748::kBobPublic);
using test::rfc7748::kSharedK;

using test::counting;

ClientKeyShare alice_x25519() {
  ClientKeyShare s;
  s.group = kX25519;
  s.ecdhe = {kAlicePrivate, kAlicePublic};
  s.key_exchange = kAlicePublic;
  return s;
}

ClientKeyShare alice_hybrid() {
  ClientKeyShare s;
  s.group = kX25519MLKEM768;
  s.mlkem = mlkem768::key_pair_from_seed(Bytes(mlkem768::kSeedSize, 0x42));
  s.ecdhe = {kAlicePrivate, kAlicePublic};
  s.key_exchange = s.mlkem.encapsulation_key;
  s.key_exchange.insert(s.key_exchange.end(), kAlicePublic.begin(), kAlicePublic.end());
  return s;
}

Bytes concat(ByteView a, ByteView b) {
  Bytes out(a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

TEST(KeyShare, X25519SharedSecretIsRfc7748s) {
  const ClientKeyShare share = alice_x25519();
  auto r = finish_key_exchange(share, kBobPublic);
  ASSERT_TRUE(std::holds_alternative<KeyExchange>(r));
  const KeyExchange& x = std::get<KeyExchange>(r);
  EXPECT_EQ(to_hex(x.shared_secret), kSharedK);
  EXPECT_FALSE(x.hybrid());
  EXPECT_EQ(x.share, &share);
  EXPECT_EQ(Bytes(x.server_public.begin(), x.server_public.end()), kBobPublic);
}

// RFC 7748 §6.1 / RFC 8446 §7.4.2: a low-order point gives the all-zero secret; refused.
TEST(KeyShare, X25519LowOrderPointIsABadKeyShare) {
  auto r = finish_key_exchange(alice_x25519(), Bytes(32, 0));
  ASSERT_TRUE(std::holds_alternative<Error>(r));
  EXPECT_TRUE(test::is_error(std::get<Error>(r), ErrorCode::bad_key_share, "x25519"));
  EXPECT_EQ(error_info(ErrorCode::bad_key_share).alert, 47);  // illegal_parameter
}

TEST(KeyShare, AP256PointOffTheCurveIsABadKeyShare) {
  ClientKeyShare s = make_client_key_share(0x0017, counting());
  ASSERT_EQ(s.key_exchange.size(), 65u);
  EXPECT_EQ(s.key_exchange[0], 0x04);  // uncompressed point (RFC 8446 §4.2.8.2)
  Bytes off = s.key_exchange;          // our own point, one bit of Y changed
  off.back() ^= 1;
  auto r = finish_key_exchange(s, off);
  ASSERT_TRUE(std::holds_alternative<Error>(r));
  EXPECT_TRUE(test::is_error(std::get<Error>(r), ErrorCode::bad_key_share, "secp256r1"));
  EXPECT_TRUE(std::holds_alternative<Error>(finish_key_exchange(s, Bytes(64, 4))));
}

TEST(KeyShare, HybridSecretIsMlKemThenX25519) {
  const ClientKeyShare share = alice_hybrid();
  auto enc = mlkem768::encapsulate(share.mlkem.encapsulation_key, Bytes(32, 0x17));
  ASSERT_TRUE(enc.has_value());
  const Bytes server_share = concat(enc->ciphertext, kBobPublic);
  auto r = finish_key_exchange(share, server_share);
  ASSERT_TRUE(std::holds_alternative<KeyExchange>(r));
  const KeyExchange& x = std::get<KeyExchange>(r);
  EXPECT_TRUE(x.hybrid());
  EXPECT_EQ(x.shared_secret.size(), 64u);
  EXPECT_EQ(to_hex(x.shared_secret), to_hex(enc->shared_secret) + std::string(kSharedK));
  EXPECT_EQ(to_hex(x.x25519_shared_secret), kSharedK);
  EXPECT_EQ(Bytes(x.mlkem_ciphertext.begin(), x.mlkem_ciphertext.end()), enc->ciphertext);
  EXPECT_EQ(Bytes(x.server_public.begin(), x.server_public.end()), kBobPublic)
      << "the server's X25519 half, after the 1088-byte ciphertext";
}

// draft-ietf-tls-ecdhe-mlkem §4.1: the server's share is exactly 1088 + 32 bytes.
TEST(KeyShare, HybridShareOfAnyOtherLengthIsABadKeyShare) {
  const ClientKeyShare share = alice_hybrid();
  for (std::size_t len : {0u, 32u, 1088u, 1119u, 1121u, 1216u}) {
    auto r = finish_key_exchange(share, Bytes(len, 1));
    ASSERT_TRUE(std::holds_alternative<Error>(r)) << len;
    EXPECT_TRUE(test::is_error(std::get<Error>(r), ErrorCode::bad_key_share, std::to_string(len)));
  }
}

TEST(KeyShare, HybridWithALowOrderX25519HalfIsABadKeyShare) {
  const ClientKeyShare share = alice_hybrid();
  auto enc = mlkem768::encapsulate(share.mlkem.encapsulation_key, Bytes(32, 0x17));
  ASSERT_TRUE(enc.has_value());
  auto r = finish_key_exchange(share, concat(enc->ciphertext, Bytes(32, 0)));
  ASSERT_TRUE(std::holds_alternative<Error>(r));
  EXPECT_EQ(std::get<Error>(r).code, ErrorCode::bad_key_share);
}

// A ciphertext for another key decapsulates to 32 bytes all the same (FIPS 203's implicit
// rejection), but not to the encapsulator's secret: the handshake fails later, at Finished.
TEST(KeyShare, HybridCiphertextForAnotherKeyGivesAnotherSecret) {
  const ClientKeyShare share = alice_hybrid();
  auto other = mlkem768::key_pair_from_seed(Bytes(mlkem768::kSeedSize, 0x43));
  auto enc = mlkem768::encapsulate(other.encapsulation_key, Bytes(32, 0x17));
  ASSERT_TRUE(enc.has_value());
  const Bytes server_share = concat(enc->ciphertext, kBobPublic);
  auto r = finish_key_exchange(share, server_share);
  ASSERT_TRUE(std::holds_alternative<KeyExchange>(r));
  const Bytes& secret = std::get<KeyExchange>(r).shared_secret;
  EXPECT_FALSE(std::equal(enc->shared_secret.begin(), enc->shared_secret.end(), secret.begin()));
}

TEST(KeyShare, HybridClientShareIsEncapsulationKeyThenX25519Key) {
  ClientKeyShare s = make_client_key_share(kX25519MLKEM768, counting());
  ASSERT_EQ(s.key_exchange.size(), 1184u + 32u);
  EXPECT_TRUE(std::equal(s.mlkem.encapsulation_key.begin(), s.mlkem.encapsulation_key.end(),
                         s.key_exchange.begin()));
  EXPECT_EQ(Bytes(s.key_exchange.end() - 32, s.key_exchange.end()),
            public_key_for(*find_group(kX25519), s.ecdhe.private_key));
  EXPECT_EQ(s.mlkem.decapsulation_key.size(), 2400u);
}

TEST(KeyShare, SharePartsSplitOnlyTheHybridAtItsTwoLengths) {
  auto client = share_parts(kX25519MLKEM768, 1216, false);
  ASSERT_EQ(client.size(), 2u);
  EXPECT_EQ(client[0].name, "mlkem_encapsulation_key");
  EXPECT_EQ(client[0].offset, 0u);
  EXPECT_EQ(client[0].length, 1184u);
  EXPECT_EQ(client[1].name, "x25519_public_key");
  EXPECT_EQ(client[1].offset, 1184u);
  EXPECT_EQ(client[1].length, 32u);
  auto server = share_parts(kX25519MLKEM768, 1120, true);
  ASSERT_EQ(server.size(), 2u);
  EXPECT_EQ(server[0].name, "mlkem_ciphertext");
  EXPECT_EQ(server[0].length, 1088u);
  EXPECT_EQ(server[1].offset, 1088u);
  EXPECT_EQ(server[1].length, 32u);
  EXPECT_TRUE(share_parts(kX25519MLKEM768, 1120, false).empty());
  EXPECT_TRUE(share_parts(kX25519MLKEM768, 1216, true).empty());
  EXPECT_TRUE(share_parts(kX25519MLKEM768, 1119, true).empty());
  EXPECT_TRUE(share_parts(kX25519, 32, true).empty());
}

// As browsers do: the hybrid first, and an X25519 share beside it when X25519 is offered.
TEST(KeyShare, InitialSharesAreTheFirstGroupsAndX25519BesideTheHybrid) {
  auto groups_of = [](const std::vector<ClientKeyShare>& shares) {
    std::vector<std::uint16_t> out;
    for (const auto& s : shares) out.push_back(s.group);
    return out;
  };
  EXPECT_EQ(groups_of(initial_key_shares({kX25519MLKEM768, kX25519, 0x0017}, counting())),
            (std::vector<std::uint16_t>{kX25519MLKEM768, kX25519}));
  EXPECT_EQ(groups_of(initial_key_shares({kX25519MLKEM768, 0x0017}, counting())),
            (std::vector<std::uint16_t>{kX25519MLKEM768}));
  EXPECT_EQ(groups_of(initial_key_shares({0x0017, kX25519}, counting())),
            (std::vector<std::uint16_t>{0x0017}));
  EXPECT_TRUE(initial_key_shares({}, counting()).empty());
  auto two = initial_key_shares({kX25519MLKEM768, kX25519}, counting());
  ASSERT_EQ(two.size(), 2u);
  EXPECT_NE(Bytes(two[0].key_exchange.end() - 32, two[0].key_exchange.end()), two[1].key_exchange)
      << "the X25519 share beside the hybrid has its own key";
}

TEST(KeyShare, DefaultGroupsAndWhatCanBeOffered) {
  std::vector<std::uint16_t> d = default_groups();
  ASSERT_FALSE(d.empty());
  EXPECT_EQ(d.front(), 0x11ec);
  for (std::uint16_t g : {kX25519, std::uint16_t{0x0017}, std::uint16_t{0x0018}})
    EXPECT_NE(std::find(d.begin(), d.end(), g), d.end()) << g;
  EXPECT_TRUE(can_offer(0x11ec, true));
  EXPECT_FALSE(can_offer(0x11ec, false)) << "the hybrid is TLS 1.3 only";
  EXPECT_TRUE(can_offer(kX25519, false));
  EXPECT_FALSE(can_offer(0x0019, true)) << "secp521r1 is named, not implemented";
  EXPECT_FALSE(can_offer(0x0100, true));
}

}  // namespace
}  // namespace tlsscope
