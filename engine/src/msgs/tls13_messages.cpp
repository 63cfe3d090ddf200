#include "msgs/tls13_messages.hpp"

#include "events/field.hpp"
#include "msgs/certificate.hpp"
#include "tables/notes.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope::tls13 {

std::optional<Error> decode_encrypted_extensions(ByteView msg, std::vector<Extension>& exts,
                                                json& fields, json& summary) {
  fields = header_fields(msg);
  Reader r = body_reader(msg);
  if (r.empty()) r.fail();  // the extensions block is not optional here
  if (auto e = read_extensions(r, "EncryptedExtensions", exts, fields)) return e;
  json names = json::array();
  for (const auto& e : exts) names.push_back(extension_name(e.type));
  summary = object_of("extensions", std::move(names));
  return syntax_error(r, "EncryptedExtensions");
}

std::optional<Error> decode_certificate_request(ByteView msg, Bytes& context, json& fields,
                                               json& summary) {
  fields = header_fields(msg);
  Reader r = body_reader(msg);
  std::size_t p = r.pos();
  Reader ctx = r.sub_prefixed(1);
  std::size_t len = ctx.remaining();
  ByteView c = ctx.bytes(len);
  context.assign(c.begin(), c.end());
  fields.push_back(field("certificate_request_context", to_hex(c), p, 1 + len));
  std::vector<Extension> exts;
  if (r.empty()) r.fail();
  if (auto e = read_extensions(r, "CertificateRequest", exts, fields)) return e;
  set_note(summary, note(NoteId::cr_summary));
  return syntax_error(r, "CertificateRequest");
}

std::optional<Error> decode_certificate(ByteView msg, std::vector<Certificate>& chain,
                                       json& fields, json& summary) {
  fields = header_fields(msg);
  Reader r = body_reader(msg);
  std::size_t p = r.pos();
  Reader ctx = r.sub_prefixed(1);
  std::size_t ctx_len = ctx.remaining();
  fields.push_back(field("certificate_request_context", to_hex(ctx.bytes(ctx_len)), p,
                         1 + ctx_len, note(NoteId::cert_context_empty)));
  if (ctx_len != 0) return noted_error(ErrorCode::decode_error, note(NoteId::err_cert_context));
  if (auto e = read_certificate_list(r, true, chain, fields, summary)) return e;
  return syntax_error(r, "Certificate");
}

Bytes encode_empty_certificate(ByteView context) {
  Bytes body = {static_cast<std::uint8_t>(context.size())};
  body.insert(body.end(), context.begin(), context.end());
  body.insert(body.end(), {0, 0, 0});
  return frame_handshake(HandshakeType::certificate, body);
}

std::optional<Error> decode_certificate_verify(ByteView msg, CertificateVerify& out, json& fields,
                                              json& summary) {
  fields = header_fields(msg);
  Reader r = body_reader(msg);
  std::size_t p = r.pos();
  out.scheme = r.u16();
  fields.push_back(field("algorithm", signature_scheme_name(out.scheme), p, 2, hex_u16(out.scheme)));
  p = r.pos();
  Reader sig = r.sub_prefixed(2);
  std::size_t len = sig.remaining();
  ByteView s = sig.bytes(len);
  out.signature.assign(s.begin(), s.end());
  fields.push_back(field("signature", to_hex(s), p, 2 + len, note(NoteId::cv_signature)));
  summary = object_of("signature_algorithm", signature_scheme_name(out.scheme), "signature",
                      to_hex(out.signature));
  return syntax_error(r, "CertificateVerify");
}

Bytes certificate_verify_content(ByteView transcript_hash) {
  Bytes content(64, 0x20);
  ByteView ctx = as_bytes("TLS 1.3, server CertificateVerify");
  content.insert(content.end(), ctx.begin(), ctx.end());
  content.push_back(0);
  content.insert(content.end(), transcript_hash.begin(), transcript_hash.end());
  return content;
}

std::optional<Error> decode_new_session_ticket(ByteView msg, json& fields, json& summary) {
  fields = header_fields(msg);
  Reader r = body_reader(msg);
  std::size_t p = r.pos();
  std::uint32_t lifetime = r.u24() << 8;
  lifetime |= r.u8();
  fields.push_back(field("ticket_lifetime", lifetime, p, 4, note(NoteId::nst_lifetime)));
  p = r.pos();
  std::uint32_t age_add = r.u24() << 8;
  age_add |= r.u8();
  fields.push_back(field("ticket_age_add", age_add, p, 4));
  p = r.pos();
  Reader nonce = r.sub_prefixed(1);
  std::size_t nonce_len = nonce.remaining();
  fields.push_back(field("ticket_nonce", to_hex(nonce.bytes(nonce_len)), p, 1 + nonce_len));
  p = r.pos();
  Reader ticket = r.sub_prefixed(2);
  std::size_t ticket_len = ticket.remaining();
  ticket.bytes(ticket_len);
  fields.push_back(field("ticket", std::to_string(ticket_len) + " bytes", p, 2 + ticket_len,
                         note(NoteId::nst_ticket)));
  std::vector<Extension> exts;
  if (r.empty()) r.fail();
  if (auto e = read_extensions(r, "NewSessionTicket", exts, fields)) return e;
  summary = object_of("lifetime", lifetime, "ticket_length", ticket_len);
  return syntax_error(r, "NewSessionTicket");
}

std::optional<Error> decode_key_update(ByteView msg, bool& update_requested, json& fields,
                                      json& summary) {
  fields = header_fields(msg);
  Reader r = body_reader(msg);
  std::size_t p = r.pos();
  std::uint8_t v = r.u8();
  fields.push_back(field("request_update",
                         v == 0 ? "update_not_requested" : v == 1 ? "update_requested" : std::to_string(v),
                         p, 1));
  // RFC 8446 §4.6.3: "If an implementation receives any other value, it MUST terminate the
  // connection with an "illegal_parameter" alert" (UNOFFERED_CHOICE's alert).
  if (r.ok() && v > 1)
    return noted_error(ErrorCode::unoffered_choice,
                       note(NoteId::err_key_update_value, {std::to_string(v)}));
  update_requested = v == 1;
  summary = {{"request_update", update_requested}};
  return syntax_error(r, "KeyUpdate");
}

Bytes encode_key_update(bool update_requested) {
  const std::uint8_t body[1] = {static_cast<std::uint8_t>(update_requested ? 1 : 0)};
  return frame_handshake(HandshakeType::key_update, body);
}

}  // namespace tlsscope::tls13
