// The case table. Each script is an honest TLS 1.2 server (tls_server.hpp) that lies at one
// point; after the lie it goes on as a real server would (waits for the client's flight, …), so
// that a client that wrongly accepts the lie shows it by completing the exchange.
#include "cases.hpp"

#include <algorithm>
#include <stdexcept>

#include "codec/writer.hpp"

namespace tlsscope::hostile {
namespace {

using Flight = std::vector<Bytes>;
constexpr std::uint8_t kWarning = 1, kFatal = 2;

// ---- helpers -------------------------------------------------------------------------------

// ServerHello, Certificate, ServerKeyExchange, ServerHelloDone as an honest server makes them.
Flight honest_flight(Session& s) {
  return {s.server_hello(), s.certificate(), s.server_key_exchange(), s.server_hello_done()};
}

Bytes join(const Flight& messages) {
  Bytes all;
  for (const auto& m : messages) all.insert(all.end(), m.begin(), m.end());
  return all;
}

// A record exactly as given: no protection, any version, any length.
Bytes raw_record(std::uint8_t type, std::uint16_t version, ByteView fragment) {
  Writer w;
  w.u8(type);
  w.u16(version);
  auto len = w.open(2);
  w.bytes(fragment);
  w.close(len);
  return w.take();
}

// A record header claiming `length` bytes, followed by `length` bytes of `fill`.
Bytes oversized_record(std::uint8_t type, std::size_t length, std::uint8_t fill) {
  Bytes r{type, 0x03, 0x03, static_cast<std::uint8_t>(length >> 8),
          static_cast<std::uint8_t>(length)};
  r.resize(5 + length, fill);
  return r;
}

// The message with its body replaced (the header's length follows).
Bytes reframe(const Bytes& message, Bytes body) { return Session::frame(message[0], body); }

Bytes body_of(const Bytes& message) { return Bytes(message.begin() + 4, message.end()); }

// Adds `delta` to the 16-bit length at `offset` of `message`.
void bump_u16(Bytes& message, std::size_t offset, int delta) {
  int v = (message[offset] << 8 | message[offset + 1]) + delta;
  message[offset] = static_cast<std::uint8_t>(v >> 8);
  message[offset + 1] = static_cast<std::uint8_t>(v);
}

// Where the ServerHello's extensions block starts (its 2-byte length), in the whole message,
// for an empty session_id.
constexpr std::size_t kServerHelloExtensionsAt = 4 + 2 + 32 + 1 + 2 + 1;

// What a real server does after its first flight: the client's flight, its own CCS and
// Finished, then the HTTP exchange.
void finish(Session& s) {
  s.read_client_flight();
  s.send_ccs_and_finished();
  s.serve_http();
}

// An honest handshake and HTTP exchange with a changed ServerHello.
void with_server_hello(Session& s, const ServerHelloSpec& spec) {
  s.read_client_hello();
  s.send_flight({s.server_hello(spec), s.certificate(), s.server_key_exchange(),
                 s.server_hello_done()});
  finish(s);
}

// An honest handshake and HTTP exchange with a changed ServerKeyExchange.
void with_key_exchange(Session& s, const KeyExchangeSpec& spec) {
  s.read_client_hello();
  s.send_flight({s.server_hello(), s.certificate(), s.server_key_exchange(spec),
                 s.server_hello_done()});
  finish(s);
}

// An honest handshake and HTTP exchange with a changed Certificate message.
void with_certificate(Session& s, const Bytes& certificate_message) {
  s.read_client_hello();
  s.send_flight({s.server_hello(), certificate_message, s.server_key_exchange(),
                 s.server_hello_done()});
  finish(s);
}

// Sends `messages` (already in order) as a flight and goes on honestly.
void with_flight(Session& s, const Flight& messages) {
  s.send_flight(messages);
  finish(s);
}

// Up to the client's Finished; then `lie` instead of the server's CCS + Finished; then the
// HTTP exchange as if nothing happened.
template <typename Lie>
void after_client_finished(Session& s, Lie lie) {
  s.read_client_hello();
  s.send_first_flight();
  s.read_client_flight();
  lie();
  s.serve_http();
}

// The flight sent honestly, its bytes cut into `records` records of near-equal size.
void split_flight(Session& s, std::size_t records) {
  s.read_client_hello();
  Flight f = honest_flight(s);
  Bytes all = join(f);
  for (const auto& m : f) s.add_to_transcript(m);
  Bytes wire;
  std::size_t off = 0;
  for (std::size_t i = 0; i < records; ++i) {
    std::size_t end = all.size() * (i + 1) / records;
    Bytes rec = s.record(content::handshake, ByteView(all).subspan(off, end - off));
    wire.insert(wire.end(), rec.begin(), rec.end());
    off = end;
  }
  s.send_raw(wire);
  s.say("server-step sent the first flight in " + std::to_string(records) + " records");
  finish(s);
}

// The HTTP answer's record without its last 10 bytes, then the end of the stream: the client
// cannot tell a cut answer from a whole one but by the record (RFC 8446 §6.1: close_notify
// exists to tell truncation from the end).
void cut_answer(Session& s) {
  Bytes rec = s.record(content::application_data, as_bytes("HTTP/1.1 200 OK\r\n\r\n"));
  s.send_raw(ByteView(rec).first(rec.size() - 10));
  s.close_write();
}

ServerHelloSpec hello_with(Session& s, std::uint16_t type, Bytes body) {
  ServerHelloSpec spec = s.server_hello_spec();
  spec.extensions.push_back({type, std::move(body)});
  return spec;
}

Bytes p256_point(Session& s) {
  KeyExchangeSpec honest;
  honest.group = kSecp256r1;
  Bytes ske = s.server_key_exchange(honest);
  return Bytes(ske.begin() + 4 + 4, ske.begin() + 4 + 4 + 65);  // curve_type, group, length
}

// ---- the table -----------------------------------------------------------------------------

const HostileCase kCases[] = {
    // Baselines: the harness's own server must be good enough for a real handshake.
    {"baseline", "RFC 5246 §7.3",
     "an honest handshake (with extended_master_secret) and an HTTP answer", "", "",
     [](Session& s) {
       s.handshake();
       s.serve_http();
     }},
    {"no_extended_master_secret", "RFC 5246 §8.1",
     "an honest handshake without extended_master_secret: the classic master secret", "", "",
     [](Session& s) {
       ServerHelloSpec spec = s.server_hello_spec();
       std::erase_if(spec.extensions,
                     [](const auto& e) { return e.first == ext::extended_master_secret; });
       with_server_hello(s, spec);
     }},
    {"server_hello_without_extensions", "RFC 5246 §7.4.1.3, RFC 5746 §3.4",
     "a ServerHello with no extensions block at all (no EMS, no secure renegotiation)", "", "",
     [](Session& s) {
       ServerHelloSpec spec = s.server_hello_spec();
       spec.extensions.clear();
       with_server_hello(s, spec);
     }},
    {"server_hello_with_session_id", "RFC 5246 §7.4.1.3",
     "a ServerHello with a 32-byte session_id", "", "",
     [](Session& s) {
       ServerHelloSpec spec = s.server_hello_spec();
       spec.session_id.assign(32, 0x5e);
       with_server_hello(s, spec);
     }},
    {"record_version_tls10", "RFC 5246 Appendix E.1",
     "sends its first flight in a record with version 0x0301 (a client must accept {03,xx})",
     "", "",
     [](Session& s) {
       s.read_client_hello();
       Flight f = honest_flight(s);
       for (const auto& m : f) s.add_to_transcript(m);
       s.send_raw(raw_record(content::handshake, 0x0301, join(f)));
       finish(s);
     }},
    {"empty_app_data_record", "RFC 5246 §6.2.1",
     "after the handshake, a zero-length application data record before the answer", "", "",
     [](Session& s) {
       s.handshake();
       s.read_http_request();
       s.send_record(content::application_data, {});
       s.send_http_response();
     }},
    {"certificate_request", "RFC 5246 §7.4.4, §7.4.6",
     "asks for a client certificate: the client answers with an empty Certificate and goes on",
     "", "",
     [](Session& s) {
       s.read_client_hello();
       with_flight(s, {s.server_hello(), s.certificate(), s.server_key_exchange(),
                       s.certificate_request(), s.server_hello_done()});
     }},

    // The record layer.
    {"bad_record_version", "RFC 5246 §6.2.1, Appendix E.1",
     "sends its first flight in a record whose version is DTLS 1.2's (0xfefd)",
     "BAD_RECORD_VERSION", "fatal protocol_version",
     [](Session& s) {
       s.read_client_hello();
       Flight f = honest_flight(s);
       for (const auto& m : f) s.add_to_transcript(m);
       s.send_raw(raw_record(content::handshake, 0xfefd, join(f)));
       finish(s);
     }},
    {"record_overflow", "RFC 5246 §6.2.1",
     "sends a plaintext record of 2^14+1 bytes (the flight, padded)", "RECORD_OVERFLOW",
     "fatal record_overflow",
     [](Session& s) {
       s.read_client_hello();
       Bytes all = join(honest_flight(s));
       all.resize(kMaxPlaintext + 1, 0);
       s.send_raw(raw_record(content::handshake, kTls12, all));
       finish(s);
     }},
    {"record_overflow_ciphertext", "RFC 5246 §6.2.3",
     "after its ChangeCipherSpec, a protected record of 2^14+2049 bytes", "RECORD_OVERFLOW",
     "fatal record_overflow",
     [](Session& s) {
       after_client_finished(s, [&] {
         s.send_change_cipher_spec();
         s.send_raw(oversized_record(content::handshake, kMaxPlaintext + 2049, 0x5a));
       });
     }},
    {"record_overflow_decrypted", "RFC 5246 §6.2.3",
     "a protected record that authenticates but holds 2^14+1 bytes of plaintext",
     "RECORD_OVERFLOW", "fatal record_overflow",
     [](Session& s) {
       after_client_finished(s, [&] {
         s.send_change_cipher_spec();
         Bytes fin = s.finished();
         fin.resize(kMaxPlaintext + 1, 0);
         s.send_record(content::handshake, fin);
       });
     }},
    {"unknown_content_type", "RFC 5246 §6",
     "sends a record of content type 99 instead of its flight", "BAD_RECORD_TYPE",
     "fatal unexpected_message",
     [](Session& s) {
       s.read_client_hello();
       const std::uint8_t junk[2] = {1, 2};
       s.send_raw(raw_record(99, kTls12, junk));
       with_flight(s, honest_flight(s));
     }},
    {"heartbeat_record", "RFC 6520 §2, RFC 5246 §6",
     "sends a heartbeat record (type 24), which was never negotiated", "BAD_RECORD_TYPE",
     "fatal unexpected_message",
     [](Session& s) {
       s.read_client_hello();
       const std::uint8_t heartbeat[3] = {1, 0, 0};
       s.send_raw(raw_record(24, kTls12, heartbeat));
       with_flight(s, honest_flight(s));
     }},
    {"empty_handshake_record", "RFC 5246 §6.2.1",
     "sends a zero-length handshake record before its flight", "DECODE_ERROR",
     "fatal decode_error",
     [](Session& s) {
       s.read_client_hello();
       s.send_raw(raw_record(content::handshake, kTls12, {}));
       with_flight(s, honest_flight(s));
     }},
    {"empty_handshake_record_mid_message", "RFC 5246 §6.2.1",
     "sends the first half of ServerHello, a zero-length handshake record, then the rest",
     "DECODE_ERROR", "fatal decode_error",
     [](Session& s) {
       s.read_client_hello();
       Flight f = honest_flight(s);
       for (const auto& m : f) s.add_to_transcript(m);
       Bytes all = join(f);
       Bytes wire = raw_record(content::handshake, kTls12, ByteView(all).first(20));
       Bytes empty = raw_record(content::handshake, kTls12, {});
       Bytes rest = raw_record(content::handshake, kTls12, ByteView(all).subspan(20));
       wire.insert(wire.end(), empty.begin(), empty.end());
       wire.insert(wire.end(), rest.begin(), rest.end());
       s.send_raw(wire);
       finish(s);
     }},
    {"handshake_split_100_records", "RFC 5246 §6.2.1",
     "a valid first flight cut into 100 records", "", "",
     [](Session& s) { split_flight(s, 100); }},
    {"handshake_one_byte_records", "RFC 5246 §6.2.1",
     "a valid first flight with every byte in a record of its own", "", "",
     [](Session& s) {
       s.read_client_hello();
       Flight f = honest_flight(s);
       std::size_t bytes = join(f).size();
       for (const auto& m : f) s.add_to_transcript(m);
       Bytes all = join(f), wire;
       for (std::size_t i = 0; i < bytes; ++i) {
         Bytes rec = raw_record(content::handshake, kTls12, ByteView(all).subspan(i, 1));
         wire.insert(wire.end(), rec.begin(), rec.end());
       }
       s.send_raw(wire);
       finish(s);
     }},
    {"bad_record_mac", "RFC 5246 §6.2.3.3",
     "flips one ciphertext byte of its encrypted Finished record", "BAD_RECORD_MAC",
     "fatal bad_record_mac",
     [](Session& s) {
       after_client_finished(s, [&] {
         s.send_change_cipher_spec();
         Bytes rec = s.record(content::handshake, s.finished());
         rec[5 + 8 + 2] ^= 0x01;  // header, explicit nonce, then ciphertext
         s.send_raw(rec);
       });
     }},
    {"bad_aead_tag", "RFC 5246 §6.2.3.3",
     "flips one bit of the AEAD tag of its encrypted Finished record", "BAD_RECORD_MAC",
     "fatal bad_record_mac",
     [](Session& s) {
       after_client_finished(s, [&] {
         s.send_change_cipher_spec();
         Bytes rec = s.record(content::handshake, s.finished());
         rec.back() ^= 0x80;
         s.send_raw(rec);
       });
     }},
    {"short_encrypted_record", "RFC 5246 §6.2.3.3",
     "after its ChangeCipherSpec, a protected record of 10 bytes (shorter than nonce + tag)",
     "BAD_RECORD_MAC", "fatal bad_record_mac",
     [](Session& s) {
       after_client_finished(s, [&] {
         s.send_change_cipher_spec();
         const std::uint8_t ten[10] = {0, 0, 0, 0, 0, 0, 0, 0, 0x14, 0};
         s.send_raw(raw_record(content::handshake, kTls12, ten));
       });
     }},
    {"finished_under_client_keys", "RFC 5246 §6.3",
     "encrypts its Finished with the client's write key instead of its own", "BAD_RECORD_MAC",
     "fatal bad_record_mac",
     [](Session& s) {
       after_client_finished(s, [&] {
         Bytes fin = s.finished();
         s.send_change_cipher_spec();
         RecordProtection wrong = s.client_protection();
         s.send_raw(raw_record(content::handshake, kTls12,
                               wrong.seal(content::handshake, kTls12, fin)));
       });
     }},
    {"replayed_record", "RFC 5246 §6.2.3.3, §6.1",
     "sends its encrypted Finished record twice: the copy has the wrong sequence number",
     "BAD_RECORD_MAC", "fatal bad_record_mac",
     [](Session& s) {
       after_client_finished(s, [&] {
         s.send_change_cipher_spec();
         Bytes fin = s.finished();
         s.add_to_transcript(fin);
         Bytes rec = s.record(content::handshake, fin);
         s.send_raw(rec);
         s.send_raw(rec);
       });
     }},
    {"stop_mid_record", "RFC 5246 §6.2.1",
     "sends 30 bytes of its first record, then closes the connection", "CONNECTION_CLOSED", "",
     [](Session& s) {
       s.read_client_hello();
       Bytes rec = raw_record(content::handshake, kTls12, join(honest_flight(s)));
       s.send_raw(ByteView(rec).first(30));
       s.close_write();
     }},
    {"stop_mid_message", "RFC 5246 §7.4",
     "sends whole records that end inside its Certificate message, then closes",
     "CONNECTION_CLOSED", "",
     [](Session& s) {
       s.read_client_hello();
       Bytes all = join(honest_flight(s));
       s.send_raw(raw_record(content::handshake, kTls12, ByteView(all).first(200)));
       s.close_write();
     }},
    {"close_after_client_hello", "RFC 5246 §7.2.1",
     "reads the ClientHello and closes the connection", "CONNECTION_CLOSED", "",
     [](Session& s) {
       s.read_client_hello();
       s.close_write();
     }},
    {"never_answers", "RFC 5246 §7.3",
     "reads the ClientHello and never answers (the client's --timeout is 3 s)", "TIMEOUT", "",
     [](Session& s) { s.read_client_hello(); }},
    {"truncated_after_handshake", "RFC 5246 §7.2.1, RFC 8446 §6.1",
     "after the handshake, sends the answer's record but its last 10 bytes, then closes",
     "TRUNCATED", "",
     [](Session& s) {
       s.handshake();
       s.read_http_request();
       cut_answer(s);
     }},
    {"tls13_truncated_after_handshake", "RFC 8446 §6.1",
     "TLS 1.3: after the handshake, sends the answer's record but its last 10 bytes, then closes",
     "TRUNCATED", "",
     [](Session& s) {
       s.tls13_handshake();
       s.read_http_request();
       cut_answer(s);
     }},

    // Message syntax.
    {"lying_length", "RFC 5246 §4.3, §7.4.1.3",
     "ServerHello whose extensions length points 10 bytes past the end of the message",
     "DECODE_ERROR", "fatal decode_error",
     [](Session& s) {
       s.read_client_hello();
       Flight f = honest_flight(s);
       bump_u16(f[0], kServerHelloExtensionsAt, 10);
       with_flight(s, f);
     }},
    {"lying_extension_length", "RFC 5246 §4.3, §7.4.1.4",
     "ServerHello whose first extension's length points past the extensions block",
     "DECODE_ERROR", "fatal decode_error",
     [](Session& s) {
       s.read_client_hello();
       Flight f = honest_flight(s);
       bump_u16(f[0], kServerHelloExtensionsAt + 2 + 2, 3);
       with_flight(s, f);
     }},
    {"server_hello_trailing_bytes", "RFC 5246 §7.4.1.3",
     "ServerHello with 2 bytes after its extensions", "DECODE_ERROR", "fatal decode_error",
     [](Session& s) {
       s.read_client_hello();
       Flight f = honest_flight(s);
       Bytes body = body_of(f[0]);
       body.insert(body.end(), {0, 0});
       f[0] = reframe(f[0], body);
       with_flight(s, f);
     }},
    {"server_hello_truncated", "RFC 5246 §7.4.1.3",
     "ServerHello cut after 20 bytes of its random", "DECODE_ERROR", "fatal decode_error",
     [](Session& s) {
       s.read_client_hello();
       Flight f = honest_flight(s);
       Bytes body = body_of(f[0]);
       body.resize(22);
       f[0] = reframe(f[0], body);
       with_flight(s, f);
     }},
    {"session_id_too_long", "RFC 5246 §7.4.1.2",
     "ServerHello with a 33-byte session_id (at most 32)", "DECODE_ERROR", "fatal decode_error",
     [](Session& s) {
       ServerHelloSpec spec = s.server_hello_spec();
       spec.session_id.assign(33, 0x42);
       with_server_hello(s, spec);
     }},
    {"duplicate_extension", "RFC 5246 §7.4.1.4",
     "ServerHello with renegotiation_info twice", "DECODE_ERROR", "fatal decode_error",
     [](Session& s) { with_server_hello(s, hello_with(s, ext::renegotiation_info, {0})); }},
    {"ems_with_body", "RFC 7627 §5.1",
     "ServerHello whose extended_master_secret extension has a 1-byte body", "DECODE_ERROR",
     "fatal decode_error",
     [](Session& s) {
       ServerHelloSpec spec = s.server_hello_spec();
       for (auto& e : spec.extensions)
         if (e.first == ext::extended_master_secret) e.second = {0};
       with_server_hello(s, spec);
     }},
    {"server_hello_done_trailing_bytes", "RFC 5246 §7.4.5",
     "ServerHelloDone with a 1-byte body (it is empty)", "DECODE_ERROR", "fatal decode_error",
     [](Session& s) {
       s.read_client_hello();
       Flight f = honest_flight(s);
       f[3] = Session::frame(hs::server_hello_done, Bytes{0});
       with_flight(s, f);
     }},
    {"handshake_too_large", "RFC 5246 §7.4",
     "a handshake message header announcing 2^24-1 bytes", "HANDSHAKE_TOO_LARGE",
     "fatal decode_error",
     [](Session& s) {
       s.read_client_hello();
       Bytes sh = s.server_hello();
       s.send_handshake(sh);
       const std::uint8_t header[4] = {hs::certificate, 0xff, 0xff, 0xff};
       s.send_raw(raw_record(content::handshake, kTls12, header));
       s.drain();
     }},
    {"certificate_10mb", "RFC 5246 §7.4.2",
     "a Certificate message of 10 MiB (the real chain repeated), in 2^14-byte records",
     "HANDSHAKE_TOO_LARGE", "fatal decode_error",
     [](Session& s) {
       s.read_client_hello();
       s.send_handshake(s.server_hello());
       std::vector<Bytes> chain;
       std::size_t total = 0;
       while (total < (10u << 20) - 4096) {
         chain.push_back(s.identity().chain[total == 0 ? 0 : 1]);
         total += chain.back().size() + 3;
       }
       Bytes cert = s.certificate(chain);
       s.add_to_transcript(cert);
       Bytes wire;
       for (std::size_t off = 0; off < cert.size(); off += kMaxPlaintext) {
         std::size_t n = std::min(kMaxPlaintext, cert.size() - off);
         Bytes rec = raw_record(content::handshake, kTls12, ByteView(cert).subspan(off, n));
         wire.insert(wire.end(), rec.begin(), rec.end());
       }
       s.send_raw(wire);
       s.send_flight({s.server_key_exchange(), s.server_hello_done()});
       finish(s);
     }},
    {"alert_wrong_length", "RFC 5246 §7.2",
     "an alert record of 3 bytes", "DECODE_ERROR", "fatal decode_error",
     [](Session& s) {
       s.read_client_hello();
       const std::uint8_t alert[3] = {kWarning, 112, 0};
       s.send_raw(raw_record(content::alert, kTls12, alert));
       with_flight(s, honest_flight(s));
     }},

    // Choices the client never offered.
    {"wrong_version", "RFC 5246 §7.4.1.3, Appendix E.1",
     "ServerHello with version 0x0302 (TLS 1.1) to a TLS 1.2-only client", "UNSUPPORTED_VERSION",
     "fatal protocol_version",
     [](Session& s) {
       ServerHelloSpec spec = s.server_hello_spec();
       spec.version = 0x0302;
       with_server_hello(s, spec);
     }},
    {"version_tls13_in_server_hello", "RFC 5246 Appendix E.1, RFC 8446 §4.1.3",
     "ServerHello with version 0x0304 in its legacy version field", "UNSUPPORTED_VERSION",
     "fatal protocol_version",
     [](Session& s) {
       ServerHelloSpec spec = s.server_hello_spec();
       spec.version = 0x0304;
       with_server_hello(s, spec);
     }},
    {"unoffered_suite", "RFC 5246 §7.4.1.3",
     "ServerHello picks TLS_RSA_WITH_AES_128_CBC_SHA (0x002f), which was not offered",
     "UNOFFERED_CHOICE", "fatal illegal_parameter",
     [](Session& s) {
       ServerHelloSpec spec = s.server_hello_spec();
       spec.suite = 0x002f;
       with_server_hello(s, spec);
     }},
    {"tls13_suite_in_tls12", "RFC 5246 §7.4.1.3, RFC 8446 §B.4",
     "ServerHello picks TLS_AES_128_GCM_SHA256 (0x1301) in a TLS 1.2 handshake",
     "UNOFFERED_CHOICE", "fatal illegal_parameter",
     [](Session& s) {
       ServerHelloSpec spec = s.server_hello_spec();
       spec.suite = 0x1301;
       with_server_hello(s, spec);
     }},
    {"unoffered_compression", "RFC 5246 §7.4.1.3",
     "ServerHello picks compression method 1 (DEFLATE); only null was offered",
     "UNOFFERED_CHOICE", "fatal illegal_parameter",
     [](Session& s) {
       ServerHelloSpec spec = s.server_hello_spec();
       spec.compression = 1;
       with_server_hello(s, spec);
     }},
    {"unsolicited_extension", "RFC 5246 §7.4.1.4",
     "ServerHello carries session_ticket, which the client did not offer",
     "UNSOLICITED_EXTENSION", "fatal unsupported_extension",
     [](Session& s) { with_server_hello(s, hello_with(s, ext::session_ticket, {})); }},
    {"unsolicited_unknown_extension", "RFC 5246 §7.4.1.4",
     "ServerHello carries an extension of unassigned type 0x7a7a", "UNSOLICITED_EXTENSION",
     "fatal unsupported_extension",
     [](Session& s) { with_server_hello(s, hello_with(s, 0x7a7a, {1, 2, 3})); }},
    {"alpn_unoffered_protocol", "RFC 7301 §3.1",
     "ServerHello selects ALPN protocol \"h2\"; the client offered only http/1.1",
     "UNOFFERED_CHOICE", "fatal illegal_parameter",
     [](Session& s) {
       with_server_hello(s, hello_with(s, ext::alpn, {0, 3, 2, 'h', '2'}));
     }},
    {"ec_point_formats_without_uncompressed", "RFC 8422 §5.2",
     "ServerHello's ec_point_formats lists only ansiX962_compressed_prime", "UNOFFERED_CHOICE",
     "fatal illegal_parameter",
     [](Session& s) {
       ServerHelloSpec spec = s.server_hello_spec();
       for (auto& e : spec.extensions)
         if (e.first == ext::ec_point_formats) e.second = {1, 1};
       with_server_hello(s, spec);
     }},
    {"renegotiation_info_not_empty", "RFC 5746 §3.4",
     "ServerHello's renegotiation_info carries 12 bytes on a first handshake",
     "RENEGOTIATION_INFO_INVALID", "fatal handshake_failure",
     [](Session& s) {
       ServerHelloSpec spec = s.server_hello_spec();
       for (auto& e : spec.extensions)
         if (e.first == ext::renegotiation_info) {
           e.second.assign(13, 0x11);
           e.second[0] = 12;
         }
       with_server_hello(s, spec);
     }},

    // Messages out of order.
    {"second_server_hello", "RFC 5246 §7.3",
     "sends ServerHello twice", "UNEXPECTED_MESSAGE", "fatal unexpected_message",
     [](Session& s) {
       s.read_client_hello();
       Flight f = honest_flight(s);
       f.insert(f.begin() + 1, f[0]);
       with_flight(s, f);
     }},
    {"out_of_order", "RFC 5246 §7.3",
     "sends ServerHelloDone before Certificate", "UNEXPECTED_MESSAGE",
     "fatal unexpected_message",
     [](Session& s) {
       s.read_client_hello();
       Flight f = honest_flight(s);
       with_flight(s, {f[0], f[3], f[1], f[2]});
     }},
    {"server_key_exchange_before_certificate", "RFC 5246 §7.3",
     "sends ServerKeyExchange before Certificate", "UNEXPECTED_MESSAGE",
     "fatal unexpected_message",
     [](Session& s) {
       s.read_client_hello();
       Flight f = honest_flight(s);
       with_flight(s, {f[0], f[2], f[1], f[3]});
     }},
    {"missing_server_key_exchange", "RFC 5246 §7.4.3, RFC 8422 §5.4",
     "skips ServerKeyExchange (an ECDHE suite needs it)", "UNEXPECTED_MESSAGE",
     "fatal unexpected_message",
     [](Session& s) {
       s.read_client_hello();
       Flight f = honest_flight(s);
       with_flight(s, {f[0], f[1], f[3]});
     }},
    {"unknown_handshake_type", "RFC 5246 §7.4",
     "sends a handshake message of type 99 after ServerHello", "UNEXPECTED_MESSAGE",
     "fatal unexpected_message",
     [](Session& s) {
       s.read_client_hello();
       Flight f = honest_flight(s);
       f.insert(f.begin() + 1, Session::frame(99, Bytes{1, 2, 3}));
       with_flight(s, f);
     }},
    {"server_hello_done_twice", "RFC 5246 §7.3",
     "sends ServerHelloDone twice", "UNEXPECTED_MESSAGE", "fatal unexpected_message",
     [](Session& s) {
       s.read_client_hello();
       Flight f = honest_flight(s);
       s.send_flight(f);
       // Not in the transcript: the client has already sent its flight when this one arrives.
       s.send_record(content::handshake, f[3]);
       finish(s);
     }},
    {"certificate_request_twice", "RFC 5246 §7.3",
     "sends CertificateRequest twice", "UNEXPECTED_MESSAGE", "fatal unexpected_message",
     [](Session& s) {
       s.read_client_hello();
       with_flight(s, {s.server_hello(), s.certificate(), s.server_key_exchange(),
                       s.certificate_request(), s.certificate_request(),
                       s.server_hello_done()});
     }},
    {"change_cipher_spec_early", "RFC 5246 §7.1",
     "sends ChangeCipherSpec right after ServerHello", "UNEXPECTED_MESSAGE",
     "fatal unexpected_message",
     [](Session& s) {
       s.read_client_hello();
       Flight f = honest_flight(s);
       s.send_handshake(f[0]);
       const std::uint8_t one[1] = {1};
       s.send_raw(raw_record(content::change_cipher_spec, kTls12, one));
       with_flight(s, {f[1], f[2], f[3]});
     }},
    {"change_cipher_spec_bad_payload", "RFC 5246 §7.1",
     "its ChangeCipherSpec record holds the byte 02", "DECODE_ERROR", "fatal decode_error",
     [](Session& s) {
       after_client_finished(s, [&] {
         const std::uint8_t two[1] = {2};
         s.send_raw(raw_record(content::change_cipher_spec, kTls12, two));
         s.send_ccs_and_finished();
       });
     }},
    {"change_cipher_spec_mid_message", "RFC 5246 §7.1",
     "sends 2 bytes of a handshake message, then ChangeCipherSpec", "UNEXPECTED_MESSAGE",
     "fatal unexpected_message",
     [](Session& s) {
       after_client_finished(s, [&] {
         const std::uint8_t part[2] = {hs::finished, 0};
         s.send_raw(raw_record(content::handshake, kTls12, part));
         s.send_ccs_and_finished();
       });
     }},
    {"change_cipher_spec_twice", "RFC 5246 §7.1",
     "sends ChangeCipherSpec twice (the second one encrypted)", "UNEXPECTED_MESSAGE",
     "fatal unexpected_message",
     [](Session& s) {
       after_client_finished(s, [&] {
         s.send_change_cipher_spec();
         s.send_ccs_and_finished();
       });
     }},
    {"finished_without_change_cipher_spec", "RFC 5246 §7.1, §7.4.9",
     "sends its Finished in the clear, without ChangeCipherSpec", "UNEXPECTED_MESSAGE",
     "fatal unexpected_message",
     [](Session& s) { after_client_finished(s, [&] { s.send_handshake(s.finished()); }); }},
    {"app_data_before_change_cipher_spec", "RFC 5246 §7.3",
     "sends a plaintext application data record before its ChangeCipherSpec",
     "UNEXPECTED_MESSAGE", "fatal unexpected_message",
     [](Session& s) {
       after_client_finished(s, [&] {
         s.send_record(content::application_data, as_bytes("HTTP/1.1 200 OK\r\n\r\n"));
         s.send_ccs_and_finished();
       });
     }},
    {"app_data_before_finished", "RFC 5246 §7.3, §7.4.9",
     "after its ChangeCipherSpec, sends encrypted application data before Finished",
     "UNEXPECTED_MESSAGE", "fatal unexpected_message",
     [](Session& s) {
       after_client_finished(s, [&] {
         s.send_change_cipher_spec();
         s.send_record(content::application_data, as_bytes("HTTP/1.1 200 OK\r\n\r\n"));
         s.send_handshake(s.finished());
       });
     }},

    // Certificates.
    {"certificate_empty", "RFC 5246 §7.4.2",
     "an empty certificate_list", "CERT_INVALID", "fatal bad_certificate",
     [](Session& s) { with_certificate(s, s.certificate({})); }},
    {"certificate_garbage_der", "RFC 5246 §7.4.2, RFC 5280 §4.1",
     "a certificate entry of 100 bytes that are not DER", "CERT_INVALID",
     "fatal bad_certificate",
     [](Session& s) {
       Bytes garbage(100, 0xa5);
       garbage[0] = 0x30;
       garbage[1] = 0x62;
       with_certificate(s, s.certificate({garbage}));
     }},
    {"certificate_lying_entry_length", "RFC 5246 §4.3, §7.4.2",
     "the leaf's 3-byte length points past the certificate_list", "DECODE_ERROR",
     "fatal decode_error",
     [](Session& s) {
       Bytes cert = s.certificate({s.identity().chain[0]});
       bump_u16(cert, 4 + 3 + 1, 5);  // low 2 bytes of the (only) entry's length
       with_certificate(s, cert);
     }},
    {"certificate_leaf_only", "RFC 5246 §7.4.2, RFC 5280 §6",
     "sends the leaf without its intermediate: no path to a trusted root",
     "CERT_AUTHORITY_INVALID", "fatal unknown_ca",
     [](Session& s) { with_certificate(s, s.certificate({s.identity().chain[0]})); }},
    {"certificate_leaf_sent_twice", "RFC 8446 §4.4.2 (on TLS 1.2 chains too)",
     "sends leaf, leaf, intermediate: the copy of the leaf is extraneous and left out, the path "
     "built is leaf, intermediate (as browsers build it)",
     "", "",
     [](Session& s) {
       const auto& c = s.identity().chain;
       with_certificate(s, s.certificate({c[0], c[0], c[1]}));
     }},
    {"certificate_intermediate_first", "RFC 8446 §4.4.2, RFC 5246 §7.4.2",
     "sends intermediate, leaf: any order is tolerated except the end-entity certificate's, "
     "which MUST come first, so the intermediate is taken for the server's certificate and "
     "does not cover the name",
     "CERT_NAME_INVALID", "fatal bad_certificate",
     [](Session& s) {
       const auto& c = s.identity().chain;
       with_certificate(s, s.certificate({c[1], c[0]}));
     }},
    {"certificate_extra_after_anchor", "RFC 8446 §4.4.2 (on TLS 1.2 chains too)",
     "sends leaf, intermediate, leaf, intermediate: the path ends at a trusted root after the "
     "intermediate, the rest is ignored (as BearSSL and browsers do)",
     "", "",
     [](Session& s) {
       const auto& c = s.identity().chain;
       with_certificate(s, s.certificate({c[0], c[1], c[0], c[1]}));
     }},
    {"certificate_zero_length_entry", "RFC 5246 §7.4.2",
     "a certificate_list whose only entry is empty", "CERT_INVALID", "fatal bad_certificate",
     [](Session& s) { with_certificate(s, s.certificate({Bytes{}})); }},
    {"certificate_rsa_for_ecdsa_suite", "RFC 8422 §5.3",
     "an ECDHE_ECDSA suite with a (valid) RSA certificate chain", "CERT_INVALID",
     "fatal bad_certificate",
     [](Session& s) {
       with_certificate(
           s, s.certificate(read_pem_chain(s.identity().pki_dir / "rsa-leaf-chain.pem")));
     }},

    // ServerKeyExchange.
    {"bad_ske_signature", "RFC 5246 §7.4.3",
     "flips a byte of the ServerKeyExchange signature", "BAD_SIGNATURE", "fatal decrypt_error",
     [](Session& s) {
       s.read_client_hello();
       Flight f = honest_flight(s);
       f[2].back() ^= 0x01;  // the last byte of the signature's s
       with_flight(s, f);
     }},
    {"ske_signature_over_other_randoms", "RFC 5246 §7.4.3",
     "signs its params over another client_random (a replayed ServerKeyExchange)",
     "BAD_SIGNATURE", "fatal decrypt_error",
     [](Session& s) {
       KeyExchangeSpec spec;
       spec.signed_client_random = Bytes(32, 0);
       with_key_exchange(s, spec);
     }},
    {"ske_signature_garbage", "RFC 5246 §7.4.3",
     "a ServerKeyExchange signature of 70 bytes that are not DER", "BAD_SIGNATURE",
     "fatal decrypt_error",
     [](Session& s) {
       KeyExchangeSpec spec;
       spec.signature = Bytes(70, 0x55);
       with_key_exchange(s, spec);
     }},
    {"ske_signature_empty", "RFC 5246 §7.4.3",
     "a ServerKeyExchange with an empty signature", "BAD_SIGNATURE", "fatal decrypt_error",
     [](Session& s) {
       KeyExchangeSpec spec;
       spec.signature = Bytes{};
       with_key_exchange(s, spec);
     }},
    {"ske_unoffered_scheme", "RFC 5246 §7.4.1.4.1",
     "signs with ecdsa_sha1 (0x0203), which the client did not offer", "UNOFFERED_CHOICE",
     "fatal illegal_parameter",
     [](Session& s) {
       KeyExchangeSpec spec;
       spec.scheme = 0x0203;
       with_key_exchange(s, spec);
     }},
    {"ske_rsa_scheme_with_ecdsa_key", "RFC 5246 §7.4.3",
     "labels its ECDSA signature rsa_pkcs1_sha256", "BAD_SIGNATURE", "fatal decrypt_error",
     [](Session& s) {
       KeyExchangeSpec spec;
       spec.scheme = 0x0401;
       with_key_exchange(s, spec);
     }},
    {"ske_lying_signature_length", "RFC 5246 §4.3, §7.4.3",
     "the signature's length points 10 bytes past the end of ServerKeyExchange",
     "DECODE_ERROR", "fatal decode_error",
     [](Session& s) {
       s.read_client_hello();
       Flight f = honest_flight(s);
       std::size_t at = 4 + 4 + 32 + 2;  // curve_type, group, point length, point, scheme
       bump_u16(f[2], at, 10);
       with_flight(s, f);
     }},
    {"ske_off_curve_point", "RFC 8422 §5.4, §5.11",
     "a (correctly signed) secp256r1 point whose Y was changed, so it is off the curve",
     "BAD_KEY_SHARE", "fatal illegal_parameter",
     [](Session& s) {
       s.read_client_hello();
       KeyExchangeSpec spec;
       spec.group = kSecp256r1;
       Bytes point = p256_point(s);
       point.back() ^= 0x01;
       spec.point = point;
       with_flight(s, {s.server_hello(), s.certificate(), s.server_key_exchange(spec),
                       s.server_hello_done()});
     }},
    {"ske_wrong_length_point", "RFC 8422 §5.4, RFC 7748 §6.1",
     "a (correctly signed) x25519 public key of 31 bytes", "BAD_KEY_SHARE",
     "fatal illegal_parameter",
     [](Session& s) {
       KeyExchangeSpec spec;
       spec.point = Bytes(31, 0x09);
       with_key_exchange(s, spec);
     }},
    {"ske_compressed_point", "RFC 8422 §5.1.2, §5.4",
     "a (correctly signed) compressed secp256r1 point; only uncompressed was offered",
     "BAD_KEY_SHARE", "fatal illegal_parameter",
     [](Session& s) {
       s.read_client_hello();
       KeyExchangeSpec spec;
       spec.group = kSecp256r1;
       Bytes point = p256_point(s);
       Bytes compressed(point.begin(), point.begin() + 33);
       compressed[0] = static_cast<std::uint8_t>(2 + (point.back() & 1));
       spec.point = compressed;
       with_flight(s, {s.server_hello(), s.certificate(), s.server_key_exchange(spec),
                       s.server_hello_done()});
     }},
    {"ske_x25519_zero_point", "RFC 8422 §5.11, RFC 7748 §6.1",
     "a (correctly signed) all-zero x25519 key: the shared secret would be all zeros",
     "BAD_KEY_SHARE", "fatal illegal_parameter",
     [](Session& s) {
       KeyExchangeSpec spec;
       spec.point = Bytes(32, 0);
       with_key_exchange(s, spec);
     }},
    {"unoffered_group", "RFC 8422 §5.4",
     "ServerKeyExchange uses secp521r1, which the client did not offer", "UNOFFERED_CHOICE",
     "fatal illegal_parameter",
     [](Session& s) {
       KeyExchangeSpec spec;
       spec.group = 0x0019;
       spec.point = Bytes(133, 4);
       with_key_exchange(s, spec);
     }},
    {"ske_explicit_curve", "RFC 8422 §5.4",
     "ServerKeyExchange with curve_type explicit_prime (1) instead of named_curve",
     "UNOFFERED_CHOICE", "fatal illegal_parameter",
     [](Session& s) {
       KeyExchangeSpec spec;
       spec.curve_type = 1;
       with_key_exchange(s, spec);
     }},

    // Finished.
    {"bad_finished", "RFC 5246 §7.4.9",
     "a correctly encrypted Finished with a wrong verify_data", "BAD_FINISHED",
     "fatal decrypt_error",
     [](Session& s) {
       after_client_finished(s, [&] {
         s.send_change_cipher_spec();
         Bytes fin = s.finished();
         fin[4] ^= 0x01;
         s.send_handshake(fin);
       });
     }},
    {"finished_wrong_length", "RFC 5246 §7.4.9",
     "a correctly encrypted Finished whose verify_data has 13 bytes (12 are due)",
     "DECODE_ERROR", "fatal decode_error",
     [](Session& s) {
       after_client_finished(s, [&] {
         s.send_change_cipher_spec();
         Bytes fin = s.finished();
         Bytes body = body_of(fin);
         body.push_back(0);
         s.send_handshake(reframe(fin, body));
       });
     }},

    // Alerts and renegotiation.
    {"handshake_failure_alert", "RFC 5246 §7.2.2, §7.4.1.3",
     "answers the ClientHello with a fatal handshake_failure alert", "VERSION_OR_CIPHER_MISMATCH",
     "",
     [](Session& s) {
       s.read_client_hello();
       s.send_alert(kFatal, 40);
     }},
    {"alert_mid_handshake", "RFC 5246 §7.2",
     "sends half of its Certificate message, a fatal handshake_failure alert, then the rest",
     "ALERT_RECEIVED", "",
     [](Session& s) {
       s.read_client_hello();
       Flight f = honest_flight(s);
       for (const auto& m : f) s.add_to_transcript(m);
       Bytes all = join(f);
       std::size_t cut = f[0].size() + f[1].size() / 2;
       s.send_raw(raw_record(content::handshake, kTls12, ByteView(all).first(cut)));
       s.send_alert(kFatal, 40);
       s.send_raw(raw_record(content::handshake, kTls12, ByteView(all).subspan(cut)));
       finish(s);
     }},
    {"warning_alert_mid_handshake", "RFC 5246 §7.2, RFC 6066 §3",
     "sends a warning unrecognized_name alert between ServerHello and Certificate", "", "",
     [](Session& s) {
       s.read_client_hello();
       Flight f = honest_flight(s);
       s.send_handshake(f[0]);
       s.send_alert(kWarning, 112);
       with_flight(s, {f[1], f[2], f[3]});
     }},
    {"close_notify_mid_handshake", "RFC 5246 §7.2.1",
     "sends close_notify right after ServerHello", "CONNECTION_CLOSED", "",
     [](Session& s) {
       s.read_client_hello();
       s.send_handshake(s.server_hello());
       s.send_alert(kWarning, 0);
       s.close_write();
     }},
    {"hello_request_mid_handshake", "RFC 5246 §7.4.1.1",
     "sends HelloRequest between ServerHello and Certificate; the client must ignore it", "",
     "",
     [](Session& s) {
       s.read_client_hello();
       Flight f = honest_flight(s);
       s.send_handshake(f[0]);
       // RFC 5246 §7.4.1.1: HelloRequest is not part of the transcript.
       s.send_record(content::handshake, Session::frame(hs::hello_request, {}));
       with_flight(s, {f[1], f[2], f[3]});
     }},
    {"hello_request_after_handshake", "RFC 5246 §7.4.1.1, RFC 5746 §4.2",
     "after the handshake, sends HelloRequest: the client declines with a warning and goes on",
     "", "warning no_renegotiation",
     [](Session& s) {
       s.handshake();
       s.read_http_request();
       s.send_record(content::handshake, Session::frame(hs::hello_request, {}));
       if (!s.read_record()) throw ClientStopped("the client closed the connection");
       s.send_http_response();
     }},
    {"hello_request_with_body", "RFC 5246 §7.4.1.1, §7.2.2",
     "after the handshake, sends a HelloRequest with a 1-byte body (it is empty)",
     "DECODE_ERROR", "fatal decode_error",
     [](Session& s) {
       s.handshake();
       s.read_http_request();
       s.send_record(content::handshake, Session::frame(hs::hello_request, Bytes{0}));
       if (!s.read_record()) throw ClientStopped("the client closed the connection");
       s.send_http_response();
     }},
    {"server_hello_after_handshake", "RFC 5246 §7.3",
     "after the handshake, sends a ServerHello instead of the HTTP answer", "UNEXPECTED_MESSAGE",
     "fatal unexpected_message",
     [](Session& s) {
       s.handshake();
       s.read_http_request();
       s.send_record(content::handshake, s.server_hello());
       s.send_http_response();
     }},

    // TLS 1.3 (RFC 8446): TLS_AES_128_GCM_SHA256, x25519, the ECDSA P-256 certificate.
    {"tls13_baseline", "RFC 8446 §2",
     "an honest TLS 1.3 handshake and an HTTP answer", "", "",
     [](Session& s) {
       s.tls13_handshake();
       s.serve_http();
     }},
    {"tls13_bad_certificate_verify", "RFC 8446 §4.4.3",
     "TLS 1.3 CertificateVerify with one byte of its ECDSA signature flipped", "BAD_SIGNATURE",
     "fatal decrypt_error",
     [](Session& s) {
       s.read_client_hello();
       s.tls13_send_server_hello();
       Tls13FlightSpec spec;
       spec.flip_signature_byte = true;
       s.tls13_send_server_flight(spec);
       s.tls13_read_client_finished();
       s.serve_http();
     }},
    {"tls13_bad_finished", "RFC 8446 §4.4.4",
     "TLS 1.3 server Finished with a wrong verify_data, correctly encrypted", "BAD_FINISHED",
     "fatal decrypt_error",
     [](Session& s) {
       s.read_client_hello();
       s.tls13_send_server_hello();
       Tls13FlightSpec spec;
       spec.flip_verify_data = true;
       s.tls13_send_server_flight(spec);
       s.tls13_read_client_finished();
       s.serve_http();
     }},
    {"tls12_downgrade_sentinel", "RFC 8446 §4.1.3",
     "answers a 1.3-offering client with TLS 1.2 and a random ending in DOWNGRD 01",
     "DOWNGRADE_DETECTED", "fatal illegal_parameter",
     [](Session& s) {
       Bytes random = s.server_random();
       const std::uint8_t sentinel[8] = {0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0x01};
       for (std::size_t i = 0; i < 8; ++i) random.at(24 + i) = sentinel[i];
       s.set_server_random(random);
       s.handshake();
       s.serve_http();
     }},
    {"tls13_hrr_unoffered_group", "RFC 8446 §4.1.4",
     "a HelloRetryRequest selecting x448 (0x001e), which the client never offered",
     "UNOFFERED_CHOICE", "fatal illegal_parameter",
     [](Session& s) {
       s.read_client_hello();
       s.send_hello_retry_request(0x001e);
       s.read_client_hello();
     }},
    {"tls13_hrr_twice", "RFC 8446 §4.1.4",
     "a HelloRetryRequest for secp256r1, then a second HelloRetryRequest (for x25519)",
     "UNEXPECTED_MESSAGE", "fatal unexpected_message",
     [](Session& s) {
       s.read_client_hello();
       s.send_hello_retry_request(kSecp256r1);
       s.read_client_hello();
       s.send_hello_retry_request(kX25519);
       s.read_client_hello();
     }},
    // X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem): the client's default first key share.
    {"tls13_hybrid_baseline", "draft-ietf-tls-ecdhe-mlkem §3",
     "an honest TLS 1.3 handshake over X25519MLKEM768 (ML-KEM-768 ciphertext + X25519)", "", "",
     [](Session& s) {
       s.read_client_hello();
       Tls13ShareSpec spec;
       spec.group = kX25519MLKEM768;
       s.tls13_send_server_hello(spec);
       s.tls13_send_server_flight();
       s.tls13_read_client_finished();
       s.serve_http();
     }},
    {"tls13_supported_versions_unoffered", "RFC 8446 §4.2.1",
     "a TLS 1.3 ServerHello whose supported_versions names 0x0305, a version never offered",
     "UNOFFERED_CHOICE", "fatal illegal_parameter",
     [](Session& s) {
       s.read_client_hello();
       Tls13ShareSpec spec;
       spec.selected_version = 0x0305;
       s.tls13_send_server_hello(spec);
       s.read_handshake();
     }},
    {"tls13_hybrid_share_short", "draft-ietf-tls-ecdhe-mlkem §4.1",
     "an X25519MLKEM768 server share of 1119 bytes instead of 1120", "BAD_KEY_SHARE",
     "fatal illegal_parameter",
     [](Session& s) {
       s.read_client_hello();
       Tls13ShareSpec spec;
       spec.group = kX25519MLKEM768;
       spec.drop_last_byte = true;
       s.tls13_send_server_hello(spec);
       s.read_handshake();
     }},
    {"tls13_hybrid_zero_x25519", "RFC 8446 §7.4.2, draft-ietf-tls-ecdhe-mlkem §4.1",
     "an X25519MLKEM768 server share whose X25519 half is all zeros (a low-order point)",
     "BAD_KEY_SHARE", "fatal illegal_parameter",
     [](Session& s) {
       s.read_client_hello();
       Tls13ShareSpec spec;
       spec.group = kX25519MLKEM768;
       spec.zero_x25519 = true;
       s.tls13_send_server_hello(spec);
       s.read_handshake();
     }},
    // ML-KEM's implicit rejection: decapsulation still yields 32 bytes, just not the server's,
    // so the two sides' handshake keys differ and the first encrypted record fails to open.
    {"tls13_hybrid_ciphertext_for_another_key", "FIPS 203 §6.3, RFC 8446 §5.2",
     "an ML-KEM ciphertext encapsulated to another key than the client's", "BAD_RECORD_MAC",
     "fatal bad_record_mac",
     [](Session& s) {
       s.read_client_hello();
       Tls13ShareSpec spec;
       spec.group = kX25519MLKEM768;
       spec.ciphertext_for_another_key = true;
       s.tls13_send_server_hello(spec);
       s.tls13_send_server_flight();
       s.read_handshake();
     },
     true},
    {"tls13_hrr_to_hybrid_with_share", "RFC 8446 §4.1.4",
     "a HelloRetryRequest selecting X25519MLKEM768, for which the ClientHello already had a key share",
     "UNOFFERED_CHOICE", "fatal illegal_parameter",
     [](Session& s) {
       s.read_client_hello();
       s.send_hello_retry_request(kX25519MLKEM768);
       s.read_client_hello();
     }},
    {"tls13_hrr_unoffered_hybrid", "RFC 8446 §4.1.4",
     "a HelloRetryRequest selecting SecP256r1MLKEM768 (0x11eb), which the client never offered",
     "UNOFFERED_CHOICE", "fatal illegal_parameter",
     [](Session& s) {
       s.read_client_hello();
       s.send_hello_retry_request(0x11eb);
       s.read_client_hello();
     }},
    {"tls13_key_update_requested", "RFC 8446 §4.6.3",
     "after the handshake, KeyUpdate(update_requested) before the answer: the client must "
     "answer with its own KeyUpdate and switch keys (the answer waits for it); its "
     "close_notify must open under its new key",
     "", "warning close_notify",
     [](Session& s) {
       s.tls13_handshake();
       s.tls13_send_key_update(true);
       s.read_http_request();
       while (s.client_key_updates() == 0) {
         auto rec = s.read_record();
         if (!rec) throw ClientStopped("the client closed the connection");
         if (rec->type == content::alert) throw ClientStopped("the client sent an alert");
       }
       s.send_http_response();
     }},
    {"tls13_key_update_bad_request", "RFC 8446 §4.6.3",
     "after the handshake, a KeyUpdate whose request_update is 2: only 0 (update_not_requested) "
     "and 1 (update_requested) exist",
     "UNOFFERED_CHOICE", "fatal illegal_parameter",
     [](Session& s) {
       s.tls13_handshake();
       const std::uint8_t key_update[] = {24, 0, 0, 1, 2};  // KeyUpdate, request_update = 2
       s.send_record(content::handshake, key_update);
       s.read_http_request();
       s.send_http_response();
     }},

    // TLS 1.3's compatibility ChangeCipherSpec (RFC 8446 §5): only in the clear, only the byte
    // 01, only before the server's Finished.
    {"tls13_encrypted_change_cipher_spec", "RFC 8446 §5",
     "after ServerHello, a ChangeCipherSpec sealed under its handshake traffic key (inner "
     "content type 20)",
     "UNEXPECTED_MESSAGE", "fatal unexpected_message",
     [](Session& s) {
       s.read_client_hello();
       s.tls13_send_server_hello();
       const std::uint8_t one[1] = {1};
       s.send_record(content::change_cipher_spec, one);  // protected: the write key is on
       s.tls13_send_server_flight();  // switches to the key the client's alert comes under
       s.tls13_read_client_finished();
     }},
    {"tls13_change_cipher_spec_bad_payload", "RFC 8446 §5",
     "after ServerHello, a plaintext ChangeCipherSpec record holding the byte 02",
     "UNEXPECTED_MESSAGE", "fatal unexpected_message",
     [](Session& s) {
       s.read_client_hello();
       s.tls13_send_server_hello();
       const std::uint8_t two[1] = {2};
       s.send_raw(raw_record(content::change_cipher_spec, kTls12, two));
       s.tls13_send_server_flight();
       s.tls13_read_client_finished();
     }},
    {"tls13_change_cipher_spec_after_finished", "RFC 8446 §5",
     "after the handshake, a plaintext ChangeCipherSpec (01) before the HTTP answer",
     "UNEXPECTED_MESSAGE", "fatal unexpected_message",
     [](Session& s) {
       s.tls13_handshake();
       const std::uint8_t one[1] = {1};
       s.send_raw(raw_record(content::change_cipher_spec, kTls12, one));
       s.read_http_request();
       s.send_http_response();
     }},
};

}  // namespace

std::span<const HostileCase> hostile_cases() { return kCases; }

const HostileCase* find_case(std::string_view name) {
  for (const auto& c : kCases)
    if (c.name == name) return &c;
  return nullptr;
}

}  // namespace tlsscope::hostile
