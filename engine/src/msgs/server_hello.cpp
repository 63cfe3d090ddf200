#include "msgs/server_hello.hpp"

#include <algorithm>
#include <iterator>

#include "events/field.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope {

const Extension* ServerHello::find(std::uint16_t type) const {
  for (const auto& e : extensions)
    if (e.type == type) return &e;
  return nullptr;
}

bool ServerHello::is_hello_retry_request() const {
  static constexpr std::uint8_t kHelloRetryRandom[32] = {
      0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
      0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c};
  return std::equal(random.begin(), random.end(), std::begin(kHelloRetryRandom),
                    std::end(kHelloRetryRandom));
}

std::optional<Error> decode_server_hello(ByteView msg, ServerHello& out, json& fields,
                                        json& summary) {
  fields = header_fields(msg);
  Reader r = body_reader(msg);
  std::size_t p = r.pos();
  out.version = r.u16();
  fields.push_back(field("server_version", version_name(out.version), p, 2,
                         "the version the server chose (" + hex_u16(out.version) + ")"));
  p = r.pos();
  ByteView random = r.bytes(32);
  out.random.assign(random.begin(), random.end());
  fields.push_back(field("random", to_hex(random), p, 32,
                         "Server Random: 32 fresh bytes from the server, mixed into every key"));
  p = r.pos();
  Reader sid = r.sub_prefixed(1);
  if (sid.remaining() > 32) r.fail();  // RFC 5246 §7.4.1.2: session_id<0..32>
  ByteView sid_bytes = sid.bytes(sid.remaining());
  out.session_id.assign(sid_bytes.begin(), sid_bytes.end());
  fields.push_back(field("session_id", to_hex(sid_bytes), p, 1 + sid_bytes.size(),
                         "an identifier the server may use to resume this session later"));
  p = r.pos();
  out.cipher_suite = r.u16();
  fields.push_back(field("cipher_suite", cipher_suite_name(out.cipher_suite), p, 2,
                         "the one suite chosen from the client's list (" +
                             hex_u16(out.cipher_suite) + ")"));
  p = r.pos();
  out.compression = r.u8();
  fields.push_back(field("compression_method", out.compression == 0 ? "null" : "unknown", p, 1));
  if (auto e = read_extensions(r, "ServerHello", out.extensions, fields)) return e;
  json ext_names = json::array();
  for (const auto& e : out.extensions) ext_names.push_back(extension_name(e.type));
  summary = {{"version", version_name(out.version)}, {"random", to_hex(out.random)},
             {"cipher_suite", cipher_suite_name(out.cipher_suite)},
             {"extensions", ext_names}};
  return syntax_error(r, "ServerHello");
}

}  // namespace tlsscope
