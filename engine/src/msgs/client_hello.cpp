#include "msgs/client_hello.hpp"

#include "codec/writer.hpp"
#include "events/field.hpp"
#include "msgs/extensions.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope {

bool Offer::offers_tls13() const {
  for (auto v : versions)
    if (v == 0x0304) return true;
  return false;
}

Bytes encode_client_hello(const Offer& offer) {
  Writer w;
  w.u16(0x0303);  // legacy_version: TLS 1.2; TLS 1.3 is offered in supported_versions
  w.bytes(offer.random);
  auto sid = w.open(1);
  w.bytes(offer.session_id);
  w.close(sid);
  auto suites = w.open(2);
  for (auto s : offer.suites) w.u16(s);
  w.close(suites);
  w.u8(1);  // compression_methods: null only (RFC 5246 §7.4.1.2)
  w.u8(0);

  auto exts = w.open(2);
  auto extension = [&](std::uint16_t type, auto&& body) {
    w.u16(type);
    auto m = w.open(2);
    body();
    w.close(m);
  };
  if (!offer.sni.empty())
    extension(ext::server_name, [&] {  // RFC 6066 §3
      auto list = w.open(2);
      w.u8(0);  // host_name
      auto name = w.open(2);
      w.bytes(as_bytes(offer.sni));
      w.close(name);
      w.close(list);
    });
  extension(ext::supported_groups, [&] {  // RFC 8422 §5.1.1
    auto list = w.open(2);
    for (auto g : offer.groups) w.u16(g);
    w.close(list);
  });
  extension(ext::ec_point_formats, [&] {  // RFC 8422 §5.1.2: uncompressed only
    w.u8(1);
    w.u8(0);
  });
  extension(ext::signature_algorithms, [&] {  // RFC 5246 §7.4.1.4.1
    auto list = w.open(2);
    for (auto s : offer.signature_schemes) w.u16(s);
    w.close(list);
  });
  if (!offer.alpn.empty())
    extension(ext::alpn, [&] {  // RFC 7301 §3.1
      auto list = w.open(2);
      for (const auto& p : offer.alpn) {
        auto name = w.open(1);
        w.bytes(as_bytes(p));
        w.close(name);
      }
      w.close(list);
    });
  if (offer.offers_tls13()) {
    extension(ext::supported_versions, [&] {  // RFC 8446 §4.2.1
      auto list = w.open(1);
      for (auto v : offer.versions) w.u16(v);
      w.close(list);
    });
    extension(ext::key_share, [&] {  // RFC 8446 §4.2.8
      auto list = w.open(2);
      for (const auto& k : offer.key_shares) {
        w.u16(k.group);
        auto key = w.open(2);
        w.bytes(k.public_key);
        w.close(key);
      }
      w.close(list);
    });
    if (!offer.cookie.empty())
      extension(ext::cookie, [&] {
        auto c = w.open(2);
        w.bytes(offer.cookie);
        w.close(c);
      });
  }
  extension(ext::extended_master_secret, [] {});  // RFC 7627 §5.1
  extension(ext::renegotiation_info, [&] { w.u8(0); });  // RFC 5746 §3.4: empty
  w.close(exts);
  return frame_handshake(HandshakeType::client_hello, w.data());
}

std::optional<Error> decode_client_hello(ByteView msg, json& fields, json& summary) {
  fields = header_fields(msg);
  Reader r = body_reader(msg);
  std::size_t p = r.pos();
  std::uint16_t version = r.u16();
  const std::size_t version_field = fields.size();
  fields.push_back(field("client_version", version_name(version), p, 2,
                         note(NoteId::ch_version, {version_name(version), hex_u16(version)})));
  p = r.pos();
  ByteView random = r.bytes(32);
  fields.push_back(field("random", to_hex(random), p, 32, note(NoteId::ch_random)));
  p = r.pos();
  Reader sid = r.sub_prefixed(1);
  std::size_t sid_len = sid.remaining();
  fields.push_back(field("session_id", to_hex(sid.bytes(sid_len)), p, 1 + sid_len,
                         note(sid_len ? NoteId::ch_session_id_compat : NoteId::ch_session_id_empty)));
  p = r.pos();
  Reader suites = r.sub_prefixed(2);
  fields.push_back(field("cipher_suites", std::to_string(suites.remaining() / 2) + " suites", p,
                         2 + suites.remaining(), note(NoteId::ch_cipher_suites)));
  json& sn = fields.back();
  json suite_names = json::array();
  while (suites.ok() && suites.remaining() >= 2) {
    std::size_t q = suites.pos();
    std::uint16_t s = suites.u16();
    add_child(sn, field("cipher_suite", cipher_suite_name(s), q, 2, hex_u16(s)));
    suite_names.push_back(cipher_suite_name(s));
  }
  p = r.pos();
  Reader comp = r.sub_prefixed(1);
  fields.push_back(field("compression_methods", "null", p, 1 + comp.remaining(),
                         note(NoteId::ch_compression)));
  comp.bytes(comp.remaining());
  std::vector<Extension> exts;
  if (auto e = read_extensions(r, "ClientHello", exts, fields)) return e;
  json ext_names = json::array();
  bool offers_versions = false;
  json versions = json::array();
  for (const auto& e : exts) {
    ext_names.push_back(extension_name(e.type));
    if (e.type != ext::supported_versions) continue;
    offers_versions = true;
    for (std::size_t i = 1; i + 1 < e.body.size(); i += 2)  // already checked by read_extensions
      versions.push_back(version_name(static_cast<std::uint16_t>(e.body[i] << 8 | e.body[i + 1])));
  }
  // RFC 8446 §4.1.2: with supported_versions the version field is a frozen legacy value.
  if (offers_versions)
    set_note(fields[version_field], note(NoteId::ch_version_legacy, {hex_u16(version)}));
  summary = object_of(offers_versions ? "legacy_version" : "version", version_name(version),
                      "random", to_hex(random), "cipher_suites", std::move(suite_names),
                      "extensions", std::move(ext_names));
  if (offers_versions) summary["supported_versions"] = std::move(versions);
  return syntax_error(r, "ClientHello");
}

}  // namespace tlsscope
