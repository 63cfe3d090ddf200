// The TLS 1.3 key schedule (RFC 8446 §7.1), without PSK:
//
//              0
//              |
//    0 ->  HKDF-Extract = Early Secret
//              |
//        Derive-Secret(., "derived", "")
//              |
//  (EC)DHE -> HKDF-Extract = Handshake Secret
//              |
//              +--> Derive-Secret(., "c hs traffic", ClientHello...ServerHello)
//              |     = client_handshake_traffic_secret
//              +--> Derive-Secret(., "s hs traffic", ClientHello...ServerHello)
//              |     = server_handshake_traffic_secret
//        Derive-Secret(., "derived", "")
//              |
//    0 ->  HKDF-Extract = Master Secret
//              |
//              +--> Derive-Secret(., "c ap traffic", ClientHello...server Finished)
//              |     = client_application_traffic_secret_0
//              +--> Derive-Secret(., "s ap traffic", ClientHello...server Finished)
//                    = server_application_traffic_secret_0
//
// Each traffic secret gives a key and an IV (§7.3) and a finished_key (§4.4.4); KeyUpdate
// moves a traffic secret on with "traffic upd" (§7.2).
//
// Each stage below the primitives returns its values with the inputs it took, so that one
// reporter per stage (Context::report, handshake/context.hpp) turns it into the learner's
// "secret" events. The inputs are views into the caller's bytes: report a stage while they live.
#pragma once
#include <string_view>

#include "tables/suites.hpp"
#include "tlsscope/bytes.hpp"

namespace tlsscope::tls13 {

constexpr std::string_view kDerived = "derived";
constexpr std::string_view kClientHandshake = "c hs traffic";
constexpr std::string_view kServerHandshake = "s hs traffic";
constexpr std::string_view kClientApplication = "c ap traffic";
constexpr std::string_view kServerApplication = "s ap traffic";
constexpr std::string_view kTrafficUpdate = "traffic upd";

/// Derive-Secret(secret, label, messages) given the transcript hash of the messages.
Bytes derive_secret(Hash h, ByteView secret, std::string_view label, ByteView transcript_hash);
Bytes early_secret(Hash h);
/// HKDF-Extract(Derive-Secret(previous, "derived", ""), ikm): the next stage's secret.
Bytes next_stage(Hash h, ByteView previous, ByteView ikm);
Bytes traffic_key(const SuiteInfo& s, ByteView secret);
Bytes traffic_iv(const SuiteInfo& s, ByteView secret);
Bytes finished_verify_data(Hash h, ByteView base_secret, ByteView transcript_hash);
Bytes next_traffic_secret(Hash h, ByteView secret);

/// Early Secret (no PSK), Handshake Secret from the shared secret, and the handshake traffic
/// secrets over ClientHello...ServerHello.
struct HandshakeSecrets {
  Hash hash;
  Bytes early_secret, handshake_secret;
  ByteView shared_secret;
  Bytes transcript_hash;
  Bytes client, server;  // client_ / server_handshake_traffic_secret
};
HandshakeSecrets derive_handshake_secrets(Hash h, ByteView shared_secret, Bytes transcript_hash);

/// Master Secret and the first application traffic secrets over ClientHello...server Finished.
struct ApplicationSecrets {
  Hash hash;
  ByteView handshake_secret;
  Bytes master_secret;
  Bytes transcript_hash;
  Bytes client, server;  // client_ / server_application_traffic_secret_0
};
ApplicationSecrets derive_application_secrets(Hash h, ByteView handshake_secret,
                                              Bytes transcript_hash);

/// The client's verify_data, from its handshake traffic secret (§4.4.4).
struct ClientVerifyData {
  Hash hash;
  Bytes value;
  ByteView client_handshake_secret;
  Bytes transcript_hash;
};
ClientVerifyData derive_client_verify_data(Hash h, ByteView client_handshake_secret,
                                           Bytes transcript_hash);

/// One direction's next application traffic secret after a KeyUpdate (§7.2).
struct UpdatedSecret {
  Hash hash;
  bool client;  // whose secret: the client's (its write key) or the server's
  ByteView previous;
  Bytes next;
};
UpdatedSecret update_traffic_secret(Hash h, bool client, ByteView previous);

/// The transcript bytes that replace ClientHello1 after a HelloRetryRequest (§4.4.1):
/// handshake type message_hash (254), length, Hash(ClientHello1).
Bytes message_hash(Hash h, ByteView client_hello1);

}  // namespace tlsscope::tls13
