#include "msgs/server_hello.hpp"

#include <algorithm>
#include <span>

#include "events/field.hpp"
#include "tables/suites.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope {

const Extension* ServerHello::find(std::uint16_t type) const {
  for (const auto& e : extensions)
    if (e.type == type) return &e;
  return nullptr;
}

namespace {

// RFC 8446 §4.1.3: a HelloRetryRequest is a ServerHello whose random is SHA-256("HelloRetryRequest");
// a TLS 1.3 server that agrees to TLS 1.2 ends its random with "DOWNGRD" 01.
constexpr std::uint8_t kHelloRetryRandom[32] = {
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c};
constexpr std::uint8_t kDowngrade12[8] = {0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0x01};

bool ends_with(ByteView v, std::span<const std::uint8_t> tail) {
  return v.size() >= tail.size() && std::equal(tail.begin(), tail.end(), v.end() - static_cast<long>(tail.size()));
}

}  // namespace

bool is_hello_retry_random(ByteView random) {
  return random.size() == 32 && std::equal(random.begin(), random.end(), kHelloRetryRandom);
}

std::optional<Error> parse_server_hello(ByteView msg, ServerHello& out, json& fields,
                                        json& summary) {
  fields = header_fields(msg);
  Reader r = body_reader(msg);
  std::size_t p = r.pos();
  out.version = r.u16();
  const std::size_t version_field = fields.size();
  fields.push_back(field("server_version", version_name(out.version), p, 2,
                         note(NoteId::sh_version, {version_name(out.version), hex_u16(out.version)})));
  p = r.pos();
  ByteView random = r.bytes(32);
  out.random.assign(random.begin(), random.end());
  const bool retry = is_hello_retry_random(random);
  fields.push_back(field("random", to_hex(random), p, 32,
                         note(retry                              ? NoteId::hrr_random
                              : ends_with(random, kDowngrade12) ? NoteId::sh_random_downgrade
                                                                 : NoteId::sh_random)));
  p = r.pos();
  Reader sid = r.sub_prefixed(1);
  if (sid.remaining() > 32) r.fail();  // RFC 5246 §7.4.1.2: session_id<0..32>
  ByteView sid_bytes = sid.bytes(sid.remaining());
  out.session_id.assign(sid_bytes.begin(), sid_bytes.end());
  const std::size_t session_id_field = fields.size();
  fields.push_back(field("session_id", to_hex(sid_bytes), p, 1 + sid_bytes.size(),
                         note(sid_bytes.empty() ? NoteId::sh_session_id_empty : NoteId::sh_session_id)));
  p = r.pos();
  out.cipher_suite = r.u16();
  fields.push_back(field("cipher_suite", cipher_suite_name(out.cipher_suite), p, 2,
                         describe_suite(out.cipher_suite)));
  p = r.pos();
  out.compression = r.u8();
  fields.push_back(field("compression_method", out.compression == 0 ? "null" : "unknown", p, 1,
                         note(NoteId::sh_compression)));
  if (auto e = read_extensions(r, "ServerHello", out.extensions, fields)) return e;
  json ext_names = json::array();
  for (const auto& e : out.extensions) ext_names.push_back(extension_name(e.type));
  std::string version = version_name(out.version);
  // RFC 8446 §4.1.3, §4.2.1: with supported_versions the version and session id fields are
  // frozen legacy ones; the extension names the version.
  if (const Extension* sv = out.find(ext::supported_versions); sv && sv->body.size() == 2) {
    set_note(fields[version_field], note(NoteId::sh_version_legacy, {hex_u16(out.version)}));
    set_note(fields[session_id_field], note(NoteId::sh_session_id_echo));
    version = version_name(static_cast<std::uint16_t>(sv->body[0] << 8 | sv->body[1]));
    summary["legacy_version"] = version_name(out.version);
  }
  summary["version"] = version;
  summary["random"] = to_hex(out.random);
  summary["cipher_suite"] = cipher_suite_name(out.cipher_suite);
  summary["extensions"] = std::move(ext_names);
  return syntax_error(r, "ServerHello");
}

}  // namespace tlsscope
