// Fuzz target: the server's key_share (RFC 8446 §4.2.8) and what the client does with it —
// the extension's field tree (a hybrid share split into its halves) and finish_key_exchange
// against the client's own shares, so a fuzzed X25519MLKEM768 share reaches its length check,
// the all-zero X25519 check and ML-KEM decapsulation (draft-ietf-tls-ecdhe-mlkem), and a
// fuzzed ECDHE share the curve's point checks. Input: the key_share extension's body as a
// ServerHello carries it (group, length-prefixed key_exchange). The seeds are the shares of
// the recorded TLS 1.3 exchanges, the hybrid one from Node 26 among them (make_seeds.cpp).
#include <algorithm>

#include "codec/reader.hpp"
#include "crypto/key_share.hpp"
#include "fuzz_support.hpp"
#include "msgs/extensions.hpp"

using namespace tlsscope;

namespace {

// The client's shares as the engine makes them: the first ClientHello's (the hybrid and its
// X25519 fallback) and one for each ECDHE group a HelloRetryRequest could ask for. Fixed
// randomness: the same private keys for every input.
const std::vector<ClientKeyShare>& client_shares() {
  static const std::vector<ClientKeyShare> shares = [] {
    std::uint64_t state = 0x5eed;
    RandomSource random = [&](std::uint8_t* out, std::size_t len) {
      for (std::size_t i = 0; i < len; ++i) {
        state ^= state << 13, state ^= state >> 7, state ^= state << 17;  // xorshift64
        out[i] = static_cast<std::uint8_t>(state);
      }
    };
    auto all = initial_key_shares(default_groups(), random);
    for (std::uint16_t g : default_groups())
      if (g != kX25519MLKEM768 && g != kX25519) all.push_back(make_client_key_share(g, random));
    return all;
  }();
  return shares;
}

// The extension's field tree, as a ServerHello's extensions block holding only it.
void check_description(ByteView body) {
  if (body.size() > 0xffff - 4) return;
  Bytes block = {static_cast<std::uint8_t>((body.size() + 4) >> 8), static_cast<std::uint8_t>(body.size() + 4),
                 0x00, 0x33, static_cast<std::uint8_t>(body.size() >> 8), static_cast<std::uint8_t>(body.size())};
  block.insert(block.end(), body.begin(), body.end());
  Reader r(block);
  std::vector<Extension> exts;
  json fields = json::array();
  auto err = read_extensions(r, "ServerHello", exts, fields);
  if (err) {  // a key_share too short for its own syntax
    fuzz::require(err->code == ErrorCode::decode_error && fields.empty(),
                  "a malformed key_share is a decode_error, with no field tree");
    return;
  }
  fuzz::require(exts.size() == 1 && exts[0].body.size() == body.size(), "the one extension is read whole");
  fuzz::check_fields(fields, block.size());
  fuzz::require(!fields.dump().empty(), "the field tree serialises");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ByteView body{data, size};
  check_description(body);
  // What tls13::on_server_hello reads: the group, then the key_exchange, nothing after it.
  Reader r(body);
  std::uint16_t group = r.u16();
  Reader key = r.sub_prefixed(2);
  ByteView server_share = key.bytes(key.remaining());
  if (!r.ok() || !r.empty()) return 0;
  for (const ClientKeyShare& mine : client_shares()) {
    if (mine.group != group) continue;
    auto result = finish_key_exchange(mine, server_share);
    if (const auto* e = std::get_if<Error>(&result)) {
      fuzz::require(e->code == ErrorCode::bad_key_share || e->code == ErrorCode::internal_error,
                    "a share that does not finish is BAD_KEY_SHARE (or a failed decapsulation)");
      continue;
    }
    const KeyExchange& kx = std::get<KeyExchange>(result);
    fuzz::require(kx.share == &mine, "the exchange names the client's share it finished");
    if (group != kX25519MLKEM768) {
      fuzz::require(!kx.hybrid() && kx.server_public.size() == server_share.size() && !kx.shared_secret.empty(),
                    "an ECDHE exchange: the server's whole share is its key, and a secret came out");
      continue;
    }
    // draft-ietf-tls-ecdhe-mlkem: ciphertext (1088) || X25519 (32) in; ML-KEM's secret (32) ||
    // X25519's (32) out, and the halves are where the report will say they are.
    fuzz::require(server_share.size() == 1088 + 32, "only a 1120-byte hybrid share finishes");
    fuzz::require(kx.hybrid() && kx.mlkem_ciphertext.data() == server_share.data() &&
                      kx.mlkem_ciphertext.size() == 1088,
                  "the ML-KEM ciphertext is the share's first 1088 bytes");
    fuzz::require(kx.server_public.data() == server_share.data() + 1088 && kx.server_public.size() == 32,
                  "the server's X25519 key is the share's last 32 bytes");
    fuzz::require(kx.shared_secret.size() == 64 && kx.x25519_shared_secret.size() == 32 &&
                      std::equal(kx.x25519_shared_secret.begin(), kx.x25519_shared_secret.end(),
                                 kx.shared_secret.begin() + 32),
                  "the hybrid secret is ML-KEM's 32 bytes followed by X25519's 32");
  }
  return 0;
}
