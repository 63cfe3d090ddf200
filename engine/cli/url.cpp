#include "url.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace tlsscope::cli {
namespace {

bool parse_port(std::string_view s, std::uint16_t& port) {
  unsigned v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v == 0 || v > 65535) return false;
  port = static_cast<std::uint16_t>(v);
  return true;
}

bool valid_host_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
}

}  // namespace

bool parse_host_port(std::string_view text, std::string& host, std::uint16_t& port) {
  std::string_view port_part;
  if (!text.empty() && text[0] == '[') {
    auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':')
      return false;
    host = std::string(text.substr(1, close - 1));
    port_part = text.substr(close + 2);
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    host = std::string(text.substr(0, colon));
    port_part = text.substr(colon + 1);
  }
  return !host.empty() && parse_port(port_part, port);
}

std::optional<Url> parse_url(std::string_view text, std::string& why) {
  auto sep = text.find("://");
  if (sep == std::string_view::npos) {
    why = "an address starts with https://";
    return std::nullopt;
  }
  std::string scheme(text.substr(0, sep));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (scheme == "http") {  // the contrast a learner needs: port 80, and no TLS at all
    why = "http:// is plain HTTP on port 80: right after the TCP connect the request would go out "
          "in the clear, readable and changeable on the way; tlsscope shows https:// "
          "connections (TLS, port 443)";
    return std::nullopt;
  }
  if (scheme != "https") {
    why = "the scheme is \"" + scheme + "\"; tlsscope shows https:// connections";
    return std::nullopt;
  }
  std::string_view rest = text.substr(sep + 3);
  auto path_at = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, path_at);
  Url url;
  if (path_at != std::string_view::npos) {
    url.path = std::string(rest.substr(path_at));
    if (url.path[0] != '/') url.path = "/" + url.path;
    if (auto hash = url.path.find('#'); hash != std::string::npos) url.path.resize(hash);
  }
  if (authority.find('@') != std::string_view::npos) {
    why = "user names and passwords in the address are not supported";
    return std::nullopt;
  }
  if (!authority.empty() && authority[0] == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) {
      why = "an IPv6 address must be closed with ]";
      return std::nullopt;
    }
    url.host = std::string(authority.substr(1, close - 1));
    authority = authority.substr(close + 1);
    if (!authority.empty() && authority[0] != ':') {
      why = "unexpected text after the IPv6 address";
      return std::nullopt;
    }
  } else {
    auto colon = authority.find(':');
    url.host = std::string(authority.substr(0, colon));
    authority = colon == std::string_view::npos ? std::string_view{} : authority.substr(colon);
    if (!std::all_of(url.host.begin(), url.host.end(), valid_host_char)) {
      why = "the host name \"" + url.host + "\" contains characters a host name cannot have";
      return std::nullopt;
    }
  }
  if (url.host.empty()) {
    why = "the address has no host name";
    return std::nullopt;
  }
  if (!authority.empty()) {  // ":port"
    if (!parse_port(authority.substr(1), url.port)) {
      why = "the port must be a number from 1 to 65535";
      return std::nullopt;
    }
    url.port_from_scheme = false;
  }
  return url;
}

}  // namespace tlsscope::cli
