// Hello extensions (RFC 5246 §7.4.1.4 and the RFCs each one cites): the field tree of each
// extension's body, shared by ClientHello and ServerHello.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "codec/reader.hpp"
#include "tlsscope/errors.hpp"

namespace tlsscope {

using json = nlohmann::json;

namespace ext {
constexpr std::uint16_t server_name = 0;
constexpr std::uint16_t supported_groups = 10;
constexpr std::uint16_t ec_point_formats = 11;
constexpr std::uint16_t signature_algorithms = 13;
constexpr std::uint16_t alpn = 16;
constexpr std::uint16_t extended_master_secret = 23;
constexpr std::uint16_t session_ticket = 35;
constexpr std::uint16_t supported_versions = 43;
constexpr std::uint16_t cookie = 44;
constexpr std::uint16_t key_share = 51;
constexpr std::uint16_t renegotiation_info = 0xff01;
}  // namespace ext

struct Extension {
  std::uint16_t type;
  ByteView body;
  std::size_t offset;  // of the extension's type field, within the message
};

/// The protocol a server's ALPN extension selected, if it names exactly one protocol among
/// `offered` (RFC 7301 §3.2); an error otherwise.
std::optional<Error> selected_alpn(ByteView body, const std::vector<std::string>& offered,
                                   std::string& out);

/// Reads an extensions block (u16 length + entries) into `out` and appends its field node
/// to `fields`. An absent block (no bytes left) is allowed: RFC 5246 §7.4.1.2.
std::optional<Error> read_extensions(Reader& r, std::string_view message,
                                     std::vector<Extension>& out, json& fields);

}  // namespace tlsscope
