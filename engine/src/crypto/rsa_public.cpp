#include "crypto/rsa_public.hpp"

#include <cstring>
#include <initializer_list>
#include <type_traits>

namespace tlsscope {
namespace {

constexpr std::size_t kMaxBits = 4096;  // BearSSL's own limit (BR_MAX_RSA_SIZE, inner.h)
constexpr std::size_t kMaxBytes = kMaxBits / 8;

// A limb is half the widest product the target multiplies in one instruction: natively 64-bit
// limbs with 64×64→128-bit products (which BearSSL's only 64-bit code, i62, keeps private to
// its own exponentiation); in wasm 32-bit limbs with 64-bit products, since a 128-bit product
// is a library call there. All values are public here (signatures and keys), and still
// nothing branches on them or indexes by them: only the lengths and e steer. Both widths are
// one template, so the native tests run the 32-bit code wasm runs too.
template <class Limb>
struct Montgomery {
#if defined(__SIZEOF_INT128__)
  __extension__ typedef unsigned __int128 Int128;  // __extension__: GCC and clang have it, ISO C++ not
  using Wide = std::conditional_t<sizeof(Limb) == 8, Int128, std::uint64_t>;
#else
  static_assert(sizeof(Limb) == 4, "64-bit limbs need a 128-bit product");
  using Wide = std::uint64_t;
#endif
  static constexpr unsigned kLimbBits = 8 * sizeof(Limb);
  static constexpr std::size_t kMaxLimbs = kMaxBits / kLimbBits;

  struct Modulus {
    Limb n[kMaxLimbs];
    std::size_t len;  // limbs
    Limb n0inv;       // -1/n mod 2^kLimbBits
  };

  // Big-endian bytes into `len` little-endian limbs.
  static void decode(Limb* out, std::size_t len, const unsigned char* p, std::size_t plen) {
    for (std::size_t i = 0; i < len; ++i) out[i] = 0;
    for (std::size_t k = 0; k < plen; ++k)
      out[k / sizeof(Limb)] |= static_cast<Limb>(p[plen - 1 - k]) << (8 * (k % sizeof(Limb)));
  }

  static void encode(unsigned char* p, std::size_t plen, const Limb* in) {
    for (std::size_t k = 0; k < plen; ++k)
      p[plen - 1 - k] = static_cast<unsigned char>(in[k / sizeof(Limb)] >> (8 * (k % sizeof(Limb))));
  }

  // a − b − borrow (borrow 0 or 1); `borrow` becomes the borrow out. With 64-bit limbs spelled
  // out like mul_add2's carries: the difference in 128-bit arithmetic took GCC ~3× the
  // instructions, and reduce_once runs ~65 times per key just to make R² (rsa_public_impl).
  static Limb sub_borrow(Limb a, Limb b, Limb& borrow) {
    if constexpr (sizeof(Limb) == 8) {
      const Limb d = a - b;
      const Limb out = d - borrow;
      borrow = static_cast<Limb>(a < b) | static_cast<Limb>(d < borrow);
      return out;
    } else {
      const Wide r = static_cast<Wide>(a) - b - borrow;
      borrow = static_cast<Limb>(r >> kLimbBits) & 1;
      return static_cast<Limb>(r);
    }
  }

  // d = t - n if `t_high` (a carry above t's top limb) is set or t >= n, else t.
  static void reduce_once(Limb* d, const Limb* t, Limb t_high, const Modulus& m) {
    Limb diff[kMaxLimbs], borrow = 0;
    for (std::size_t j = 0; j < m.len; ++j) diff[j] = sub_borrow(t[j], m.n[j], borrow);
    const Limb mask = -(t_high | (borrow ^ 1));
    for (std::size_t j = 0; j < m.len; ++j) d[j] = (diff[j] & mask) | (t[j] & ~mask);
  }

  // lo:hi = x·y + c1 + c2, which cannot overflow ((2^w − 1)² + 2·(2^w − 1) < 2^2w). With
  // 64-bit limbs the limb additions are spelled out with their carries, which compile to
  // add/adc (GCC makes several times more instructions of the sum in 128-bit arithmetic);
  // with 32-bit limbs the sum in 64 bits is the short form (wasm has 64-bit adds).
  static Limb mul_add2(Limb x, Limb y, Limb c1, Limb c2, Limb& hi) {
    if constexpr (sizeof(Limb) == 8) {
      const Wide p = static_cast<Wide>(x) * y;
      Limb lo = static_cast<Limb>(p);
      hi = static_cast<Limb>(p >> kLimbBits);
      lo += c1;
      hi += lo < c1;
      lo += c2;
      hi += lo < c2;
      return lo;
    } else {
      const Wide p = static_cast<Wide>(x) * y + c1 + c2;
      hi = static_cast<Limb>(p >> kLimbBits);
      return static_cast<Limb>(p);
    }
  }

  // d = a·b/R mod n, R = 2^(kLimbBits·len), for a, b < n: Montgomery multiplication with the product
  // and the reduction in one pass over the limbs (FIOS).
  static void mont_mul(Limb* d, const Limb* a, const Limb* b, const Modulus& m) {
    const std::size_t s = m.len;
    Limb t[kMaxLimbs + 1] = {};
    for (std::size_t i = 0; i < s; ++i) {
      const Limb bi = b[i];
      Limb c1, c2;
      const Limb u = mul_add2(a[0], bi, t[0], 0, c1);
      const Limb q = u * m.n0inv;  // makes the low limb vanish
      mul_add2(q, m.n[0], u, 0, c2);
      for (std::size_t j = 1; j < s; ++j) {
        const Limb v = mul_add2(a[j], bi, t[j], c1, c1);
        t[j - 1] = mul_add2(q, m.n[j], v, c2, c2);
      }
      const Limb top = t[s] + c1;
      const Limb carry = top < c1;
      t[s - 1] = top + c2;
      t[s] = carry + (t[s - 1] < c2);
    }
    reduce_once(d, t, t[s], m);
  }

  // d = a²/R mod n: the square's cross products a[i]·a[j] (i < j) once and doubled, the
  // diagonal added, then a separate Montgomery reduction — 1.5·len² products instead of 2·len².
  static void mont_sqr(Limb* d, const Limb* a, const Modulus& m) {
    const std::size_t s = m.len;
    Limb t[2 * kMaxLimbs] = {};
    for (std::size_t i = 0; i + 1 < s; ++i) {
      Limb c = 0;
      for (std::size_t j = i + 1; j < s; ++j) t[i + j] = mul_add2(a[i], a[j], t[i + j], c, c);
      t[i + s] = c;
    }
    Limb top = 0;  // doubling: the cross products are below a²/2, so nothing leaves the top
    for (std::size_t k = 0; k < 2 * s; ++k) {
      const Limb v = t[k];
      t[k] = v << 1 | top;
      top = v >> (kLimbBits - 1);
    }
    Limb c = 0;
    for (std::size_t i = 0; i < s; ++i) {
      Limb hi;
      t[2 * i] = mul_add2(a[i], a[i], t[2 * i], c, hi);
      t[2 * i + 1] += hi;
      c = t[2 * i + 1] < hi;
    }
    Limb carry = 0;  // what rose above t[i + s] at step i, added at step i + 1
    for (std::size_t i = 0; i < s; ++i) {
      const Limb q = t[i] * m.n0inv;
      Limb cj = 0;
      for (std::size_t j = 0; j < s; ++j) t[i + j] = mul_add2(q, m.n[j], t[i + j], cj, cj);
      Limb v = t[i + s] + carry;
      Limb out = v < carry;
      v += cj;
      out += v < cj;
      t[i + s] = v;
      carry = out;
    }
    reduce_once(d, t + s, carry, m);
  }

  // v = 2v mod n, for v < n.
  static void double_mod(Limb* v, const Modulus& m) {
    Limb t[kMaxLimbs], carry = 0;
    for (std::size_t j = 0; j < m.len; ++j) {
      t[j] = v[j] << 1 | carry;
      carry = v[j] >> (kLimbBits - 1);
    }
    reduce_once(v, t, carry, m);
  }

  static std::uint32_t rsa_public_impl(unsigned char* x, std::size_t xlen, const unsigned char* n,
                                std::size_t nlen, const unsigned char* e, std::size_t elen) {
    Modulus m;
    m.len = (nlen + sizeof(Limb) - 1) / sizeof(Limb);
    decode(m.n, m.len, n, nlen);
    std::uint32_t ok = static_cast<std::uint32_t>(m.n[0] & 1);  // RSA moduli are odd
    Limb inv = m.n[0];  // Newton: correct to 3 bits for odd n, doubling each step (3 → 96)
    for (int i = 0; i < 5; ++i) inv *= 2 - m.n[0] * inv;
    m.n0inv = -inv;

    Limb base[kMaxLimbs], acc[kMaxLimbs], r2[kMaxLimbs];
    decode(base, m.len, x, xlen);
    Limb borrow = 0;  // ok only if x < n
    for (std::size_t j = 0; j < m.len; ++j) sub_borrow(base[j], m.n[j], borrow);
    ok &= static_cast<std::uint32_t>(borrow);

    // R² mod n (R = 2^k, k = kLimbBits·len), the factor that takes x into Montgomery form. A doubling
    // mod n costs ~1/50 of a Montgomery product, a squaring of a Montgomery form doubles the
    // exponent: so R mod n by doublings from 2^(bits of n − 1), which is below n, then d more
    // doublings for 2^d·R, then q squarings for 2^(d·2^q)·R = R², with k = d·2^q and d ≥ 64.
    std::size_t bits = kLimbBits * m.len;
    for (Limb top = m.n[m.len - 1]; !(top >> (kLimbBits - 1)); top <<= 1) --bits;
    const std::size_t k = kLimbBits * m.len;
    int q = 0;
    while ((k >> (q + 1)) >= 64 && !((k >> q) & 1)) ++q;
    decode(r2, m.len, nullptr, 0);
    r2[(bits - 1) / kLimbBits] = Limb{1} << ((bits - 1) % kLimbBits);
    for (std::size_t i = bits - 1; i < k + (k >> q); ++i) double_mod(r2, m);
    for (int i = 0; i < q; ++i) {
      mont_sqr(acc, r2, m);
      std::memcpy(r2, acc, m.len * sizeof(Limb));
    }

    mont_mul(acc, base, r2, m);  // x·R
    std::memcpy(base, acc, m.len * sizeof(Limb));
    int top = 7;
    while (!(e[0] >> top & 1)) --top;
    for (std::size_t i = 0; i < elen; ++i)
      for (int b = i == 0 ? top - 1 : 7; b >= 0; --b) {
        mont_sqr(r2, acc, m);
        if (e[i] >> b & 1)
          mont_mul(acc, r2, base, m);
        else
          std::memcpy(acc, r2, m.len * sizeof(Limb));
      }
    Limb one[kMaxLimbs];
    decode(one, m.len, nullptr, 0);
    one[0] = 1;
    mont_mul(r2, acc, one, m);  // out of Montgomery form
    encode(x, xlen, r2);
    return ok;
  }
};

#if defined(__SIZEOF_INT128__) && !defined(__wasm__)
using NativeLimb = std::uint64_t;
#else
using NativeLimb = std::uint32_t;
#endif

// BearSSL's checks on the key and x's length, then the operation with `Limb`s.
template <class Limb>
std::uint32_t rsa_public_with(unsigned char* x, std::size_t xlen, const br_rsa_public_key* pk) {
  const unsigned char* n = pk->n;
  std::size_t nlen = pk->nlen;
  while (nlen > 0 && *n == 0) ++n, --nlen;
  const unsigned char* e = pk->e;
  std::size_t elen = pk->elen;
  while (elen > 0 && *e == 0) ++e, --elen;
  if (nlen == 0 || nlen > kMaxBytes || xlen != nlen || elen == 0) return 0;
  return Montgomery<Limb>::rsa_public_impl(x, xlen, n, nlen, e, elen);
}

}  // namespace

std::uint32_t rsa_public_exponent_bits(unsigned char* x, std::size_t xlen,
                                       const br_rsa_public_key* pk) {
  return rsa_public_with<NativeLimb>(x, xlen, pk);
}

std::uint32_t rsa_public_limbs32(unsigned char* x, std::size_t xlen, const br_rsa_public_key* pk) {
  return rsa_public_with<std::uint32_t>(x, xlen, pk);
}

#if defined(__SIZEOF_INT128__)
std::uint32_t rsa_public_limbs64(unsigned char* x, std::size_t xlen, const br_rsa_public_key* pk) {
  return rsa_public_with<std::uint64_t>(x, xlen, pk);
}
#endif

std::uint32_t pkcs1_v15_sig_unpad(const unsigned char* em, std::size_t len,
                                  const unsigned char* hash_oid, std::size_t hash_len,
                                  unsigned char* hash_out) {
  // DigestInfo's prefix: 30 L1 30 L2 06 oid_len OID [05 00] 04 hash_len, each length one byte
  // (BearSSL's OIDs are at most 9 bytes, hashes at most 64: far below what a byte holds).
  constexpr std::size_t kMaxOid = 32;
  const std::size_t oid_len = hash_oid ? hash_oid[0] : 0;
  if (oid_len > kMaxOid || (hash_oid && oid_len + hash_len + 8 > 0xff)) return 0;
  for (const bool with_null : {true, false}) {
    unsigned char prefix[10 + kMaxOid];
    std::size_t plen = 0;
    if (hash_oid) {
      const std::size_t alg_len = 2 + oid_len + (with_null ? 2 : 0);
      prefix[plen++] = 0x30;
      prefix[plen++] = static_cast<unsigned char>(alg_len + hash_len + 4);
      prefix[plen++] = 0x30;
      prefix[plen++] = static_cast<unsigned char>(alg_len);
      prefix[plen++] = 0x06;
      std::memcpy(prefix + plen, hash_oid, oid_len + 1);
      plen += oid_len + 1;
      if (with_null) prefix[plen++] = 0x05, prefix[plen++] = 0x00;
      prefix[plen++] = 0x04;
      prefix[plen++] = static_cast<unsigned char>(hash_len);
    } else if (!with_null) {
      break;  // no DigestInfo: one form only
    }
    // EM = 00 01 PS 00 prefix H, PS at least eight FF bytes.
    if (len < 11 + plen + hash_len) continue;
    const std::size_t ps_len = len - 3 - plen - hash_len;
    bool ok = em[0] == 0x00 && em[1] == 0x01 && em[2 + ps_len] == 0x00 &&
              std::memcmp(em + 3 + ps_len, prefix, plen) == 0;
    for (std::size_t i = 0; i < ps_len; ++i) ok = ok && em[2 + i] == 0xff;
    if (ok) {
      std::memcpy(hash_out, em + len - hash_len, hash_len);
      return 1;
    }
  }
  return 0;
}

std::uint32_t rsa_pkcs1_vrfy_exponent_bits(const unsigned char* x, std::size_t xlen,
                                           const unsigned char* hash_oid, std::size_t hash_len,
                                           const br_rsa_public_key* pk, unsigned char* hash_out) {
  unsigned char em[kMaxBytes];
  if (xlen > sizeof em) return 0;
  std::memcpy(em, x, xlen);
  if (!rsa_public_exponent_bits(em, xlen, pk)) return 0;
  return pkcs1_v15_sig_unpad(em, xlen, hash_oid, hash_len, hash_out);
}

}  // namespace tlsscope
