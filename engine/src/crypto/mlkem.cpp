#include "crypto/mlkem.hpp"

#include <cstdlib>

extern "C" {
#include <kem.h>  // PQClean ml-kem-768/clean: the *_derand entry points
}

namespace tlsscope::mlkem768 {

static_assert(kEncapsulationKeySize == PQCLEAN_MLKEM768_CLEAN_CRYPTO_PUBLICKEYBYTES);
static_assert(kDecapsulationKeySize == PQCLEAN_MLKEM768_CLEAN_CRYPTO_SECRETKEYBYTES);
static_assert(kCiphertextSize == PQCLEAN_MLKEM768_CLEAN_CRYPTO_CIPHERTEXTBYTES);
static_assert(kSharedSecretSize == PQCLEAN_MLKEM768_CLEAN_CRYPTO_BYTES);

KeyPair key_pair_from_seed(ByteView seed) {
  KeyPair kp;
  if (seed.size() != kSeedSize) return kp;
  kp.encapsulation_key.resize(kEncapsulationKeySize);
  kp.decapsulation_key.resize(kDecapsulationKeySize);
  PQCLEAN_MLKEM768_CLEAN_crypto_kem_keypair_derand(kp.encapsulation_key.data(),
                                                   kp.decapsulation_key.data(), seed.data());
  return kp;
}

KeyPair generate(const RandomSource& random) {
  std::uint8_t seed[kSeedSize];
  random(seed, sizeof seed);
  return key_pair_from_seed(seed);
}

namespace {

// FIPS 203 §7.2: ek's first 1152 bytes are 768 12-bit coefficients, each of which must be
// below q; PQClean's encapsulation reduces them silently instead.
bool modulus_check(ByteView ek) {
  for (std::size_t i = 0; i + 3 <= 1152; i += 3) {
    unsigned a = ek[i] | (ek[i + 1] & 0x0f) << 8;
    unsigned b = ek[i + 1] >> 4 | ek[i + 2] << 4;
    if (a >= 3329 || b >= 3329) return false;
  }
  return true;
}

}  // namespace

std::optional<Encapsulation> encapsulate(ByteView encapsulation_key, ByteView message) {
  if (encapsulation_key.size() != kEncapsulationKeySize || message.size() != kMessageSize ||
      !modulus_check(encapsulation_key))
    return std::nullopt;
  Encapsulation e{Bytes(kCiphertextSize), Bytes(kSharedSecretSize)};
  PQCLEAN_MLKEM768_CLEAN_crypto_kem_enc_derand(e.ciphertext.data(), e.shared_secret.data(),
                                               encapsulation_key.data(), message.data());
  return e;
}

std::optional<Bytes> decapsulate(ByteView decapsulation_key, ByteView ciphertext) {
  if (decapsulation_key.size() != kDecapsulationKeySize || ciphertext.size() != kCiphertextSize)
    return std::nullopt;
  Bytes ss(kSharedSecretSize);
  PQCLEAN_MLKEM768_CLEAN_crypto_kem_dec(ss.data(), ciphertext.data(), decapsulation_key.data());
  return ss;
}

}  // namespace tlsscope::mlkem768

// PQClean's kem.c also holds the randomised entry points (crypto_kem_keypair / _enc), which
// call randombytes(); the engine never calls them, so nothing may supply randomness from the
// operating system. This definition only satisfies the linker for that object file, and stops
// the process if a randomised entry point is ever reached.
extern "C" int PQCLEAN_randombytes(std::uint8_t*, std::size_t) { std::abort(); }
