// Everything the server can be told on its command line, with the defaults a public host
// can live with: loopback-only listening, port 443 only, bounded tunnels.
#pragma once

#include "address_range.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tlsscope::relay {

/// "ADDR:PORT" as given on the command line; ADDR may be a bracketed IPv6 literal.
struct host_port {
  std::string host;
  std::uint16_t port = 0;

  std::string to_string() const;
};

/// Parses "host:port", "[v6]:port" (port 0..65535). Returns nothing when malformed.
std::optional<host_port> parse_host_port(std::string_view text);

/// --resolve NAME=ADDRESS: a fixed answer for a name, consulted before DNS.
struct static_answer {
  std::string name;     // as given; matched ignoring case and a trailing dot
  std::string address;  // an IP literal, without brackets
};

struct config {
  host_port listen{"127.0.0.1", 8080};
  std::filesystem::path web_dir;    // defaults to <bin>/../site
  std::filesystem::path state_dir;  // defaults to <bin>/../state
  unsigned threads = 1;

  bool demo_origin_enabled = true;
  host_port demo_origin{"127.0.0.1", 8443};
  // Node.js 26 serves the demo origin's main port (demo_origin_node.hpp); empty: the embedded
  // OpenSSL 3.0 origin does.
  std::filesystem::path demo_origin_node{TLSSCOPE_DEFAULT_NODE26};
  std::filesystem::path demo_origin_script{TLSSCOPE_DEMO_ORIGIN_SCRIPT};

  // Policy.
  std::vector<std::pair<std::uint16_t, std::uint16_t>> allowed_ports{{443, 443}};
  std::vector<host_port> allowed_targets;  // --allow: exact exceptions
  std::vector<std::string> allowed_host_patterns;
  std::vector<std::string> denied_host_patterns;
  std::vector<std::string> allowed_origins;  // besides the page's own origin
  std::vector<address_range> denied_addresses;  // --deny: checked on every resolved address
  std::vector<address_range> nat64_prefixes;    // --nat64-prefix: a network's own, /96
  std::size_t max_tunnels = 1024;
  std::size_t max_tunnels_per_client = 8;
  // HTTP connections that are not tunnels (yet): page requests and upgrades in progress. An
  // upgrade is such a connection first, so the defaults leave room for every tunnel a client
  // may open plus a page's worth of requests; parse_command_line fills them in.
  std::size_t max_connections = 0;             // default: max_tunnels + 256
  std::size_t max_connections_per_client = 0;  // default: max_tunnels_per_client + 24
  std::chrono::milliseconds header_timeout{10000};
  std::vector<static_answer> static_answers;  // --resolve
  std::chrono::milliseconds dns_timeout{5000};
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds idle_timeout{60000};
  std::chrono::milliseconds max_lifetime{600000};
  std::uint64_t max_tunnel_bytes = 64ull << 20;
  std::uint64_t max_message_bytes = 1ull << 20;
  std::chrono::milliseconds shutdown_grace{5000};

  bool log_json = false;

  // Hosting in public (docs/deploy.md).
  bool public_mode = false;                    // --public: the checks below are required
  std::vector<std::string> public_hosts;       // --public-host: Host header names served
  std::vector<address_range> trusted_proxies;  // --trusted-proxy: may say who the client is
  std::string relay_token;                     // --relay-token: required in /relay?token=
  std::vector<host_port> dns_servers;          // --dns-server: instead of /etc/resolv.conf
};

/// The outcome of reading argv: a config to run with, or text to print and an exit status.
struct parse_result {
  std::optional<config> cfg;
  std::string message;
  int exit_code = 0;
};

/// Reads the command line. `program_path` locates the default web and state folders.
parse_result parse_command_line(int argc, const char* const* argv,
                                const std::filesystem::path& program_path);

std::string help_text();

}  // namespace tlsscope::relay
