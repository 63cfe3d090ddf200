// The TLS 1.2 ECDHE handshake, client side: one handler per server message, each checking
// what RFC 5246 / 8422 / 7627 require before the state moves on.
#include <algorithm>

#include "connection.hpp"
#include "crypto/ecdhe.hpp"
#include "crypto/hash.hpp"
#include "events/field.hpp"
#include "msgs/certificate.hpp"
#include "msgs/certificate_request.hpp"
#include "msgs/client_key_exchange.hpp"
#include "msgs/finished.hpp"
#include "msgs/server_hello.hpp"
#include "msgs/server_key_exchange.hpp"
#include "tables/signature_schemes.hpp"
#include "tls12/key_schedule.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope {
namespace {

template <typename T>
bool contains(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

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

}  // namespace

namespace {

// RFC 8446 §4.1.3: a TLS 1.3 server that negotiates an older version sets the last eight
// bytes of its random to "DOWNGRD" followed by 01 (TLS 1.2) or 00 (older).
bool downgrade_sentinel(ByteView server_random) {
  static constexpr std::uint8_t kSentinel[7] = {0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44};
  return server_random.size() == 32 && std::equal(kSentinel, kSentinel + 7, server_random.begin() + 24) &&
         server_random[31] <= 1;
}

}  // namespace

std::optional<Error> Client::Impl::on_server_hello(ExpectServerHello& s, const HandshakeMessage& m) {
  ServerHello sh;
  json fields, summary;
  auto err = parse_server_hello(m.bytes, sh, fields, summary);
  const bool retry = is_hello_retry_random(sh.random);
  events.message(retry ? "hello_retry_request" : "server_hello", "in", m.bytes, std::move(fields),
                 std::move(summary));
  if (err) return err;
  if (const auto* sv = sh.find(ext::supported_versions)) {
    // RFC 8446 §4.2.1: the server names its version here; only TLS 1.3 may be named.
    std::uint16_t v = sv->body.size() == 2 ? static_cast<std::uint16_t>(sv->body[0] << 8 | sv->body[1]) : 0;
    if (!offer.offers_tls13() || v != 0x0304)
      return Error{ErrorCode::unsupported_version,
                   "supported_versions names " + version_name(v) + ", which was not offered"};
    return on_server_hello13(s, sh, m, retry);
  }
  if (retry)
    return Error{ErrorCode::unexpected_message, "a HelloRetryRequest without supported_versions"};
  if (s.after_hello_retry)
    return Error{ErrorCode::unsupported_version, "after a HelloRetryRequest the server must choose TLS 1.3"};
  return on_server_hello12(sh);
}

std::optional<Error> Client::Impl::on_server_hello12(const ServerHello& sh) {
  if (sh.version != 0x0303 || std::find(offer.versions.begin(), offer.versions.end(), 0x0303) == offer.versions.end())
    return Error{ErrorCode::unsupported_version,
                 "the server chose " + version_name(sh.version) + ", which was not offered"};
  if (offer.offers_tls13() && downgrade_sentinel(sh.random))
    return noted_error(ErrorCode::downgrade_detected, note(NoteId::err_downgrade));
  const SuiteInfo* suite = find_suite(sh.cipher_suite);
  if (!contains(offer.suites, sh.cipher_suite) || !suite || suite->tls13)
    return Error{ErrorCode::unoffered_choice,
                 "the server chose " + cipher_suite_name(sh.cipher_suite) + ", which was not offered for TLS 1.2"};
  if (sh.compression != 0)
    return Error{ErrorCode::unoffered_choice, "the server chose a compression method; only null was offered"};
  tls12::Negotiated n;
  n.suite = suite;
  n.server_random = sh.random;
  for (const auto& e : sh.extensions) {
    // RFC 5246 §7.4.1.4: an extension the client did not offer is fatal.
    if (!offered_extension(offer, e.type))
      return Error{ErrorCode::unsolicited_extension,
                   "the server answered with " + extension_name(e.type) + ", which was not offered"};
  }
  if (const auto* e = sh.find(ext::renegotiation_info);
      e && !(e->body.size() == 1 && e->body[0] == 0))  // RFC 5746 §3.4
    return Error{ErrorCode::renegotiation_info_invalid,
                 "renegotiation_info must be empty on a first handshake"};
  if (const auto* e = sh.find(ext::extended_master_secret)) {
    if (!e->body.empty())
      return Error{ErrorCode::decode_error, "extended_master_secret must be empty"};
    n.extended_master_secret = true;
  }
  if (const auto* e = sh.find(ext::ec_point_formats);
      e && std::find(e->body.begin() + std::min<long>(1, static_cast<long>(e->body.size())),
                     e->body.end(), 0) == e->body.end())  // RFC 8422 §5.2: must include uncompressed
    return Error{ErrorCode::unoffered_choice, "the server does not accept uncompressed points"};
  if (const auto* e = sh.find(ext::alpn))
    if (auto err = selected_alpn(e->body, offer.alpn, n.alpn)) return err;
  hs = tls12::ExpectCertificate{std::move(n)};
  return std::nullopt;
}

std::optional<Error> Client::Impl::on_certificate(tls12::ExpectCertificate& s,
                                                  const HandshakeMessage& m) {
  std::vector<Certificate> chain;
  json fields, summary;
  auto err = parse_certificate_message(m.bytes, chain, fields, summary);
  events.message("certificate", "in", m.bytes, std::move(fields), std::move(summary));
  if (err) return err;
  ChainVerdict v = validate_chain(chain, *trust, config.server_name, config.now);
  events.check("certificate_chain", !v.error.has_value(), v.report);
  if (v.error) return v.error;
  const PublicKey& key = v.key->key();
  Auth want = s.n.suite->auth;
  if ((want == Auth::rsa) != (key.type == PublicKey::Type::rsa))
    return Error{ErrorCode::cert_invalid,
                 std::string(s.n.suite->name) + " needs an " +
                     (want == Auth::rsa ? "RSA" : "ECDSA") + " certificate, the server's has " +
                     key.describe()};
  tls12::ExpectServerKeyExchange next{std::move(s.n), std::move(*v.key), chain[0].subject};
  hs = std::move(next);
  return std::nullopt;
}

std::optional<Error> Client::Impl::on_server_key_exchange(tls12::ExpectServerKeyExchange& s,
                                                          const HandshakeMessage& m) {
  ServerKeyExchange ske;
  json fields, summary;
  auto err = parse_server_key_exchange(m.bytes, ske, fields, summary);
  events.message("server_key_exchange", "in", m.bytes, std::move(fields), std::move(summary));
  if (err) return err;
  if (ske.curve_type != 3)  // RFC 8422 §5.4: named_curve only
    return Error{ErrorCode::unoffered_choice, "ServerKeyExchange must use a named curve"};
  const GroupInfo* group = contains(offer.groups, ske.group) ? find_group(ske.group) : nullptr;
  if (!group)
    return Error{ErrorCode::unoffered_choice,
                 "the server chose the curve " + group_name(ske.group) + ", which was not offered"};
  if (ske.public_key.size() != group->public_len ||
      (group->public_len != 32 && ske.public_key[0] != 4))
    return Error{ErrorCode::bad_key_share, "the server's " + std::string(group->name) +
                                               " public key has the wrong length or form"};
  const SignatureSchemeInfo* scheme = find_signature_scheme(ske.signature_scheme);
  if (!scheme || !contains(offer.signature_schemes, ske.signature_scheme))
    return Error{ErrorCode::unoffered_choice,
                 "the server signed with " + signature_scheme_name(ske.signature_scheme) +
                     ", which was not offered"};
  const PublicKey& key = s.server_key.key();
  // RFC 5246 §7.4.3: the signature covers client_random + server_random + params.
  Bytes signed_data(offer.random);
  signed_data.insert(signed_data.end(), s.n.server_random.begin(), s.n.server_random.end());
  signed_data.insert(signed_data.end(), ske.params.begin(), ske.params.end());
  bool ok = verify_signature(scheme->kind, scheme->hash, key, signed_data, ske.signature);
  events.check("server_key_exchange_signature", ok,
               {{"scheme", scheme->name},
                {"key", key.describe()},
                {"key_zh", key.describe_zh()},
                {"certificate", s.server_subject},
                {"signed_over", {"client_random", "server_random", "server_params"}},
                {"signed_data", to_hex(signed_data)},
                {"hash", hash_name(scheme->hash)},
                {"hash_value", to_hex(digest(scheme->hash, signed_data))}});
  if (!ok)
    return noted_error(ErrorCode::bad_signature,
                       note(NoteId::err_bad_ske_signature, {scheme->name}));
  hs = tls12::ExpectServerHelloDone{std::move(s.n), group, std::move(ske.public_key), false};
  return std::nullopt;
}

std::optional<Error> Client::Impl::on_certificate_request(tls12::ExpectServerHelloDone& s,
                                                          const HandshakeMessage& m) {
  json fields, summary;
  auto err = describe_certificate_request(m.bytes, fields, summary);
  events.message("certificate_request", "in", m.bytes, std::move(fields), std::move(summary));
  if (err) return err;
  if (s.certificate_requested)
    return Error{ErrorCode::unexpected_message, "a second CertificateRequest"};
  s.certificate_requested = true;
  return std::nullopt;
}

std::optional<Error> Client::Impl::on_server_hello_done(tls12::ExpectServerHelloDone& s,
                                                        const HandshakeMessage& m) {
  events.message("server_hello_done", "in", m.bytes, header_fields(m.bytes), json::object());
  if (m.body().size() != 0)
    return Error{ErrorCode::decode_error, "ServerHelloDone must be empty"};
  const tls12::Negotiated& n = s.n;
  const SuiteInfo& suite = *n.suite;
  const GroupInfo& group = *s.group;

  KeyPair kp = generate_key_pair(group, config.random);
  auto pre_master = ecdh_shared_secret(group, kp.private_key, s.server_public);
  if (!pre_master)
    return Error{ErrorCode::bad_key_share,
                 "the server's public key is not a valid point on " + std::string(group.name)};

  if (s.certificate_requested) {
    Bytes cert = encode_empty_certificate();
    std::vector<Certificate> none;
    json f, sum;
    parse_certificate_message(cert, none, f, sum);
    send_handshake("certificate", std::move(cert), std::move(f),
                   noted(note(NoteId::cert_client_none12)));
  }
  Bytes cke = encode_client_key_exchange(kp.public_key);
  json f, sum;
  describe_client_key_exchange(cke, f, sum);
  send_handshake("client_key_exchange", std::move(cke), std::move(f), std::move(sum));

  std::string curve(group.name);
  events.secret("pre_master_secret", "pre_master_secret", *pre_master, "ECDHE over " + curve,
                {{"client_private_key", to_hex(kp.private_key)},
                 {"client_public_key", to_hex(kp.public_key)},
                 {"server_public_key", to_hex(s.server_public)}});
  std::string prf = "TLS 1.2 PRF with " + std::string(hash_name(suite.prf_hash));
  Bytes master;
  if (n.extended_master_secret) {
    Bytes session_hash = transcript_hash(suite.prf_hash, transcript.size());
    master = tls12::extended_master_secret(suite.prf_hash, *pre_master, session_hash);
    events.secret("master_secret", "master_secret", master, prf,
                  {{"pre_master_secret", to_hex(*pre_master)},
                   {"session_hash", to_hex(session_hash)}},
                  std::string(tls12::kExtendedMasterSecretLabel),
                  note(NoteId::ms_extended, {hash_name(suite.prf_hash)}));
  } else {
    master = tls12::master_secret(suite.prf_hash, *pre_master, offer.random, n.server_random);
    events.secret("master_secret", "master_secret", master, prf,
                  {{"pre_master_secret", to_hex(*pre_master)},
                   {"client_random", to_hex(offer.random)},
                   {"server_random", to_hex(n.server_random)}},
                  std::string(tls12::kMasterSecretLabel), note(NoteId::ms_classic));
  }
  log_secret("CLIENT_RANDOM", master);

  Bytes kb = tls12::key_block(suite, master, offer.random, n.server_random);
  events.secret("key_block", "key_block", kb, prf,
                {{"master_secret", to_hex(master)},
                 {"server_random", to_hex(n.server_random)},
                 {"client_random", to_hex(offer.random)}},
                std::string(tls12::kKeyExpansionLabel));
  tls12::TrafficKeys keys = tls12::split_key_block(suite, kb);
  std::string slice = "slice of the key block";
  events.secret("traffic_keys", "client_write_key", keys.client_key, slice, {{"key_block", to_hex(kb)}});
  events.secret("traffic_keys", "server_write_key", keys.server_key, slice, {{"key_block", to_hex(kb)}});
  // What the IV becomes: GCM's salt (RFC 5288 §3) or ChaCha20's whole nonce mask (RFC 7905 §2).
  const NoteId iv_use = suite.record_iv_len ? NoteId::nonce_gcm12 : NoteId::nonce_iv_xor12;
  events.secret("traffic_keys", "client_write_iv", keys.client_iv, slice, {{"key_block", to_hex(kb)}},
                {}, note(iv_use));
  events.secret("traffic_keys", "server_write_iv", keys.server_iv, slice, {{"key_block", to_hex(kb)}},
                {}, note(iv_use));

  const std::uint8_t ccs[1] = {1};
  events.message("change_cipher_spec", "out", ccs,
                 json::array({field("type", "change_cipher_spec", 0, 1, note(NoteId::ccs_client))}),
                 json::object());
  records.write(ContentType::change_cipher_spec, ccs);
  records.protect_writes(RecordProtection(suite, keys.client_key, keys.client_iv));

  Bytes th = transcript_hash(suite.prf_hash, transcript.size());
  Bytes vd = tls12::verify_data(suite.prf_hash, master, tls12::kClientFinishedLabel, th);
  events.secret("finished", "client_verify_data", vd, prf,
                {{"master_secret", to_hex(master)}, {"transcript_hash", to_hex(th)}},
                std::string(tls12::kClientFinishedLabel));
  Bytes fin = encode_finished(vd);
  parse_finished(fin, kVerifyDataLen, vd, f, sum, verify_data_note(false, true, suite.prf_hash));
  send_handshake("finished", std::move(fin), std::move(f), std::move(sum));

  tls12::ExpectChangeCipherSpec next{std::move(s.n), s.group, std::move(master),
                                     RecordProtection(suite, keys.server_key, keys.server_iv)};
  hs = std::move(next);
  return std::nullopt;
}

std::optional<Error> Client::Impl::on_finished(tls12::ExpectFinished& s,
                                               const HandshakeMessage& m) {
  Bytes received;
  json fields, summary;
  auto err = parse_finished(m.bytes, kVerifyDataLen, received, fields, summary,
                            verify_data_note(false, false, s.n.suite->prf_hash));
  events.message("finished", "in", m.bytes, std::move(fields), std::move(summary));
  if (err) return err;
  const SuiteInfo& suite = *s.n.suite;
  // The server's Finished covers every handshake message before it (RFC 5246 §7.4.9).
  Bytes th = transcript_hash(suite.prf_hash, transcript.size() - m.bytes.size());
  Bytes expected = tls12::verify_data(suite.prf_hash, s.master_secret,
                                      tls12::kServerFinishedLabel, th);
  bool ok = expected == received;
  events.check("finished", ok,
               {{"name", "server_verify_data"},
                {"expected", to_hex(expected)},
                {"received", to_hex(received)},
                {"function", "TLS 1.2 PRF with " + std::string(hash_name(suite.prf_hash))},
                {"label", tls12::kServerFinishedLabel},
                {"transcript_hash", to_hex(th)}});
  if (!ok)
    return noted_error(ErrorCode::bad_finished,
                       note(NoteId::err_bad_finished, {to_hex(received), to_hex(expected)}));
  events.emit({{"type", "handshake_complete"},
               {"step", "handshake_complete"},
               {"version", "TLS 1.2"},
               {"cipher_suite", suite.name},
               {"aead", aead_name(suite.aead)},
               {"group", s.group->name},
               {"alpn", s.n.alpn},
               {"extended_master_secret", s.n.extended_master_secret}});
  hs = Open{};
  return std::nullopt;
}

}  // namespace tlsscope
