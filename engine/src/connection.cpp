#include "connection.hpp"

#include <algorithm>

#include "crypto/hash.hpp"
#include "events/field.hpp"
#include "msgs/tamper.hpp"
#include "tables/signature_schemes.hpp"
#include "tlsscope/names.hpp"
#include "x509/chain.hpp"

namespace tlsscope {
namespace {

constexpr std::uint8_t kWarning = 1, kFatal = 2;
constexpr std::uint8_t kCloseNotify = 0, kUserCanceled = 90, kNoRenegotiation = 100;

template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
// Clang 14 (Emscripten 3.1.6) lacks C++20 aggregate deduction: spell the guide out.
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

// Alerts that, before ServerHello, mean "we have nothing in common" (RFC 5246 §7.4.1.3).
bool is_mismatch_alert(std::uint8_t d) { return d == 40 || d == 70 || d == 71; }

}  // namespace

Client::Impl::Impl(Config c) : config(std::move(c)) {
  if (config.cipher_suites.empty())
    for (const auto& s : supported_suites()) config.cipher_suites.push_back(s.id);
  if (config.groups.empty())
    config.groups = default_groups();
  if (config.versions.empty()) config.versions = {0x0304, 0x0303};
}

State Client::Impl::state() const {
  return std::visit(overloaded{[](const Idle&) { return State::idle; },
                               [](const Open&) { return State::open; },
                               [](const Closed&) { return State::closed; },
                               [](const Failed&) { return State::failed; },
                               [](const auto&) { return State::handshaking; }},
                    hs);
}

void Client::Impl::start() {
  if (!std::holds_alternative<Idle>(hs)) return;
  if (!config.random) return fail({ErrorCode::internal_error, "no random source configured"});
  trust = std::make_unique<TrustStore>(config.trust_anchors_pem);
  offer.random.resize(32);
  config.random(offer.random.data(), offer.random.size());
  if (!is_ip_literal(config.server_name)) offer.sni = config.server_name;
  auto wants = [&](std::uint16_t v) {
    return std::find(config.versions.begin(), config.versions.end(), v) != config.versions.end();
  };
  for (std::uint16_t v : {std::uint16_t{0x0304}, std::uint16_t{0x0303}})
    if (wants(v)) offer.versions.push_back(v);
  // Offer only what the engine implements, for the versions offered, in the caller's order.
  for (auto s : config.cipher_suites)
    if (const SuiteInfo* info = find_suite(s); info && wants(info->tls13 ? 0x0304 : 0x0303))
      offer.suites.push_back(s);
  // The hybrid group is TLS 1.3 only, and left out when the caller asks for a classical run.
  for (auto g : config.groups)
    if (can_offer(g, wants(0x0304)) && (config.hybrid_key_exchange || g != kX25519MLKEM768))
      offer.groups.push_back(g);
  for (const auto& s : supported_signature_schemes()) offer.signature_schemes.push_back(s.id);
  offer.alpn = config.alpn;
  if (offer.suites.empty() || offer.groups.empty() || offer.versions.empty())
    return fail({ErrorCode::internal_error,
                 "nothing to offer: a supported version, suite and group are needed"});
  if (offer.offers_tls13()) {
    offer.session_id.resize(32);
    config.random(offer.session_id.data(), offer.session_id.size());
    key_shares = initial_key_shares(offer.groups, config.random);
    for (const auto& k : key_shares) offer.key_shares.push_back({k.group, k.key_exchange});
  }
  events.emit({{"type", "trust_store"}, {"step", "certificate_chain"},
               {"anchors", trust->size()}, {"skipped", trust->skipped()}});
  hs = ExpectServerHello{};
  send_client_hello();
}

void Client::Impl::send_client_hello() {
  Bytes hello = encode_client_hello(offer);
  json fields, summary;
  describe_client_hello(hello, fields, summary);
  send_handshake("client_hello", std::move(hello), std::move(fields), std::move(summary));
}

void Client::Impl::receive(ByteView bytes) {
  if (state() == State::closed || state() == State::failed || state() == State::idle) return;
  records.feed(bytes);
  while (state() != State::failed && state() != State::closed) {
    auto next = records.next();
    if (std::holds_alternative<std::monostate>(next)) break;
    if (auto* e = std::get_if<Error>(&next)) return fail(std::move(*e));
    on_record(std::get<Record>(next));
  }
}

void Client::Impl::on_record(Record& rec) {
  switch (rec.type) {
    case ContentType::handshake: {
      reassembler.feed(rec.payload);
      while (state() == State::handshaking || state() == State::open) {
        auto next = reassembler.next();
        if (std::holds_alternative<std::monostate>(next)) break;
        if (auto* e = std::get_if<Error>(&next)) return fail(std::move(*e));
        auto& msg = std::get<HandshakeMessage>(next);
        tamper_with(msg);
        on_handshake_message(msg);
      }
      return;
    }
    case ContentType::change_cipher_spec:
      return on_change_cipher_spec(rec.payload);
    case ContentType::alert:
      return on_alert(rec.payload);
    case ContentType::application_data: {
      if (state() != State::open)
        return fail({ErrorCode::unexpected_message,
                     "application data arrived before the handshake finished"});
      events.emit({{"type", "application_data"}, {"step", "application_data"}, {"dir", "in"},
                   {"length", rec.payload.size()}, {"bytes", to_hex(rec.payload)},
                   {"text", std::string(rec.payload.begin(), rec.payload.end())}});
      plaintext_in.insert(plaintext_in.end(), rec.payload.begin(), rec.payload.end());
      return;
    }
  }
}

// "Break it": the one byte config.tamper names is flipped here, after reassembly and
// decryption and before any parsing, as an attacker on the path would have to (and the
// transcript hashes the altered bytes, as a real client would).
void Client::Impl::tamper_with(HandshakeMessage& msg) {
  if (tampered) return;
  auto span = tamper_span(config.tamper.target, msg, tls13);
  if (!span) return;
  tampered = true;
  auto n = static_cast<std::int64_t>(span->length);
  std::size_t offset = span->offset + static_cast<std::size_t>(((config.tamper.index % n) + n) % n);
  std::uint8_t before = msg.bytes[offset];
  msg.bytes[offset] = static_cast<std::uint8_t>(before ^ 0xff);
  events.emit({{"type", "tamper"}, {"step", handshake_type_name(msg.type)},
               {"target", tamper_target_name(config.tamper.target)}, {"offset", offset},
               {"before", to_hex(ByteView(&before, 1))},
               {"after", to_hex(ByteView(&msg.bytes[offset], 1))}});
}

void Client::Impl::on_alert(ByteView payload) {
  if (payload.size() != 2)
    return fail({ErrorCode::decode_error, "an alert record must hold exactly 2 bytes"});
  std::uint8_t level = payload[0], desc = payload[1];
  events.emit({{"type", "alert"}, {"step", "alert"}, {"dir", "in"},
               {"level", level == kFatal ? "fatal" : "warning"}, {"description", alert_name(desc)},
               {"code", desc}, {"bytes", to_hex(payload)},
               {"fields", json::array({field("level", level == kFatal ? "fatal" : "warning", 0, 1,
                                             note(NoteId::alert_level)),
                                       field("description", alert_name(desc), 1, 1,
                                             std::to_string(desc))})}});
  if (desc == kCloseNotify) {
    if (state() != State::open)
      return fail({ErrorCode::connection_closed, "the server sent close_notify during the handshake"});
    if (!std::get<Open>(hs).close_sent) send_alert(kWarning, kCloseNotify);
    hs = Closed{};
    events.emit({{"type", "closed"}, {"step", "closed"}, {"by", "server"},
                 {"clean", true}});
    return;
  }
  // RFC 5246 §7.2: a warning need not end a TLS 1.2 connection; in TLS 1.3 every alert but
  // close_notify and user_canceled is fatal whatever its level (RFC 8446 §6).
  if (level == kWarning && desc != 40 && (!tls13 || desc == kUserCanceled)) return;
  Error e = noted_error(ErrorCode::alert_received, note(NoteId::err_fatal_alert, {alert_name(desc)}));
  if (std::holds_alternative<ExpectServerHello>(hs) && is_mismatch_alert(desc))
    e.code = ErrorCode::version_or_cipher_mismatch;
  peer_sent_fatal_alert = true;  // no alert back: the server already ended the connection
  fail(std::move(e));
}

void Client::Impl::on_change_cipher_spec(ByteView payload) {
  if (tls13_ccs_allowed(hs, offer.offers_tls13()) && payload.size() == 1 && payload[0] == 1) {
    // RFC 8446 §5 / §D.4: a compatibility ChangeCipherSpec is dropped unprocessed.
    events.message("change_cipher_spec", "in", payload,
                   json::array({field("type", "change_cipher_spec", 0, 1, note(NoteId::ccs13_in))}),
                   noted(note(NoteId::ccs13_in_summary)));
    return;
  }
  auto* s = std::get_if<tls12::ExpectChangeCipherSpec>(&hs);
  if (!s)
    return fail({ErrorCode::unexpected_message,
                 "ChangeCipherSpec arrived while expecting " +
                     std::string(expected_step(hs))});
  if (payload.size() != 1 || payload[0] != 1)
    return fail({ErrorCode::decode_error, "ChangeCipherSpec must be the single byte 01"});
  if (!reassembler.empty())  // RFC 5246 §7.1: it must not split a handshake message
    return fail({ErrorCode::unexpected_message, "ChangeCipherSpec in the middle of a message"});
  events.message("change_cipher_spec", "in", payload,
                 json::array({field("type", "change_cipher_spec", 0, 1, note(NoteId::ccs_server))}),
                 json::object());
  records.protect_reads(std::move(s->server_protection));
  tls12::ExpectFinished next{std::move(s->n), s->group, std::move(s->master_secret)};
  hs = std::move(next);
}

void Client::Impl::on_handshake_message(const HandshakeMessage& msg) {
  if (auto* open = std::get_if<Open>(&hs)) {
    if (open->tls13) {
      if (auto err = on_post_handshake13(*open, msg)) fail(std::move(*err));
      return;
    }
    if (msg.type == static_cast<std::uint8_t>(HandshakeType::hello_request)) {
      // RFC 5746 §4.2 / RFC 5246 §7.4.1.1: a client may decline renegotiation with a warning.
      events.message("hello_request", "in", msg.bytes, header_fields(msg.bytes), json::object());
      if (!msg.body().empty())
        return fail({ErrorCode::decode_error, "HelloRequest must be empty"});
      send_alert(kWarning, kNoRenegotiation);
      return;
    }
    return fail({ErrorCode::unexpected_message,
                 handshake_type_name(msg.type) + " after the handshake finished"});
  }
  if (msg.type == static_cast<std::uint8_t>(HandshakeType::hello_request) && !tls13) {
    // RFC 5246 §7.4.1.1: ignored while negotiating, and never part of the transcript.
    events.message("hello_request", "in", msg.bytes, header_fields(msg.bytes),
                   noted(note(NoteId::hello_request_ignored)));
    if (!msg.body().empty()) return fail({ErrorCode::decode_error, "HelloRequest must be empty"});
    return;
  }
  transcript.insert(transcript.end(), msg.bytes.begin(), msg.bytes.end());
  auto type = static_cast<HandshakeType>(msg.type);
  std::optional<Error> err;
  bool handled = std::visit(
      overloaded{
          [&](ExpectServerHello& s) {
            if (type != HandshakeType::server_hello) return false;
            err = on_server_hello(s, msg);
            return true;
          },
          [&](tls12::ExpectCertificate& s) {
            if (type != HandshakeType::certificate) return false;
            err = on_certificate(s, msg);
            return true;
          },
          [&](tls12::ExpectServerKeyExchange& s) {
            if (type != HandshakeType::server_key_exchange) return false;
            err = on_server_key_exchange(s, msg);
            return true;
          },
          [&](tls12::ExpectServerHelloDone& s) {
            if (type == HandshakeType::certificate_request) err = on_certificate_request(s, msg);
            else if (type == HandshakeType::server_hello_done) err = on_server_hello_done(s, msg);
            else return false;
            return true;
          },
          [&](tls12::ExpectFinished& s) {
            if (type != HandshakeType::finished) return false;
            err = on_finished(s, msg);
            return true;
          },
          [&](tls13::ExpectEncryptedExtensions& s) {
            if (type != HandshakeType::encrypted_extensions) return false;
            err = on_encrypted_extensions(s, msg);
            return true;
          },
          [&](tls13::ExpectCertificate& s) {
            if (type == HandshakeType::certificate_request) err = on_certificate_request13(s, msg);
            else if (type == HandshakeType::certificate) err = on_certificate13(s, msg);
            else return false;
            return true;
          },
          [&](tls13::ExpectCertificateVerify& s) {
            if (type != HandshakeType::certificate_verify) return false;
            err = on_certificate_verify(s, msg);
            return true;
          },
          [&](tls13::ExpectFinished& s) {
            if (type != HandshakeType::finished) return false;
            err = on_finished13(s, msg);
            return true;
          },
          [](auto&) { return false; }},
      hs);
  if (!handled) {
    events.message(handshake_type_name(msg.type), "in", msg.bytes, header_fields(msg.bytes),
                   json::object());
    err = Error{ErrorCode::unexpected_message, handshake_type_name(msg.type) +
                                                   " arrived while expecting " +
                                                   std::string(expected_step(hs))};
  }
  if (err) fail(std::move(*err));
}

void Client::Impl::send_handshake(std::string_view step, Bytes msg, json fields, json summary) {
  events.message(step, "out", msg, std::move(fields), std::move(summary));
  transcript.insert(transcript.end(), msg.begin(), msg.end());
  records.write(ContentType::handshake, msg);
}

void Client::Impl::send_alert(std::uint8_t level, std::uint8_t description) {
  const std::uint8_t alert[2] = {level, description};
  events.emit({{"type", "alert"}, {"step", "alert"}, {"dir", "out"},
               {"level", level == kFatal ? "fatal" : "warning"},
               {"description", alert_name(description)}, {"code", description},
               {"bytes", to_hex(alert)},
               {"fields", json::array({field("level", level == kFatal ? "fatal" : "warning", 0, 1,
                                             note(NoteId::alert_level)),
                                       field("description", alert_name(description), 1, 1,
                                             std::to_string(description))})}});
  records.write(ContentType::alert, alert);
}

bool Client::Impl::send(ByteView plaintext) {
  auto* open = std::get_if<Open>(&hs);
  if (!open || open->close_sent) return false;
  events.emit({{"type", "application_data"}, {"step", "application_data"}, {"dir", "out"},
               {"length", plaintext.size()}, {"bytes", to_hex(plaintext)},
               {"text", std::string(plaintext.begin(), plaintext.end())}});
  records.write(ContentType::application_data, plaintext);
  return true;
}

void Client::Impl::close() {
  auto* open = std::get_if<Open>(&hs);
  if (!open || open->close_sent) return;
  open->close_sent = true;
  send_alert(kWarning, kCloseNotify);
}

void Client::Impl::transport_closed() {
  if (state() == State::handshaking)
    return fail(noted_error(ErrorCode::connection_closed,
                            note(NoteId::err_closed_during_handshake, {expected_step(hs)})));
  if (state() == State::open) {
    hs = Closed{};
    json closed = {{"type", "closed"}, {"step", "closed"}, {"by", "server"}, {"clean", false}};
    set_note(closed, note(NoteId::closed_without_notify));
    events.emit(std::move(closed));
  }
}

void Client::Impl::fail(Error e) {
  if (state() == State::failed) return;
  std::string at = std::string(expected_step(hs));
  const ErrorInfo& info = error_info(e.code);
  bool alert_due = info.alert >= 0 && !peer_sent_fatal_alert && state() != State::idle;
  if (alert_due)
    send_alert(kFatal, static_cast<std::uint8_t>(info.alert));
  json ev = {{"type", "error"}, {"step", "error"}, {"code", info.name},
             {"message", info.sentence_en}, {"message_zh", info.sentence_zh},
             {"detail", e.detail}, {"at_step", at}};
  if (!e.detail_zh.empty()) ev["detail_zh"] = e.detail_zh;
  if (alert_due) ev["alert_sent"] = alert_name(static_cast<std::uint8_t>(info.alert));
  events.emit(std::move(ev));
  error = std::move(e);
  hs = Failed{};
}

void Client::Impl::log_secret(std::string_view label, ByteView secret) {
  std::string line = std::string(label) + " " + to_hex(offer.random) + " " + to_hex(secret);
  keylog += line + "\n";
  events.emit({{"type", "keylog"}, {"step", "keylog"}, {"line", line}});
}

Bytes Client::Impl::transcript_hash(Hash h, std::size_t upto) const {
  RunningHash& r = running_hash;
  const br_hash_class* vt = hash_class(h);
  if (r.vt != vt || r.done > upto) {
    vt->init(&r.ctx.vtable);
    r.vt = vt;
    r.done = 0;
  }
  vt->update(&r.ctx.vtable, transcript.data() + r.done, upto - r.done);
  r.done = upto;
  Bytes out(hash_len(h));
  vt->out(&r.ctx.vtable, out.data());  // out() leaves the state as it was
  return out;
}

}  // namespace tlsscope
