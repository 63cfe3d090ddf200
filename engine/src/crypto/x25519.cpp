#include "crypto/x25519.hpp"

#include <cstring>

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "load64/store64 assume little-endian");

namespace tlsscope {
namespace {

// A field element mod p = 2^255 - 19 as five limbs of 51 bits: v = Σ f[i]·2^(51·i). Limbs may
// exceed 51 bits between operations; the bounds are noted where they matter.
using u64 = std::uint64_t;
__extension__ typedef unsigned __int128 u128;  // GCC and Clang, 64-bit targets
struct Fe {
  u64 v[5];
};
constexpr u64 kMask51 = (u64{1} << 51) - 1;

u64 load64(const std::uint8_t* p) {
  u64 r;
  std::memcpy(&r, p, 8);
  return r;
}

void store64(std::uint8_t* p, u64 v) { std::memcpy(p, &v, 8); }

// The 255 low bits of 32 little-endian bytes; bit 255 is dropped (RFC 7748 §5).
Fe from_bytes(const std::uint8_t s[32]) {
  return {{load64(s) & kMask51, (load64(s + 6) >> 3) & kMask51,
           (load64(s + 12) >> 6) & kMask51, (load64(s + 19) >> 1) & kMask51,
           (load64(s + 24) >> 12) & kMask51}};
}

// Carries five 128-bit column sums into limbs below 2^51 (limb 1 may keep 2^51 + 2^18): a
// carry out of limb 4 is worth 2^255 ≡ 19.
Fe carry(u128 r0, u128 r1, u128 r2, u128 r3, u128 r4) {
  r1 += r0 >> 51;
  r2 += r1 >> 51;
  r3 += r2 >> 51;
  r4 += r3 >> 51;
  r0 = (r0 & kMask51) + (r4 >> 51) * 19;
  u64 h1 = static_cast<u64>(r1 & kMask51) + static_cast<u64>(r0 >> 51);
  return {{static_cast<u64>(r0) & kMask51, h1, static_cast<u64>(r2) & kMask51,
           static_cast<u64>(r3) & kMask51, static_cast<u64>(r4) & kMask51}};
}

// Inputs' limbs below 2^54: each column is then below 5·19·2^108 < 2^115.
Fe mul(const Fe& f, const Fe& g) {
  const u64* a = f.v;
  const u64* b = g.v;
  const u64 b1_19 = 19 * b[1], b2_19 = 19 * b[2], b3_19 = 19 * b[3], b4_19 = 19 * b[4];
  auto m = [](u64 x, u64 y) { return static_cast<u128>(x) * y; };
  return carry(m(a[0], b[0]) + m(a[1], b4_19) + m(a[2], b3_19) + m(a[3], b2_19) + m(a[4], b1_19),
               m(a[0], b[1]) + m(a[1], b[0]) + m(a[2], b4_19) + m(a[3], b3_19) + m(a[4], b2_19),
               m(a[0], b[2]) + m(a[1], b[1]) + m(a[2], b[0]) + m(a[3], b4_19) + m(a[4], b3_19),
               m(a[0], b[3]) + m(a[1], b[2]) + m(a[2], b[1]) + m(a[3], b[0]) + m(a[4], b4_19),
               m(a[0], b[4]) + m(a[1], b[3]) + m(a[2], b[2]) + m(a[3], b[1]) + m(a[4], b[0]));
}

// mul(f, f) with the symmetric products taken once (15 products instead of 25).
Fe sqr(const Fe& f) {
  const u64* a = f.v;
  const u64 a0_2 = 2 * a[0], a1_2 = 2 * a[1], a3_38 = 38 * a[3], a4_19 = 19 * a[4],
            a4_38 = 38 * a[4];
  auto m = [](u64 x, u64 y) { return static_cast<u128>(x) * y; };
  return carry(m(a[0], a[0]) + m(a[1], a4_38) + m(a[2], a3_38),
               m(a0_2, a[1]) + m(a[2], a4_38) + m(a[3], 19 * a[3]),
               m(a0_2, a[2]) + m(a[1], a[1]) + m(a[3], a4_38),
               m(a0_2, a[3]) + m(a1_2, a[2]) + m(a[4], a4_19),
               m(a0_2, a[4]) + m(a1_2, a[3]) + m(a[2], a[2]));
}

Fe sqr_n(Fe f, int n) {
  while (n-- > 0) f = sqr(f);
  return f;
}

Fe mul_121665(const Fe& f) {
  auto m = [](u64 x) { return static_cast<u128>(x) * 121665; };
  return carry(m(f.v[0]), m(f.v[1]), m(f.v[2]), m(f.v[3]), m(f.v[4]));
}

Fe add(const Fe& f, const Fe& g) {
  Fe h;
  for (int i = 0; i < 5; ++i) h.v[i] = f.v[i] + g.v[i];
  return h;
}

// f - g + 2p, so no limb goes negative while g's limbs stay below 2^52 - 38 (every g here is
// a product's output or a decoded input: below 2^51 + 2^18).
Fe sub(const Fe& f, const Fe& g) {
  constexpr u64 kTwoP0 = 2 * ((u64{1} << 51) - 19), kTwoPi = 2 * ((u64{1} << 51) - 1);
  Fe h;
  h.v[0] = f.v[0] + kTwoP0 - g.v[0];
  for (int i = 1; i < 5; ++i) h.v[i] = f.v[i] + kTwoPi - g.v[i];
  return h;
}

// Swaps f and g when bit is 1, without a branch.
void cswap(Fe& f, Fe& g, u64 bit) {
  const u64 mask = 0 - bit;
  for (int i = 0; i < 5; ++i) {
    const u64 x = mask & (f.v[i] ^ g.v[i]);
    f.v[i] ^= x;
    g.v[i] ^= x;
  }
}

// z^(p-2) = z^(2^255 - 21) (Fermat), the usual chain of 254 squarings and 11 products.
Fe invert(const Fe& z) {
  const Fe z2 = sqr(z);
  const Fe z9 = mul(sqr_n(z2, 2), z);
  const Fe z11 = mul(z9, z2);
  const Fe z_5_0 = mul(sqr(z11), z9);  // z^(2^5 - 1)
  const Fe z_10_0 = mul(sqr_n(z_5_0, 5), z_5_0);
  const Fe z_20_0 = mul(sqr_n(z_10_0, 10), z_10_0);
  const Fe z_40_0 = mul(sqr_n(z_20_0, 20), z_20_0);
  const Fe z_50_0 = mul(sqr_n(z_40_0, 10), z_10_0);
  const Fe z_100_0 = mul(sqr_n(z_50_0, 50), z_50_0);
  const Fe z_200_0 = mul(sqr_n(z_100_0, 100), z_100_0);
  const Fe z_250_0 = mul(sqr_n(z_200_0, 50), z_50_0);
  return mul(sqr_n(z_250_0, 5), z11);
}

// The canonical encoding: limbs carried below 2^51 (so v < 2^255 < 2p), then p subtracted
// once if v ≥ p, decided by whether v + 19 carries out of bit 255.
void to_bytes(std::uint8_t out[32], const Fe& f) {
  Fe h = carry(f.v[0], f.v[1], f.v[2], f.v[3], f.v[4]);
  h = carry(h.v[0], h.v[1], h.v[2], h.v[3], h.v[4]);
  u64 q = (h.v[0] + 19) >> 51;
  for (int i = 1; i < 5; ++i) q = (h.v[i] + q) >> 51;
  h.v[0] += 19 * q;
  for (int i = 0; i < 4; ++i) {
    h.v[i + 1] += h.v[i] >> 51;
    h.v[i] &= kMask51;
  }
  h.v[4] &= kMask51;  // drops the 2^255 that v + 19q - 2^255 = v - p leaves
  store64(out, h.v[0] | h.v[1] << 51);
  store64(out + 8, h.v[1] >> 13 | h.v[2] << 38);
  store64(out + 16, h.v[2] >> 26 | h.v[3] << 25);
  store64(out + 24, h.v[3] >> 39 | h.v[4] << 12);
}

}  // namespace

void x25519_fe51(std::uint8_t out[32], const std::uint8_t scalar[32], const std::uint8_t u[32]) {
  std::uint8_t k[32];
  std::memcpy(k, scalar, 32);
  k[0] &= 248;
  k[31] &= 127;
  k[31] |= 64;

  // RFC 7748 §5's ladder, a24 = 121665.
  const Fe x1 = from_bytes(u);
  Fe x2{{1, 0, 0, 0, 0}}, z2{{0, 0, 0, 0, 0}}, x3 = x1, z3{{1, 0, 0, 0, 0}};
  u64 swap = 0;
  for (int t = 254; t >= 0; --t) {
    const u64 bit = (k[t >> 3] >> (t & 7)) & 1;
    swap ^= bit;
    cswap(x2, x3, swap);
    cswap(z2, z3, swap);
    swap = bit;
    const Fe a = add(x2, z2), aa = sqr(a), b = sub(x2, z2), bb = sqr(b), e = sub(aa, bb);
    const Fe c = add(x3, z3), d = sub(x3, z3), da = mul(d, a), cb = mul(c, b);
    x3 = sqr(add(da, cb));
    z3 = mul(x1, sqr(sub(da, cb)));
    x2 = mul(aa, bb);
    z2 = mul(e, add(aa, mul_121665(e)));
  }
  cswap(x2, x3, swap);
  cswap(z2, z3, swap);
  to_bytes(out, mul(x2, invert(z2)));
  std::memset(k, 0, sizeof k);
}

}  // namespace tlsscope
