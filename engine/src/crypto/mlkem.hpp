// ML-KEM-768 (FIPS 203), the post-quantum half of X25519MLKEM768: PQClean's `clean`
// implementation (cmake/pqclean.cmake) behind byte-vector functions. The engine has no
// randomness of its own: key generation takes the caller's RandomSource, and every PQClean
// call is a deterministic (*_derand) one.
#pragma once
#include <cstddef>
#include <optional>

#include "tlsscope/bytes.hpp"
#include "tlsscope/config.hpp"

namespace tlsscope::mlkem768 {

constexpr std::size_t kEncapsulationKeySize = 1184;  // FIPS 203 §8, table 3: ek
constexpr std::size_t kDecapsulationKeySize = 2400;  // dk (PQClean's expanded form)
constexpr std::size_t kCiphertextSize = 1088;
constexpr std::size_t kSharedSecretSize = 32;
constexpr std::size_t kSeedSize = 64;     // d || z (FIPS 203 Algorithm 16)
constexpr std::size_t kMessageSize = 32;  // m (FIPS 203 Algorithm 17)

struct KeyPair {
  Bytes encapsulation_key;  // public: goes on the wire
  Bytes decapsulation_key;  // private
};

/// ML-KEM.KeyGen_internal(d, z) with seed = d || z (64 bytes).
KeyPair key_pair_from_seed(ByteView seed);
/// A fresh key pair, its seed drawn from `random`.
KeyPair generate(const RandomSource& random);

struct Encapsulation {
  Bytes ciphertext;
  Bytes shared_secret;
};
/// ML-KEM.Encaps_internal(ek, m): nothing if `ek` is not 1184 bytes or fails FIPS 203 §7.2's
/// modulus check (a coefficient ≥ q = 3329).
std::optional<Encapsulation> encapsulate(ByteView encapsulation_key, ByteView message);
/// ML-KEM.Decaps(dk, c): nothing if a length is wrong. A ciphertext made for another key still
/// yields 32 bytes (FIPS 203's implicit rejection), just not the sender's: TLS finds out at
/// Finished.
std::optional<Bytes> decapsulate(ByteView decapsulation_key, ByteView ciphertext);

}  // namespace tlsscope::mlkem768
