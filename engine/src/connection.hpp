// Client::Impl: the record layer, the handshake reassembler and the handshake state, joined.
// Records and messages are dispatched here; the TLS 1.2 handshake handlers live in
// tls12/handshake.cpp.
#pragma once
#include <memory>

#include "crypto/ecdhe.hpp"
#include "crypto/key_share.hpp"
#include "crypto/hash.hpp"
#include "events/event_sink.hpp"
#include "msgs/client_hello.hpp"
#include "msgs/handshake.hpp"
#include "msgs/server_hello.hpp"
#include "record/record_layer.hpp"
#include "states.hpp"
#include "tlsscope/client.hpp"
#include "x509/trust_store.hpp"

namespace tlsscope {

struct Client::Impl {
  explicit Impl(Config c);

  void start();
  void receive(ByteView bytes);
  bool send(ByteView plaintext);
  void close();
  void transport_closed();
  void fail(Error e);
  State state() const;

  // Dispatch.
  void on_record(Record& rec);
  void on_alert(ByteView payload);
  void on_change_cipher_spec(ByteView payload);
  void on_handshake_message(const HandshakeMessage& msg);
  void tamper_with(HandshakeMessage& msg);
  void send_alert(std::uint8_t level, std::uint8_t description);
  void send_handshake(std::string_view step, Bytes msg, json fields, json summary);

  // ServerHello decides the version (tls12/handshake.cpp); each handler returns an error or
  // moves the state on.
  std::optional<Error> on_server_hello(ExpectServerHello& s, const HandshakeMessage& m);
  std::optional<Error> on_server_hello12(const ServerHello& sh);
  std::optional<Error> on_certificate(tls12::ExpectCertificate& s, const HandshakeMessage& m);
  std::optional<Error> on_server_key_exchange(tls12::ExpectServerKeyExchange& s,
                                              const HandshakeMessage& m);
  std::optional<Error> on_certificate_request(tls12::ExpectServerHelloDone& s,
                                              const HandshakeMessage& m);
  std::optional<Error> on_server_hello_done(tls12::ExpectServerHelloDone& s,
                                            const HandshakeMessage& m);
  std::optional<Error> on_finished(tls12::ExpectFinished& s, const HandshakeMessage& m);
  // TLS 1.3 handlers (tls13/handshake.cpp).
  std::optional<Error> on_server_hello13(ExpectServerHello& s, const ServerHello& sh,
                                         const HandshakeMessage& m, bool retry);
  std::optional<Error> on_hello_retry_request(const ServerHello& sh, const HandshakeMessage& m);
  std::optional<Error> on_encrypted_extensions(tls13::ExpectEncryptedExtensions& s,
                                               const HandshakeMessage& m);
  std::optional<Error> on_certificate_request13(tls13::ExpectCertificate& s,
                                                const HandshakeMessage& m);
  std::optional<Error> on_certificate13(tls13::ExpectCertificate& s, const HandshakeMessage& m);
  std::optional<Error> on_certificate_verify(tls13::ExpectCertificateVerify& s,
                                             const HandshakeMessage& m);
  std::optional<Error> on_finished13(tls13::ExpectFinished& s, const HandshakeMessage& m);
  std::optional<Error> on_post_handshake13(Open& s, const HandshakeMessage& m);
  void send_client_hello();
  /// Appends an NSS key-log line for `secret` and reports it as a "keylog" event.
  void log_secret(std::string_view label, ByteView secret);
  void install_tls13_keys(bool write, const SuiteInfo& suite, ByteView secret,
                          std::string_view secret_name);

  Bytes transcript_hash(Hash h, std::size_t upto) const;

  Config config;
  Offer offer;
  EventSink events;
  RecordLayer records{events};
  HandshakeReassembler reassembler;
  std::unique_ptr<TrustStore> trust;
  Bytes transcript;  // every handshake message so far, as sent/received (RFC 5246 §7.4.9)
  // transcript_hash()'s hash state after the first `done` bytes. The transcript is only
  // appended to, except that a HelloRetryRequest restarts it (which resets this), so each
  // call hashes only what was added since the last one instead of the whole transcript
  // (3–6 calls over ~4 KB per handshake).
  struct RunningHash {
    const br_hash_class* vt = nullptr;
    br_hash_compat_context ctx;
    std::size_t done = 0;
  };
  mutable RunningHash running_hash;
  std::vector<ClientKeyShare> key_shares;  // TLS 1.3: the private side of offer.key_shares
  const SuiteInfo* retry_suite = nullptr;  // the suite a HelloRetryRequest chose
  bool tls13 = false;  // TLS 1.3 was negotiated
  HandshakeState hs;
  std::optional<Error> error;
  Bytes plaintext_in;
  std::string keylog;
  bool peer_sent_fatal_alert = false;
  bool tampered = false;  // config.tamper flips one byte, once
};

}  // namespace tlsscope
