// The reporters of handshake/context.hpp: each stage of a key schedule comes here with its values
// and inputs, and leaves as the "secret" events a learner reads (docs/events.md) and the NSS
// key-log lines — the one place that names them, so a handler cannot forget one or name it twice.
#include "crypto/hash.hpp"
#include "events/field.hpp"
#include "handshake/context.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope {
namespace {

std::string prf_name(Hash h) { return "TLS 1.2 PRF with " + std::string(hash_name(h)); }
std::string hkdf_expand_name(Hash h) { return "HKDF with " + std::string(hash_name(h)); }

std::vector<SecretInput> ecdhe_inputs(const KeyPair& client, ByteView server_public) {
  return {{"client_private_key", to_hex(client.private_key)},
          {"client_public_key", to_hex(client.public_key)},
          {"server_public_key", to_hex(server_public)}};
}

}  // namespace

// A hybrid's parts each under their own step, so that the learner reads each explanation once:
// the ML-KEM half ("mlkem_shared_secret"), the X25519 half ("shared_secret") and their
// concatenation ("hybrid_shared_secret").
void Context::report(const KeyExchange& x) {
  const ClientKeyShare& share = *x.share;
  if (!x.hybrid()) {
    events.secret("shared_secret", "shared_secret", x.shared_secret,
                  "ECDHE over " + group_name(share.group), ecdhe_inputs(share.ecdhe, x.server_public));
    return;
  }
  ByteView mlkem_shared = ByteView(x.shared_secret).first(mlkem768::kSharedSecretSize);
  events.secret("mlkem_shared_secret", "mlkem_shared_secret", mlkem_shared, "ML-KEM-768 decapsulation",
                {{"mlkem_ciphertext", to_hex(x.mlkem_ciphertext)},
                 {"mlkem_encapsulation_key", to_hex(share.mlkem.encapsulation_key)},
                 {"mlkem_decapsulation_key", to_hex(share.mlkem.decapsulation_key)}});
  events.secret("shared_secret", "x25519_shared_secret", x.x25519_shared_secret, "ECDHE over x25519",
                ecdhe_inputs(share.ecdhe, x.server_public));
  events.secret("hybrid_shared_secret", "shared_secret", x.shared_secret,
                "concatenation: ML-KEM-768 shared secret || X25519 shared secret",
                {{"mlkem_shared_secret", to_hex(mlkem_shared)},
                 {"x25519_shared_secret", to_hex(x.x25519_shared_secret)}});
}

void Context::report(const tls12::PreMasterSecret& s) {
  events.secret("pre_master_secret", "pre_master_secret", s.value,
                "ECDHE over " + std::string(s.group->name),
                {{"client_private_key", to_hex(s.client_private)},
                 {"client_public_key", to_hex(s.client_public)},
                 {"server_public_key", to_hex(s.server_public)}});
}

void Context::report(const tls12::MasterSecret& s) {
  if (s.session_hash)
    events.secret("master_secret", "master_secret", s.value, prf_name(s.hash),
                  {{"pre_master_secret", to_hex(s.pre_master)},
                   {"session_hash", to_hex(*s.session_hash)}},
                  std::string(tls12::kExtendedMasterSecretLabel),
                  note(NoteId::ms_extended, {hash_name(s.hash)}));
  else
    events.secret("master_secret", "master_secret", s.value, prf_name(s.hash),
                  {{"pre_master_secret", to_hex(s.pre_master)},
                   {"client_random", to_hex(s.client_random)},
                   {"server_random", to_hex(s.server_random)}},
                  std::string(tls12::kMasterSecretLabel), note(NoteId::ms_classic));
  log_secret("CLIENT_RANDOM", s.value);
}

void Context::report(const tls12::KeyBlock& s) {
  const SuiteInfo& suite = *s.suite;
  events.secret("key_block", "key_block", s.value, prf_name(suite.prf_hash),
                {{"master_secret", to_hex(s.master)},
                 {"server_random", to_hex(s.server_random)},
                 {"client_random", to_hex(s.client_random)}},
                std::string(tls12::kKeyExpansionLabel));
  const std::string slice = "slice of the key block";
  const std::string kb = to_hex(s.value);
  events.secret("traffic_keys", "client_write_key", s.keys.client_key, slice, {{"key_block", kb}});
  events.secret("traffic_keys", "server_write_key", s.keys.server_key, slice, {{"key_block", kb}});
  // What the IV becomes: GCM's salt (RFC 5288 §3) or ChaCha20's whole nonce mask (RFC 7905 §2).
  const NoteId iv_use = suite.record_iv_len ? NoteId::nonce_gcm12 : NoteId::nonce_iv_xor12;
  events.secret("traffic_keys", "client_write_iv", s.keys.client_iv, slice, {{"key_block", kb}}, {},
                note(iv_use));
  events.secret("traffic_keys", "server_write_iv", s.keys.server_iv, slice, {{"key_block", kb}}, {},
                note(iv_use));
}

void Context::report(const tls12::ClientVerifyData& s) {
  events.secret("finished", "client_verify_data", s.value, prf_name(s.hash),
                {{"master_secret", to_hex(s.master)}, {"transcript_hash", to_hex(s.transcript_hash)}},
                std::string(tls12::kClientFinishedLabel));
}

void Context::report(const tls13::HandshakeSecrets& s) {
  const Hash h = s.hash;
  const std::string zeros = to_hex(Bytes(hash_len(h), 0));
  events.secret("early_secret", "early_secret", s.early_secret,
                "HKDF-Extract with " + std::string(hash_name(h)), {{"salt", zeros}, {"ikm", zeros}});
  events.secret("handshake_secret", "handshake_secret", s.handshake_secret,
                "HKDF-Extract(Derive-Secret(early_secret, \"derived\", \"\"), shared_secret)",
                {{"early_secret", to_hex(s.early_secret)}, {"shared_secret", to_hex(s.shared_secret)}});
  std::vector<SecretInput> in = {{"handshake_secret", to_hex(s.handshake_secret)},
                                 {"transcript_hash", to_hex(s.transcript_hash)}};
  events.secret("handshake_traffic_secret", "client_handshake_traffic_secret", s.client,
                hkdf_expand_name(h), in, std::string(tls13::kClientHandshake));
  events.secret("handshake_traffic_secret", "server_handshake_traffic_secret", s.server,
                hkdf_expand_name(h), std::move(in), std::string(tls13::kServerHandshake));
  log_secret("CLIENT_HANDSHAKE_TRAFFIC_SECRET", s.client);
  log_secret("SERVER_HANDSHAKE_TRAFFIC_SECRET", s.server);
}

void Context::report(const tls13::ApplicationSecrets& s) {
  const Hash h = s.hash;
  events.secret("master_secret", "master_secret", s.master_secret,
                "HKDF-Extract(Derive-Secret(handshake_secret, \"derived\", \"\"), 0)",
                {{"handshake_secret", to_hex(s.handshake_secret)}});
  std::vector<SecretInput> in = {{"master_secret", to_hex(s.master_secret)},
                                 {"transcript_hash", to_hex(s.transcript_hash)}};
  events.secret("application_traffic_secret", "client_application_traffic_secret_0", s.client,
                hkdf_expand_name(h), in, std::string(tls13::kClientApplication));
  events.secret("application_traffic_secret", "server_application_traffic_secret_0", s.server,
                hkdf_expand_name(h), std::move(in), std::string(tls13::kServerApplication));
  log_secret("CLIENT_TRAFFIC_SECRET_0", s.client);
  log_secret("SERVER_TRAFFIC_SECRET_0", s.server);
}

void Context::report(const tls13::ClientVerifyData& s) {
  events.secret("finished", "client_verify_data", s.value, "HMAC with " + std::string(hash_name(s.hash)),
                {{"client_handshake_traffic_secret", to_hex(s.client_handshake_secret)},
                 {"transcript_hash", to_hex(s.transcript_hash)}},
                "finished");
}

void Context::report(const tls13::UpdatedSecret& s) {
  const std::string who = s.client ? "client" : "server";
  events.secret("application_traffic_secret", who + "_application_traffic_secret_next", s.next,
                hkdf_expand_name(s.hash), {{who + "_application_traffic_secret", to_hex(s.previous)}},
                std::string(tls13::kTrafficUpdate));
}

void Context::report_complete(std::string_view version, const SuiteInfo& suite,
                              std::string_view group, const std::string& alpn,
                              bool extended_master_secret, std::optional<bool> hello_retry) {
  json e = object_of("type", "handshake_complete", "step", "handshake_complete", "version", version,
                     "cipher_suite", suite.name, "aead", aead_name(suite.aead), "group", group,
                     "alpn", alpn, "extended_master_secret", extended_master_secret);
  if (hello_retry) e["hello_retry"] = *hello_retry;
  events.emit(std::move(e));
}

}  // namespace tlsscope
