// Which BearSSL implementation of each primitive the engine uses, per target. All are
// constant-time in their secret inputs; they differ only in speed, which depends on the target, so the choices are
// measured (`engine_bench primitives`, natively and in wasm; docs/performance.md) rather
// than left to BearSSL's defaults, which decide by what the compiler *can* do: wasm32 has
// __int128, so BearSSL would pick its 64×64→128-bit code, which wasm runs as a slow libcall.
#pragma once
#include <bearssl.h>

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>

#include "tlsscope/bytes.hpp"

namespace tlsscope {

/// RSA public-key operation (signature checks): crypto/rsa_public.hpp on both targets (it
/// skips the products for e's zero bits; BearSSL's i62 natively and i31 in wasm, which were
/// the fastest of BearSSL's own, do all of them).
br_rsa_public rsa_public();
/// RSA PKCS#1 v1.5 signature check; while a SignatureCheckMemo is alive it answers through it.
br_rsa_pkcs1_vrfy rsa_pkcs1_vrfy();
/// ECDSA signature check (the signature in its ASN.1 form, as certificates and TLS carry it):
/// natively crypto/ecdsa_verify.hpp (BearSSL's, but s inverted in variable time, since it is
/// public: P-256 625 → 571 µs), in wasm BearSSL's i31 (the inverse saved ~57 µs of ~550 there
/// and cost 2.2 KiB of the download); while a SignatureCheckMemo is alive it answers through it.
br_ecdsa_vrfy ecdsa_vrfy();
/// X25519 (RFC 7748 §5): out = X25519(scalar, u). Natively crypto/x25519.hpp (51-bit limbs,
/// ~3× as fast as BearSSL 0.6's c25519_m31); in wasm c25519_m31, since a 64×64→128-bit
/// product is a library call there.
void x25519(std::uint8_t out[32], const std::uint8_t scalar[32], const std::uint8_t u[32]);
/// Poly1305 for ChaCha20-Poly1305: ctmulq natively (64-bit multiplies), ctmul in wasm
/// (ctmulq is ~6× slower there).
br_poly1305_run poly1305();

/// The answers of signature checks kept for every connection of a program, not one chain's:
/// see SignatureCheckMemo. Safe to use from several threads at once. It keeps at most
/// kMaxAnswers answers and then no more (a new chain is then checked in full, never refused).
class SharedSignatureChecks {
 public:
  static constexpr std::size_t kMaxAnswers = 256;
  struct Answer {
    std::uint32_t result;
    Bytes hash_out;  // RSA: the hash the signature carries (empty if the check failed)
  };
  /// The answer kept for a check's inputs (SignatureCheckMemo's key), if any.
  std::optional<Answer> find(const Bytes& inputs) const;
  void remember(const Bytes& inputs, const Answer& answer);
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::map<Bytes, Answer> answers_;
};

/// While one is alive (one per thread), rsa_pkcs1_vrfy() and ecdsa_vrfy() remember every
/// check they made — its exact inputs and its outputs — and answer the same check again from
/// memory. A chain's links are checked twice: by BearSSL's validator for the verdict and one
/// by one for the page's report (x509/chain.cpp); the signature checks are most of a
/// handshake's CPU (an ECDSA P-256 check is ~11 M instructions natively, 91 % of it BearSSL
/// 0.6's constant-time point multiplication), so the two share them. A remembered answer is
/// what the computation returned for those very inputs, so nothing is less strict; all inputs
/// are public (signatures, hashes and keys).
/// With `shared` (a trust store's, see tlsscope/trust.hpp's LinkChecks::shared) it also asks
/// and tells the answers kept for every other connection of the program: a load generator's
/// thousand connections to one server check its chain's links once, as a browser keeps
/// certificates it has verified. The handshake's own signature (CertificateVerify,
/// ServerKeyExchange) is checked outside any memo, every time.
class SignatureCheckMemo {
 public:
  explicit SignatureCheckMemo(SharedSignatureChecks* shared = nullptr);
  ~SignatureCheckMemo();
  SignatureCheckMemo(const SignatureCheckMemo&) = delete;
  SignatureCheckMemo& operator=(const SignatureCheckMemo&) = delete;

  /// br_rsa_pkcs1_vrfy through the memo alive on this thread.
  static std::uint32_t rsa_vrfy(const unsigned char* x, std::size_t xlen,
                                const unsigned char* hash_oid, std::size_t hash_len,
                                const br_rsa_public_key* pk, unsigned char* hash_out);
  /// How many checks the memo alive on this thread has answered with another connection's
  /// answer (from the shared store, directly or kept here since): asked before and after a
  /// check, it says whether that check's answer was made by an earlier connection, which the
  /// chain's report says (x509/chain.cpp). 0 with no memo alive.
  static std::size_t answers_from_other_connections();
  /// br_ecdsa_vrfy (ASN.1 signatures) through the memo alive on this thread.
  static std::uint32_t ecdsa_vrfy(const br_ec_impl* impl, const void* hash, std::size_t hash_len,
                                  const br_ec_public_key* pk, const void* sig,
                                  std::size_t sig_len);

 private:
  using Answer = SharedSignatureChecks::Answer;
  // The answer for `inputs` (here, else in the shared store), or compute() it and keep it.
  template <class Compute>
  Answer answer(const Bytes& inputs, Compute compute);

  struct Kept {
    Answer answer;
    bool from_shared;  // another connection made the check (the shared store's answer)
  };
  std::map<Bytes, Kept> answers_;
  std::size_t shared_answers_ = 0;
  SharedSignatureChecks* shared_;
  SignatureCheckMemo* outer_;
};

}  // namespace tlsscope
