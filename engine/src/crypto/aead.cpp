#include "crypto/aead.hpp"

#include <bearssl.h>

#include "crypto/select.hpp"

namespace tlsscope {
namespace {

// BearSSL does pointer arithmetic on every buffer it gets, even an empty one, and a span's
// data() may be null when empty (undefined behaviour, reported by UBSan).
const std::uint8_t* nonnull(ByteView v) {
  static const std::uint8_t none = 0;
  return v.empty() ? &none : v.data();
}
std::uint8_t* nonnull(Bytes& v) {
  static std::uint8_t none = 0;
  return v.empty() ? &none : v.data();
}

// The fastest constant-time implementation this CPU supports (AES-NI/PCLMUL/SSE2 natively,
// the portable ct64/ctmul64 versions elsewhere, e.g. in WebAssembly; measured in
// docs/performance.md). Poly1305's choice is in crypto/select.hpp.
struct Gcm {
  br_aes_gen_ctr_keys aes;
  br_gcm_context gcm;

  explicit Gcm(ByteView key) {
    const br_block_ctr_class* vt = br_aes_x86ni_ctr_get_vtable();
    if (!vt) vt = &br_aes_ct64_ctr_vtable;
    vt->init(&aes.vtable, key.data(), key.size());
    br_ghash gh = br_ghash_pclmul_get();
    if (!gh) gh = &br_ghash_ctmul64;
    br_gcm_init(&gcm, &aes.vtable, gh);
  }
  void start(ByteView nonce, ByteView aad) {
    br_gcm_reset(&gcm, nonce.data(), nonce.size());
    br_gcm_aad_inject(&gcm, nonnull(aad), aad.size());
    br_gcm_flip(&gcm);
  }
};

br_chacha20_run chacha20() {
  br_chacha20_run run = br_chacha20_sse2_get();
  return run ? run : &br_chacha20_ct_run;
}

}  // namespace

Bytes aead_seal(Aead aead, ByteView key, ByteView nonce12, ByteView aad, ByteView plaintext) {
  Bytes out(plaintext.begin(), plaintext.end());
  out.resize(plaintext.size() + kAeadTagLen);
  std::uint8_t* tag = out.data() + plaintext.size();
  if (aead == Aead::chacha20_poly1305) {
    poly1305()(key.data(), nonce12.data(), out.data(), plaintext.size(), nonnull(aad),
                          aad.size(), tag, chacha20(), 1);
  } else {
    Gcm g(key);
    g.start(nonce12, aad);
    br_gcm_run(&g.gcm, 1, out.data(), plaintext.size());
    br_gcm_get_tag(&g.gcm, tag);
  }
  return out;
}

std::optional<Bytes> aead_open(Aead aead, ByteView key, ByteView nonce12, ByteView aad,
                               ByteView ciphertext_and_tag) {
  if (ciphertext_and_tag.size() < kAeadTagLen) return std::nullopt;
  std::size_t len = ciphertext_and_tag.size() - kAeadTagLen;
  Bytes out(ciphertext_and_tag.begin(), ciphertext_and_tag.begin() + static_cast<long>(len));
  const std::uint8_t* tag = ciphertext_and_tag.data() + len;
  bool ok;
  if (aead == Aead::chacha20_poly1305) {
    std::uint8_t computed[kAeadTagLen];
    poly1305()(key.data(), nonce12.data(), nonnull(out), len, nonnull(aad), aad.size(),
                          computed, chacha20(), 0);
    std::uint32_t diff = 0;  // constant-time compare
    for (std::size_t i = 0; i < kAeadTagLen; ++i) diff |= computed[i] ^ tag[i];
    ok = diff == 0;
  } else {
    Gcm g(key);
    g.start(nonce12, aad);
    br_gcm_run(&g.gcm, 0, nonnull(out), len);
    ok = br_gcm_check_tag(&g.gcm, tag) == 1;
  }
  if (!ok) return std::nullopt;
  return out;
}

RecordProtection::RecordProtection(const SuiteInfo& suite, Bytes key, Bytes iv)
    : suite_(suite), key_(std::move(key)), iv_(std::move(iv)) {}

Bytes RecordProtection::nonce_for(ByteView explicit_nonce, std::uint64_t seq) const {
  Bytes nonce(iv_);
  if (suite_.record_iv_len) {  // GCM: salt || explicit nonce
    nonce.insert(nonce.end(), explicit_nonce.begin(), explicit_nonce.end());
  } else {  // ChaCha20: IV XOR left-padded sequence number
    for (int i = 0; i < 8; ++i)
      nonce[4 + static_cast<std::size_t>(i)] ^= static_cast<std::uint8_t>(seq >> (56 - 8 * i));
  }
  return nonce;
}

Bytes RecordProtection::additional_data(std::uint8_t type, std::uint16_t version,
                                        std::size_t len) const {
  Bytes ad(13);
  for (int i = 0; i < 8; ++i) ad[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(seq_ >> (56 - 8 * i));
  ad[8] = type;
  ad[9] = static_cast<std::uint8_t>(version >> 8);
  ad[10] = static_cast<std::uint8_t>(version);
  ad[11] = static_cast<std::uint8_t>(len >> 8);
  ad[12] = static_cast<std::uint8_t>(len);
  return ad;
}

Bytes RecordProtection::seal(std::uint8_t type, std::uint16_t version, ByteView plaintext) {
  if (suite_.tls13) {
    Bytes inner(plaintext.begin(), plaintext.end());
    inner.push_back(type);
    std::size_t len = inner.size() + kAeadTagLen;
    const std::uint8_t header[5] = {23, 3, 3, static_cast<std::uint8_t>(len >> 8),
                                    static_cast<std::uint8_t>(len)};
    Bytes sealed = aead_seal(suite_.aead, key_, nonce_for({}, seq_), header, inner);
    ++seq_;
    return sealed;
  }
  // The explicit nonce is the sequence number: unique per key, as RFC 5288 §3 requires.
  Bytes explicit_nonce;
  for (int i = 0; i < suite_.record_iv_len; ++i)
    explicit_nonce.push_back(static_cast<std::uint8_t>(seq_ >> (56 - 8 * i)));
  Bytes sealed = aead_seal(suite_.aead, key_, nonce_for(explicit_nonce, seq_),
                           additional_data(type, version, plaintext.size()), plaintext);
  ++seq_;
  explicit_nonce.insert(explicit_nonce.end(), sealed.begin(), sealed.end());
  return explicit_nonce;
}

std::optional<Bytes> RecordProtection::open(std::uint8_t type, std::uint16_t version,
                                            ByteView fragment) {
  if (fragment.size() < overhead()) return std::nullopt;
  if (suite_.tls13) {
    const std::uint8_t header[5] = {type, static_cast<std::uint8_t>(version >> 8),
                                    static_cast<std::uint8_t>(version),
                                    static_cast<std::uint8_t>(fragment.size() >> 8),
                                    static_cast<std::uint8_t>(fragment.size())};
    auto inner = aead_open(suite_.aead, key_, nonce_for({}, seq_), header, fragment);
    if (inner) ++seq_;
    return inner;
  }
  ByteView explicit_nonce = fragment.first(suite_.record_iv_len);
  ByteView body = fragment.subspan(suite_.record_iv_len);
  auto plain = aead_open(suite_.aead, key_, nonce_for(explicit_nonce, seq_),
                         additional_data(type, version, body.size() - kAeadTagLen), body);
  if (plain) ++seq_;
  return plain;
}

}  // namespace tlsscope
