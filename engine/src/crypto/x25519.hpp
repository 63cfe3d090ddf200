// X25519 (RFC 7748 §5) with 51-bit limbs and 64×64→128-bit products, for targets whose
// compiler multiplies 64-bit numbers in one instruction (x86-64, AArch64).
//
// Why our own: X25519 was 37% of a native handshake's instructions with Debian's BearSSL 0.6,
// whose fastest Curve25519 code (ec_c25519_m31) works on 30-bit limbs; the 64-bit-limb
// versions came after that release. crypto/select.hpp decides where this one is used (not in
// wasm, where a 128-bit product is a library call). Constant-time: the Montgomery ladder
// swaps with masks, no branch or memory index depends on the scalar or the point.
#pragma once
#include <cstdint>

namespace tlsscope {

/// out = X25519(scalar, u): the scalar is clamped and u's top bit ignored as RFC 7748 §5
/// says; out is the canonical little-endian u-coordinate (all zero for a low-order u).
void x25519_fe51(std::uint8_t out[32], const std::uint8_t scalar[32], const std::uint8_t u[32]);

}  // namespace tlsscope
