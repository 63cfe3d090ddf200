#include "crypto/select.hpp"

#include <algorithm>
#include <cstring>

#include "crypto/rsa_public.hpp"
#include "crypto/x25519.hpp"

namespace tlsscope {
namespace {

br_rsa_pkcs1_vrfy plain_rsa_pkcs1_vrfy() { return &rsa_pkcs1_vrfy_exponent_bits; }

thread_local SignatureCheckMemo* active_memo = nullptr;

bool same(const Bytes& kept, const unsigned char* p, std::size_t len) {
  return std::equal(kept.begin(), kept.end(), p, p + len);
}

// BearSSL's hash OIDs are length-prefixed; null means "no OID" (raw hash).
Bytes oid_bytes(const unsigned char* oid) {
  return oid ? Bytes(oid, oid + 1 + oid[0]) : Bytes{};
}

}  // namespace

std::uint32_t SignatureCheckMemo::rsa_vrfy(const unsigned char* x, std::size_t xlen,
                                           const unsigned char* hash_oid, std::size_t hash_len,
                                           const br_rsa_public_key* pk,
                                           unsigned char* hash_out) {
  const Bytes oid = oid_bytes(hash_oid);
  for (const auto& m : active_memo->rsa_)
    if (m.hash_len == hash_len && m.hash_oid == oid && same(m.signature, x, xlen) &&
        same(m.n, pk->n, pk->nlen) && same(m.e, pk->e, pk->elen)) {
      std::copy(m.hash_out.begin(), m.hash_out.end(), hash_out);
      return m.result;
    }
  const std::uint32_t r = plain_rsa_pkcs1_vrfy()(x, xlen, hash_oid, hash_len, pk, hash_out);
  active_memo->rsa_.push_back({Bytes(x, x + xlen), oid, Bytes(pk->n, pk->n + pk->nlen),
                               Bytes(pk->e, pk->e + pk->elen), hash_len, r,
                               r ? Bytes(hash_out, hash_out + hash_len) : Bytes{}});
  return r;
}

std::uint32_t SignatureCheckMemo::ecdsa_vrfy(const br_ec_impl* impl, const void* hash,
                                             std::size_t hash_len, const br_ec_public_key* pk,
                                             const void* sig, std::size_t sig_len) {
  const auto* h = static_cast<const unsigned char*>(hash);
  const auto* s = static_cast<const unsigned char*>(sig);
  for (const auto& m : active_memo->ecdsa_)
    if (m.impl == impl && m.curve == pk->curve && same(m.q, pk->q, pk->qlen) &&
        same(m.hash, h, hash_len) && same(m.signature, s, sig_len))
      return m.result;
  const std::uint32_t r = br_ecdsa_vrfy_asn1_get_default()(impl, hash, hash_len, pk, sig, sig_len);
  active_memo->ecdsa_.push_back({impl, pk->curve, Bytes(pk->q, pk->q + pk->qlen),
                                 Bytes(h, h + hash_len), Bytes(s, s + sig_len), r});
  return r;
}

SignatureCheckMemo::SignatureCheckMemo() : outer_(active_memo) { active_memo = this; }
SignatureCheckMemo::~SignatureCheckMemo() { active_memo = outer_; }

br_rsa_pkcs1_vrfy rsa_pkcs1_vrfy() {
  return active_memo ? &SignatureCheckMemo::rsa_vrfy : plain_rsa_pkcs1_vrfy();
}

br_ecdsa_vrfy ecdsa_vrfy() {
  return active_memo ? &SignatureCheckMemo::ecdsa_vrfy : br_ecdsa_vrfy_asn1_get_default();
}

br_rsa_public rsa_public() { return &rsa_public_exponent_bits; }

#if defined(__wasm__)
br_poly1305_run poly1305() { return &br_poly1305_ctmul_run; }
void x25519(std::uint8_t out[32], const std::uint8_t scalar[32], const std::uint8_t u[32]) {
  std::memcpy(out, u, 32);
  br_ec_c25519_m31.mul(out, 32, scalar, 32, BR_EC_curve25519);  // always succeeds for 32 bytes
}
#else
void x25519(std::uint8_t out[32], const std::uint8_t scalar[32], const std::uint8_t u[32]) {
  x25519_fe51(out, scalar, u);
}
br_poly1305_run poly1305() {
  br_poly1305_run p = br_poly1305_ctmulq_get();
  return p ? p : &br_poly1305_ctmul_run;
}
#endif

}  // namespace tlsscope
