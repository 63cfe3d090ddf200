// Known answers for tls12/key_schedule.hpp: the master secret, the extended master secret, the
// key block and how it is cut, and verify_data, each against a value from outside this code.
//
// The trace is the one of "The Illustrated TLS 1.2 Connection" (https://tls12.xargs.org): its
// pre-master secret (the x25519 shared secret of that run), client random 00 01 .. 1f and
// server random 70 71 .. 8f. Its master secret is printed there, and so are its keys (an
// AES-CBC suite with MAC keys, so they sit elsewhere in the key block than an AEAD suite's).
// Every value here is what OpenSSL 3.0's TLS1-PRF KDF gives, which agrees with the page where
// the page prints one; e.g. for the master secret:
//
//   openssl kdf -keylen 48 -kdfopt digest:SHA256 -kdfopt hexsecret:<pre-master>
//       -kdfopt hexseed:<hex of "master secret"><client random><server random> TLS1-PRF
#include <gtest/gtest.h>

#include <string_view>

#include "support/hex.hpp"
#include "crypto/hash.hpp"
#include "tables/suites.hpp"
#include "tls12/key_schedule.hpp"

namespace tlsscope::tls12 {
namespace {

using test::h;

const Bytes kPreMaster = h("df4a291baa1eb7cfa6934b29b474baad2697e29f1f920dcc77c8a0a088447624");
const Bytes kClientRandom = h("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
const Bytes kServerRandom = h("707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f");
constexpr std::string_view kMaster =
    "916abf9da55973e13614ae0a3f5d3f37b023ba129aee02cc9134338127cd7049"
    "781c8e19fc1eb2a7387ac06ae237344c";
// SHA-256 of no bytes, standing in for a transcript hash (FIPS 180-2's empty-message digest).
const Bytes kEmptyHash = h("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

const SuiteInfo& suite(std::uint16_t id) {
  const SuiteInfo* s = find_suite(id);
  EXPECT_NE(s, nullptr) << id;
  return *s;
}

TEST(Tls12KeySchedule, MasterSecretIsTheIllustratedConnections) {
  Bytes m = master_secret(Hash::sha256, kPreMaster, kClientRandom, kServerRandom);
  EXPECT_EQ(m.size(), kMasterSecretLen);
  EXPECT_EQ(to_hex(m), kMaster);
  // The randoms' order matters (client first, RFC 5246 §8.1).
  EXPECT_NE(master_secret(Hash::sha256, kPreMaster, kServerRandom, kClientRandom), m);
}

TEST(Tls12KeySchedule, MasterSecretOfASha384Suite) {
  EXPECT_EQ(to_hex(master_secret(Hash::sha384, kPreMaster, kClientRandom, kServerRandom)),
            "2c581ca005004401560f68f58307d5eff0ff3fdaed6c78338bef9028227089da"
            "05d67ab6c13768876bfb65e4da65d937");
}

// RFC 7627 §4: the randoms give way to the session hash, under its own label.
TEST(Tls12KeySchedule, ExtendedMasterSecretUsesTheSessionHash) {
  Bytes m = extended_master_secret(Hash::sha256, kPreMaster, kEmptyHash);
  EXPECT_EQ(to_hex(m),
            "6bf6a35023dbb51679cfd4158083a304dd6767891bd07e68efa1e9180140851b"
            "8ef58cfc461413f4ad9ad50d07b73f20");
  EXPECT_NE(to_hex(m), kMaster);
}

// RFC 5246 §6.3: the key block is seeded server random first. AEAD suites have no MAC keys, so
// their keys start at the block's first byte.
TEST(Tls12KeySchedule, Aes128GcmKeyBlockIsCutKeysFirstThenIvs) {
  const SuiteInfo& gcm = suite(0xc02f);
  Bytes kb = key_block(gcm, h(kMaster), kClientRandom, kServerRandom);
  EXPECT_EQ(to_hex(kb),
            "1b7d117c7d5f690bc263cae8ef60af0f1878acc2"
            "2ad8bdd8c601a617126f63540eb20906f781fad2");
  TrafficKeys k = split_key_block(gcm, kb);
  EXPECT_EQ(to_hex(k.client_key), "1b7d117c7d5f690bc263cae8ef60af0f");
  EXPECT_EQ(to_hex(k.server_key), "1878acc22ad8bdd8c601a617126f6354");
  EXPECT_EQ(to_hex(k.client_iv), "0eb20906");
  EXPECT_EQ(to_hex(k.server_iv), "f781fad2");
}

// RFC 7905 §2: ChaCha20-Poly1305 takes a 32-byte key and a whole 12-byte IV from the block.
// Bytes 40..55 of the block (inside this server key) are the Illustrated connection's client
// write key f656d037..., which follows its two 20-byte MAC keys.
TEST(Tls12KeySchedule, ChaCha20KeyBlockHasWholeIvs) {
  const SuiteInfo& chacha = suite(0xcca8);
  TrafficKeys k = split_key_block(chacha, key_block(chacha, h(kMaster), kClientRandom, kServerRandom));
  EXPECT_EQ(to_hex(k.client_key), "1b7d117c7d5f690bc263cae8ef60af0f1878acc22ad8bdd8c601a617126f6354");
  EXPECT_EQ(to_hex(k.server_key), "0eb20906f781fad2f656d037b173ef3e11169f27231a84b6752a18e7a9fcb7cb");
  EXPECT_EQ(to_hex(k.client_iv), "cdd8f98dd8f769eba0d2550c");
  EXPECT_EQ(to_hex(k.server_iv), "9238eebfef5c32251abb67d6");
}

// A SHA-384 suite runs its PRF with SHA-384 (RFC 5289 §3), not SHA-256.
TEST(Tls12KeySchedule, Aes256GcmSha384KeyBlockUsesSha384) {
  const SuiteInfo& gcm256 = suite(0xc030);
  TrafficKeys k = split_key_block(gcm256, key_block(gcm256, h(kMaster), kClientRandom, kServerRandom));
  EXPECT_EQ(to_hex(k.client_key), "243e6a31867e7b29f122b748ffeb635994fa231c83365bc6f1fd9b1cf4bfc149");
  EXPECT_EQ(to_hex(k.server_key), "882ed6d687a71ccddf9e951779104378965d05d50f01837687e4d2511fbcbcea");
  EXPECT_EQ(to_hex(k.client_iv), "ac0e1beb");
  EXPECT_EQ(to_hex(k.server_iv), "131cc3be");
}

// RFC 5246 §7.4.9: 12 bytes, and the label tells the two sides apart.
TEST(Tls12KeySchedule, VerifyDataOfEachSide) {
  EXPECT_EQ(to_hex(verify_data(Hash::sha256, h(kMaster), kClientFinishedLabel, kEmptyHash)),
            "fe05ad2320f058ef80dfc5f5");
  EXPECT_EQ(to_hex(verify_data(Hash::sha256, h(kMaster), kServerFinishedLabel, kEmptyHash)),
            "907edc84d2a51602954cc12d");
  EXPECT_EQ(digest(Hash::sha256, {}), kEmptyHash);
}

}  // namespace
}  // namespace tlsscope::tls12
