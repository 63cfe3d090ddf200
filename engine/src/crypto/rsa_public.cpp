#include "crypto/rsa_public.hpp"

#include <cstring>

// BearSSL's internal big-integer API (src/inner.h of the same BearSSL; exported by the
// library, not declared in its public headers). Integers are arrays of 31-bit words after a
// header word that encodes the bit length.
extern "C" {
void br_i31_decode(std::uint32_t* x, const void* src, std::size_t len);
std::uint32_t br_i31_decode_mod(std::uint32_t* x, const void* src, std::size_t len,
                                const std::uint32_t* m);
void br_i31_encode(void* dst, std::size_t len, const std::uint32_t* x);
std::uint32_t br_i31_ninv31(std::uint32_t x);
void br_i31_montymul(std::uint32_t* d, const std::uint32_t* x, const std::uint32_t* y,
                     const std::uint32_t* m, std::uint32_t m0i);
void br_i31_to_monty(std::uint32_t* x, const std::uint32_t* m);
void br_i31_from_monty(std::uint32_t* x, const std::uint32_t* m, std::uint32_t m0i);
std::uint32_t br_rsa_pkcs1_sig_unpad(const unsigned char* sig, std::size_t sig_len,
                                     const unsigned char* hash_oid, std::size_t hash_len,
                                     unsigned char* hash_out);
}

namespace tlsscope {
namespace {

constexpr std::size_t kMaxBits = 4096;  // BearSSL's own limit (BR_MAX_RSA_SIZE, inner.h)
constexpr std::size_t kMaxBytes = kMaxBits / 8;
constexpr std::size_t kMaxWords = 2 + (kMaxBits + 30) / 31;  // header word + limbs

}  // namespace

std::uint32_t rsa_public_exponent_bits(unsigned char* x, std::size_t xlen,
                                       const br_rsa_public_key* pk) {
  const unsigned char* n = pk->n;
  std::size_t nlen = pk->nlen;
  while (nlen > 0 && *n == 0) ++n, --nlen;
  const unsigned char* e = pk->e;
  std::size_t elen = pk->elen;
  while (elen > 0 && *e == 0) ++e, --elen;
  if (nlen == 0 || nlen > kMaxBytes || xlen != nlen || elen == 0) return 0;
  std::uint32_t m[kMaxWords], base[kMaxWords], acc[kMaxWords], t[kMaxWords];
  br_i31_decode(m, n, nlen);
  const std::uint32_t m0i = br_i31_ninv31(m[1]);
  std::uint32_t ok = m0i & 1;                     // an even modulus has no inverse mod 2^31
  ok &= br_i31_decode_mod(base, x, xlen, m);      // x < n, else base is 0
  br_i31_to_monty(base, m);
  const std::size_t words = 1 + ((m[0] + 31) >> 5);
  std::memcpy(acc, base, words * sizeof *acc);    // e's top bit (e[0] is non-zero)
  int top = 7;
  while (!(e[0] >> top & 1)) --top;
  for (std::size_t i = 0; i < elen; ++i)
    for (int b = i == 0 ? top - 1 : 7; b >= 0; --b) {
      br_i31_montymul(t, acc, acc, m, m0i);
      if (e[i] >> b & 1)
        br_i31_montymul(acc, t, base, m, m0i);
      else
        std::memcpy(acc, t, words * sizeof *acc);
    }
  br_i31_from_monty(acc, m, m0i);
  br_i31_encode(x, xlen, acc);
  return ok;
}

std::uint32_t rsa_pkcs1_vrfy_exponent_bits(const unsigned char* x, std::size_t xlen,
                                           const unsigned char* hash_oid, std::size_t hash_len,
                                           const br_rsa_public_key* pk, unsigned char* hash_out) {
  unsigned char sig[kMaxBytes];
  if (xlen > sizeof sig) return 0;
  std::memcpy(sig, x, xlen);
  if (!rsa_public_exponent_bits(sig, xlen, pk)) return 0;
  return br_rsa_pkcs1_sig_unpad(sig, xlen, hash_oid, hash_len, hash_out);
}

}  // namespace tlsscope
