// What a handshake handler may use besides its state and its message: the offer, the caller's
// configuration, the trust anchors, the transcript, and the ways to report and to send. Not
// the state variant itself (a handler returns the next state; the dispatcher installs it,
// handshake/dispatch.hpp), nor the connection's error or plaintext.
#pragma once
#include <memory>
#include <string>
#include <variant>

#include "crypto/key_share.hpp"
#include "events/event_sink.hpp"
#include "handshake/transcript.hpp"
#include "msgs/alert.hpp"
#include "msgs/client_hello.hpp"
#include "msgs/handshake.hpp"
#include "record/record_layer.hpp"
#include "states.hpp"
#include "tls12/key_schedule.hpp"
#include "tls13/key_schedule.hpp"
#include "tlsscope/config.hpp"
#include "x509/trust_store.hpp"

namespace tlsscope {

/// A handler's answer: an error, "stay in this state" (it may have changed it in place), or
/// the next state. The dispatcher checks the next state against the table.
struct Stay {};
using Outcome = std::variant<Error, Stay, HandshakeState>;

struct Context {
  const Config& config;
  Offer& offer;
  const std::shared_ptr<const TrustStore>& trust;
  EventSink& events;
  RecordLayer& records;
  Transcript& transcript;
  const HandshakeReassembler& reassembler;
  std::string& keylog;

  /// Reports, hashes into the transcript and sends one of the client's handshake messages.
  void send_handshake(std::string_view step, Bytes msg, json fields, json summary);
  /// Reports and sends the client's ChangeCipherSpec (fields: its field tree).
  void send_change_cipher_spec(json fields, json summary);
  void send_alert(Alert alert);
  void send_client_hello();
  /// Reports and sends KeyUpdate(update_not_requested), the answer to the server's request
  /// (RFC 8446 §4.6.3); a post-handshake message is not part of the transcript.
  void send_key_update();

  // The reporters (handshake/reports.cpp): one per stage of the key schedules, each the one
  // place that turns the stage's values and inputs into its "secret" events and NSS key-log
  // lines, so handlers only decide and derive. In the order a handshake meets them:
  void report(const KeyExchange& x);  // TLS 1.3's shared secret (the hybrid's parts first)
  void report(const tls12::PreMasterSecret& s);
  void report(const tls12::MasterSecret& s);
  void report(const tls12::KeyBlock& s);  // and the traffic keys sliced from it
  void report(const tls12::ClientVerifyData& s);
  void report(const tls13::HandshakeSecrets& s);
  void report(const tls13::ApplicationSecrets& s);
  void report(const tls13::ClientVerifyData& s);
  void report(const tls13::UpdatedSecret& s);
  /// The "handshake_complete" event; `hello_retry` is TLS 1.3's alone.
  void report_complete(std::string_view version, const SuiteInfo& suite, std::string_view group,
                       const std::string& alpn, bool extended_master_secret,
                       std::optional<bool> hello_retry = std::nullopt);
  /// TLS 1.3: derives the traffic key and IV from `secret`, reports them and installs them for
  /// writing (`write`) or reading.
  void install_tls13_keys(bool write, const SuiteInfo& suite, ByteView secret,
                          std::string_view secret_name);

 private:
  /// Appends an NSS key-log line for `secret` and reports it as a "keylog" event.
  void log_secret(std::string_view label, ByteView secret);
};

}  // namespace tlsscope
