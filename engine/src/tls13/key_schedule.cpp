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

HandshakeSecrets derive_handshake_secrets(Hash h, ByteView shared_secret, Bytes transcript_hash) {
  HandshakeSecrets s{h, early_secret(h), {}, shared_secret, std::move(transcript_hash), {}, {}};
  s.handshake_secret = next_stage(h, s.early_secret, shared_secret);
  s.client = derive_secret(h, s.handshake_secret, kClientHandshake, s.transcript_hash);
  s.server = derive_secret(h, s.handshake_secret, kServerHandshake, s.transcript_hash);
  return s;
}

ApplicationSecrets derive_application_secrets(Hash h, ByteView handshake_secret,
                                              Bytes transcript_hash) {
  ApplicationSecrets s{h, handshake_secret, next_stage(h, handshake_secret, {}),
                       std::move(transcript_hash), {}, {}};
  s.client = derive_secret(h, s.master_secret, kClientApplication, s.transcript_hash);
  s.server = derive_secret(h, s.master_secret, kServerApplication, s.transcript_hash);
  return s;
}

ClientVerifyData derive_client_verify_data(Hash h, ByteView client_handshake_secret,
                                           Bytes transcript_hash) {
  Bytes vd = finished_verify_data(h, client_handshake_secret, transcript_hash);
  return ClientVerifyData{h, std::move(vd), client_handshake_secret, std::move(transcript_hash)};
}

UpdatedSecret update_traffic_secret(Hash h, bool client, ByteView previous) {
  return UpdatedSecret{h, client, previous, next_traffic_secret(h, previous)};
}

}  // namespace tlsscope::tls13
