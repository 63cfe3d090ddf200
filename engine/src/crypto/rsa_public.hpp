// The RSA public operation (x^e mod n) for signature checks. BearSSL's own
// (br_rsa_i31/i62_public) treats e as if it were secret: one squaring *and* one product per
// bit of e's bytes, 48 Montgomery products for e = 65537 (and i62 gets no window from its
// buffer size). e is public, so here a product is skipped where e's bit is 0: 16 squarings
// and 1 product for e = 65537, squarings with their cross products once. Limbs of 64 bits
// natively, 32 in wasm (docs/performance.md). No branch or memory index depends on x or n,
// only on lengths and e.
#pragma once
#include <bearssl.h>

#include <cstddef>
#include <cstdint>

namespace tlsscope {

/// br_rsa_public: x (xlen bytes, the modulus' length) becomes x^e mod n. 0 if the modulus is
/// even or empty, x is not below it, or the lengths differ (as BearSSL's).
std::uint32_t rsa_public_exponent_bits(unsigned char* x, std::size_t xlen,
                                       const br_rsa_public_key* pk);
/// The same operation with 32-bit limbs (what wasm runs) and, where the compiler has a 128-bit
/// product, 64-bit limbs (what native builds run): rsa_public_exponent_bits is one of them.
/// Both exist on every target so that the tests compare each with BearSSL wherever they run.
std::uint32_t rsa_public_limbs32(unsigned char* x, std::size_t xlen, const br_rsa_public_key* pk);
#if defined(__SIZEOF_INT128__)
std::uint32_t rsa_public_limbs64(unsigned char* x, std::size_t xlen, const br_rsa_public_key* pk);
#endif

/// RFC 8017 §8.2.2 steps 3–4 for a recovered `em` of `len` bytes: true (1) if it is
/// EMSA-PKCS1-v1_5-ENCODE of some hash H of `hash_len` bytes — 00 01, at least eight FF, 00,
/// the DigestInfo prefix of `hash_oid` (BearSSL's form: a length byte, then the OID's bytes;
/// with NULL parameters or without them, as BearSSL accepts; nullptr: no DigestInfo), H —
/// and then H goes to hash_out. The expected bytes are encoded and compared, as the RFC
/// advises, never parsed out of em. The same answers as BearSSL's br_rsa_pkcs1_sig_unpad,
/// which its public headers do not declare.
std::uint32_t pkcs1_v15_sig_unpad(const unsigned char* em, std::size_t len,
                                  const unsigned char* hash_oid, std::size_t hash_len,
                                  unsigned char* hash_out);

/// br_rsa_pkcs1_vrfy on rsa_public_exponent_bits and pkcs1_v15_sig_unpad (RFC 8017 §8.2.2).
std::uint32_t rsa_pkcs1_vrfy_exponent_bits(const unsigned char* x, std::size_t xlen,
                                           const unsigned char* hash_oid, std::size_t hash_len,
                                           const br_rsa_public_key* pk, unsigned char* hash_out);

}  // namespace tlsscope
