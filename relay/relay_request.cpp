#include "relay_request.hpp"

#include <boost/asio/ip/address.hpp>
#include <nlohmann/json.hpp>

#include <charconv>
#include <optional>

namespace tlsscope::relay {

namespace {

std::optional<std::uint16_t> parse_port(std::string_view text) {
  unsigned value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || ptr != end || value == 0 || value > 65535)
    return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

bool is_ip_literal(std::string_view text) {
  // make_address reads a C string: "1.2.3.4%00.example.com" would pass as 1.2.3.4 while the
  // name patterns (--allow-host *.example.com) judged the whole string.
  if (text.find('\0') != std::string_view::npos) return false;
  boost::system::error_code ec;
  boost::asio::ip::make_address(std::string(text), ec);
  return !ec;
}

// RFC 1123 names; underscores are let through because real names carry them (_dmarc, SRV
// labels), and the resolver refuses what it cannot look up anyway.
bool is_host_name(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  if (name.empty() || name.size() > 253) return false;
  std::size_t label = 0;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '.') {
      if (label == 0 || label > 63 || name[i - 1] == '-' || name[i - label] == '-') return false;
      label = 0;
      continue;
    }
    const char c = name[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
    ++label;
  }
  return true;
}

// Accepts "name", "1.2.3.4", "::1" and "[::1]"; returns the host without brackets.
std::optional<std::string> normalize_host(std::string_view host) {
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
    if (host.find(':') == std::string_view::npos || !is_ip_literal(host)) return std::nullopt;
    return std::string(host);
  }
  if (is_ip_literal(host) || is_host_name(host)) return std::string(host);
  return std::nullopt;
}

request_refusal bad(std::string message) { return {relay_error::bad_request, std::move(message)}; }

// The target from host and port, or address (H:P): the one reading of the query's
// parameters and of a connect message's fields.
std::optional<request_refusal> set_target(relay_request& req, std::optional<std::string> host,
                                          std::optional<std::string> port,
                                          std::optional<std::string> address) {
  if (address) {
    if (host || port) return bad("give either address=H:P or host=H&port=P, not both");
    auto colon = address->rfind(':');
    if (colon == std::string::npos) return bad("address must be HOST:PORT");
    host = address->substr(0, colon);
    port = address->substr(colon + 1);
    // An unbracketed v6 literal has no unambiguous port.
    if (host->find(':') != std::string::npos && host->front() != '[')
      return bad("an IPv6 address must be written in brackets: [::1]:443");
  }
  if (!host || host->empty()) return bad("missing host: use /relay?host=example.com&port=443");
  if (!port) return bad("missing port: use /relay?host=example.com&port=443");

  // A zone id names an interface of the relay's own machine (fe80::1%eth0); it has no use in
  // a target, and "::ffff:127.0.0.1%25.example.com" would look like a name to name patterns.
  if (auto zone = host->find('%'); zone != std::string::npos)
    return bad("a zone id ('" + host->substr(zone) + "') has no use in a relay target");
  auto normalized = normalize_host(*host);
  if (!normalized) return bad("not a valid host name or IP address: '" + *host + "'");
  auto p = parse_port(*port);
  if (!p) return bad("port must be a number from 1 to 65535, got '" + *port + "'");
  req.host = std::move(*normalized);
  req.port = *p;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text, plus plus_sign) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+' && plus_sign == plus::space) {
      out += ' ';
    } else if (text[i] == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int hi = hex(text[i + 1]), lo = hex(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

bool is_relay_path(std::string_view target) {
  return target.substr(0, target.find('?')) == "/relay";
}

std::variant<relay_request, request_refusal> parse_relay_request(std::string_view target,
                                                                 std::string_view subprotocols) {
  relay_request req;

  // Subprotocol: the project's own wins over "binary" when a client offers both.
  bool offered_events = false, offered_binary = false, offered_other = false;
  while (!subprotocols.empty()) {
    auto comma = subprotocols.find(',');
    auto token = subprotocols.substr(0, comma);
    subprotocols =
        comma == std::string_view::npos ? std::string_view{} : subprotocols.substr(comma + 1);
    while (!token.empty() && (token.front() == ' ' || token.front() == '\t'))
      token.remove_prefix(1);
    while (!token.empty() && (token.back() == ' ' || token.back() == '\t'))
      token.remove_suffix(1);
    if (token == events_subprotocol)
      offered_events = true;
    else if (token == binary_subprotocol)
      offered_binary = true;
    else if (!token.empty())
      offered_other = true;
  }
  if (offered_events) {
    req.subprotocol = events_subprotocol;
  } else if (offered_binary) {
    req.mode = relay_mode::binary;
    req.subprotocol = binary_subprotocol;
  } else if (offered_other) {
    return bad("unsupported subprotocol; offer tlsscope.relay.v1, binary, or none");
  }

  const auto q = target.find('?');
  std::string_view query = q == std::string_view::npos ? std::string_view{} : target.substr(q + 1);
  std::optional<std::string> host, port, address, token, later;
  while (!query.empty()) {
    auto amp = query.find('&');
    auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    auto eq = pair.find('=');
    auto key = pair.substr(0, eq);
    auto value = percent_decode(
        eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1), plus::space);
    if (!value) return bad("malformed %-escape in the query");
    std::optional<std::string>* slot = key == "host"      ? &host
                                       : key == "port"    ? &port
                                       : key == "address" ? &address
                                       : key == "token"   ? &token
                                       : key == "target"  ? &later
                                                          : nullptr;
    if (!slot) continue;  // unknown parameters (cache busters, ...) are ignored
    if (*slot) return bad("'" + std::string(key) + "' given twice");
    *slot = std::move(*value);
  }

  if (later) {
    if (*later != "later") return bad("target=" + *later + ": the only value is target=later");
    if (host || port || address) return bad("target=later comes without host, port or address");
    // A binary-mode client cannot send the connect message: its text frames are bytes.
    if (req.mode == relay_mode::binary) return bad("target=later needs events mode, not binary");
    req.target_later = true;
  } else if (auto refusal = set_target(req, std::move(host), std::move(port), std::move(address))) {
    return *refusal;
  }
  if (token) req.token = std::move(*token);
  return req;
}

std::optional<request_refusal> parse_connect_message(std::string_view json, relay_request& req) {
  const auto message = nlohmann::json::parse(json, nullptr, false);
  if (!message.is_object() || message.value("type", "") != "connect")
    return bad("this tunnel waits for its target: send {\"type\":\"connect\",\"host\":H,\"port\":P} first");
  // Each field as the query would carry it: a string (the port may be a number).
  auto field = [&](const char* name) -> std::optional<std::string> {
    const auto it = message.find(name);
    if (it == message.end()) return std::nullopt;
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_unsigned()) return std::to_string(it->get<std::uint64_t>());
    return "";
  };
  return set_target(req, field("host"), field("port"), field("address"));
}

}  // namespace tlsscope::relay
