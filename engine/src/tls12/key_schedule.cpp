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

}  // namespace tlsscope::tls12
