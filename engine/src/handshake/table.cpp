#include "handshake/table.hpp"

#include "handshake/dispatch.hpp"
#include "handshake/hello.hpp"
#include "tls12/handlers.hpp"
#include "tls13/handlers.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope {
namespace {

using T = HandshakeType;
using S = StateId;
using namespace codec;

constexpr std::uint16_t msg(HandshakeType t) { return static_cast<std::uint16_t>(t); }
constexpr std::uint16_t kCcs = kChangeCipherSpecMessage;

template <class State, class Codec, auto Handler>
constexpr Transition row(Flow flow, std::uint16_t message, std::string_view codec,
                         std::string_view handler, std::array<std::optional<StateId>, 3> to,
                         bool transcript, std::optional<NoteId> note = std::nullopt) {
  return {flow,    state_id<State>, message, codec, handler, to, transcript, note,
          &run_row<State, Codec, Handler>};
}

constexpr NoteId kIgnoredHelloRequest = NoteId::hello_request_ignored;
constexpr NoteId kIgnoredCompatCcs = NoteId::ccs13_in_summary;

// Before ServerHello, the version is not known yet (RFC 8446 §4.1.3, RFC 5246 §7.4.1.3).
constexpr Transition kHello[] = {
    row<ExpectServerHello, ServerHelloCodec, &on_server_hello>(
        Flow::hello, msg(T::server_hello), "decode_server_hello", "on_server_hello",
        {S::tls12_expect_certificate, S::tls13_expect_encrypted_extensions,
         S::expect_server_hello /* HelloRetryRequest */},
        true),
    // RFC 5246 §7.4.1.1: a HelloRequest while negotiating is ignored.
    row<ExpectServerHello, HelloRequestCodec, &ignore<ExpectServerHello, HelloRequest>>(
        Flow::hello, msg(T::hello_request), "decode_hello_request", "ignore",
        {S::expect_server_hello}, false, kIgnoredHelloRequest),
    // RFC 8446 §5: after a HelloRetryRequest, the compatibility ChangeCipherSpec.
    row<ExpectServerHello, CompatChangeCipherSpecCodec,
        &ignore<ExpectServerHello, ChangeCipherSpec>>(
        Flow::hello, kCcs, "decode_compat_change_cipher_spec", "ignore",
        {S::expect_server_hello}, false, kIgnoredCompatCcs),
};

// TLS 1.2, full ECDHE handshake (RFC 5246 §7.3, RFC 8422), client side.
constexpr Transition kTls12[] = {
    row<tls12::ExpectCertificate, Certificate12Codec, &tls12::on_certificate>(
        Flow::tls12, msg(T::certificate), "decode_certificate", "tls12::on_certificate",
        {S::tls12_expect_server_key_exchange}, true),
    row<tls12::ExpectServerKeyExchange, ServerKeyExchangeCodec, &tls12::on_server_key_exchange>(
        Flow::tls12, msg(T::server_key_exchange), "decode_server_key_exchange",
        "tls12::on_server_key_exchange", {S::tls12_expect_server_hello_done}, true),
    row<tls12::ExpectServerHelloDone, CertificateRequest12Codec, &tls12::on_certificate_request>(
        Flow::tls12, msg(T::certificate_request), "decode_certificate_request",
        "tls12::on_certificate_request", {S::tls12_expect_server_hello_done}, true),
    row<tls12::ExpectServerHelloDone, ServerHelloDoneCodec, &tls12::on_server_hello_done>(
        Flow::tls12, msg(T::server_hello_done), "decode_server_hello_done",
        "tls12::on_server_hello_done", {S::tls12_expect_change_cipher_spec}, true),
    row<tls12::ExpectChangeCipherSpec, ChangeCipherSpecCodec, &tls12::on_change_cipher_spec>(
        Flow::tls12, kCcs, "decode_change_cipher_spec", "tls12::on_change_cipher_spec",
        {S::tls12_expect_finished}, false),
    row<tls12::ExpectFinished, FinishedCodec, &tls12::on_finished>(
        Flow::tls12, msg(T::finished), "decode_finished", "tls12::on_finished", {S::open}, true),
    // RFC 5246 §7.4.1.1: HelloRequest is never part of the transcript; while negotiating it is
    // ignored, once open it asks for renegotiation, which the client declines.
    row<tls12::ExpectCertificate, HelloRequestCodec,
        &ignore<tls12::ExpectCertificate, HelloRequest>>(
        Flow::tls12, msg(T::hello_request), "decode_hello_request", "ignore",
        {S::tls12_expect_certificate}, false, kIgnoredHelloRequest),
    row<tls12::ExpectServerKeyExchange, HelloRequestCodec,
        &ignore<tls12::ExpectServerKeyExchange, HelloRequest>>(
        Flow::tls12, msg(T::hello_request), "decode_hello_request", "ignore",
        {S::tls12_expect_server_key_exchange}, false, kIgnoredHelloRequest),
    row<tls12::ExpectServerHelloDone, HelloRequestCodec,
        &ignore<tls12::ExpectServerHelloDone, HelloRequest>>(
        Flow::tls12, msg(T::hello_request), "decode_hello_request", "ignore",
        {S::tls12_expect_server_hello_done}, false, kIgnoredHelloRequest),
    row<tls12::ExpectChangeCipherSpec, HelloRequestCodec,
        &ignore<tls12::ExpectChangeCipherSpec, HelloRequest>>(
        Flow::tls12, msg(T::hello_request), "decode_hello_request", "ignore",
        {S::tls12_expect_change_cipher_spec}, false, kIgnoredHelloRequest),
    row<tls12::ExpectFinished, HelloRequestCodec, &ignore<tls12::ExpectFinished, HelloRequest>>(
        Flow::tls12, msg(T::hello_request), "decode_hello_request", "ignore",
        {S::tls12_expect_finished}, false, kIgnoredHelloRequest),
    row<Open, HelloRequestCodec, &tls12::on_hello_request>(
        Flow::tls12, msg(T::hello_request), "decode_hello_request", "tls12::on_hello_request",
        {S::open}, false),
};

// TLS 1.3 (RFC 8446 §2, §4), client side, from the encrypted flight on.
constexpr Transition kTls13[] = {
    row<tls13::ExpectEncryptedExtensions, EncryptedExtensionsCodec,
        &tls13::on_encrypted_extensions>(
        Flow::tls13, msg(T::encrypted_extensions), "decode_encrypted_extensions",
        "tls13::on_encrypted_extensions", {S::tls13_expect_certificate}, true),
    row<tls13::ExpectCertificate, CertificateRequest13Codec, &tls13::on_certificate_request>(
        Flow::tls13, msg(T::certificate_request), "tls13::decode_certificate_request",
        "tls13::on_certificate_request", {S::tls13_expect_certificate}, true),
    row<tls13::ExpectCertificate, Certificate13Codec, &tls13::on_certificate>(
        Flow::tls13, msg(T::certificate), "tls13::decode_certificate", "tls13::on_certificate",
        {S::tls13_expect_certificate_verify}, true),
    row<tls13::ExpectCertificateVerify, CertificateVerifyCodec, &tls13::on_certificate_verify>(
        Flow::tls13, msg(T::certificate_verify), "tls13::decode_certificate_verify",
        "tls13::on_certificate_verify", {S::tls13_expect_finished}, true),
    row<tls13::ExpectFinished, FinishedCodec, &tls13::on_finished>(
        Flow::tls13, msg(T::finished), "decode_finished", "tls13::on_finished", {S::open}, true),
    // RFC 8446 §5: a compatibility ChangeCipherSpec may come any time before the server's
    // Finished, and is dropped unprocessed.
    row<tls13::ExpectEncryptedExtensions, CompatChangeCipherSpecCodec,
        &ignore<tls13::ExpectEncryptedExtensions, ChangeCipherSpec>>(
        Flow::tls13, kCcs, "decode_compat_change_cipher_spec", "ignore",
        {S::tls13_expect_encrypted_extensions}, false, kIgnoredCompatCcs),
    row<tls13::ExpectCertificate, CompatChangeCipherSpecCodec,
        &ignore<tls13::ExpectCertificate, ChangeCipherSpec>>(
        Flow::tls13, kCcs, "decode_compat_change_cipher_spec", "ignore",
        {S::tls13_expect_certificate}, false, kIgnoredCompatCcs),
    row<tls13::ExpectCertificateVerify, CompatChangeCipherSpecCodec,
        &ignore<tls13::ExpectCertificateVerify, ChangeCipherSpec>>(
        Flow::tls13, kCcs, "decode_compat_change_cipher_spec", "ignore",
        {S::tls13_expect_certificate_verify}, false, kIgnoredCompatCcs),
    row<tls13::ExpectFinished, CompatChangeCipherSpecCodec,
        &ignore<tls13::ExpectFinished, ChangeCipherSpec>>(
        Flow::tls13, kCcs, "decode_compat_change_cipher_spec", "ignore",
        {S::tls13_expect_finished}, false, kIgnoredCompatCcs),
    // RFC 8446 §4.6: after the handshake, outside the transcript.
    row<Open, NewSessionTicketCodec, &tls13::on_new_session_ticket>(
        Flow::tls13, msg(T::new_session_ticket), "tls13::decode_new_session_ticket",
        "tls13::on_new_session_ticket", {S::open}, false),
    row<Open, KeyUpdateCodec, &tls13::on_key_update>(
        Flow::tls13, msg(T::key_update), "tls13::decode_key_update", "tls13::on_key_update",
        {S::open}, false),
};

// Each (state, message) has at most one row, and each row's states belong to its flow.
constexpr bool well_formed(std::span<const Transition> rows, Flow flow) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Transition& r = rows[i];
    Flow from = state_info(r.from).flow;
    if (r.flow != flow || (from != flow && r.from != StateId::open)) return false;
    for (std::size_t j = i + 1; j < rows.size(); ++j)
      if (rows[j].from == r.from && rows[j].message == r.message) return false;
    if (!r.to[0]) return false;
  }
  return true;
}
static_assert(well_formed(kHello, Flow::hello));
static_assert(well_formed(kTls12, Flow::tls12));
static_assert(well_formed(kTls13, Flow::tls13));
static_assert(state_id<Failed> == StateId::failed && state_id<Open> == StateId::open &&
              state_id<tls13::ExpectFinished> == StateId::tls13_expect_finished &&
              state_id<tls12::ExpectServerHelloDone> == StateId::tls12_expect_server_hello_done);
static_assert([] {
  for (std::size_t i = 0; i < kStateCount; ++i)
    if (static_cast<std::size_t>(kStates[i].id) != i) return false;
  return true;
}());

std::string_view flow_name(Flow f) {
  switch (f) {
    case Flow::hello: return "hello";
    case Flow::tls12: return "tls12";
    case Flow::tls13: return "tls13";
    case Flow::none: return "none";
  }
  return "?";
}

}  // namespace

std::string message_name(std::uint16_t message) {
  if (message == kChangeCipherSpecMessage) return "change_cipher_spec";
  return handshake_type_name(static_cast<std::uint8_t>(message));
}

std::span<const Transition> handshake_table(Flow flow) {
  switch (flow) {
    case Flow::hello: return kHello;
    case Flow::tls12: return kTls12;
    case Flow::tls13: return kTls13;
    case Flow::none: break;
  }
  return {};
}

const Transition* find_transition(Flow flow, StateId state, std::uint16_t message) {
  for (const Transition& r : handshake_table(flow))
    if (r.from == state && r.message == message) return &r;
  return nullptr;
}

const Transition* find_transition(const HandshakeState& state, std::uint16_t message) {
  StateId id = state_id_of(state);
  Flow flow = state_info(id).flow;
  if (const Open* open = std::get_if<Open>(&state)) flow = open->tls13 ? Flow::tls13 : Flow::tls12;
  return find_transition(flow, id, message);
}

nlohmann::json describe_handshake_table() {
  using nlohmann::json;
  json states = json::array();
  for (const StateInfo& s : kStates)
    states.push_back({{"name", s.name}, {"expects", s.expects}, {"flow", flow_name(s.flow)}});
  json transitions = json::array();
  for (Flow flow : {Flow::hello, Flow::tls12, Flow::tls13}) {
    for (const Transition& r : handshake_table(flow)) {
      json to = json::array();
      for (auto t : r.to)
        if (t) to.push_back(state_info(*t).name);
      json row = {{"flow", flow_name(flow)},     {"from", state_info(r.from).name},
                  {"message", message_name(r.message)}, {"codec", r.codec},
                  {"handler", r.handler},         {"to", std::move(to)},
                  {"transcript", r.transcript}};
      if (r.note) {
        Note n = note(*r.note);
        row["note"] = std::move(n.en);
        row["note_zh"] = std::move(n.zh);
      }
      transitions.push_back(std::move(row));
    }
  }
  return {{"states", std::move(states)}, {"transitions", std::move(transitions)}};
}

}  // namespace tlsscope
