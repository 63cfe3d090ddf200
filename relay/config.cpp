#include "config.hpp"

#include <boost/asio/ip/address.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <sstream>
#include <stdexcept>

namespace tlsscope::relay {

std::string host_port::to_string() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

namespace {

template <class T>
std::optional<T> parse_number(std::string_view text) {
  T value{};
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || ptr != end || text.empty()) return std::nullopt;
  return value;
}

// Seconds, fractions allowed ("0.5"), so tests can use short timeouts.
std::chrono::milliseconds parse_seconds(std::string_view text) {
  std::string copy(text);
  std::size_t used = 0;
  double seconds = -1;
  try {
    seconds = std::stod(copy, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != copy.size() || !(seconds > 0) || seconds > 1e7)
    throw std::invalid_argument("expected a positive number of seconds, got '" + copy + "'");
  return std::chrono::milliseconds(static_cast<long long>(std::llround(seconds * 1000)));
}

// A byte count with an optional binary suffix: 4096, 64K, 64M, 1G.
std::uint64_t parse_size(std::string_view text) {
  std::uint64_t scale = 1;
  std::string_view digits = text;
  if (!text.empty()) {
    switch (text.back()) {
      case 'K':
      case 'k': scale = 1ull << 10; break;
      case 'M':
      case 'm': scale = 1ull << 20; break;
      case 'G':
      case 'g': scale = 1ull << 30; break;
      default: break;
    }
    if (scale != 1) digits.remove_suffix(1);
  }
  auto value = parse_number<std::uint64_t>(digits);
  if (!value || *value == 0 || *value > (std::uint64_t{1} << 50) / scale)
    throw std::invalid_argument("expected a byte count like 4096, 64K or 16M, got '" +
                                std::string(text) + "'");
  return *value * scale;
}

std::size_t parse_count(std::string_view text) {
  auto value = parse_number<std::size_t>(text);
  if (!value || *value == 0)
    throw std::invalid_argument("expected a positive integer, got '" + std::string(text) + "'");
  return *value;
}

host_port parse_endpoint(std::string_view text) {
  auto hp = parse_host_port(text);
  if (!hp) throw std::invalid_argument("expected ADDR:PORT, got '" + std::string(text) + "'");
  return *hp;
}

// --allow is an exception to the address checks, so it names one target exactly: a pattern
// ('*:443') would open loopback and cloud metadata, and a zone id has no use in a target.
host_port parse_exact_target(std::string_view text) {
  auto hp = parse_endpoint(text);
  if (hp.host.find_first_of("*%?/") != std::string::npos)
    throw std::invalid_argument("expected one exact target, a name or an IP address (no "
                                "patterns, zone ids or ranges), got '" + std::string(text) +
                                "'; --allow-host takes patterns, --deny ranges");
  return hp;
}

address_range parse_range(std::string_view text) {
  auto r = parse_address_range(text);
  if (!r)
    throw std::invalid_argument("expected an IP address or ADDR/BITS (10.0.0.0/8, fd00::/8), got '" +
                                std::string(text) + "'");
  return *r;
}

// A Host header name as a browser sends it for the page: lower case, optionally ":PORT".
std::string parse_public_host(std::string_view text) {
  std::string name;
  for (char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                    c == ':' || c == '[' || c == ']';
    if (!ok && !(c >= 'A' && c <= 'Z'))
      throw std::invalid_argument("expected a host name like tls.example.org (optionally :PORT), "
                                  "got '" + std::string(text) + "'");
    name += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  if (name.empty() || name.front() == '.' || name.front() == ':')
    throw std::invalid_argument("expected a host name, got '" + std::string(text) + "'");
  return name;
}

// "443", "443,8443", "8000-8100".
std::vector<std::pair<std::uint16_t, std::uint16_t>> parse_ports(std::string_view text) {
  std::vector<std::pair<std::uint16_t, std::uint16_t>> ranges;
  while (!text.empty()) {
    auto comma = text.find(',');
    auto item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    auto dash = item.find('-');
    auto lo = parse_number<std::uint16_t>(item.substr(0, dash));
    auto hi =
        dash == std::string_view::npos ? lo : parse_number<std::uint16_t>(item.substr(dash + 1));
    if (!lo || !hi || *lo == 0 || *lo > *hi)
      throw std::invalid_argument("expected ports like 443 or 443,8443 or 8000-8100, got '" +
                                  std::string(item) + "'");
    ranges.emplace_back(*lo, *hi);
  }
  if (ranges.empty()) throw std::invalid_argument("expected at least one port");
  return ranges;
}

// NAME=ADDRESS, as curl's --resolve without the port: NAME a host name, ADDRESS an IP literal.
static_answer parse_static_answer(std::string_view text) {
  const auto eq = text.find('=');
  std::string name(text.substr(0, eq));
  std::string address(eq == std::string_view::npos ? "" : text.substr(eq + 1));
  if (address.size() > 2 && address.front() == '[' && address.back() == ']')
    address = address.substr(1, address.size() - 2);
  boost::system::error_code not_ip, name_is_ip;
  boost::asio::ip::make_address(address, not_ip);
  boost::asio::ip::make_address(name, name_is_ip);
  if (name.empty() || name == "." || !name_is_ip || not_ip)
    throw std::invalid_argument("expected NAME=ADDRESS (a host name and an IP address), got '" +
                                std::string(text) + "'");
  return {std::move(name), std::move(address)};
}

struct option {
  const char* name;
  const char* arg;  // nullptr for a switch
  const char* help;
  const char* default_text;
  std::function<void(config&, std::string_view)> apply;
};

const std::vector<option>& options() {
  static const std::vector<option> table = {
      {"--listen", "ADDR:PORT",
       "Where the page and the relay (/relay) are served. Port 0 picks a "
       "free port; the first line on stdout says which.",
       "127.0.0.1:8080", [](config& c, std::string_view v) { c.listen = parse_endpoint(v); }},
      {"--web", "DIR", "Folder of the static page.", "<bin>/../site",
       [](config& c, std::string_view v) { c.web_dir = std::filesystem::path(v); }},
      {"--threads", "N", "Threads running the event loop.", "1",
       [](config& c, std::string_view v) {
         auto n = parse_count(v);
         if (n > 256) throw std::invalid_argument("at most 256 threads");
         c.threads = static_cast<unsigned>(n);
       }},
      {"--demo-origin", "ADDR:PORT",
       "Where the embedded demo HTTPS origin listens; it is the one "
       "loopback target the relay allows by default.",
       "127.0.0.1:8443", [](config& c, std::string_view v) { c.demo_origin = parse_endpoint(v); }},
      {"--demo-origin-node", "PATH",
       "Node.js 26 that serves the demo origin's main port, with OpenSSL 3.5 and "
       "X25519MLKEM768; 'none' serves it from tlsscope-server's own OpenSSL 3.0 (no "
       "X25519MLKEM768), as happens when Node is missing. The variants are always served "
       "by tlsscope-server.",
       "<source>/build/_deps/node26/bin/node",
       [](config& c, std::string_view v) {
         c.demo_origin_node = v == "none" ? std::filesystem::path() : std::filesystem::path(v);
       }},
      {"--no-demo-origin", nullptr, "Do not run the demo HTTPS origin.", "runs",
       [](config& c, std::string_view) { c.demo_origin_enabled = false; }},
      {"--state", "DIR", "Folder keeping the demo certificate chain between runs.",
       "<bin>/../state",
       [](config& c, std::string_view v) { c.state_dir = std::filesystem::path(v); }},
      {"--allow-port", "LIST",
       "Target ports the relay may connect to: 443,8443 or 8000-8100. "
       "Replaces the default.",
       "443", [](config& c, std::string_view v) { c.allowed_ports = parse_ports(v); }},
      {"--allow", "HOST:PORT",
       "Permit this exact target even if its address or port is blocked "
       "(repeatable). HOST is an IP literal (matched on the resolved address, IPv4-mapped forms "
       "included) or a name (matched on the requested name); patterns are refused.",
       "none",
       [](config& c, std::string_view v) { c.allowed_targets.push_back(parse_exact_target(v)); }},
      {"--allow-host", "PATTERN",
       "Only names matching a pattern may be requested (repeatable); "
       "'*.example.com' matches subdomains.",
       "any name", [](config& c, std::string_view v) { c.allowed_host_patterns.emplace_back(v); }},
      {"--deny-host", "PATTERN",
       "Names matching the pattern are refused (repeatable). Name patterns never match IP "
       "literals; deny addresses with --deny.",
       "none", [](config& c, std::string_view v) { c.denied_host_patterns.emplace_back(v); }},
      {"--deny", "ADDR[/BITS]",
       "Never connect to these addresses (repeatable), however the name or literal was "
       "written: checked on every resolved address, and on the IPv4 address an IPv6 one "
       "carries (IPv4-mapped, NAT64, 6to4). For the relay's public address behind NAT, a "
       "site's own networks, another NAT64 prefix.",
       "none", [](config& c, std::string_view v) { c.denied_addresses.push_back(parse_range(v)); }},
      {"--allowed-origin", "ORIGIN",
       "Also accept WebSocket upgrades from this page origin, e.g. "
       "https://example.org, or '*' for any (repeatable).",
       "the page's own origin",
       [](config& c, std::string_view v) { c.allowed_origins.emplace_back(v); }},
      {"--max-tunnels", "N", "Tunnels open at once, in all.", "1024",
       [](config& c, std::string_view v) { c.max_tunnels = parse_count(v); }},
      {"--max-tunnels-per-client", "N", "Tunnels open at once from one client address.", "8",
       [](config& c, std::string_view v) { c.max_tunnels_per_client = parse_count(v); }},
      {"--max-connections", "N",
       "HTTP connections open at once that are not tunnels (page requests, upgrades in "
       "progress); more are answered 503 and closed at once.",
       "--max-tunnels + 256",
       [](config& c, std::string_view v) { c.max_connections = parse_count(v); }},
      {"--max-connections-per-client", "N",
       "The same, from one client address; more are answered 429 and closed at once.",
       "--max-tunnels-per-client + 24",
       [](config& c, std::string_view v) { c.max_connections_per_client = parse_count(v); }},
      {"--header-timeout", "SECONDS",
       "Longest time a client may take to send a request's header, and to start the next "
       "request on a kept-alive connection.",
       "10", [](config& c, std::string_view v) { c.header_timeout = parse_seconds(v); }},
      {"--resolve", "NAME=ADDRESS",
       "Answer lookups of NAME with ADDRESS instead of asking DNS (repeatable; repeat a name "
       "for several addresses). The policy still judges the address.",
       "none",
       [](config& c, std::string_view v) { c.static_answers.push_back(parse_static_answer(v)); }},
      {"--dns-timeout", "SECONDS", "Longest wait for a DNS answer.", "5",
       [](config& c, std::string_view v) { c.dns_timeout = parse_seconds(v); }},
      {"--connect-timeout", "SECONDS", "Longest wait for the TCP connection to the target.", "10",
       [](config& c, std::string_view v) { c.connect_timeout = parse_seconds(v); }},
      {"--idle-timeout", "SECONDS",
       "Close a tunnel after this long without data bytes in either "
       "direction (pings do not count).",
       "60", [](config& c, std::string_view v) { c.idle_timeout = parse_seconds(v); }},
      {"--max-lifetime", "SECONDS", "Close a tunnel this long after it opened.", "600",
       [](config& c, std::string_view v) { c.max_lifetime = parse_seconds(v); }},
      {"--max-bytes", "SIZE",
       "Bytes one tunnel may carry, both directions together (K, M, G "
       "suffixes).",
       "64M", [](config& c, std::string_view v) { c.max_tunnel_bytes = parse_size(v); }},
      {"--max-message", "SIZE",
       "Largest WebSocket message accepted from a client; a bigger one "
       "closes the tunnel with 1009.",
       "1M", [](config& c, std::string_view v) { c.max_message_bytes = parse_size(v); }},
      {"--shutdown-grace", "SECONDS",
       "On SIGINT/SIGTERM, how long open tunnels may go on before "
       "they are closed with 1001.",
       "5", [](config& c, std::string_view v) { c.shutdown_grace = parse_seconds(v); }},
      {"--nat64-prefix", "PREFIX/96",
       "The NAT64 prefix of this machine's network, if not 64:ff9b::/96 (repeatable): an "
       "address in it reaches the IPv4 address in its last 32 bits, which is judged instead.",
       "64:ff9b::/96 only",
       [](config& c, std::string_view v) {
         auto r = parse_range(v);
         if (!r.base.is_v6() || r.bits != 96)
           throw std::invalid_argument("expected an IPv6 prefix of 96 bits, like 2001:db8:64::/96");
         c.nat64_prefixes.push_back(r);
       }},
      {"--dns-server", "ADDR:PORT",
       "Ask this DNS server instead of the ones in /etc/resolv.conf (repeatable).",
       "/etc/resolv.conf",
       [](config& c, std::string_view v) { c.dns_servers.push_back(parse_endpoint(v)); }},
      {"--public", nullptr,
       "Host for the public (docs/deploy.md): requires --public-host and --allowed-origin (not "
       "'*'), and prints at start what the server exposes. Without it, listening on a "
       "non-loopback address prints a warning.",
       "off", [](config& c, std::string_view) { c.public_mode = true; }},
      {"--public-host", "NAME[:PORT]",
       "A name the page is served under (repeatable): the Host header must be one of these "
       "(or a loopback name or an IP literal), which keeps DNS-rebinding pages out.",
       "none", [](config& c, std::string_view v) { c.public_hosts.push_back(parse_public_host(v)); }},
      {"--trusted-proxy", "ADDR[/BITS]",
       "A reverse proxy in front of the server (repeatable): from these peers only, the client "
       "address is read from Forwarded or X-Forwarded-For, so per-client limits count "
       "learners, not the proxy.",
       "none",
       [](config& c, std::string_view v) { c.trusted_proxies.push_back(parse_range(v)); }},
      {"--relay-token", "TOKEN",
       "Require /relay?...&token=TOKEN (at least 16 characters); the page passes on the token "
       "of its own URL (?token=...).",
       "none",
       [](config& c, std::string_view v) {
         if (v.size() < 16 || v.find_first_of("&=#%+ ") != std::string_view::npos)
           throw std::invalid_argument("expected at least 16 characters without &, =, #, %, + "
                                       "or spaces");
         c.relay_token = std::string(v);
       }},
      {"--log-json", nullptr, "Write logs as one JSON object per line instead of plain text.",
       "plain text", [](config& c, std::string_view) { c.log_json = true; }},
  };
  return table;
}

}  // namespace

std::optional<host_port> parse_host_port(std::string_view text) {
  host_port hp;
  std::string_view port_text;
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':')
      return std::nullopt;
    hp.host = std::string(text.substr(1, close - 1));
    port_text = text.substr(close + 2);
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    hp.host = std::string(text.substr(0, colon));
    if (hp.host.find(':') != std::string::npos) return std::nullopt;  // v6 needs brackets
    port_text = text.substr(colon + 1);
  }
  auto port = parse_number<std::uint16_t>(port_text);
  if (hp.host.empty() || !port) return std::nullopt;
  hp.port = *port;
  return hp;
}

std::string help_text() {
  std::ostringstream out;
  out << "Usage: tlsscope-server [OPTIONS]\n\n"
         "Serves the tlsscope page, relays WebSocket connections at /relay?host=H&port=P to TCP\n"
         "targets (resolving H, reporting DNS and TCP as JSON events, refusing private and\n"
         "loopback addresses), and runs a demo HTTPS origin with its own CA (/ca.pem).\n"
         "On start, stdout's first lines are 'listening http://ADDR:PORT' and\n"
         "'demo-origin https://ADDR:PORT' (or 'demo-origin off').\n\nOptions:\n";
  for (const auto& o : options()) {
    std::string head = std::string("  ") + o.name + (o.arg ? std::string(" ") + o.arg : "");
    out << head << "\n      " << o.help << "\n      default: " << o.default_text << "\n";
  }
  out << "  --help\n      Print this text and exit.\n";
  return out.str();
}

parse_result parse_command_line(int argc, const char* const* argv,
                                const std::filesystem::path& program_path) {
  config cfg;
  const auto build_dir = program_path.parent_path().parent_path();
  cfg.web_dir = build_dir / "site";
  cfg.state_dir = build_dir / "state";

  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") return {std::nullopt, help_text(), 0};
    std::string_view value;
    bool inline_value = false;
    if (auto eq = arg.find('='); eq != std::string_view::npos && arg.starts_with("--")) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      inline_value = true;
    }
    const option* found = nullptr;
    for (const auto& o : options())
      if (arg == o.name) found = &o;
    if (!found)
      return {std::nullopt,
              "tlsscope-server: unknown option '" + std::string(arg) + "' (see --help)\n", 2};
    if (found->arg && !inline_value) {
      if (i + 1 >= argc)
        return {std::nullopt,
                "tlsscope-server: " + std::string(arg) + " needs " + found->arg + "\n", 2};
      value = argv[++i];
    } else if (!found->arg && inline_value) {
      return {std::nullopt, "tlsscope-server: " + std::string(arg) + " takes no value\n", 2};
    }
    try {
      found->apply(cfg, value);
    } catch (const std::invalid_argument& e) {
      return {std::nullopt, "tlsscope-server: " + std::string(arg) + ": " + e.what() + "\n", 2};
    }
  }
  if (cfg.public_mode) {
    if (cfg.public_hosts.empty())
      return {std::nullopt, "tlsscope-server: --public needs --public-host NAME: the name "
                            "learners type to reach the page\n", 2};
    const bool any_origin = std::any_of(cfg.allowed_origins.begin(), cfg.allowed_origins.end(),
                                        [](const std::string& o) { return o == "*"; });
    if (cfg.allowed_origins.empty() || any_origin)
      return {std::nullopt, "tlsscope-server: --public needs --allowed-origin ORIGIN (not '*'): "
                            "the page origin(s) learners use, e.g. https://tls.example.org\n", 2};
  }
  if (cfg.max_connections == 0) cfg.max_connections = cfg.max_tunnels + 256;
  if (cfg.max_connections_per_client == 0)
    cfg.max_connections_per_client = cfg.max_tunnels_per_client + 24;
  return {std::move(cfg), {}, 0};
}

}  // namespace tlsscope::relay
