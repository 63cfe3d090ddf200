// Known answers for the ECDHE wrappers (crypto/ecdhe.hpp): X25519 from RFC 7748, P-256 from
// RFC 5903, and the peer points RFC 8422 §5.11 / RFC 7748 §6.1 say must be refused.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string_view>

#include "support/hex.hpp"
#include "support/rfc7748.hpp"
#include "crypto/ecdhe.hpp"

namespace tlsscope {
namespace {

using test::h;

const GroupInfo& x25519() {
  const GroupInfo* g = find_group(0x001d);
  EXPECT_NE(g, nullptr);
  return *g;
}

const GroupInfo& secp256r1() {
  const GroupInfo* g = find_group(0x0017);
  EXPECT_NE(g, nullptr);
  return *g;
}

// ---- X25519 ----------------------------------------------------------------------------

// RFC 7748 §5.2, first X25519 test vector (scalar, input u-coordinate, output u-coordinate).
TEST(CryptoEcdhe, X25519ScalarMultVector1) {
  auto out = ecdh_shared_secret(
      x25519(), h("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
      h("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"));
  ASSERT_TRUE(out);
  EXPECT_EQ(to_hex(*out), "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
}

// RFC 7748 §5.2, second vector. Its u-coordinate has the top bit set, which RFC 7748 §5 says
// MUST be masked off: this checks the wrapper passes it through rather than refusing it.
TEST(CryptoEcdhe, X25519ScalarMultVector2HighBitIgnored) {
  auto out = ecdh_shared_secret(
      x25519(), h("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d"),
      h("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493"));
  ASSERT_TRUE(out);
  EXPECT_EQ(to_hex(*out), "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
}

// RFC 7748 §6.1: Alice's and Bob's key pairs and their shared secret K.
using namespace test::rfc7748;

TEST(CryptoEcdhe, X25519Rfc7748PublicKeys) {
  EXPECT_EQ(to_hex(public_key_for(x25519(), h(kAlicePrivate))), kAlicePublic);
  EXPECT_EQ(to_hex(public_key_for(x25519(), h(kBobPrivate))), kBobPublic);
}

TEST(CryptoEcdhe, X25519Rfc7748SharedSecret) {
  auto alice = ecdh_shared_secret(x25519(), h(kAlicePrivate), h(kBobPublic));
  auto bob = ecdh_shared_secret(x25519(), h(kBobPrivate), h(kAlicePublic));
  ASSERT_TRUE(alice);
  ASSERT_TRUE(bob);
  EXPECT_EQ(to_hex(*alice), kSharedK);
  EXPECT_EQ(to_hex(*bob), kSharedK);
}

// RFC 8422 §5.11 / RFC 7748 §6.1: an all-zero X25519 output MUST be refused. These are the
// small-order u-coordinates (and their non-canonical spellings p, p + 1) listed at
// https://cr.yp.to/ecdh.html#validate and used by libsodium's blacklist: with a clamped
// scalar each one gives u = 0.
TEST(CryptoEcdhe, X25519LowOrderPointsRefused) {
  constexpr std::string_view kLowOrder[] = {
      "0000000000000000000000000000000000000000000000000000000000000000",  // 0
      "0100000000000000000000000000000000000000000000000000000000000000",  // 1
      "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",  // order 8
      "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",  // order 8
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // p - 1
      "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // p
      "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // p + 1
  };
  for (std::string_view u : kLowOrder)
    EXPECT_FALSE(ecdh_shared_secret(x25519(), h(kAlicePrivate), h(u))) << u;
}

TEST(CryptoEcdhe, X25519WrongLengthRefused) {
  Bytes bob = h(kBobPublic);
  Bytes short_point(bob.begin(), bob.end() - 1);
  Bytes long_point = bob;
  long_point.push_back(0);
  EXPECT_FALSE(ecdh_shared_secret(x25519(), h(kAlicePrivate), short_point));
  EXPECT_FALSE(ecdh_shared_secret(x25519(), h(kAlicePrivate), long_point));
  EXPECT_FALSE(ecdh_shared_secret(x25519(), h(kAlicePrivate), Bytes{}));
}

// ---- P-256 -----------------------------------------------------------------------------

// RFC 5903 §8.1 (256-bit random ECP group): initiator i, responder r, their public values
// g^i = (gix, giy), g^r = (grx, gry), and the shared x-coordinate girx.
constexpr std::string_view kI = "C88F01F510D9AC3F70A292DAA2316DE544E9AAB8AFE84049C62A9C57862D1433";
constexpr std::string_view kGi =
    "04"
    "DAD0B65394221CF9B051E1FECA5787D098DFE637FC90B9EF945D0C3772581180"
    "5271A0461CDB8252D61F1C456FA3E59AB1F45B33ACCF5F58389E0577B8990BB3";
constexpr std::string_view kR = "C6EF9C5D78AE012A011164ACB397CE2088685D8F06BF9BE0B283AB46476BEE53";
constexpr std::string_view kGr =
    "04"
    "D12DFB5289C8D4F81208B70270398C342296970A0BCCB74C736FC7554494BF63"
    "56FBF3CA366CC23E8157854C13C58D6AAC23F046ADA30F8353E74F33039872AB";
constexpr std::string_view kGirx =
    "D6840F6B42F6EDAFD13116E0E12565202FEF8E9ECE7DCE03812464D04B9442DE";

TEST(CryptoEcdhe, P256Rfc5903PublicKeys) {
  EXPECT_EQ(public_key_for(secp256r1(), h(kI)), h(kGi));
  EXPECT_EQ(public_key_for(secp256r1(), h(kR)), h(kGr));
}

TEST(CryptoEcdhe, P256Rfc5903SharedSecret) {
  auto initiator = ecdh_shared_secret(secp256r1(), h(kI), h(kGr));
  auto responder = ecdh_shared_secret(secp256r1(), h(kR), h(kGi));
  ASSERT_TRUE(initiator);
  ASSERT_TRUE(responder);
  EXPECT_EQ(*initiator, h(kGirx));
  EXPECT_EQ(*responder, h(kGirx));
  EXPECT_EQ(initiator->size(), secp256r1().secret_len);
}

TEST(CryptoEcdhe, P256OffCurvePointRefused) {
  Bytes point = h(kGr);
  point.back() ^= 0x01;  // y no longer satisfies y^2 = x^3 - 3x + b
  EXPECT_FALSE(ecdh_shared_secret(secp256r1(), h(kI), point));
}

TEST(CryptoEcdhe, P256MalformedEncodingsRefused) {
  Bytes point = h(kGr);
  Bytes compressed(point.begin(), point.begin() + 33);
  compressed[0] = 0x03;  // RFC 8422 §5.1.2: only the uncompressed form is negotiated
  Bytes truncated(point.begin(), point.end() - 1);
  Bytes wrong_tag = point;
  wrong_tag[0] = 0x06;  // hybrid form (X9.62), not allowed in TLS
  Bytes infinity{0x00};
  EXPECT_FALSE(ecdh_shared_secret(secp256r1(), h(kI), compressed));
  EXPECT_FALSE(ecdh_shared_secret(secp256r1(), h(kI), truncated));
  EXPECT_FALSE(ecdh_shared_secret(secp256r1(), h(kI), wrong_tag));
  EXPECT_FALSE(ecdh_shared_secret(secp256r1(), h(kI), infinity));
}

// ---- P-384 -----------------------------------------------------------------------------

// RFC 5903 §8.2 (384-bit random ECP group), same layout as §8.1.
constexpr std::string_view kI384 =
    "099F3C7034D4A2C699884D73A375A67F7624EF7C6B3C0F160647B67414DCE655"
    "E35B538041E649EE3FAEF896783AB194";
constexpr std::string_view kGi384 =
    "04"
    "667842D7D180AC2CDE6F74F37551F55755C7645C20EF73E31634FE72B4C55EE6"
    "DE3AC808ACB4BDB4C88732AEE95F41AA"
    "9482ED1FC0EEB9CAFC4984625CCFC23F65032149E0E144ADA024181535A0F38E"
    "EB9FCFF3C2C947DAE69B4C634573A81C";
constexpr std::string_view kR384 =
    "41CB0779B4BDB85D47846725FBEC3C9430FAB46CC8DC5060855CC9BDA0AA2942"
    "E0308312916B8ED2960E4BD55A7448FC";
constexpr std::string_view kGr384 =
    "04"
    "E558DBEF53EECDE3D3FCCFC1AEA08A89A987475D12FD950D83CFA41732BC509D"
    "0D1AC43A0336DEF96FDA41D0774A3571"
    "DCFBEC7AACF3196472169E838430367F66EEBE3C6E70C416DD5F0C68759DD1FF"
    "F83FA40142209DFF5EAAD96DB9E6386C";
constexpr std::string_view kGirx384 =
    "11187331C279962D93D604243FD592CB9D0A926F422E47187521287E7156C5C4"
    "D603135569B9E9D09CF5D4A270F59746";

TEST(CryptoEcdhe, P384Rfc5903) {
  const GroupInfo* group = find_group(0x0018);
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(public_key_for(*group, h(kI384)), h(kGi384));
  EXPECT_EQ(public_key_for(*group, h(kR384)), h(kGr384));
  auto initiator = ecdh_shared_secret(*group, h(kI384), h(kGr384));
  auto responder = ecdh_shared_secret(*group, h(kR384), h(kGi384));
  ASSERT_TRUE(initiator);
  ASSERT_TRUE(responder);
  EXPECT_EQ(*initiator, h(kGirx384));
  EXPECT_EQ(*responder, h(kGirx384));

  Bytes off_curve = h(kGr384);
  off_curve.back() ^= 0x01;
  EXPECT_FALSE(ecdh_shared_secret(*group, h(kI384), off_curve));
}

// ---- generated keys --------------------------------------------------------------------

// Not a published vector: a key pair from injected randomness must be self-consistent and
// agree with another one, on every group the engine offers.
TEST(CryptoEcdhe, GeneratedKeyPairsAgree) {
  std::uint8_t counter = 1;
  RandomSource random = [&counter](std::uint8_t* out, std::size_t len) {
    for (std::size_t i = 0; i < len; ++i) out[i] = static_cast<std::uint8_t>(counter++ * 37);
  };
  for (const GroupInfo& group : supported_groups()) {
    KeyPair a = generate_key_pair(group, random);
    KeyPair b = generate_key_pair(group, random);
    EXPECT_EQ(a.public_key.size(), group.public_len) << group.name;
    EXPECT_EQ(a.public_key, public_key_for(group, a.private_key)) << group.name;
    auto ab = ecdh_shared_secret(group, a.private_key, b.public_key);
    auto ba = ecdh_shared_secret(group, b.private_key, a.public_key);
    ASSERT_TRUE(ab) << group.name;
    ASSERT_TRUE(ba) << group.name;
    EXPECT_EQ(*ab, *ba) << group.name;
    EXPECT_EQ(ab->size(), group.secret_len) << group.name;
  }
}

// Config::random says tests inject fixed bytes. A constant source (all 0x00 or all 0xff is
// the natural choice) must still give a key pair, not make generate_key_pair ask forever for
// "better" bytes: br_ec_keygen rejects and redraws a scalar that is zero or not below the
// order, and 00…00 and ff…ff are both rejected on every curve, so with a source that always
// answers the same it never returns. The source below changes its answer after 64 calls so
// that this test terminates either way; it fails if that was needed.
TEST(CryptoEcdhe, ConstantRandomSourceDoesNotStall) {
  constexpr int kPatience = 64;
  for (std::uint8_t fill : {std::uint8_t{0x00}, std::uint8_t{0xff}}) {
    for (const GroupInfo& group : supported_groups()) {
      int calls = 0;
      RandomSource random = [&](std::uint8_t* out, std::size_t len) {
        ++calls;
        std::uint8_t b = calls > kPatience ? std::uint8_t{0x41} : fill;
        for (std::size_t i = 0; i < len; ++i) out[i] = b;
      };
      KeyPair kp = generate_key_pair(group, random);
      EXPECT_LE(calls, kPatience) << group.name << " with every byte 0x" << std::hex
                                  << int{fill} << ": the source was asked " << std::dec << calls
                                  << " times";
      EXPECT_EQ(kp.public_key, public_key_for(group, kp.private_key)) << group.name;
    }
  }
}

// RFC 7748 §6.1: an X25519 private key is 32 random bytes, and X25519 clamps only bits 0-2 and
// 255 (and sets 254), so bit 7 of byte 0 is part of the scalar. br_ec_keygen treats the key as
// a big-endian number below 2^255 - 1 and clears the top bit of byte 0, which for X25519's
// little-endian scalar is bit 7: every generated key then has it clear, one bit of the 251
// lost. With a correct generator, 64 keys all having it clear has probability 2^-64.
TEST(CryptoEcdhe, X25519PrivateKeyUsesEveryRandomBit) {
  std::mt19937 prng(7748);
  RandomSource random = [&prng](std::uint8_t* out, std::size_t len) {
    for (std::size_t i = 0; i < len; ++i) out[i] = static_cast<std::uint8_t>(prng());
  };
  int with_bit_7 = 0;
  for (int i = 0; i < 64; ++i) {
    KeyPair kp = generate_key_pair(x25519(), random);
    ASSERT_EQ(kp.private_key.size(), 32u);
    with_bit_7 += (kp.private_key[0] & 0x80) != 0;
  }
  EXPECT_GT(with_bit_7, 0);
}

}  // namespace
}  // namespace tlsscope
