// Which BearSSL implementation of each primitive the engine uses, per target. All are
// constant-time; they differ only in speed, which depends on the target, so the choices are
// measured (`engine_bench primitives`, natively and in wasm; docs/performance.md) rather
// than left to BearSSL's defaults, which decide by what the compiler *can* do: wasm32 has
// __int128, so BearSSL would pick its 64×64→128-bit code, which wasm runs as a slow libcall.
#pragma once
#include <bearssl.h>

namespace tlsscope {

/// RSA public-key operation (signature checks): i62 natively, i31 in wasm (2× faster there).
br_rsa_public rsa_public();
br_rsa_pkcs1_vrfy rsa_pkcs1_vrfy();
/// Poly1305 for ChaCha20-Poly1305: ctmulq natively (64-bit multiplies), ctmul in wasm
/// (ctmulq is ~6× slower there).
br_poly1305_run poly1305();

}  // namespace tlsscope
