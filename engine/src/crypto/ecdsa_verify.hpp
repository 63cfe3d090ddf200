// ECDSA signature verification (FIPS 186-5 §6.4.2, SEC 1 v2 §4.1.4) whose one change from
// BearSSL's br_ecdsa_i31_vrfy_raw is how it divides by s. BearSSL inverts s with a
// constant-time exponentiation (s^(n-2) mod n: two Montgomery products per bit of n, ~0.8 ms
// of a 1.2 ms P-256 check in wasm), as if s were secret. In a verification every input is
// public — r, s, the hash, the key, the curve — so here u1 = h/s and u2 = r/s come from one
// binary extended Euclid over s and n, whose running time depends on s (a few µs). Everything
// else is BearSSL's: the point arithmetic (the br_ec_impl's muladd, constant-time as it is),
// the curves' orders, the ASN.1 form, the hash's truncation, the checks on r and s.
#pragma once
#include <bearssl.h>

#include <cstddef>
#include <cstdint>

namespace tlsscope {

/// br_ecdsa_vrfy for raw signatures (r ‖ s, each half the signature's length, big-endian): 1
/// if `sig` is a valid signature of `hash` under `pk`, else 0. The answers of
/// br_ecdsa_i31_vrfy_raw, and r = 0 is refused outright (FIPS 186-5 requires 0 < r < n;
/// BearSSL refuses it only through the final comparison). Only the prime-order curves
/// P-256, P-384 and P-521, and only those `impl` supports.
std::uint32_t ecdsa_vrfy_raw_vartime_inverse(const br_ec_impl* impl, const void* hash,
                                             std::size_t hash_len, const br_ec_public_key* pk,
                                             const void* sig, std::size_t sig_len);

/// br_ecdsa_vrfy for signatures in their ASN.1 form (SEQUENCE of two INTEGERs, as X.509 and
/// TLS carry them), read by BearSSL's br_ecdsa_asn1_to_raw as br_ecdsa_i31_vrfy_asn1 does.
std::uint32_t ecdsa_vrfy_asn1_vartime_inverse(const br_ec_impl* impl, const void* hash,
                                              std::size_t hash_len, const br_ec_public_key* pk,
                                              const void* sig, std::size_t sig_len);

}  // namespace tlsscope
