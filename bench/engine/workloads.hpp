// The engine's CPU work without any I/O, the same source compiled natively and to
// WebAssembly, so native and wasm run exactly the same bytes through exactly the same code.
//
// A handshake is replayed from a transcript: the client's randomness comes from a fixed
// stream, so its ClientHello and key share are the same every time, and the server's recorded
// answer (made for that very key share) verifies again — a full handshake (key generation,
// ECDH, chain and signature checks, key schedule, Finished) with no server and no socket.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tlsscope/bytes.hpp"
#include "tlsscope/config.hpp"

namespace tlsscope::bench {

struct Transcript {
  std::uint16_t version = 0x0303;  // the one version offered (and its one suite, x25519 only)
  std::int64_t now = 0;            // the instant the certificates are checked at
  std::string server_name;
  bool hybrid = false;             // X25519MLKEM768 offered first, its share beside x25519's
  std::string ca_pem;              // the trust anchors
  Bytes server_bytes;              // everything the server sent, in order
};

/// The Config every benchmark handshake uses: one version, AES-128-GCM, x25519; with `hybrid`
/// (TLS 1.3), X25519MLKEM768 offered first with a share beside x25519's, as the page does.
Config bench_config(std::uint16_t version, std::string server_name, std::string ca_pem,
                    std::int64_t now, RandomSource random, bool hybrid = false);
/// A fixed byte stream (splitmix64) standing in for randomness: replays need the same bytes.
RandomSource fixed_random();

Bytes serialize(const Transcript& t);
std::optional<Transcript> parse_transcript(ByteView blob);

/// One full client handshake against the recorded server bytes; true if it reached `open`.
bool replay_handshake(const Transcript& t);

/// What the client's ML-KEM-768 half of X25519MLKEM768 costs it in a handshake: one key pair
/// (from a fixed seed varied per call) and one decapsulation of a ciphertext to it. True if the
/// decapsulated secret is the encapsulated one (the encapsulation, the server's work, is made
/// once, outside the timed part).
struct MlkemRound {
  Bytes seed, message;
  Bytes ciphertext, shared_secret;
};
MlkemRound make_mlkem_round();
bool mlkem_keygen_decaps(const MlkemRound& r);

/// TLS 1.3 records of 16 KiB application data each, sealed with a fixed key: the input of
/// the bulk-decrypt figure. `aead_id` is the TLS 1.3 suite (0x1301 AES-128-GCM, 0x1303
/// ChaCha20-Poly1305).
struct Records {
  std::uint16_t suite = 0x1301;
  Bytes key, iv;
  std::vector<Bytes> fragments;  // each: encrypted inner plaintext || tag
};
constexpr std::size_t kRecordPlaintext = 16384;
Records make_records(std::uint16_t suite, std::size_t total_bytes);
/// Decrypts every record with the engine's record layer; the plaintext bytes recovered
/// (0 if any record failed authentication).
std::size_t open_records(const Records& r);

}  // namespace tlsscope::bench
