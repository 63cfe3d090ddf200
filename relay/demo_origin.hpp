// The HTTPS origin the demo runs against on a machine with no internet: TLS 1.2 and 1.3 with
// ECDHE only, serving a small page that tells the visitor what was negotiated, and the demo
// root at /ca.pem. Its main port is served by Node.js 26 with X25519MLKEM768
// (demo_origin_node.hpp), or, where Node is missing, by the embedded origin below: OpenSSL 3.0
// through Asio SSL. Next to it, on the following ports, its badssl-style variants
// (demo_variants.hpp), always embedded; every connection to any of them reports the secrets
// the server derived (origin_secrets.hpp).
#pragma once

#include "config.hpp"
#include "demo_origin_node.hpp"
#include "demo_pki.hpp"
#include "demo_tunnels.hpp"
#include "demo_variants.hpp"
#include "listener.hpp"
#include "net.hpp"
#include "origin_secrets.hpp"
#include "static_files.hpp"
#include "tunnel_registry.hpp"

#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tlsscope::relay {

/// The server-side TLS settings: versions `min_version`..`max_version`, ECDHE groups
/// X25519/P-256/P-384, AEAD suites only, the given chain and key.
std::unique_ptr<net::ssl::context> make_demo_tls_context(const credentials& cred,
                                                         int min_version, int max_version,
                                                         bool below_security_level = false);

/// The main origin and its variants: their certificates, TLS settings, listeners and the
/// table of secrets their connections derived. Lives as long as the io_context's handlers.
class demo_origins {
 public:
  /// Loads or creates the certificates and binds the listeners (the main origin at `at`,
  /// cfg.demo_origin resolved; each variant on the next ports, or an ephemeral port when
  /// the main one is 0). A variant whose port is taken is left out, with a note in the log.
  /// Throws if the main origin cannot listen.
  demo_origins(net::io_context& ioc, const config& cfg, const tcp::endpoint& at);

  const std::string& root_pem() const { return pki_.root_pem; }
  tcp::endpoint endpoint() const { return main_->local_endpoint(); }
  /// The variants' endpoints: the relay lets pages reach them like the main origin.
  std::vector<tcp::endpoint> variant_endpoints() const;
  /// The listeners tlsscope-server accepts on: the main one first (unless Node serves it),
  /// then the variants'.
  std::vector<std::shared_ptr<listener>> listeners() const;
  /// Which TLS stack serves the main port, for the log: "Node.js v26… (OpenSSL 3.5…)" or
  /// "OpenSSL 3.0… (embedded)".
  std::string main_stack() const;
  /// Lets go of the listeners once the io_context has stopped: their acceptors and timers
  /// belong to the io_context's services and must be destroyed before it is, while the TLS
  /// contexts and the secrets table stay for the sessions it destroys last.
  void release_listeners();

  /// GET /variants.json, GET /demo-origin.json (the main origin's URL and port) and
  /// GET /origin-secrets?client_random=…&token=…, or nothing for any
  /// other path. `client` is the asker's address (behind a trusted proxy, the real one).
  std::optional<string_response> answer(const http::request<http::empty_body>& req,
                                        std::string_view path, std::string_view query,
                                        const net::ip::address& client);

  /// The relay's tunnels to this origin, whose connections' secrets belong to them.
  demo_tunnels& tunnels() { return tunnels_; }

  /// A connection's handshake is done: its secrets go to the tunnel that made it, or to its
  /// peer's network when no tunnel did.
  void handshake_done(SSL* ssl, const tcp::endpoint& peer);

  /// The main port's secrets as Node reports them (demo_origin.mjs): key-log lines, and
  /// finished handshakes with their peer.
  void node_message(const nlohmann::json& message);
 private:
  struct running_variant {
    const demo_variant* variant;
    std::unique_ptr<net::ssl::context> tls;
    std::shared_ptr<listener> acceptor;
  };
  std::string url_host() const;
  string_response variants_json(const http::request<http::empty_body>& req) const;
  string_response main_json(const http::request<http::empty_body>& req) const;
  string_response secrets_json(const http::request<http::empty_body>& req,
                               std::string_view query, const net::ip::address& client);
  /// Starts a session for an accepted connection, or closes it when the origin is full.
  void admit(tcp::socket&& socket, net::ssl::context& tls, const demo_variant* variant);
  /// Hands the main port to Node, or says in the log why the embedded origin keeps it.
  void start_node(net::io_context& ioc);
  void bind_connection(std::string_view client_random_bytes, const tcp::endpoint& peer);
  const config& cfg_;
  demo_pki pki_;
  origin_secrets secrets_;
  demo_tunnels tunnels_;
  // Connections held at once: in all, and per peer network for peers other than loopback
  // (loopback peers are the relay's tunnels, bounded by the relay's own limits).
  tunnel_registry connections_;
  std::unique_ptr<net::ssl::context> main_tls_;
  std::shared_ptr<listener> main_;
  std::vector<running_variant> variants_;
  std::unique_ptr<demo_origin_node> node_;  // serves main_'s socket when there is one
};

class demo_origin_session : public std::enable_shared_from_this<demo_origin_session> {
 public:
  /// `variant` is nothing for the main origin.
  demo_origin_session(tcp::socket&& socket, net::ssl::context& tls, demo_origins& owner,
                      tunnel_registry::slot slot, const demo_variant* variant = nullptr);
  void run();

 private:
  void on_handshake(beast::error_code ec);
  void do_read();
  void on_read(beast::error_code ec, std::size_t n);
  void on_write(bool keep_alive, beast::error_code ec, std::size_t n);
  void do_shutdown();
  void on_shutdown(beast::error_code ec);
  std::string page();
  std::string variant_paragraph() const;

  beast::ssl_stream<beast::tcp_stream> stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::empty_body>> parser_;
  http::response<http::string_body> response_;
  demo_origins& owner_;
  tunnel_registry::slot slot_;
  const demo_variant* variant_;
};

}  // namespace tlsscope::relay
