// One HTTP/1.1 connection to the main listener: the static page, /ca.pem, /healthz, and
// the /relay upgrade. An upgrade is checked completely (Origin, target syntax, subprotocol,
// tunnel limits) and refused with a plain HTTP status *before* any WebSocket exists; an
// accepted one hands the socket to a relay_session.
#pragma once

#include "config.hpp"
#include "net.hpp"
#include "policy.hpp"
#include "relay_error.hpp"
#include "resolver.hpp"
#include "tunnel_registry.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace tlsscope::relay {

class demo_origins;

/// What every connection to the main listener shares; outlives them all.
struct http_context {
  const config& cfg;
  const policy& pol;
  tunnel_registry& tunnels;
  tunnel_registry& connections;  // HTTP connections that are not tunnels (yet)
  resolver& dns;
  std::string ca_pem;  // the demo root certificate, empty when the demo origin is off
  demo_origins* demo = nullptr;  // /variants.json, /origin-secrets; none when it is off
};

class http_session : public std::enable_shared_from_this<http_session> {
 public:
  http_session(tcp::socket&& socket, const http_context& ctx);
  void run();

 private:
  void do_read();
  void on_read(beast::error_code ec, std::size_t n);
  void on_request();
  void upgrade_to_relay();
  /// The client behind this request: the peer, or whom a trusted proxy says it serves.
  net::ip::address client_address() const;
  void refuse(relay_error code, const std::string& message,
              std::optional<http::status> status_override = std::nullopt);

  template <class Body>
  void send(http::response<Body>&& res);
  void on_write(bool keep_alive, beast::error_code ec, std::size_t n);
  void do_close();
  void do_linger();
  /// Answers a connection over --max-connections(-per-client) and lets it go.
  void shed(tunnel_registry::refusal why);

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  const http_context& ctx_;
  std::optional<http::request_parser<http::empty_body>> parser_;
  std::shared_ptr<void> response_;  // keeps the response being written alive
  std::optional<tunnel_registry::slot> admission_;  // this connection's place, until it ends
};

}  // namespace tlsscope::relay
