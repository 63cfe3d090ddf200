#include "connection.hpp"

#include <algorithm>

#include "events/field.hpp"
#include "handshake/dispatch.hpp"
#include "msgs/alert.hpp"
#include "msgs/tamper.hpp"
#include "tables/notes.hpp"
#include "tables/signature_schemes.hpp"
#include "tlsscope/names.hpp"
#include "tlsscope/trust.hpp"
#include "x509/chain.hpp"

namespace tlsscope {
namespace {

constexpr std::uint8_t kCloseNotify = 0, kUserCanceled = 90;

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
  if (!config.random) return fail(noted_error(ErrorCode::internal_error, note(NoteId::err_no_random)));
  trust = config.trust_store ? config.trust_store : load_trust_store_pem(config.trust_anchors_pem);
  offer.random.resize(32);
  config.random(offer.random.data(), offer.random.size());
  // The ClientHello's length prefixes (Writer::close) cannot hold more: refuse here, by name,
  // rather than send a prefix that wrapped. 253 is DNS's limit on a name (RFC 1035 §2.3.4).
  const bool alpn_fits = std::all_of(config.alpn.begin(), config.alpn.end(), [](const std::string& p) {
    return !p.empty() && p.size() <= 255;
  }) && config.alpn.size() <= 256;
  if (config.server_name.size() > 253)
    return fail(noted_error(ErrorCode::bad_url, note(NoteId::err_offer_too_long)));
  if (!alpn_fits) return fail(noted_error(ErrorCode::internal_error, note(NoteId::err_offer_too_long)));
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
    return fail(noted_error(ErrorCode::internal_error, note(NoteId::err_nothing_to_offer)));
  ExpectServerHello first;
  if (offer.offers_tls13()) {
    offer.session_id.resize(32);
    config.random(offer.session_id.data(), offer.session_id.size());
    first.key_shares = initial_key_shares(offer.groups, config.random,
                                          config.key_shares_ahead.get(), &offer.key_shares_ahead);
    for (const auto& k : first.key_shares) offer.key_shares.push_back({k.group, k.key_exchange});
  }
  events.emit(object_of("type", "trust_store", "step", "certificate_chain", "anchors",
                        trust->size(), "skipped", trust->skipped()));
  hs = std::move(first);
  ctx.send_client_hello();
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
  const std::uint64_t carried_by[1] = {rec.event_seq};
  switch (rec.type) {
    case ContentType::handshake: {
      reassembler.feed(rec.payload, rec.event_seq);
      while (state() == State::handshaking || state() == State::open) {
        auto next = reassembler.next();
        if (std::holds_alternative<std::monostate>(next)) break;
        if (auto* e = std::get_if<Error>(&next)) return fail(std::move(*e));
        auto& msg = std::get<HandshakeMessage>(next);
        tamper_with(msg);
        if (auto err = dispatch(hs, {msg.type, msg.bytes, msg.records}, ctx))
          return fail(std::move(*err));
      }
      return;
    }
    case ContentType::change_cipher_spec:
      if (auto err = dispatch(hs, {kChangeCipherSpecMessage, rec.payload, carried_by}, ctx))
        fail(std::move(*err));
      return;
    case ContentType::alert:
      return on_alert(rec);
    case ContentType::application_data: {
      if (state() != State::open)
        return fail(noted_error(ErrorCode::unexpected_message, note(NoteId::err_early_application_data)));
      events.emit(object_of("type", "application_data", "step", "application_data", "dir", "in",
                            "length", rec.payload.size(), "bytes", to_hex(rec.payload), "text",
                            std::string(rec.payload.begin(), rec.payload.end()), "records",
                            json::array({rec.event_seq})));
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
  auto span = tamper_span(config.tamper.target, msg, negotiated_tls13(hs));
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

void Client::Impl::on_alert(const Record& rec) {
  Alert alert;
  if (auto err = decode_alert(rec.payload, alert)) return fail(std::move(*err));
  json ev = alert_event("in", alert);
  ev["records"] = json::array({rec.event_seq});
  events.emit(std::move(ev));
  const std::uint8_t desc = alert.description;
  if (desc == kCloseNotify) {
    if (state() != State::open)
      return fail(noted_error(ErrorCode::connection_closed, note(NoteId::err_close_notify_in_handshake)));
    if (!std::get<Open>(hs).close_sent) ctx.send_alert({kAlertWarning, kCloseNotify});
    hs = Closed{};
    events.emit({{"type", "closed"}, {"step", "closed"}, {"by", "server"},
                 {"clean", true}});
    return;
  }
  // RFC 5246 §7.2: a warning need not end a TLS 1.2 connection; in TLS 1.3 every alert but
  // close_notify and user_canceled is fatal whatever its level (RFC 8446 §6).
  if (alert.level == kAlertWarning && desc != 40 && (!negotiated_tls13(hs) || desc == kUserCanceled))
    return;
  Error e = noted_error(ErrorCode::alert_received, note(NoteId::err_fatal_alert, {alert_name(desc)}));
  if (std::holds_alternative<ExpectServerHello>(hs) && is_mismatch_alert(desc))
    e.code = ErrorCode::version_or_cipher_mismatch;
  peer_sent_fatal_alert = true;  // no alert back: the server already ended the connection
  fail(std::move(e));
}

bool Client::Impl::send(ByteView plaintext) {
  auto* open = std::get_if<Open>(&hs);
  if (!open || open->close_sent) return false;
  std::uint64_t seq = events.emit(
      object_of("type", "application_data", "step", "application_data", "dir", "out", "length",
                plaintext.size(), "bytes", to_hex(plaintext), "text",
                std::string(plaintext.begin(), plaintext.end())));
  events.stamp_records(seq, records.write(ContentType::application_data, plaintext));
  return true;
}

void Client::Impl::close() {
  auto* open = std::get_if<Open>(&hs);
  if (!open || open->close_sent) return;
  open->close_sent = true;
  ctx.send_alert({kAlertWarning, kCloseNotify});
}

void Client::Impl::transport_closed() {
  if (state() == State::handshaking)
    return fail(noted_error(ErrorCode::connection_closed,
                            note(NoteId::err_closed_during_handshake, {expected_step(hs)})));
  if (state() == State::open && records.has_partial_record())
    // The handshake authenticated the server; a record cut short can only mean the data was
    // truncated (RFC 8446 §6.1: close_notify exists to tell that apart from the end).
    return fail(noted_error(ErrorCode::truncated, note(NoteId::err_truncated)));
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
  if (alert_due) ctx.send_alert({kAlertFatal, static_cast<std::uint8_t>(info.alert)});
  json ev = {{"type", "error"}, {"step", "error"}, {"code", info.name},
             {"message", info.sentence_en}, {"message_zh", info.sentence_zh},
             {"detail", e.detail}, {"at_step", at}};
  if (!e.detail_zh.empty()) ev["detail_zh"] = e.detail_zh;
  if (alert_due) ev["alert_sent"] = alert_name(static_cast<std::uint8_t>(info.alert));
  events.emit(std::move(ev));
  error = std::move(e);
  hs = Failed{};
}

}  // namespace tlsscope
