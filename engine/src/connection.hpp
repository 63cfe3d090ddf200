// Client::Impl: the record layer, the handshake reassembler and the handshake state, joined.
// Records arrive here; handshake messages and ChangeCipherSpec go through the table-driven
// dispatcher (handshake/dispatch.hpp), alerts and application data are handled here.
#pragma once
#include <memory>

#include "events/event_sink.hpp"
#include "handshake/context.hpp"
#include "handshake/transcript.hpp"
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

  void on_record(Record& rec);
  void on_alert(const Record& rec);
  void tamper_with(HandshakeMessage& msg);

  Config config;
  Offer offer;
  EventSink events;
  RecordLayer records{events};
  HandshakeReassembler reassembler;
  std::shared_ptr<const TrustStore> trust;
  Transcript transcript;
  HandshakeState hs;
  std::optional<Error> error;
  Bytes plaintext_in;
  std::string keylog;
  bool peer_sent_fatal_alert = false;
  bool tampered = false;  // config.tamper flips one byte, once
  Context ctx{config, offer, trust, events, records, transcript, reassembler, keylog};
};

}  // namespace tlsscope
