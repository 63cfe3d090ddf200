#include "crypto/select.hpp"

#include <algorithm>
#include <cstring>

#include "crypto/ecdsa_verify.hpp"
#include "crypto/rsa_public.hpp"
#include "crypto/x25519.hpp"

namespace tlsscope {
namespace {

br_rsa_pkcs1_vrfy plain_rsa_pkcs1_vrfy() { return &rsa_pkcs1_vrfy_exponent_bits; }
// Natively the variable-time inverse takes ~9 % off a P-256 check; in wasm it saved ~57 µs of
// ~550 and added 2.2 KiB (gzipped) to the first visit's download, so wasm keeps BearSSL's.
br_ecdsa_vrfy plain_ecdsa_vrfy() {
#if defined(__EMSCRIPTEN__)
  return &br_ecdsa_i31_vrfy_asn1;
#else
  return &ecdsa_vrfy_asn1_vartime_inverse;
#endif
}

thread_local SignatureCheckMemo* active_memo = nullptr;

// A check's inputs as one key: which check, then each input with its length in front, so no
// two different sets of inputs give the same bytes.
class Inputs {
 public:
  explicit Inputs(char check) : bytes_{static_cast<std::uint8_t>(check)} {}
  Inputs& add(const void* p, std::size_t len) {
    const std::uint64_t n = len;  // 8 bytes on every target
    for (int i = 0; i < 8; ++i) bytes_.push_back(static_cast<std::uint8_t>(n >> (8 * i)));
    const auto* b = static_cast<const std::uint8_t*>(p);
    bytes_.insert(bytes_.end(), b, b + len);
    return *this;
  }
  Inputs& add(std::uint64_t v) { return add(&v, sizeof v); }
  const Bytes& bytes() const { return bytes_; }

 private:
  Bytes bytes_;
};

// BearSSL's hash OIDs are length-prefixed; null means "no OID" (raw hash).
std::size_t oid_size(const unsigned char* oid) { return oid ? 1 + oid[0] : 0; }

}  // namespace

std::optional<SharedSignatureChecks::Answer> SharedSignatureChecks::find(const Bytes& inputs) const {
  const std::lock_guard lock(mutex_);
  const auto it = answers_.find(inputs);
  if (it == answers_.end()) return std::nullopt;
  return it->second;
}

void SharedSignatureChecks::remember(const Bytes& inputs, const Answer& answer) {
  const std::lock_guard lock(mutex_);
  if (answers_.size() < kMaxAnswers) answers_.emplace(inputs, answer);
}

std::size_t SharedSignatureChecks::size() const {
  const std::lock_guard lock(mutex_);
  return answers_.size();
}

template <class Compute>
SharedSignatureChecks::Answer SignatureCheckMemo::answer(const Bytes& inputs, Compute compute) {
  auto it = answers_.find(inputs);
  if (it == answers_.end()) {
    std::optional<Answer> a = shared_ ? shared_->find(inputs) : std::nullopt;
    const bool from_shared = a.has_value();
    if (!a) {
      a = compute();
      if (shared_) shared_->remember(inputs, *a);
    }
    it = answers_.emplace(inputs, Kept{*a, from_shared}).first;
  }
  if (it->second.from_shared) ++shared_answers_;
  return it->second.answer;
}

std::size_t SignatureCheckMemo::answers_from_other_connections() {
  return active_memo ? active_memo->shared_answers_ : 0;
}

std::uint32_t SignatureCheckMemo::rsa_vrfy(const unsigned char* x, std::size_t xlen,
                                           const unsigned char* hash_oid, std::size_t hash_len,
                                           const br_rsa_public_key* pk,
                                           unsigned char* hash_out) {
  Inputs in('r');
  in.add(x, xlen).add(hash_oid, oid_size(hash_oid)).add(hash_len).add(pk->n, pk->nlen)
      .add(pk->e, pk->elen);
  const Answer a = active_memo->answer(in.bytes(), [&] {
    const std::uint32_t r = plain_rsa_pkcs1_vrfy()(x, xlen, hash_oid, hash_len, pk, hash_out);
    return Answer{r, r ? Bytes(hash_out, hash_out + hash_len) : Bytes{}};
  });
  std::copy(a.hash_out.begin(), a.hash_out.end(), hash_out);
  return a.result;
}

std::uint32_t SignatureCheckMemo::ecdsa_vrfy(const br_ec_impl* impl, const void* hash,
                                             std::size_t hash_len, const br_ec_public_key* pk,
                                             const void* sig, std::size_t sig_len) {
  Inputs in('e');
  in.add(reinterpret_cast<std::uintptr_t>(impl)).add(static_cast<std::uint64_t>(pk->curve))
      .add(pk->q, pk->qlen).add(hash, hash_len).add(sig, sig_len);
  return active_memo->answer(in.bytes(), [&] {
    return Answer{plain_ecdsa_vrfy()(impl, hash, hash_len, pk, sig, sig_len), {}};
  }).result;
}

SignatureCheckMemo::SignatureCheckMemo(SharedSignatureChecks* shared)
    : shared_(shared), outer_(active_memo) {
  active_memo = this;
}
SignatureCheckMemo::~SignatureCheckMemo() { active_memo = outer_; }

br_rsa_pkcs1_vrfy rsa_pkcs1_vrfy() {
  return active_memo ? &SignatureCheckMemo::rsa_vrfy : plain_rsa_pkcs1_vrfy();
}

br_ecdsa_vrfy ecdsa_vrfy() {
  return active_memo ? &SignatureCheckMemo::ecdsa_vrfy : plain_ecdsa_vrfy();
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
