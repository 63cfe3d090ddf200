#include "primitives.hpp"

#include <bearssl.h>

#include <ctime>
#include <cstdio>
#include <cstring>
#include <vector>

#include "crypto/ecdsa_verify.hpp"
#include "crypto/rsa_public.hpp"
#include "crypto/x25519.hpp"

namespace tlsscope::bench {
namespace {

// std::clock(): process CPU time natively (the machine is shared, wall time is not ours);
// in wasm Emscripten has only wall time.
template <class F>
double us_per_call(F f) {
  int n = 1;
  for (;;) {  // double the count until a run takes ≥ 0.2 s
    const std::clock_t t0 = std::clock();
    for (int i = 0; i < n; ++i) f();
    const double s = static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC;
    if (s >= 0.2) return s * 1e6 / n;
    n *= 2;
  }
}

void ec(const char* curve_name, int curve, const char* impl_name, const br_ec_impl* impl) {
  std::size_t glen = 0;
  const unsigned char* g = impl->generator(curve, &glen);
  std::vector<unsigned char> point(g, g + glen), k(32, 0x5a);
  k[0] = 0x4f;  // below the P-256 order
  const double us = us_per_call([&] {
    std::memcpy(point.data(), g, glen);
    impl->mul(point.data(), glen, k.data(), k.size(), curve);
  });
  std::printf("%s-mul %s %.1f us\n", curve_name, impl_name, us);
}

// The engine's own (crypto/x25519.hpp), same scalar as ec() above.
void x25519_fe51_timed() {
  std::uint8_t u[32] = {9}, k[32], out[32];
  std::memset(k, 0x5a, sizeof k);
  k[0] = 0x4f;
  const double us = us_per_call([&] { x25519_fe51(out, k, u); });
  std::printf("x25519-mul fe51 %.1f us\n", us);
}

void rsa(const char* impl_name, br_rsa_public pub) {
  // Any odd 2048-bit modulus costs the same as a real one: x^65537 mod n.
  std::vector<unsigned char> n(256), x(256), e = {1, 0, 1};
  for (std::size_t i = 0; i < n.size(); ++i) n[i] = static_cast<unsigned char>(i * 131 + 7);
  n[0] = 0xc5;
  n[255] |= 1;
  const br_rsa_public_key key{n.data(), n.size(), e.data(), e.size()};
  const double us = us_per_call([&] {
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<unsigned char>(i);
    pub(x.data(), x.size(), &key);
  });
  std::printf("rsa2048-public %s %.1f us\n", impl_name, us);
}

// An ECDSA P-256 check of a SHA-256 hash, the signature in ASN.1 (as in a certificate), with
// br_ec_get_default()'s curve code, as the engine makes it; the key and signature are
// BearSSL's, made once.
void ecdsa_p256(const char* impl_name, br_ecdsa_vrfy vrfy) {
  const br_ec_impl* ec = br_ec_get_default();
  unsigned char sk_buf[BR_EC_KBUF_PRIV_MAX_SIZE], pk_buf[BR_EC_KBUF_PUB_MAX_SIZE], sig[80];
  br_ec_private_key sk;
  br_ec_public_key pk;
  br_hmac_drbg_context rng;
  br_hmac_drbg_init(&rng, &br_sha256_vtable, "bench", 5);
  br_ec_keygen(&rng.vtable, ec, &sk, sk_buf, BR_EC_secp256r1);
  br_ec_compute_pub(ec, &pk, pk_buf, &sk);
  unsigned char hash[32] = {1, 2, 3};
  const std::size_t sig_len = br_ecdsa_i31_sign_asn1(ec, &br_sha256_vtable, hash, &sk, sig);
  std::uint32_t ok = 1;
  const double us = us_per_call([&] { ok &= vrfy(ec, hash, sizeof hash, &pk, sig, sig_len); });
  std::printf("ecdsa-p256-verify %s %.1f us%s\n", impl_name, us, ok ? "" : " (REFUSED: broken)");
}

constexpr std::size_t kBulk = 1 << 20;

void gcm(const char* aes_name, const br_block_ctr_class* aes, const char* ghash_name,
         br_ghash ghash) {
  if (!aes || !ghash) return;
  br_aes_gen_ctr_keys keys;
  const unsigned char key[16] = {1, 2, 3};
  aes->init(&keys.vtable, key, sizeof key);
  br_gcm_context ctx;
  br_gcm_init(&ctx, &keys.vtable, ghash);
  std::vector<unsigned char> buf(kBulk, 7);
  const unsigned char iv[12] = {9};
  const double us = us_per_call([&] {
    br_gcm_reset(&ctx, iv, sizeof iv);
    br_gcm_flip(&ctx);
    br_gcm_run(&ctx, 0, buf.data(), buf.size());
  });
  std::printf("aes128gcm %s+%s %.1f MiB/s\n", aes_name, ghash_name, 1e6 / us);
}

void chacha(const char* chacha_name, br_chacha20_run run, const char* poly_name,
            br_poly1305_run poly) {
  if (!run || !poly) return;
  std::vector<unsigned char> buf(kBulk, 7);
  const unsigned char key[32] = {1}, iv[12] = {2};
  unsigned char tag[16];
  const double us = us_per_call([&] {
    poly(key, iv, buf.data(), buf.size(), nullptr, 0, tag, run, 0);
  });
  std::printf("chacha20poly1305 %s+%s %.1f MiB/s\n", chacha_name, poly_name, 1e6 / us);
}

}  // namespace

void print_primitives() {
  ec("x25519", BR_EC_curve25519, "m31", &br_ec_c25519_m31);
  x25519_fe51_timed();
  ec("x25519", BR_EC_curve25519, "m15", &br_ec_c25519_m15);
  ec("x25519", BR_EC_curve25519, "i31", &br_ec_c25519_i31);
  ec("x25519", BR_EC_curve25519, "i15", &br_ec_c25519_i15);
  ec("p256", BR_EC_secp256r1, "m31", &br_ec_p256_m31);
  ec("p256", BR_EC_secp256r1, "m15", &br_ec_p256_m15);
  rsa("i15", &br_rsa_i15_public);
  rsa("i31", &br_rsa_i31_public);
  rsa("i32", &br_rsa_i32_public);
  if (br_rsa_public p = br_rsa_i62_public_get()) rsa("i62", p);
  rsa("exponent-bits", &rsa_public_exponent_bits);  // the engine's (crypto/rsa_public.hpp)
  ecdsa_p256("i31", &br_ecdsa_i31_vrfy_asn1);
  ecdsa_p256("i15", &br_ecdsa_i15_vrfy_asn1);
  ecdsa_p256("vartime-inverse", &ecdsa_vrfy_asn1_vartime_inverse);  // crypto/ecdsa_verify.hpp
  const br_block_ctr_class* x86ni = br_aes_x86ni_ctr_get_vtable();
  for (auto [gname, g] : {std::pair{"pclmul", br_ghash_pclmul_get()},
                          std::pair{"ctmul64", br_ghash{&br_ghash_ctmul64}},
                          std::pair{"ctmul", br_ghash{&br_ghash_ctmul}},
                          std::pair{"ctmul32", br_ghash{&br_ghash_ctmul32}}}) {
    gcm("x86ni", x86ni, gname, g);
    gcm("ct64", &br_aes_ct64_ctr_vtable, gname, g);
    gcm("ct", &br_aes_ct_ctr_vtable, gname, g);
  }
  for (auto [pname, p] : {std::pair{"ctmulq", br_poly1305_ctmulq_get()},
                          std::pair{"ctmul", br_poly1305_run{&br_poly1305_ctmul_run}},
                          std::pair{"ctmul32", br_poly1305_run{&br_poly1305_ctmul32_run}}}) {
    chacha("sse2", br_chacha20_sse2_get(), pname, p);
    chacha("ct", &br_chacha20_ct_run, pname, p);
  }
}

}  // namespace tlsscope::bench
