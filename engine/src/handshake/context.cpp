#include "handshake/context.hpp"

#include "msgs/change_cipher_spec.hpp"
#include "msgs/tls13_messages.hpp"
#include "events/field.hpp"
#include "tls13/key_schedule.hpp"

namespace tlsscope {

void Context::send_handshake(std::string_view step, Bytes msg, json fields, json summary) {
  std::uint64_t seq = events.next_seq();
  events.message(step, "out", msg, std::move(fields), std::move(summary));
  transcript.append(msg);
  events.stamp_records(seq, records.write(ContentType::handshake, msg));
}

void Context::send_change_cipher_spec(json fields, json summary) {
  const std::uint8_t ccs[1] = {kChangeCipherSpecByte};
  std::uint64_t seq = events.next_seq();
  events.message("change_cipher_spec", "out", ccs, std::move(fields), std::move(summary));
  events.stamp_records(seq, records.write(ContentType::change_cipher_spec, ccs));
}

void Context::send_alert(Alert alert) {
  std::uint64_t seq = events.emit(alert_event("out", alert));
  auto bytes = encode_alert(alert);
  events.stamp_records(seq, records.write(ContentType::alert, bytes));
}

void Context::send_client_hello() {
  Bytes hello = encode_client_hello(offer);
  json fields, summary;
  decode_client_hello(hello, fields, summary);
  // Not in the bytes: how many of its key shares were made before this client (the page makes
  // them while it waits for Enter), which the page's key-exchange section says.
  if (offer.key_shares_ahead) summary["key_shares_made_ahead"] = offer.key_shares_ahead;
  send_handshake("client_hello", std::move(hello), std::move(fields), std::move(summary));
}

void Context::send_key_update() {
  Bytes ku = tls13::encode_key_update(false);
  json fields, summary;
  bool ignored = false;
  tls13::decode_key_update(ku, ignored, fields, summary);
  std::uint64_t seq = events.next_seq();
  events.message("key_update", "out", ku, std::move(fields), std::move(summary));
  events.stamp_records(seq, records.write(ContentType::handshake, ku));
}

void Context::log_secret(std::string_view label, ByteView secret) {
  std::string line = std::string(label) + " " + to_hex(offer.random) + " " + to_hex(secret);
  keylog.append(line).push_back('\n');
  events.emit(object_of("type", "keylog", "step", "keylog", "line", std::move(line)));
}

void Context::install_tls13_keys(bool write, const SuiteInfo& suite, ByteView secret,
                                 std::string_view secret_name) {
  Bytes key = tls13::traffic_key(suite, secret), iv = tls13::traffic_iv(suite, secret);
  std::string who = write ? "client" : "server";
  std::string function = "HKDF with " + std::string(hash_name(suite.prf_hash));
  std::vector<SecretInput> from = {{std::string(secret_name), to_hex(secret)}};
  events.secret("traffic_keys", who + "_write_key", key, function, from, "key");
  events.secret("traffic_keys", who + "_write_iv", iv, function, from, "iv",
                note(NoteId::nonce_iv_xor13));
  RecordProtection p(suite, std::move(key), std::move(iv));
  if (write) records.protect_writes(std::move(p));
  else records.protect_reads(std::move(p));
}

}  // namespace tlsscope
