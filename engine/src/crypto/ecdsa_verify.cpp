#include "crypto/ecdsa_verify.hpp"

#include <cstring>

namespace tlsscope {
namespace {

// P-521's order and field, 66 bytes each, are the largest (BearSSL's BR_MAX_EC_SIZE, inner.h).
constexpr std::size_t kMaxBytes = 66;
// 32-bit limbs: wasm's fast width, and the sums below need nothing wider. One bit more than
// the order, so that a + n (halving mod n) has room without a carry limb.
using Limb = std::uint32_t;
constexpr std::size_t kMaxLimbs = (kMaxBytes * 8 + 1 + 31) / 32;

struct Number {
  Limb w[kMaxLimbs];
};

// Arithmetic modulo the order n of a prime-order curve (n odd), on Numbers of len() limbs.
// Variable time throughout: every value here is public.
class Order {
 public:
  Order(const unsigned char* n, std::size_t nlen) : len_((nlen * 8 + 1 + 31) / 32) {
    decode(n_, n, nlen);
    bits_ = nlen * 8;
    for (unsigned char top = n[0]; !(top & 0x80) && bits_ > 0; top = static_cast<unsigned char>(top << 1))
      --bits_;
  }

  // Big-endian bytes, leading zeros allowed, into x if the value is below n.
  bool decode_below(Number& x, const unsigned char* p, std::size_t plen) const {
    for (; plen > 0 && *p == 0; --plen) ++p;
    if (plen > len_ * sizeof(Limb)) return false;
    decode(x, p, plen);
    return compare(x, n_) < 0;
  }

  // FIPS 186-5 §6.4.2 step 3 (SEC 1 §4.1.4 step 3): the hash's leftmost bits, as many as n
  // has, as an integer mod n — BearSSL's br_ecdsa_i31_bits2int and its one subtraction.
  Number bits2int(const void* hash, std::size_t hash_len) const {
    std::size_t len = hash_len;
    unsigned shift = 0;
    if (hash_len * 8 > bits_) {
      len = (bits_ + 7) / 8;
      shift = static_cast<unsigned>(len * 8 - bits_);
    }
    Number h;
    decode(h, static_cast<const unsigned char*>(hash), len);
    for (; shift > 0; --shift) shift_right(h);
    reduce_once(h);  // h < 2^bits < 2n
    return h;
  }

  // q[k] = q[k] / x mod n for both k, for 0 < x < n, by one binary extended Euclid over x and
  // n (the numerators ride along: a·x ≡ u·q and c·x ≡ v·q mod n throughout, so when u reaches 0,
  // v = gcd(x, n) = 1 and c = q/x). false if gcd(x, n) ≠ 1, which a prime n never gives.
  bool divide(Number q[2], const Number& x) const {
    Number u = x, v = n_, a[2] = {q[0], q[1]}, c[2] = {};
    for (;;) {
      while (!(u.w[0] & 1)) {
        shift_right(u);
        for (Number& ak : a) halve_mod(ak);
      }
      while (!(v.w[0] & 1)) {
        shift_right(v);
        for (Number& ck : c) halve_mod(ck);
      }
      if (compare(u, v) >= 0) {
        sub(u, v);
        for (int k = 0; k < 2; ++k) sub_mod(a[k], c[k]);
        if (is_zero(u)) break;
      } else {
        sub(v, u);
        for (int k = 0; k < 2; ++k) sub_mod(c[k], a[k]);
      }
    }
    Number one{};
    one.w[0] = 1;
    if (compare(v, one) != 0) return false;
    q[0] = c[0];
    q[1] = c[1];
    return true;
  }

  // x mod n for x < 2n.
  void reduce_once(Number& x) const {
    if (compare(x, n_) >= 0) sub(x, n_);
  }

  void decode(Number& x, const unsigned char* p, std::size_t plen) const {
    std::memset(x.w, 0, sizeof x.w);
    for (std::size_t k = 0; k < plen; ++k)
      x.w[k / sizeof(Limb)] |= static_cast<Limb>(p[plen - 1 - k]) << (8 * (k % sizeof(Limb)));
  }

  static void encode(unsigned char* p, std::size_t plen, const Number& x) {
    for (std::size_t k = 0; k < plen; ++k)
      p[plen - 1 - k] = static_cast<unsigned char>(x.w[k / sizeof(Limb)] >> (8 * (k % sizeof(Limb))));
  }

  int compare(const Number& a, const Number& b) const {
    for (std::size_t i = len_; i-- > 0;)
      if (a.w[i] != b.w[i]) return a.w[i] < b.w[i] ? -1 : 1;
    return 0;
  }

  bool is_zero(const Number& a) const {
    for (std::size_t i = 0; i < len_; ++i)
      if (a.w[i]) return false;
    return true;
  }

 private:
  // a += b; the carry out of the top limb.
  Limb add(Number& a, const Number& b) const {
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < len_; ++i) {
      carry += static_cast<std::uint64_t>(a.w[i]) + b.w[i];
      a.w[i] = static_cast<Limb>(carry);
      carry >>= 32;
    }
    return static_cast<Limb>(carry);
  }

  // a −= b; the borrow out of the top limb.
  Limb sub(Number& a, const Number& b) const {
    Limb borrow = 0;
    for (std::size_t i = 0; i < len_; ++i) {
      const std::uint64_t d = static_cast<std::uint64_t>(a.w[i]) - b.w[i] - borrow;
      a.w[i] = static_cast<Limb>(d);
      borrow = static_cast<Limb>(d >> 63);
    }
    return borrow;
  }

  void shift_right(Number& a) const {
    for (std::size_t i = 0; i + 1 < len_; ++i) a.w[i] = (a.w[i] >> 1) | (a.w[i + 1] << 31);
    a.w[len_ - 1] >>= 1;
  }

  // a/2 mod n for a < n: a, or a + n if a is odd, halved (a + n < 2n fits: one spare bit).
  void halve_mod(Number& a) const {
    if (a.w[0] & 1) add(a, n_);
    shift_right(a);
  }

  // a = a − b mod n for a, b < n (on a borrow the sum with n wraps back below n).
  void sub_mod(Number& a, const Number& b) const {
    if (sub(a, b)) add(a, n_);
  }

  Number n_;
  std::size_t len_;
  std::size_t bits_;
};

// The curves whose order is prime and close to the field's size (Hasse), so that a point's x
// coordinate is reduced mod n by one subtraction — the ones br_ecdsa_i31_vrfy_raw accepts.
bool prime_order_curve(int curve) {
  return curve == BR_EC_secp256r1 || curve == BR_EC_secp384r1 || curve == BR_EC_secp521r1;
}

}  // namespace

std::uint32_t ecdsa_vrfy_raw_vartime_inverse(const br_ec_impl* impl, const void* hash,
                                             std::size_t hash_len, const br_ec_public_key* pk,
                                             const void* sig, std::size_t sig_len) {
  if (!prime_order_curve(pk->curve) || !((impl->supported_curves >> pk->curve) & 1)) return 0;
  if (sig_len & 1) return 0;
  std::size_t point_len = 0, nlen = 0;
  impl->generator(pk->curve, &point_len);
  if (pk->qlen != point_len) return 0;
  const unsigned char* order = impl->order(pk->curve, &nlen);
  const Order n(order, nlen);

  // SEC 1 §4.1.4 step 1: r and s in [1, n − 1].
  const auto* rs = static_cast<const unsigned char*>(sig);
  const std::size_t half = sig_len / 2;
  Number r, s;
  if (!n.decode_below(r, rs, half) || !n.decode_below(s, rs + half, half) || n.is_zero(r) ||
      n.is_zero(s))
    return 0;

  // Steps 4–5: u1 = e/s, u2 = r/s mod n; R = u1·G + u2·Q (BearSSL's muladd computes
  // x·A + y·G and fails on the point at infinity).
  Number u[2] = {n.bits2int(hash, hash_len), r};
  if (!n.divide(u, s)) return 0;
  unsigned char u1[kMaxBytes], u2[kMaxBytes], point[1 + 2 * kMaxBytes];
  Order::encode(u1, nlen, u[0]);
  Order::encode(u2, nlen, u[1]);
  std::memcpy(point, pk->q, point_len);
  const std::uint32_t ok = impl->muladd(point, nullptr, point_len, u2, nlen, u1, nlen, pk->curve);

  // Steps 6–8: R's x coordinate (after the 04 byte), mod n, equals r.
  Number x;
  n.decode(x, point + 1, point_len / 2);
  n.reduce_once(x);  // x < p < 2n
  return ok & static_cast<std::uint32_t>(n.compare(x, r) == 0);
}

std::uint32_t ecdsa_vrfy_asn1_vartime_inverse(const br_ec_impl* impl, const void* hash,
                                              std::size_t hash_len, const br_ec_public_key* pk,
                                              const void* sig, std::size_t sig_len) {
  // As br_ecdsa_i31_vrfy_asn1: twice the room, since a malformed signature can grow when
  // br_ecdsa_asn1_to_raw pads r and s to one length.
  unsigned char raw[(kMaxBytes << 2) + 24];
  if (sig_len == 0 || sig_len > sizeof raw / 2) return 0;
  std::memcpy(raw, sig, sig_len);
  sig_len = br_ecdsa_asn1_to_raw(raw, sig_len);
  return ecdsa_vrfy_raw_vartime_inverse(impl, hash, hash_len, pk, raw, sig_len);
}

}  // namespace tlsscope
