// Client::Impl: the record layer, the handshake reassembler and the handshake state, joined.
// Records and messages are dispatched here; the TLS 1.2 handshake handlers live in
// tls12/handshake.cpp.
#pragma once
#include <memory>

#include "events/event_sink.hpp"
#include "msgs/client_hello.hpp"
#include "msgs/handshake.hpp"
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
  void send_alert(std::uint8_t level, std::uint8_t description);
  void send_handshake(std::string_view step, Bytes msg, json fields, json summary);

  // TLS 1.2 handlers (tls12/handshake.cpp); each returns an error or moves the state on.
  std::optional<Error> on_server_hello(const HandshakeMessage& m);
  std::optional<Error> on_certificate(tls12::ExpectCertificate& s, const HandshakeMessage& m);
  std::optional<Error> on_server_key_exchange(tls12::ExpectServerKeyExchange& s,
                                              const HandshakeMessage& m);
  std::optional<Error> on_certificate_request(tls12::ExpectServerHelloDone& s,
                                              const HandshakeMessage& m);
  std::optional<Error> on_server_hello_done(tls12::ExpectServerHelloDone& s,
                                            const HandshakeMessage& m);
  std::optional<Error> on_finished(tls12::ExpectFinished& s, const HandshakeMessage& m);
  Bytes transcript_hash(Hash h, std::size_t upto) const;

  Config config;
  Offer offer;
  EventSink events;
  RecordLayer records{events};
  HandshakeReassembler reassembler;
  std::unique_ptr<TrustStore> trust;
  Bytes transcript;  // every handshake message so far, as sent/received (RFC 5246 §7.4.9)
  HandshakeState hs;
  std::optional<Error> error;
  Bytes plaintext_in;
  std::string keylog;
  bool peer_sent_fatal_alert = false;
};

}  // namespace tlsscope
