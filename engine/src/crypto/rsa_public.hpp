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
/// br_rsa_pkcs1_vrfy on rsa_public_exponent_bits (RFC 8017 §8.2.2; BearSSL's unpadding).
std::uint32_t rsa_pkcs1_vrfy_exponent_bits(const unsigned char* x, std::size_t xlen,
                                           const unsigned char* hash_oid, std::size_t hash_len,
                                           const br_rsa_public_key* pk, unsigned char* hash_out);

}  // namespace tlsscope
