// https:// URLs as the CLI accepts them: scheme, host (name, IPv4 or [IPv6]), port, path.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tlsscope::cli {

struct Url {
  std::string host;  // without brackets
  std::uint16_t port = 443;
  bool port_from_scheme = true;
  std::string path = "/";
};

/// The parsed URL, or nothing with `why` saying what is wrong.
std::optional<Url> parse_url(std::string_view text, std::string& why);

/// "host:port" (IPv6 in brackets) → host and port.
bool parse_host_port(std::string_view text, std::string& host, std::uint16_t& port);

}  // namespace tlsscope::cli
