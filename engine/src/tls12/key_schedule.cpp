#include "tls12/key_schedule.hpp"

#include "crypto/prf.hpp"
#include "msgs/finished.hpp"

namespace tlsscope::tls12 {

Bytes master_secret(Hash h, ByteView pre_master, ByteView client_random, ByteView server_random) {
  return tls12_prf(h, pre_master, kMasterSecretLabel, {client_random, server_random},
                   kMasterSecretLen);
}

Bytes extended_master_secret(Hash h, ByteView pre_master, ByteView session_hash) {
  return tls12_prf(h, pre_master, kExtendedMasterSecretLabel, {session_hash}, kMasterSecretLen);
}

Bytes key_block(const SuiteInfo& suite, ByteView master, ByteView client_random,
                ByteView server_random) {
  std::size_t len = 2u * suite.key_len + 2u * suite.fixed_iv_len;  // AEAD: no MAC keys
  return tls12_prf(suite.prf_hash, master, kKeyExpansionLabel, {server_random, client_random},
                   len);
}

TrafficKeys split_key_block(const SuiteInfo& suite, ByteView kb) {
  auto take = [&, at = std::size_t{0}](std::size_t n) mutable {
    Bytes out(kb.begin() + static_cast<long>(at), kb.begin() + static_cast<long>(at + n));
    at += n;
    return out;
  };
  TrafficKeys k;
  k.client_key = take(suite.key_len);
  k.server_key = take(suite.key_len);
  k.client_iv = take(suite.fixed_iv_len);
  k.server_iv = take(suite.fixed_iv_len);
  return k;
}

Bytes verify_data(Hash h, ByteView master, std::string_view label, ByteView transcript_hash) {
  return tls12_prf(h, master, label, {transcript_hash}, kVerifyDataLen);
}

std::optional<PreMasterSecret> derive_pre_master_secret(const GroupInfo& group, const KeyPair& client,
                                                        ByteView server_public) {
  auto shared = ecdh_shared_secret(group, client.private_key, server_public);
  if (!shared) return std::nullopt;
  return PreMasterSecret{&group, std::move(*shared), client.private_key, client.public_key,
                         server_public};
}

MasterSecret derive_master_secret(Hash h, ByteView pre_master, ByteView client_random,
                                  ByteView server_random, std::optional<Bytes> session_hash) {
  Bytes value = session_hash ? extended_master_secret(h, pre_master, *session_hash)
                             : master_secret(h, pre_master, client_random, server_random);
  return MasterSecret{h, std::move(value), pre_master, client_random, server_random,
                      std::move(session_hash)};
}

KeyBlock derive_key_block(const SuiteInfo& suite, ByteView master, ByteView client_random,
                          ByteView server_random) {
  Bytes kb = key_block(suite, master, client_random, server_random);
  TrafficKeys keys = split_key_block(suite, kb);
  return KeyBlock{&suite, std::move(kb), std::move(keys), master, client_random, server_random};
}

ClientVerifyData derive_client_verify_data(Hash h, ByteView master, Bytes transcript_hash) {
  Bytes vd = verify_data(h, master, kClientFinishedLabel, transcript_hash);
  return ClientVerifyData{h, std::move(vd), master, std::move(transcript_hash)};
}

}  // namespace tlsscope::tls12
