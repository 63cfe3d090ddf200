#include "crypto/ecdhe.hpp"

#include <algorithm>

#include <bearssl.h>

namespace tlsscope {
namespace {

// br_ec_keygen wants a PRNG object; this one hands out bytes from the caller's source, so
// tests that inject randomness get reproducible keys.
struct SourcePrng {
  const br_prng_class* vtable;
  const RandomSource* source;
};

void prng_init(const br_prng_class**, const void*, const void*, size_t) {}
void prng_generate(const br_prng_class** ctx, void* out, size_t len) {
  auto* self = reinterpret_cast<SourcePrng*>(ctx);
  (*self->source)(static_cast<std::uint8_t*>(out), len);
}
void prng_update(const br_prng_class**, const void*, size_t) {}

const br_prng_class kSourcePrngClass = {sizeof(SourcePrng), &prng_init, &prng_generate,
                                        &prng_update};

const br_ec_impl* ec_impl() { return br_ec_get_default(); }

}  // namespace

KeyPair generate_key_pair(const GroupInfo& group, const RandomSource& random) {
  SourcePrng prng{&kSourcePrngClass, &random};
  std::uint8_t sk_buf[BR_EC_KBUF_PRIV_MAX_SIZE];
  br_ec_private_key sk;
  std::size_t len = br_ec_keygen(&prng.vtable, ec_impl(), &sk, sk_buf, group.br_curve);
  KeyPair kp;
  kp.private_key.assign(sk_buf, sk_buf + len);
  kp.public_key = public_key_for(group, kp.private_key);
  return kp;
}

Bytes public_key_for(const GroupInfo& group, ByteView private_key) {
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
  Bytes point(peer_public.begin(), peer_public.end());
  // mul() checks that the point is on the curve and returns 0 otherwise.
  if (!ec_impl()->mul(point.data(), point.size(), private_key.data(), private_key.size(),
                      group.br_curve))
    return std::nullopt;
  std::size_t xlen = 0;
  std::size_t xoff = ec_impl()->xoff(group.br_curve, &xlen);
  Bytes secret(point.begin() + static_cast<long>(xoff),
               point.begin() + static_cast<long>(xoff + xlen));
  if (std::all_of(secret.begin(), secret.end(), [](std::uint8_t b) { return b == 0; }))
    return std::nullopt;
  return secret;
}

}  // namespace tlsscope
