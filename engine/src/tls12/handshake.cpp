// The TLS 1.2 ECDHE handshake, client side: one handler per row of the TLS 1.2 table
// (handshake/table.cpp), each checking what RFC 5246 / 8422 / 7627 require before it names the
// next state.
#include <algorithm>

#include "crypto/ecdhe.hpp"
#include "crypto/hash.hpp"
#include "events/field.hpp"
#include "msgs/certificate.hpp"
#include "msgs/client_key_exchange.hpp"
#include "tables/notes.hpp"
#include "tls12/handlers.hpp"
#include "tls12/key_schedule.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope::tls12 {
namespace {

bool offered_extension(const Offer& o, std::uint16_t type) {
  switch (type) {  // what a TLS 1.2 ServerHello may answer
    case ext::server_name: return !o.sni.empty();
    case ext::ec_point_formats:
    case ext::extended_master_secret:
    case ext::renegotiation_info: return true;
    case ext::alpn: return !o.alpn.empty();
    default: return false;
  }
}

// RFC 8446 §4.1.3: a TLS 1.3 server that negotiates an older version sets the last eight
// bytes of its random to "DOWNGRD" followed by 01 (TLS 1.2) or 00 (older).
bool downgrade_sentinel(ByteView server_random) {
  static constexpr std::uint8_t kSentinel[7] = {0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44};
  return server_random.size() == 32 &&
         std::equal(kSentinel, kSentinel + 7, server_random.begin() + 24) &&
         server_random[31] <= 1;
}

// RFC 8422 §5.1.2: ECPointFormatList is a u8-length list of formats; the server's must
// include uncompressed (0), the only one the client offers.
std::optional<Error> check_point_formats(ByteView body) {
  Reader r(body);
  Reader list = r.sub_prefixed(1);
  ByteView formats = list.bytes(list.remaining());
  if (!r.ok() || !r.empty() || formats.empty())
    return noted_error(ErrorCode::decode_error, note(NoteId::err_malformed, {"ec_point_formats"}));
  if (std::find(formats.begin(), formats.end(), 0) == formats.end())
    return noted_error(ErrorCode::unoffered_choice, note(NoteId::err_no_uncompressed_points));
  return std::nullopt;
}

}  // namespace

Outcome on_server_hello(const ServerHello& sh, Context& c) {
  const Offer& offer = c.offer;
  if (sh.version != 0x0303 || !offer.offers_version(0x0303))
    return noted_error(ErrorCode::unsupported_version,
                       note(NoteId::err_chose_unoffered, {version_name(sh.version)}));
  if (offer.offers_tls13() && downgrade_sentinel(sh.random))
    return noted_error(ErrorCode::downgrade_detected, note(NoteId::err_downgrade));
  const SuiteInfo* suite = find_suite(sh.cipher_suite);
  if (!offer.offers_suite(sh.cipher_suite) || !suite || suite->tls13)
    return noted_error(ErrorCode::unoffered_choice,
                       note(NoteId::err_suite_unoffered, {cipher_suite_name(sh.cipher_suite), "TLS 1.2"}));
  if (sh.compression != 0)
    return noted_error(ErrorCode::unoffered_choice, note(NoteId::err_compression12));
  Negotiated n;
  n.suite = suite;
  n.server_random = sh.random;
  for (const auto& e : sh.extensions) {
    // RFC 5246 §7.4.1.4: an extension the client did not offer is fatal.
    if (!offered_extension(offer, e.type))
      return noted_error(ErrorCode::unsolicited_extension,
                         note(NoteId::err_extension_unoffered, {extension_name(e.type)}));
  }
  if (const auto* e = sh.find(ext::renegotiation_info);
      e && !(e->body.size() == 1 && e->body[0] == 0))  // RFC 5746 §3.4
    return noted_error(ErrorCode::renegotiation_info_invalid, note(NoteId::err_renegotiation_info));
  if (const auto* e = sh.find(ext::extended_master_secret)) {
    if (!e->body.empty())
      return noted_error(ErrorCode::decode_error, note(NoteId::err_not_empty, {"extended_master_secret"}));
    n.extended_master_secret = true;
  }
  if (const auto* e = sh.find(ext::ec_point_formats))
    if (auto err = check_point_formats(e->body)) return *err;
  if (const auto* e = sh.find(ext::alpn))
    if (auto err = selected_alpn(e->body, offer.alpn, n.alpn)) return *err;
  return ExpectCertificate{std::move(n)};
}

Outcome on_certificate(ExpectCertificate& s, const codec::CertificateList& m, Context& c) {
  auto chain = verify_chain(m.chain, *c.trust, c.config.server_name, c.config.now, c.events);
  if (auto* e = std::get_if<Error>(&chain)) return std::move(*e);
  VerifiedServerKey& server_key = std::get<VerifiedServerKey>(chain);
  const PublicKey& key = server_key.key();
  Auth want = s.n.suite->auth;
  if ((want == Auth::rsa) != (key.type == PublicKey::Type::rsa))
    return noted_error(ErrorCode::cert_invalid,
                       note(NoteId::err_cert_key_type,
                            {s.n.suite->name, want == Auth::rsa ? "RSA" : "ECDSA", key.describe()},
                            {s.n.suite->name, want == Auth::rsa ? "RSA" : "ECDSA", key.describe_zh()}));
  return ExpectServerKeyExchange{std::move(s.n), std::move(server_key), m.chain[0].subject};
}

Outcome on_server_key_exchange(ExpectServerKeyExchange& s, const ServerKeyExchange& ske,
                               Context& c) {
  if (ske.curve_type != 3)  // RFC 8422 §5.4: named_curve only
    return noted_error(ErrorCode::unoffered_choice, note(NoteId::err_ske_named_curve));
  const GroupInfo* group = c.offer.offers_group(ske.group) ? find_group(ske.group) : nullptr;
  if (!group)
    return noted_error(ErrorCode::unoffered_choice, note(NoteId::err_curve_unoffered, {group_name(ske.group)}));
  if (ske.public_key.size() != group->public_len ||
      (group->public_len != 32 && ske.public_key[0] != 4))
    return noted_error(ErrorCode::bad_key_share, note(NoteId::err_ske_key_form, {group->name}));
  const SignatureSchemeInfo* scheme = find_signature_scheme(ske.signature_scheme);
  if (!scheme || !c.offer.offers_signature_scheme(ske.signature_scheme))
    return noted_error(ErrorCode::unoffered_choice,
                       note(NoteId::err_scheme_unoffered, {signature_scheme_name(ske.signature_scheme)}));
  auto signed_params = ServerKeyExchangeSignatureValid::verify(
      s.server_key, s.server_subject, *scheme, c.offer.random, s.n.server_random, *group, ske,
      c.events);
  if (!signed_params)
    return noted_error(ErrorCode::bad_signature,
                       note(NoteId::err_bad_ske_signature, {scheme->name}));
  return ExpectServerHelloDone{std::move(s.n), std::move(*signed_params), false};
}

Outcome on_certificate_request(ExpectServerHelloDone& s, const codec::CertificateRequest12&,
                               Context&) {
  if (s.certificate_requested)
    return noted_error(ErrorCode::unexpected_message, note(NoteId::err_second_message, {"CertificateRequest"}));
  s.certificate_requested = true;
  return Stay{};
}

Outcome on_server_hello_done(ExpectServerHelloDone& s, const ServerHelloDone&, Context& c) {
  const Negotiated& n = s.n;
  const SuiteInfo& suite = *n.suite;
  const GroupInfo& group = s.server_params.group();
  const Bytes& server_public = s.server_params.server_public();
  const Offer& offer = c.offer;

  KeyPair kp = generate_key_pair(group, c.config.random);
  auto pre_master = derive_pre_master_secret(group, kp, server_public);
  if (!pre_master)
    return noted_error(ErrorCode::bad_key_share, note(NoteId::err_ske_point, {group.name}));

  if (s.certificate_requested) {
    Bytes cert = encode_empty_certificate();
    std::vector<Certificate> none;
    json f, sum;
    decode_certificate(cert, none, f, sum);
    c.send_handshake("certificate", std::move(cert), std::move(f),
                     noted(note(NoteId::cert_client_none12)));
  }
  Bytes cke = encode_client_key_exchange(kp.public_key);
  json f, sum;
  decode_client_key_exchange(cke, f, sum);
  c.send_handshake("client_key_exchange", std::move(cke), std::move(f), std::move(sum));

  c.report(*pre_master);
  std::optional<Bytes> session_hash;  // RFC 7627 §4: up to and including ClientKeyExchange
  if (n.extended_master_secret) session_hash = c.transcript.hash(suite.prf_hash);
  auto master = derive_master_secret(suite.prf_hash, pre_master->value, offer.random,
                                     n.server_random, std::move(session_hash));
  c.report(master);
  auto kb = derive_key_block(suite, master.value, offer.random, n.server_random);
  c.report(kb);

  c.send_change_cipher_spec(change_cipher_spec_out_fields(), json::object());
  c.records.protect_writes(RecordProtection(suite, kb.keys.client_key, kb.keys.client_iv));

  auto vd = derive_client_verify_data(suite.prf_hash, master.value, c.transcript.hash(suite.prf_hash));
  c.report(vd);
  Bytes fin = encode_finished(vd.value);
  decode_finished(fin, kVerifyDataLen, vd.value, f, sum, verify_data_note(false, true, suite.prf_hash));
  c.send_handshake("finished", std::move(fin), std::move(f), std::move(sum));

  return ExpectChangeCipherSpec{std::move(s.n), &group, std::move(master.value),
                                RecordProtection(suite, kb.keys.server_key, kb.keys.server_iv)};
}

Outcome on_change_cipher_spec(ExpectChangeCipherSpec& s, const ChangeCipherSpec&, Context& c) {
  if (!c.reassembler.empty())  // RFC 5246 §7.1: it must not split a handshake message
    return noted_error(ErrorCode::unexpected_message, note(NoteId::err_ccs_mid_message));
  c.records.protect_reads(std::move(s.server_protection));
  return ExpectFinished{std::move(s.n), s.group, std::move(s.master_secret)};
}

Outcome on_finished(ExpectFinished& s, const codec::Finished& m, Context& c) {
  const SuiteInfo& suite = *s.n.suite;
  // The server's Finished covers every handshake message before it (RFC 5246 §7.4.9).
  Bytes th = c.transcript.hash_before_last(suite.prf_hash);
  Bytes expected = verify_data(suite.prf_hash, s.master_secret, kServerFinishedLabel, th);
  auto verified = FinishedVerified::verify(
      expected, m.verify_data,
      object_of("function", "TLS 1.2 PRF with " + std::string(hash_name(suite.prf_hash)), "label",
                kServerFinishedLabel, "transcript_hash", to_hex(th)),
      c.events);
  if (!verified)
    return noted_error(ErrorCode::bad_finished,
                       note(NoteId::err_bad_finished, {to_hex(m.verify_data), to_hex(expected)}));
  c.report_complete("TLS 1.2", suite, s.group->name, s.n.alpn, s.n.extended_master_secret);
  return Open{std::move(*verified), false, std::nullopt};
}

Outcome on_hello_request(Open&, const HelloRequest&, Context& c) {
  constexpr std::uint8_t kNoRenegotiation = 100;
  c.send_alert({kAlertWarning, kNoRenegotiation});
  return Stay{};
}

}  // namespace tlsscope::tls12
