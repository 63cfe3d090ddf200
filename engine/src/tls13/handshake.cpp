// The TLS 1.3 handshake, client side (RFC 8446 §4): ServerHello or HelloRetryRequest,
// then the encrypted flight — EncryptedExtensions, [CertificateRequest], Certificate,
// CertificateVerify, Finished — and the client's Finished; after it, NewSessionTicket and
// KeyUpdate.
#include <algorithm>

#include "connection.hpp"
#include "crypto/hash.hpp"
#include "events/field.hpp"
#include "msgs/finished.hpp"
#include "msgs/tls13_messages.hpp"
#include "tables/signature_schemes.hpp"
#include "tls13/key_schedule.hpp"
#include "tlsscope/names.hpp"

#include <bearssl.h>

namespace tlsscope {
namespace {

template <typename T>
bool contains(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::string hkdf_name(const SuiteInfo& s) { return "HKDF with " + std::string(hash_name(s.prf_hash)); }

// RFC 8446 §4.2.3: in TLS 1.3 an ECDSA scheme names its curve, and PKCS#1 v1.5 is not allowed
// for CertificateVerify.
bool usable_for_tls13(const SignatureSchemeInfo& s, const PublicKey& key) {
  if (s.kind == SigKind::rsa_pkcs1) return false;
  if (s.kind == SigKind::rsa_pss) return key.type == PublicKey::Type::rsa;
  int curve = s.id == 0x0403 ? BR_EC_secp256r1 : s.id == 0x0503 ? BR_EC_secp384r1 : BR_EC_secp521r1;
  return key.type == PublicKey::Type::ec && key.curve == curve;
}

}  // namespace

void Client::Impl::install_tls13_keys(bool write, const SuiteInfo& suite, ByteView secret,
                                      std::string_view secret_name) {
  Bytes key = tls13::traffic_key(suite, secret), iv = tls13::traffic_iv(suite, secret);
  std::string who = write ? "client" : "server";
  std::vector<SecretInput> from = {{std::string(secret_name), to_hex(secret)}};
  events.secret("traffic_keys", who + "_write_key", key, hkdf_name(suite), from, "key");
  events.secret("traffic_keys", who + "_write_iv", iv, hkdf_name(suite), from, "iv",
                note(NoteId::nonce_iv_xor13));
  RecordProtection p(suite, std::move(key), std::move(iv));
  if (write) records.protect_writes(std::move(p));
  else records.protect_reads(std::move(p));
}

std::optional<Error> Client::Impl::on_server_hello13(ExpectServerHello& s, const ServerHello& sh,
                                                     const HandshakeMessage& m, bool retry) {
  if (sh.version != 0x0303)  // RFC 8446 §4.1.3: legacy_version stays TLS 1.2
    return Error{ErrorCode::unsupported_version, "legacy_version must be TLS 1.2 in TLS 1.3"};
  if (sh.session_id != offer.session_id)
    return Error{ErrorCode::unoffered_choice, "the server did not echo the client's session_id"};
  const SuiteInfo* suite = find_suite(sh.cipher_suite);
  if (!suite || !suite->tls13 || !contains(offer.suites, sh.cipher_suite) ||
      (retry_suite && retry_suite != suite))
    return Error{ErrorCode::unoffered_choice,
                 "the server chose " + cipher_suite_name(sh.cipher_suite) + ", which was not offered for TLS 1.3"};
  if (sh.compression != 0)
    return Error{ErrorCode::unoffered_choice, "TLS 1.3 has no compression"};
  for (const auto& e : sh.extensions)
    if (e.type != ext::supported_versions && e.type != ext::key_share &&
        !(retry && e.type == ext::cookie))
      return Error{ErrorCode::unsolicited_extension,
                   extension_name(e.type) + " may not appear in a " + (retry ? "HelloRetryRequest" : "ServerHello")};
  if (retry) {
    if (s.after_hello_retry)
      return Error{ErrorCode::unexpected_message, "a second HelloRetryRequest (RFC 8446 §4.1.4)"};
    retry_suite = suite;
    return on_hello_retry_request(sh, m);
  }
  const Extension* ks = sh.find(ext::key_share);
  if (!ks) return Error{ErrorCode::unoffered_choice, "the ServerHello has no key_share"};
  Reader r(ks->body);
  std::uint16_t group = r.u16();
  Reader key = r.sub_prefixed(2);
  ByteView server_public = key.bytes(key.remaining());
  if (!r.ok() || !r.empty()) return Error{ErrorCode::decode_error, "malformed key_share"};
  auto mine = std::find_if(key_shares.begin(), key_shares.end(),
                           [&](const ClientKeyShare& k) { return k.group == group; });
  if (mine == key_shares.end())
    return noted_error(ErrorCode::unoffered_choice,
                       note(NoteId::err_no_share_for_group, {group_name(group)}));
  auto finished = finish_key_exchange(*mine, server_public, events);
  if (auto* e = std::get_if<Error>(&finished)) return std::move(*e);
  const Bytes* shared = &std::get<Bytes>(finished);
  tls13 = true;
  const Hash h = suite->prf_hash;
  Bytes early = tls13::early_secret(h);
  events.secret("early_secret", "early_secret", early, "HKDF-Extract with " + std::string(hash_name(h)),
                {{"salt", to_hex(Bytes(hash_len(h), 0))}, {"ikm", to_hex(Bytes(hash_len(h), 0))}});
  Bytes hs_secret = tls13::next_stage(h, early, *shared);
  events.secret("handshake_secret", "handshake_secret", hs_secret,
                "HKDF-Extract(Derive-Secret(early_secret, \"derived\", \"\"), shared_secret)",
                {{"early_secret", to_hex(early)}, {"shared_secret", to_hex(*shared)}});
  Bytes th = transcript_hash(h, transcript.size());
  tls13::HandshakeKeys k;
  k.suite = suite;
  k.group = group;
  k.handshake_secret = hs_secret;
  k.client_secret = tls13::derive_secret(h, hs_secret, tls13::kClientHandshake, th);
  k.server_secret = tls13::derive_secret(h, hs_secret, tls13::kServerHandshake, th);
  std::vector<SecretInput> in = {{"handshake_secret", to_hex(hs_secret)}, {"transcript_hash", to_hex(th)}};
  events.secret("handshake_traffic_secret", "client_handshake_traffic_secret", k.client_secret,
                hkdf_name(*suite), in, std::string(tls13::kClientHandshake));
  events.secret("handshake_traffic_secret", "server_handshake_traffic_secret", k.server_secret,
                hkdf_name(*suite), in, std::string(tls13::kServerHandshake));
  log_secret("CLIENT_HANDSHAKE_TRAFFIC_SECRET", k.client_secret);
  log_secret("SERVER_HANDSHAKE_TRAFFIC_SECRET", k.server_secret);
  if (!reassembler.empty())  // RFC 8446 §5.1: no message may span a key change
    return Error{ErrorCode::unexpected_message, "a handshake message spans the switch to encryption"};
  install_tls13_keys(false, *suite, k.server_secret, "server_handshake_traffic_secret");
  // From here the client's own records, alerts included, are encrypted (RFC 8446 §6).
  install_tls13_keys(true, *suite, k.client_secret, "client_handshake_traffic_secret");
  hs = tls13::ExpectEncryptedExtensions{std::move(k)};
  return std::nullopt;
}

std::optional<Error> Client::Impl::on_hello_retry_request(const ServerHello& sh,
                                                          const HandshakeMessage& m) {
  const Extension* ks = sh.find(ext::key_share);
  if (!ks || ks->body.size() != 2)
    return Error{ErrorCode::decode_error, "a HelloRetryRequest names one group in key_share"};
  std::uint16_t group = static_cast<std::uint16_t>(ks->body[0] << 8 | ks->body[1]);
  // RFC 8446 §4.1.4: the group must have been offered, and not already had a share.
  bool had_share = std::any_of(key_shares.begin(), key_shares.end(),
                               [&](const ClientKeyShare& k) { return k.group == group; });
  if (!contains(offer.groups, group) || had_share)
    return Error{ErrorCode::unoffered_choice,
                 "the HelloRetryRequest asks for " + group_name(group) +
                     ", which was not offered or already had a key share"};
  offer.cookie.clear();
  if (const Extension* c = sh.find(ext::cookie)) {
    Reader r(c->body);
    Reader cookie = r.sub_prefixed(2);
    ByteView v = cookie.bytes(cookie.remaining());
    if (!r.ok() || !r.empty() || v.empty()) return Error{ErrorCode::decode_error, "malformed cookie"};
    offer.cookie.assign(v.begin(), v.end());
  }
  // The transcript restarts from a hash of ClientHello1 (§4.4.1).
  const Hash h = retry_suite->prf_hash;
  ByteView ch1 = ByteView(transcript).first(transcript.size() - m.bytes.size());
  Bytes restarted = tls13::message_hash(h, ch1);
  restarted.insert(restarted.end(), m.bytes.begin(), m.bytes.end());
  transcript = std::move(restarted);
  running_hash = {};
  key_shares = {make_client_key_share(group, config.random)};
  offer.key_shares = {{group, key_shares[0].key_exchange}};
  hs = ExpectServerHello{true};
  send_client_hello();
  return std::nullopt;
}

std::optional<Error> Client::Impl::on_encrypted_extensions(tls13::ExpectEncryptedExtensions& s,
                                                           const HandshakeMessage& m) {
  std::vector<Extension> exts;
  json fields, summary;
  auto err = tls13::parse_encrypted_extensions(m.bytes, exts, fields, summary);
  events.message("encrypted_extensions", "in", m.bytes, std::move(fields), std::move(summary));
  if (err) return err;
  for (const auto& e : exts) {
    bool offered = e.type == ext::supported_groups || (e.type == ext::server_name && !offer.sni.empty()) ||
                   (e.type == ext::alpn && !offer.alpn.empty());
    if (!offered)
      return Error{ErrorCode::unsolicited_extension,
                   "EncryptedExtensions carries " + extension_name(e.type) + ", which was not offered"};
    if (e.type == ext::alpn)
      if (auto bad = selected_alpn(e.body, offer.alpn, s.k.alpn)) return bad;
  }
  hs = tls13::ExpectCertificate{std::move(s.k), false, {}};
  return std::nullopt;
}

std::optional<Error> Client::Impl::on_certificate_request13(tls13::ExpectCertificate& s,
                                                            const HandshakeMessage& m) {
  json fields, summary;
  auto err = tls13::parse_certificate_request(m.bytes, s.request_context, fields, summary);
  events.message("certificate_request", "in", m.bytes, std::move(fields), std::move(summary));
  if (err) return err;
  if (s.certificate_requested) return Error{ErrorCode::unexpected_message, "a second CertificateRequest"};
  s.certificate_requested = true;
  return std::nullopt;
}

std::optional<Error> Client::Impl::on_certificate13(tls13::ExpectCertificate& s,
                                                    const HandshakeMessage& m) {
  std::vector<Certificate> chain;
  json fields, summary;
  auto err = tls13::parse_certificate(m.bytes, chain, fields, summary);
  events.message("certificate", "in", m.bytes, std::move(fields), std::move(summary));
  if (err) return err;
  ChainVerdict v = validate_chain(chain, *trust, config.server_name, config.now);
  events.check("certificate_chain", !v.error.has_value(), v.report);
  if (v.error) return v.error;
  tls13::ExpectCertificateVerify next{std::move(s.k), std::move(*v.key), chain[0].subject,
                                      s.certificate_requested, std::move(s.request_context)};
  hs = std::move(next);
  return std::nullopt;
}

std::optional<Error> Client::Impl::on_certificate_verify(tls13::ExpectCertificateVerify& s,
                                                         const HandshakeMessage& m) {
  tls13::CertificateVerify cv;
  json fields, summary;
  auto err = tls13::parse_certificate_verify(m.bytes, cv, fields, summary);
  events.message("certificate_verify", "in", m.bytes, std::move(fields), std::move(summary));
  if (err) return err;
  const PublicKey& key = s.server_key.key();
  const SignatureSchemeInfo* scheme = find_signature_scheme(cv.scheme);
  if (!scheme || !contains(offer.signature_schemes, cv.scheme) || !usable_for_tls13(*scheme, key))
    return Error{ErrorCode::unoffered_choice,
                 "the server signed with " + signature_scheme_name(cv.scheme) +
                     ", which was not offered for TLS 1.3 with a " + key.describe() + " key"};
  // The signature covers everything up to and including Certificate (§4.4.3).
  Bytes th = transcript_hash(s.k.suite->prf_hash, transcript.size() - m.bytes.size());
  Bytes content = tls13::certificate_verify_content(th);
  bool ok = verify_signature(scheme->kind, scheme->hash, key, content, cv.signature);
  events.check("certificate_verify", ok,
               {{"scheme", scheme->name},
                {"key", key.describe()},
                {"key_zh", key.describe_zh()},
                {"certificate", s.server_subject},
                {"signed_over", {"64 spaces", "TLS 1.3, server CertificateVerify", "00", "transcript_hash"}},
                {"transcript_hash", to_hex(th)},
                {"signed_data", to_hex(content)}});
  if (!ok)
    return noted_error(ErrorCode::bad_signature,
                       note(NoteId::err_bad_cv_signature, {scheme->name}));
  hs = tls13::ExpectFinished{std::move(s.k), s.certificate_requested, std::move(s.request_context)};
  return std::nullopt;
}

std::optional<Error> Client::Impl::on_finished13(tls13::ExpectFinished& s, const HandshakeMessage& m) {
  const SuiteInfo& suite = *s.k.suite;
  const Hash h = suite.prf_hash;
  Bytes received;
  json fields, summary;
  auto err = parse_finished(m.bytes, hash_len(h), received, fields, summary,
                            verify_data_note(true, false, h));
  events.message("finished", "in", m.bytes, std::move(fields), std::move(summary));
  if (err) return err;
  Bytes th = transcript_hash(h, transcript.size() - m.bytes.size());
  Bytes expected = tls13::finished_verify_data(h, s.k.server_secret, th);
  bool ok = expected == received;
  events.check("finished", ok,
               {{"name", "server_verify_data"}, {"expected", to_hex(expected)},
                {"received", to_hex(received)}, {"function", "HMAC with " + std::string(hash_name(h))},
                {"label", "finished"}, {"transcript_hash", to_hex(th)}});
  if (!ok)
    return noted_error(ErrorCode::bad_finished,
                       note(NoteId::err_bad_finished, {to_hex(received), to_hex(expected)}));
  if (!reassembler.empty())
    return Error{ErrorCode::unexpected_message, "a handshake message spans the switch to application keys"};

  // Application secrets are bound to the transcript up to the server's Finished (§7.1).
  Bytes th_server_fin = transcript_hash(h, transcript.size());
  Bytes master = tls13::next_stage(h, s.k.handshake_secret, {});
  events.secret("master_secret", "master_secret", master,
                "HKDF-Extract(Derive-Secret(handshake_secret, \"derived\", \"\"), 0)",
                {{"handshake_secret", to_hex(s.k.handshake_secret)}});
  tls13::TrafficSecrets app{&suite, tls13::derive_secret(h, master, tls13::kClientApplication, th_server_fin),
                            tls13::derive_secret(h, master, tls13::kServerApplication, th_server_fin)};
  std::vector<SecretInput> in = {{"master_secret", to_hex(master)}, {"transcript_hash", to_hex(th_server_fin)}};
  events.secret("application_traffic_secret", "client_application_traffic_secret_0", app.client,
                hkdf_name(suite), in, std::string(tls13::kClientApplication));
  events.secret("application_traffic_secret", "server_application_traffic_secret_0", app.server,
                hkdf_name(suite), in, std::string(tls13::kServerApplication));
  log_secret("CLIENT_TRAFFIC_SECRET_0", app.client);
  log_secret("SERVER_TRAFFIC_SECRET_0", app.server);

  // The client's flight: [ChangeCipherSpec] for middleboxes (in the clear), then
  // [Certificate] and Finished under the client handshake traffic key set at ServerHello.
  if (!offer.session_id.empty()) {
    const std::uint8_t ccs[1] = {1};
    events.message("change_cipher_spec", "out", ccs,
                   json::array({field("type", "change_cipher_spec", 0, 1, note(NoteId::ccs13_out))}),
                   noted(note(NoteId::ccs13_out_summary)));
    records.write(ContentType::change_cipher_spec, ccs);
  }
  if (s.certificate_requested) {
    Bytes cert = tls13::encode_empty_certificate(s.request_context);
    std::vector<Certificate> none;
    json f, sum;
    tls13::parse_certificate(cert, none, f, sum);
    send_handshake("certificate", std::move(cert), std::move(f),
                   noted(note(NoteId::cert_client_none13)));
  }
  Bytes th_client = transcript_hash(h, transcript.size());
  Bytes vd = tls13::finished_verify_data(h, s.k.client_secret, th_client);
  events.secret("finished", "client_verify_data", vd, "HMAC with " + std::string(hash_name(h)),
                {{"client_handshake_traffic_secret", to_hex(s.k.client_secret)},
                 {"transcript_hash", to_hex(th_client)}},
                "finished");
  Bytes fin = encode_finished(vd);
  json f, sum;
  parse_finished(fin, hash_len(h), vd, f, sum, verify_data_note(true, true, h));
  send_handshake("finished", std::move(fin), std::move(f), std::move(sum));

  install_tls13_keys(true, suite, app.client, "client_application_traffic_secret_0");
  install_tls13_keys(false, suite, app.server, "server_application_traffic_secret_0");
  events.emit({{"type", "handshake_complete"},
               {"step", "handshake_complete"},
               {"version", "TLS 1.3"},
               {"cipher_suite", suite.name},
               {"aead", aead_name(suite.aead)},
               {"group", group_name(s.k.group)},
               {"alpn", s.k.alpn},
               {"extended_master_secret", false},
               {"hello_retry", retry_suite != nullptr}});
  Open open;
  open.tls13 = std::move(app);
  hs = std::move(open);
  return std::nullopt;
}

std::optional<Error> Client::Impl::on_post_handshake13(Open& s, const HandshakeMessage& m) {
  json fields, summary;
  auto type = static_cast<HandshakeType>(m.type);
  if (type == HandshakeType::new_session_ticket) {
    auto err = tls13::parse_new_session_ticket(m.bytes, fields, summary);
    events.message("new_session_ticket", "in", m.bytes, std::move(fields), std::move(summary));
    return err;
  }
  if (type != HandshakeType::key_update) {
    events.message(handshake_type_name(m.type), "in", m.bytes, header_fields(m.bytes), json::object());
    return Error{ErrorCode::unexpected_message, handshake_type_name(m.type) + " after the handshake finished"};
  }
  bool requested = false;
  auto err = tls13::parse_key_update(m.bytes, requested, fields, summary);
  events.message("key_update", "in", m.bytes, std::move(fields), std::move(summary));
  if (err) return err;
  tls13::TrafficSecrets& app = *s.tls13;
  const Hash h = app.suite->prf_hash;
  // RFC 8446 §7.2: application_traffic_secret_N+1 = HKDF-Expand-Label(N, "traffic upd", "", Hash.length).
  Bytes next_server = tls13::next_traffic_secret(h, app.server);
  events.secret("application_traffic_secret", "server_application_traffic_secret_next", next_server,
                hkdf_name(*app.suite), {{"server_application_traffic_secret", to_hex(app.server)}},
                std::string(tls13::kTrafficUpdate));
  app.server = std::move(next_server);
  install_tls13_keys(false, *app.suite, app.server, "server_application_traffic_secret_next");
  if (requested && !s.close_sent) {  // answer with our own update, then switch our keys
    Bytes ku = tls13::encode_key_update(false);
    json f, sum;
    bool ignored = false;
    tls13::parse_key_update(ku, ignored, f, sum);
    events.message("key_update", "out", ku, std::move(f), std::move(sum));
    records.write(ContentType::handshake, ku);
    Bytes next_client = tls13::next_traffic_secret(h, app.client);
    events.secret("application_traffic_secret", "client_application_traffic_secret_next", next_client,
                  hkdf_name(*app.suite), {{"client_application_traffic_secret", to_hex(app.client)}},
                  std::string(tls13::kTrafficUpdate));
    app.client = std::move(next_client);
    install_tls13_keys(true, *app.suite, app.client, "client_application_traffic_secret_next");
  }
  return std::nullopt;
}

}  // namespace tlsscope
