// The TLS 1.3 handshake, client side (RFC 8446 §4): one handler per row of the TLS 1.3 table
// (handshake/table.cpp) — ServerHello or HelloRetryRequest, then the encrypted flight
// (EncryptedExtensions, [CertificateRequest], Certificate, CertificateVerify, Finished) and the
// client's Finished; after it, NewSessionTicket and KeyUpdate.
#include <algorithm>

#include "crypto/hash.hpp"
#include "events/field.hpp"
#include "msgs/change_cipher_spec.hpp"
#include "tables/notes.hpp"
#include "tls13/handlers.hpp"
#include "tls13/key_schedule.hpp"
#include "tlsscope/names.hpp"

#include <bearssl.h>

namespace tlsscope::tls13 {
namespace {

// RFC 8446 §4.2.3: in TLS 1.3 an ECDSA scheme names its curve, and PKCS#1 v1.5 is not allowed
// for CertificateVerify.
bool usable_for_tls13(const SignatureSchemeInfo& s, const PublicKey& key) {
  if (s.kind == SigKind::rsa_pkcs1) return false;
  if (s.kind == SigKind::rsa_pss) return key.type == PublicKey::Type::rsa;
  int curve = s.id == 0x0403 ? BR_EC_secp256r1 : s.id == 0x0503 ? BR_EC_secp384r1 : BR_EC_secp521r1;
  return key.type == PublicKey::Type::ec && key.curve == curve;
}

Outcome on_hello_retry_request(ExpectServerHello& s, const ServerHello& sh,
                               const SuiteInfo& suite, Context& c) {
  const Extension* ks = sh.find(ext::key_share);
  Reader r(ks ? ks->body : ByteView{});
  std::uint16_t group = r.u16();
  if (!ks || !r.ok() || !r.empty())
    return noted_error(ErrorCode::decode_error, note(NoteId::err_hrr_key_share));
  // RFC 8446 §4.1.4: the group must have been offered, and not already had a share.
  bool had_share = std::any_of(s.key_shares.begin(), s.key_shares.end(),
                               [&](const ClientKeyShare& k) { return k.group == group; });
  if (!c.offer.offers_group(group) || had_share)
    return noted_error(ErrorCode::unoffered_choice, note(NoteId::err_hrr_group, {group_name(group)}));
  c.offer.cookie.clear();
  if (const Extension* ext_cookie = sh.find(ext::cookie)) {
    Reader rc(ext_cookie->body);
    Reader cookie = rc.sub_prefixed(2);
    ByteView v = cookie.bytes(cookie.remaining());
    if (!rc.ok() || !rc.empty() || v.empty())
      return noted_error(ErrorCode::decode_error, note(NoteId::err_malformed, {"cookie"}));
    c.offer.cookie.assign(v.begin(), v.end());
  }
  // The transcript restarts from a hash of ClientHello1 (§4.4.1).
  c.transcript.restart_after_hello_retry(suite.prf_hash);
  ExpectServerHello next;
  next.key_shares = {make_client_key_share(group, c.config.random)};
  next.retry_suite = &suite;
  next.after_hello_retry = true;
  c.offer.key_shares = {{group, next.key_shares[0].key_exchange}};
  c.offer.key_shares_ahead = 0;  // made on the spot
  c.send_client_hello();
  return next;
}

}  // namespace

Outcome on_server_hello(ExpectServerHello& s, const ServerHello& sh, Context& c) {
  const Offer& offer = c.offer;
  const bool retry = sh.is_hello_retry_request();
  if (sh.version != 0x0303)  // RFC 8446 §4.1.3: legacy_version stays TLS 1.2
    return noted_error(ErrorCode::unsupported_version, note(NoteId::err_legacy_version13));
  if (sh.session_id != offer.session_id)
    return noted_error(ErrorCode::unoffered_choice, note(NoteId::err_session_id_echo));
  const SuiteInfo* suite = find_suite(sh.cipher_suite);
  if (!suite || !suite->tls13 || !offer.offers_suite(sh.cipher_suite) ||
      (s.retry_suite && s.retry_suite != suite))
    return noted_error(ErrorCode::unoffered_choice,
                       note(NoteId::err_suite_unoffered, {cipher_suite_name(sh.cipher_suite), "TLS 1.3"}));
  if (sh.compression != 0)
    return noted_error(ErrorCode::unoffered_choice, note(NoteId::err_compression13));
  for (const auto& e : sh.extensions)
    if (e.type != ext::supported_versions && e.type != ext::key_share &&
        !(retry && e.type == ext::cookie))
      return noted_error(ErrorCode::unsolicited_extension,
                         note(NoteId::err_extension_not_allowed,
                              {extension_name(e.type), retry ? "HelloRetryRequest" : "ServerHello"}));
  if (retry) {
    if (s.after_hello_retry)
      return noted_error(ErrorCode::unexpected_message, note(NoteId::err_second_hrr));
    return on_hello_retry_request(s, sh, *suite, c);
  }
  const Extension* ks = sh.find(ext::key_share);
  if (!ks) return noted_error(ErrorCode::unoffered_choice, note(NoteId::err_no_key_share));
  Reader r(ks->body);
  std::uint16_t group = r.u16();
  Reader key = r.sub_prefixed(2);
  ByteView server_public = key.bytes(key.remaining());
  if (!r.ok() || !r.empty()) return noted_error(ErrorCode::decode_error, note(NoteId::err_malformed, {"key_share"}));
  auto mine = std::find_if(s.key_shares.begin(), s.key_shares.end(),
                           [&](const ClientKeyShare& k) { return k.group == group; });
  if (mine == s.key_shares.end())
    return noted_error(ErrorCode::unoffered_choice,
                       note(NoteId::err_no_share_for_group, {group_name(group)}));
  auto exchange = finish_key_exchange(*mine, server_public);
  if (auto* e = std::get_if<Error>(&exchange)) return std::move(*e);
  const KeyExchange& shared = std::get<KeyExchange>(exchange);
  c.report(shared);
  auto secrets = derive_handshake_secrets(suite->prf_hash, shared.shared_secret,
                                          c.transcript.hash(suite->prf_hash));
  c.report(secrets);
  HandshakeKeys k;
  k.suite = suite;
  k.group = group;
  k.handshake_secret = std::move(secrets.handshake_secret);
  k.client_secret = std::move(secrets.client);
  k.server_secret = std::move(secrets.server);
  k.hello_retry = s.after_hello_retry;
  if (!c.reassembler.empty())  // RFC 8446 §5.1: no message may span a key change
    return noted_error(ErrorCode::unexpected_message, note(NoteId::err_spans_handshake_keys));
  c.install_tls13_keys(false, *suite, k.server_secret, "server_handshake_traffic_secret");
  // From here the client's own records, alerts included, are encrypted (RFC 8446 §6).
  c.install_tls13_keys(true, *suite, k.client_secret, "client_handshake_traffic_secret");
  return ExpectEncryptedExtensions{std::move(k)};
}

Outcome on_encrypted_extensions(ExpectEncryptedExtensions& s, const codec::EncryptedExtensions& m,
                                Context& c) {
  const Offer& offer = c.offer;
  for (const auto& e : m.extensions) {
    bool offered = e.type == ext::supported_groups || (e.type == ext::server_name && !offer.sni.empty()) ||
                   (e.type == ext::alpn && !offer.alpn.empty());
    if (!offered)
      return noted_error(ErrorCode::unsolicited_extension,
                         note(NoteId::err_ee_extension_unoffered, {extension_name(e.type)}));
    if (e.type == ext::alpn)
      if (auto bad = selected_alpn(e.body, offer.alpn, s.k.alpn)) return *bad;
  }
  return ExpectCertificate{std::move(s.k), false, {}};
}

Outcome on_certificate_request(ExpectCertificate& s, const codec::CertificateRequest13& m,
                               Context&) {
  if (s.certificate_requested)
    return noted_error(ErrorCode::unexpected_message, note(NoteId::err_second_message, {"CertificateRequest"}));
  s.certificate_requested = true;
  s.request_context = m.context;
  return Stay{};
}

Outcome on_certificate(ExpectCertificate& s, const codec::CertificateList& m, Context& c) {
  auto chain = verify_chain(m.chain, *c.trust, c.config.server_name, c.config.now, c.events);
  if (auto* e = std::get_if<Error>(&chain)) return std::move(*e);
  return ExpectCertificateVerify{std::move(s.k), std::move(std::get<VerifiedServerKey>(chain)),
                                 m.chain[0].subject,
                                 s.certificate_requested, std::move(s.request_context)};
}

Outcome on_certificate_verify(ExpectCertificateVerify& s, const CertificateVerify& cv,
                              Context& c) {
  const PublicKey& key = s.server_key.key();
  const SignatureSchemeInfo* scheme = find_signature_scheme(cv.scheme);
  if (!scheme || !c.offer.offers_signature_scheme(cv.scheme) || !usable_for_tls13(*scheme, key))
    return noted_error(ErrorCode::unoffered_choice,
                       note(NoteId::err_cv_scheme_unoffered,
                            {signature_scheme_name(cv.scheme), key.describe()},
                            {signature_scheme_name(cv.scheme), key.describe_zh()}));
  // The signature covers everything up to and including Certificate (§4.4.3).
  Bytes th = c.transcript.hash_before_last(s.k.suite->prf_hash);
  auto auth = CertificateVerifySignatureValid::verify(s.server_key, s.server_subject, *scheme, th,
                                                      cv.signature, c.events);
  if (!auth)
    return noted_error(ErrorCode::bad_signature,
                       note(NoteId::err_bad_cv_signature, {scheme->name}));
  return ExpectFinished{std::move(s.k), std::move(*auth), s.certificate_requested,
                        std::move(s.request_context)};
}

Outcome on_finished(ExpectFinished& s, const codec::Finished& m, Context& c) {
  const SuiteInfo& suite = *s.k.suite;
  const Hash h = suite.prf_hash;
  Bytes th = c.transcript.hash_before_last(h);
  Bytes expected = finished_verify_data(h, s.k.server_secret, th);
  auto verified = FinishedVerified::verify(
      expected, m.verify_data,
      object_of("function", "HMAC with " + std::string(hash_name(h)), "label", "finished",
                "transcript_hash", to_hex(th)),
      c.events);
  if (!verified)
    return noted_error(ErrorCode::bad_finished,
                       note(NoteId::err_bad_finished, {to_hex(m.verify_data), to_hex(expected)}));
  if (!c.reassembler.empty())
    return noted_error(ErrorCode::unexpected_message, note(NoteId::err_spans_application_keys));

  // Application secrets are bound to the transcript up to the server's Finished (§7.1).
  auto app_secrets = derive_application_secrets(h, s.k.handshake_secret, c.transcript.hash(h));
  c.report(app_secrets);
  TrafficSecrets app{&suite, std::move(app_secrets.client), std::move(app_secrets.server)};

  // The client's flight: [ChangeCipherSpec] for middleboxes (in the clear), then
  // [Certificate] and Finished under the client handshake traffic key set at ServerHello.
  if (!c.offer.session_id.empty())
    c.send_change_cipher_spec(compat_change_cipher_spec_out_fields(),
                              noted(note(NoteId::ccs13_out_summary)));
  if (s.certificate_requested) {
    Bytes cert = encode_empty_certificate(s.request_context);
    std::vector<Certificate> none;
    json f, sum;
    tls13::decode_certificate(cert, none, f, sum);
    c.send_handshake("certificate", std::move(cert), std::move(f),
                     noted(note(NoteId::cert_client_none13)));
  }
  auto vd = derive_client_verify_data(h, s.k.client_secret, c.transcript.hash(h));
  c.report(vd);
  Bytes fin = encode_finished(vd.value);
  json f, sum;
  decode_finished(fin, hash_len(h), vd.value, f, sum, verify_data_note(true, true, h));
  c.send_handshake("finished", std::move(fin), std::move(f), std::move(sum));

  c.install_tls13_keys(true, suite, app.client, "client_application_traffic_secret_0");
  c.install_tls13_keys(false, suite, app.server, "server_application_traffic_secret_0");
  c.report_complete("TLS 1.3", suite, group_name(s.k.group), s.k.alpn, false, s.k.hello_retry);
  return Open{std::move(*verified), false, std::move(app)};
}

Outcome on_new_session_ticket(Open&, const codec::NewSessionTicket&, Context&) { return Stay{}; }

Outcome on_key_update(Open& s, const codec::KeyUpdate& m, Context& c) {
  TrafficSecrets& app = *s.tls13;
  const Hash h = app.suite->prf_hash;
  // RFC 8446 §7.2: application_traffic_secret_N+1 = HKDF-Expand-Label(N, "traffic upd", "", Hash.length).
  auto server = update_traffic_secret(h, false, app.server);
  c.report(server);
  app.server = std::move(server.next);
  c.install_tls13_keys(false, *app.suite, app.server, "server_application_traffic_secret_next");
  if (m.update_requested && !s.close_sent) {  // answer with our own update, then switch our keys
    c.send_key_update();
    auto client = update_traffic_secret(h, true, app.client);
    c.report(client);
    app.client = std::move(client.next);
    c.install_tls13_keys(true, *app.suite, app.client, "client_application_traffic_secret_next");
  }
  return Stay{};
}

}  // namespace tlsscope::tls13
