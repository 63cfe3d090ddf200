#include "tls13/key_schedule.hpp"

#include "crypto/hash.hpp"
#include "crypto/hkdf.hpp"

namespace tlsscope::tls13 {

Bytes derive_secret(Hash h, ByteView secret, std::string_view label, ByteView transcript_hash) {
  return hkdf_expand_label(h, secret, label, transcript_hash, hash_len(h));
}

Bytes early_secret(Hash h) {
  Bytes zeros(hash_len(h), 0);
  return hkdf_extract(h, zeros, zeros);
}

Bytes next_stage(Hash h, ByteView previous, ByteView ikm) {
  Bytes empty_hash = digest(h, {});
  Bytes salt = derive_secret(h, previous, kDerived, empty_hash);
  Bytes zeros(hash_len(h), 0);
  return hkdf_extract(h, salt, ikm.empty() ? ByteView(zeros) : ikm);
}

Bytes traffic_key(const SuiteInfo& s, ByteView secret) {
  return hkdf_expand_label(s.prf_hash, secret, "key", {}, s.key_len);
}

Bytes traffic_iv(const SuiteInfo& s, ByteView secret) {
  return hkdf_expand_label(s.prf_hash, secret, "iv", {}, s.fixed_iv_len);
}

Bytes finished_verify_data(Hash h, ByteView base_secret, ByteView transcript_hash) {
  Bytes finished_key = hkdf_expand_label(h, base_secret, "finished", {}, hash_len(h));
  return hmac(h, finished_key, transcript_hash);
}

Bytes next_traffic_secret(Hash h, ByteView secret) {
  return hkdf_expand_label(h, secret, kTrafficUpdate, {}, hash_len(h));
}

Bytes message_hash(Hash h, ByteView client_hello1) {
  Bytes out = {254, 0, 0, static_cast<std::uint8_t>(hash_len(h))};
  Bytes d = digest(h, client_hello1);
  out.insert(out.end(), d.begin(), d.end());
  return out;
}

}  // namespace tlsscope::tls13
