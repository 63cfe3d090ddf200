#include "crypto/ecdhe.hpp"

#include <algorithm>

#include <bearssl.h>

#include "crypto/select.hpp"

namespace tlsscope {
namespace {

const br_ec_impl* ec_impl() { return br_ec_get_default(); }

// X25519's base point, u = 9 (RFC 7748 §4.1).
constexpr std::uint8_t kX25519Base[32] = {9};

}  // namespace

KeyPair generate_key_pair(const GroupInfo& group, const RandomSource& random) {
  KeyPair kp;
  if (group.br_curve == BR_EC_curve25519) {
    // RFC 7748 §6.1: the private key is 32 random bytes; mul() clamps them.
    kp.private_key.resize(32);
    random(kp.private_key.data(), kp.private_key.size());
  } else {
    // br_ec_keygen redraws until the scalar is in [1, n-1]; an HMAC-DRBG (SP 800-90A) seeded
    // from the caller's source gives a fresh candidate each time, even from a constant source.
    std::uint8_t seed[48];
    random(seed, sizeof seed);
    br_hmac_drbg_context drbg;
    br_hmac_drbg_init(&drbg, &br_sha256_vtable, seed, sizeof seed);
    std::uint8_t sk_buf[BR_EC_KBUF_PRIV_MAX_SIZE];
    br_ec_private_key sk;
    std::size_t len = br_ec_keygen(&drbg.vtable, ec_impl(), &sk, sk_buf, group.br_curve);
    kp.private_key.assign(sk_buf, sk_buf + len);
  }
  kp.public_key = public_key_for(group, kp.private_key);
  return kp;
}

Bytes public_key_for(const GroupInfo& group, ByteView private_key) {
  if (group.br_curve == BR_EC_curve25519) {
    if (private_key.size() != 32) return {};
    Bytes pub(32);
    x25519(pub.data(), private_key.data(), kX25519Base);
    return pub;
  }
  br_ec_private_key sk{group.br_curve, const_cast<unsigned char*>(private_key.data()),
                       private_key.size()};
  std::uint8_t pk_buf[BR_EC_KBUF_PUB_MAX_SIZE];
  br_ec_public_key pk;
  std::size_t len = br_ec_compute_pub(ec_impl(), &pk, pk_buf, &sk);
  return Bytes(pk_buf, pk_buf + len);
}

std::optional<Bytes> ecdh_shared_secret(const GroupInfo& group, ByteView private_key,
                                        ByteView peer_public) {
  if (peer_public.size() != group.public_len) return std::nullopt;
  Bytes secret;
  if (group.br_curve == BR_EC_curve25519) {
    if (private_key.size() != 32) return std::nullopt;
    secret.resize(32);
    x25519(secret.data(), private_key.data(), peer_public.data());
  } else {
    Bytes point(peer_public.begin(), peer_public.end());
    // mul() checks that the point is on the curve and returns 0 otherwise.
    if (!ec_impl()->mul(point.data(), point.size(), private_key.data(), private_key.size(),
                        group.br_curve))
      return std::nullopt;
    std::size_t xlen = 0;
    std::size_t xoff = ec_impl()->xoff(group.br_curve, &xlen);
    secret.assign(point.begin() + static_cast<long>(xoff),
                  point.begin() + static_cast<long>(xoff + xlen));
  }
  if (std::all_of(secret.begin(), secret.end(), [](std::uint8_t b) { return b == 0; }))
    return std::nullopt;
  return secret;
}

}  // namespace tlsscope
