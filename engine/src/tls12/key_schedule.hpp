// The TLS 1.2 key schedule, every value from the PRF of RFC 5246 §5:
//
//   pre_master_secret  = ECDHE(client private, server public)          (RFC 8422 §5.10)
//   master_secret      = PRF(pre_master_secret, "master secret",
//                            client_random + server_random)[0..47]       (RFC 5246 §8.1)
//                      | PRF(pre_master_secret, "extended master secret",
//                            session_hash)[0..47]                        (RFC 7627 §4)
//   key_block          = PRF(master_secret, "key expansion",
//                            server_random + client_random)              (RFC 5246 §6.3)
//                      → client_write_key, server_write_key, client_write_IV, server_write_IV
//   verify_data        = PRF(master_secret, "client finished" | "server finished",
//                            Hash(handshake_messages))[0..11]            (RFC 5246 §7.4.9)
//
// Each stage below the primitives returns its values with the inputs it took, so that one
// reporter per stage (Context::report, handshake/context.hpp) turns it into the learner's
// "secret" events. The inputs are views into the caller's bytes: report a stage while they live.
#pragma once
#include <optional>

#include "crypto/ecdhe.hpp"
#include "tables/groups.hpp"
#include "tables/suites.hpp"
#include "tlsscope/bytes.hpp"

namespace tlsscope::tls12 {

constexpr std::size_t kMasterSecretLen = 48;
constexpr std::string_view kMasterSecretLabel = "master secret";
constexpr std::string_view kExtendedMasterSecretLabel = "extended master secret";
constexpr std::string_view kKeyExpansionLabel = "key expansion";
constexpr std::string_view kClientFinishedLabel = "client finished";
constexpr std::string_view kServerFinishedLabel = "server finished";

struct TrafficKeys {
  Bytes client_key, server_key, client_iv, server_iv;
};

Bytes master_secret(Hash h, ByteView pre_master, ByteView client_random, ByteView server_random);
Bytes extended_master_secret(Hash h, ByteView pre_master, ByteView session_hash);
Bytes key_block(const SuiteInfo& suite, ByteView master, ByteView client_random,
                ByteView server_random);
TrafficKeys split_key_block(const SuiteInfo& suite, ByteView key_block);
Bytes verify_data(Hash h, ByteView master, std::string_view label, ByteView transcript_hash);

/// ECDHE with the server's signed key (RFC 8422 §5.10).
struct PreMasterSecret {
  const GroupInfo* group;
  Bytes value;
  ByteView client_private, client_public, server_public;
};
/// Nothing if the server's point is unusable (ecdh_shared_secret).
std::optional<PreMasterSecret> derive_pre_master_secret(const GroupInfo& group, const KeyPair& client,
                                                        ByteView server_public);

/// The master secret, extended (RFC 7627 §4: over the session hash) or classic (over the randoms).
struct MasterSecret {
  Hash hash;
  Bytes value;
  ByteView pre_master, client_random, server_random;
  std::optional<Bytes> session_hash;  // set for the extended master secret
};
MasterSecret derive_master_secret(Hash h, ByteView pre_master, ByteView client_random,
                                  ByteView server_random, std::optional<Bytes> session_hash);

/// The key block and the traffic keys sliced from it.
struct KeyBlock {
  const SuiteInfo* suite;
  Bytes value;
  TrafficKeys keys;
  ByteView master, client_random, server_random;
};
KeyBlock derive_key_block(const SuiteInfo& suite, ByteView master, ByteView client_random,
                          ByteView server_random);

/// The client's verify_data, which its Finished carries.
struct ClientVerifyData {
  Hash hash;
  Bytes value;
  ByteView master;
  Bytes transcript_hash;
};
ClientVerifyData derive_client_verify_data(Hash h, ByteView master, Bytes transcript_hash);

}  // namespace tlsscope::tls12
