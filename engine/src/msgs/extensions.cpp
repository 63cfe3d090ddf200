#include "msgs/extensions.hpp"

#include <algorithm>
#include <string>

#include "crypto/key_share.hpp"
#include "events/field.hpp"
#include "msgs/handshake.hpp"
#include "tables/notes.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope {
namespace {

// A list of 16-bit code points behind a 2-byte length, each named by `name_of`.
template <typename NameOf>
void code_point_list(Reader& r, json& node, std::string_view item, NameOf name_of) {
  std::size_t at = r.pos();
  Reader list = r.sub_prefixed(2);
  json& l = add_child(node, field(std::string(item) + "s", "", at, list.remaining() + 2));
  while (list.ok() && list.remaining() >= 2) {
    std::size_t p = list.pos();
    std::uint16_t v = list.u16();
    add_child(l, field(std::string(item), name_of(v), p, 2, hex_u16(v)));
  }
  if (!list.empty()) r.fail();
}

void describe_body(std::uint16_t type, Reader& r, json& node, bool from_server) {
  switch (type) {
    case ext::server_name: {
      if (from_server) break;  // the server's is empty (RFC 6066 §3)
      Reader list = r.sub_prefixed(2);
      while (list.ok() && !list.empty()) {
        std::size_t p = list.pos();
        list.u8();  // name_type: host_name
        Reader name = list.sub_prefixed(2);
        ByteView host = name.bytes(name.remaining());
        add_child(node, field("host_name", std::string(host.begin(), host.end()), p,
                              3 + host.size(), note(NoteId::ext_host_name)));
      }
      if (!list.ok()) r.fail();
      break;
    }
    case ext::supported_groups:
      code_point_list(r, node, "named_group", group_name);
      break;
    case ext::signature_algorithms:
      code_point_list(r, node, "signature_scheme", signature_scheme_name);
      break;
    case ext::ec_point_formats: {
      std::size_t p = r.pos();
      Reader list = r.sub_prefixed(1);
      json& l = add_child(node, field("ec_point_formats", "", p, list.remaining() + 1));
      while (list.ok() && !list.empty()) {
        std::size_t q = list.pos();
        std::uint8_t f = list.u8();
        add_child(l, field("format", f == 0 ? "uncompressed" : std::to_string(f), q, 1));
      }
      break;
    }
    case ext::alpn: {
      Reader list = r.sub_prefixed(2);
      while (list.ok() && !list.empty()) {
        std::size_t p = list.pos();
        Reader name = list.sub_prefixed(1);
        ByteView proto = name.bytes(name.remaining());
        add_child(node, field("protocol", std::string(proto.begin(), proto.end()), p,
                              1 + proto.size()));
      }
      if (!list.ok()) r.fail();
      break;
    }
    case ext::renegotiation_info: {
      std::size_t p = r.pos();
      Reader info = r.sub_prefixed(1);
      std::size_t len = info.remaining();
      add_child(node, field("renegotiated_connection", to_hex(info.bytes(len)), p, 1 + len,
                            note(NoteId::ext_renegotiated_connection)));
      break;
    }
    case ext::supported_versions: {
      std::size_t p = r.pos();
      if (from_server) {
        std::uint16_t v = r.u16();
        add_child(node, field("selected_version", version_name(v), p, 2,
                              note(NoteId::ext_selected_version, {version_name(v), hex_u16(v)})));
        break;
      }
      Reader list = r.sub_prefixed(1);
      json& l = add_child(node, field("versions", "", p, 1 + list.remaining(),
                                      note(NoteId::ext_versions_offered)));
      while (list.ok() && list.remaining() >= 2) {
        std::size_t q = list.pos();
        std::uint16_t v = list.u16();
        add_child(l, field("version", version_name(v), q, 2, hex_u16(v)));
      }
      break;
    }
    case ext::key_share: {
      auto share = [&](Reader& from, json& parent) {
        std::size_t q = from.pos();
        std::uint16_t g = from.u16();
        Reader key = from.sub_prefixed(2);
        std::size_t key_len = key.remaining();
        json& k = add_child(parent, field("key_share_entry", group_name(g), q, 4 + key_len));
        add_child(k, field("group", group_name(g), q, 2, hex_u16(g)));
        ByteView bytes = key.bytes(key_len);
        auto parts = share_parts(g, key_len, from_server);
        json& kx = add_child(k, field("key_exchange", to_hex(bytes), q + 4, key_len,
                                      note(parts.empty() ? NoteId::ext_key_exchange
                                                         : NoteId::ext_key_exchange_hybrid)));
        for (const auto& part : parts)  // the hybrid's halves (draft-ietf-tls-ecdhe-mlkem)
          add_child(kx, field(std::string(part.name), to_hex(bytes.subspan(part.offset, part.length)),
                              q + 4 + part.offset, part.length, note(part.note)));
      };
      if (from_server && r.remaining() == 2) {  // HelloRetryRequest: the group it wants
        std::size_t q = r.pos();
        std::uint16_t g = r.u16();
        add_child(node, field("selected_group", group_name(g), q, 2,
                              note(NoteId::ext_selected_group)));
      } else if (from_server) {
        share(r, node);
      } else {
        Reader list = r.sub_prefixed(2);
        while (list.ok() && !list.empty()) share(list, node);
        if (!list.ok()) r.fail();
      }
      break;
    }
    case ext::cookie: {
      std::size_t p = r.pos();
      Reader c = r.sub_prefixed(2);
      std::size_t len = c.remaining();
      add_child(node, field("cookie", to_hex(c.bytes(len)), p, 2 + len, note(NoteId::ext_cookie)));
      break;
    }
    case ext::extended_master_secret:
      set_note(node, note(from_server ? NoteId::ext_ems_accepted : NoteId::ext_ems_offered));
      break;
    default:
      break;
  }
  r.bytes(r.remaining());  // bodies we only name are shown as bytes
}

}  // namespace

std::optional<Error> selected_alpn(ByteView body, const std::vector<std::string>& offered,
                                   std::string& out) {
  Reader r(body);
  Reader list = r.sub_prefixed(2);
  Reader name = list.sub_prefixed(1);
  ByteView proto = name.bytes(name.remaining());
  out.assign(proto.begin(), proto.end());
  if (!r.ok() || !r.empty() || !list.empty() ||
      std::find(offered.begin(), offered.end(), out) == offered.end())
    return noted_error(ErrorCode::unoffered_choice, note(NoteId::err_alpn));
  return std::nullopt;
}

std::optional<Error> read_extensions(Reader& r, std::string_view message,
                                     std::vector<Extension>& out, json& fields) {
  if (r.empty()) return std::nullopt;
  const bool from_server = message != "ClientHello";  // ServerHello, HRR, EncryptedExtensions
  std::size_t at = r.pos();
  Reader block = r.sub_prefixed(2);
  json node = field("extensions", "", at, 2 + block.remaining(), note(NoteId::ext_block));
  node["children"] = json::array();
  std::size_t count = 0;
  while (block.ok() && !block.empty()) {
    std::size_t p = block.pos();
    std::uint16_t type = block.u16();
    Reader body = block.sub_prefixed(2);
    if (!block.ok()) break;
    for (const auto& e : out)
      if (e.type == type)
        return noted_error(ErrorCode::decode_error,
                           note(NoteId::err_extension_twice, {message, extension_name(type)}));
    ByteView all = ByteView(body.bytes(body.remaining()));
    out.push_back({type, all, p});
    Reader describe(all, p + 4);
    json& e = add_child(node, field(extension_name(type), "", p, 4 + all.size(), hex_u16(type)));
    describe_body(type, describe, e, from_server);
    if (!describe.ok())
      return noted_error(ErrorCode::decode_error,
                         note(NoteId::err_extension_malformed, {message, extension_name(type)}));
    ++count;
  }
  node["value"] = std::to_string(count) + " extensions";
  fields.push_back(std::move(node));
  return syntax_error(block, message);
}

}  // namespace tlsscope
