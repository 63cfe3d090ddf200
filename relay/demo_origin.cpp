#include "demo_origin.hpp"

#include "address_range.hpp"
#include "log.hpp"

#include <nlohmann/json.hpp>
#include <openssl/crypto.h>
#include <openssl/ssl.h>

#include <chrono>
#include <stdexcept>

namespace tlsscope::relay {

namespace {

// Both origins, embedded and Node's, let connections go on these.
constexpr auto io_timeout = std::chrono::seconds(30);
// A connection that has not finished its handshake by then is let go: an idle one holds a
// descriptor the relay's tunnels share.
constexpr auto handshake_timeout = std::chrono::seconds(10);
// Connections held at once, beyond the relay's own tunnels (which may all be to the origin).
constexpr std::size_t spare_connections = 64;

std::string html_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::unique_ptr<net::ssl::context> make_demo_tls_context(const credentials& cred,
                                                         int min_version, int max_version,
                                                         bool below_security_level) {
  auto ctx = std::make_unique<net::ssl::context>(net::ssl::context::tls_server);
  SSL_CTX* native = ctx->native_handle();
  SSL_CTX_set_min_proto_version(native, min_version);
  SSL_CTX_set_max_proto_version(native, max_version);
  // OpenSSL itself refuses to serve a 1024-bit RSA key or a SHA-1 signed certificate; the
  // variants that exist to show a client refusing them need it to.
  if (below_security_level) SSL_CTX_set_security_level(native, 0);
  ctx->set_options(net::ssl::context::default_workarounds | net::ssl::context::single_dh_use);
  // Forward secrecy and AEAD only: what a learner should see a modern server choose. The
  // RSA suites serve the weak-RSA variant; OpenSSL picks the ones the key can sign for.
  if (SSL_CTX_set1_groups_list(native, "X25519:P-256:P-384") != 1 ||
      SSL_CTX_set_cipher_list(native,
                              "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
                              "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256:"
                              "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305") != 1 ||
      SSL_CTX_set_ciphersuites(native,
                               "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:"
                               "TLS_CHACHA20_POLY1305_SHA256") != 1)
    throw std::runtime_error("demo origin: OpenSSL refused the TLS settings");
  ctx->use_certificate_chain(net::buffer(cred.chain_pem));
  ctx->use_private_key(net::buffer(cred.key_pem), net::ssl::context::pem);
  return ctx;
}

namespace {

// A query parameter's value as sent (the only values read here are hex).
std::string_view query_value(std::string_view query, std::string_view key) {
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    if (pair.size() > key.size() && pair.starts_with(key) && pair[key.size()] == '=')
      return pair.substr(key.size() + 1);
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return {};
}

string_response json_response(const http::request<http::empty_body>& req, http::status status,
                              const nlohmann::json& body) {
  return make_text_response(req, status, "application/json", body.dump() + "\n");
}

}  // namespace

demo_origins::demo_origins(net::io_context& ioc, const config& cfg, const tcp::endpoint& at)
    : cfg_(cfg),
      pki_(load_or_create_demo_pki(cfg.state_dir, cfg.demo_origin.host)),
      connections_(cfg.max_tunnels + spare_connections, cfg.max_tunnels_per_client) {
  const credentials main_cred{pki_.chain_pem, pki_.leaf_key_pem};
  main_tls_ = make_demo_tls_context(main_cred, TLS1_2_VERSION, TLS1_3_VERSION);
  secrets_.attach(main_tls_->native_handle());
  main_ = std::make_shared<listener>(
      ioc, at, [this](tcp::socket&& socket) { admit(std::move(socket), *main_tls_, nullptr); });

  const auto main_port = main_->local_endpoint().port();
  const auto variants = demo_variants();
  variants_.reserve(variants.size());
  for (std::size_t i = 0; i < variants.size(); ++i) {
    const demo_variant& v = variants[i];
    const credentials& cred = v.certificate.empty() ? main_cred : pki_.bad.at(std::string(v.certificate));
    running_variant r{&v, make_demo_tls_context(cred, v.min_version, v.max_version,
                                                v.below_openssl_security_level),
                      nullptr};
    secrets_.attach(r.tls->native_handle());
    // Port 0 (tests) gives every variant an ephemeral port of its own too.
    const auto port = static_cast<std::uint16_t>(at.port() == 0 ? 0 : main_port + 1 + i);
    try {
      auto* tls = r.tls.get();
      r.acceptor = std::make_shared<listener>(
          ioc, tcp::endpoint(at.address(), port),
          [this, tls, &v](tcp::socket&& socket) { admit(std::move(socket), *tls, &v); });
    } catch (const boost::system::system_error& e) {
      log_note("demo origin: variant " + std::string(v.name) + " left out: port " +
               std::to_string(port) + ": " + e.what());
      continue;
    }
    variants_.push_back(std::move(r));
  }
  if (!cfg.demo_origin_node.empty()) start_node(ioc);
}

void demo_origins::start_node(net::io_context& ioc) {
  const nlohmann::json settings = {
      {"chain", pki_.chain_pem},
      {"key", pki_.leaf_key_pem},
      {"root", pki_.root_pem},
      {"max_connections", cfg_.max_tunnels + spare_connections},
      {"max_per_network", cfg_.max_tunnels_per_client},
      {"handshake_timeout_ms", std::chrono::milliseconds(handshake_timeout).count()},
      {"idle_timeout_ms", std::chrono::milliseconds(io_timeout).count()},
  };
  std::string why_not;
  node_ = demo_origin_node::start(ioc, cfg_.demo_origin_node, cfg_.demo_origin_script,
                                  main_->native_handle(), settings, why_not);
  if (!node_) {
    log_note("demo origin: " + why_not + "; the main origin is served by tlsscope-server's " +
             "own " + OpenSSL_version(OPENSSL_VERSION) + ", which has no X25519MLKEM768: " +
             "a demo run offers the hybrid and gets the X25519 share beside it");
    return;
  }
  node_->run([this](const nlohmann::json& m) { node_message(m); },
             [this] {
               // Node died under us: the socket is still tlsscope-server's, so it serves on.
               log_note("demo origin: Node.js stopped; the main origin is served by "
                        "tlsscope-server's own OpenSSL from now on (no X25519MLKEM768)");
               main_->run();
             });
}

std::string demo_origins::main_stack() const {
  if (node_)
    return "Node.js " + node_->versions().value("node", std::string("?")) + " (OpenSSL " +
           node_->versions().value("openssl", std::string("?")) + ", X25519MLKEM768 offered)";
  return std::string(OpenSSL_version(OPENSSL_VERSION)) + " (embedded)";
}

void demo_origins::node_message(const nlohmann::json& message) {
  if (const auto line = message.find("keylog"); line != message.end() && line->is_string())
    secrets_.record(line->get<std::string>());
  const auto random = message.find("handshake");
  if (random == message.end() || !random->is_string()) return;
  const auto hex = random->get<std::string>();
  if (hex.size() != 64 || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
    return;
  boost::system::error_code ec;
  const auto address = net::ip::make_address(message.value("address", std::string()), ec);
  const auto port = message.value("port", 0);
  if (ec || port <= 0 || port > 65535) return;
  std::string bytes;
  for (std::size_t i = 0; i < hex.size(); i += 2)
    bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  bind_connection(bytes, {address, static_cast<std::uint16_t>(port)});
}

void demo_origins::admit(tcp::socket&& socket, net::ssl::context& tls,
                         const demo_variant* variant) {
  beast::error_code ec;
  const auto peer = socket.remote_endpoint(ec);
  if (ec) return;
  std::optional<net::ip::address> counted;
  if (!client_network(peer.address()).is_loopback()) counted = peer.address();
  auto slot = connections_.acquire(counted);
  if (std::holds_alternative<tunnel_registry::refusal>(slot)) {
    socket.close(ec);  // a TLS client learns nothing more from a message than from the close
    return;
  }
  std::make_shared<demo_origin_session>(std::move(socket), tls, *this,
                                        std::move(std::get<tunnel_registry::slot>(slot)), variant)
      ->run();
}

void demo_origins::handshake_done(SSL* ssl, const tcp::endpoint& peer) {
  unsigned char random[SSL3_RANDOM_SIZE];
  const auto n = SSL_get_client_random(ssl, random, sizeof random);
  bind_connection(std::string_view(reinterpret_cast<const char*>(random), n), peer);
}

void demo_origins::bind_connection(std::string_view bytes, const tcp::endpoint& peer) {
  if (auto tunnel = tunnels_.find(peer))
    secrets_.bind(bytes, {tunnel->token, tunnel->network});
  else
    secrets_.bind(bytes, {{}, client_network_text(peer.address())});
}

std::vector<tcp::endpoint> demo_origins::variant_endpoints() const {
  std::vector<tcp::endpoint> out;
  for (const auto& r : variants_)
    out.push_back(r.acceptor->local_endpoint());
  return out;
}

void demo_origins::release_listeners() {
  node_.reset();
  main_.reset();
  for (auto& r : variants_)
    r.acceptor.reset();
}

std::vector<std::shared_ptr<listener>> demo_origins::listeners() const {
  std::vector<std::shared_ptr<listener>> out;
  if (!node_) out.push_back(main_);
  for (const auto& r : variants_)
    out.push_back(r.acceptor);
  return out;
}

// The demo certificates cover localhost, 127.0.0.1 and ::1 by name; "localhost" is what a
// learner types, and the wrong-name variant is only wrong for the name it was not issued to.
std::string demo_origins::url_host() const {
  const auto& host = cfg_.demo_origin.host;
  boost::system::error_code ec;
  const auto address = net::ip::make_address(host, ec);
  if (host == "localhost" || (!ec && (address.is_loopback() || address.is_unspecified())))
    return "localhost";
  return !ec && address.is_v6() ? "[" + host + "]" : host;
}

std::optional<string_response> demo_origins::answer(const http::request<http::empty_body>& req,
                                                    std::string_view path,
                                                    std::string_view query,
                                                    const net::ip::address& client) {
  if (path == "/variants.json") return variants_json(req);
  if (path == "/demo-origin.json") return main_json(req);
  if (path == "/origin-secrets") return secrets_json(req, query, client);
  return std::nullopt;
}

string_response demo_origins::variants_json(const http::request<http::empty_body>& req) const {
  auto list = nlohmann::json::array();
  for (const auto& r : variants_) {
    const auto port = r.acceptor->local_endpoint().port();
    list.push_back({{"name", r.variant->name},
                    {"url", "https://" + url_host() + ":" + std::to_string(port) + "/"},
                    {"port", port},
                    {"expect", r.variant->expect},
                    {"title_en", r.variant->title_en},
                    {"title_zh", r.variant->title_zh}});
  }
  return json_response(req, http::status::ok, list);
}

// Where the main origin answers, for the page's prefilled address: the port it really listens
// on (--demo-origin may move it off 8443), at the address it was given (loopback stays the
// literal the relay's exception matches; an unspecified address is this machine: localhost).
string_response demo_origins::main_json(const http::request<http::empty_body>& req) const {
  const auto at = main_->local_endpoint();
  std::string host = at.address().is_unspecified() ? "localhost" : at.address().to_string();
  if (at.address().is_v6() && !at.address().is_unspecified()) host = "[" + host + "]";
  auto res = json_response(req, http::status::ok,
                           {{"url", "https://" + host + ":" + std::to_string(at.port()) + "/"},
                            {"port", at.port()}});
  // Public by nature, like /ca.pem: a page on another origin (?relay=…) reads it too.
  res.set(http::field::access_control_allow_origin, "*");
  return res;
}

string_response demo_origins::secrets_json(const http::request<http::empty_body>& req,
                                           std::string_view query,
                                           const net::ip::address& client) {
  const auto random = query_value(query, "client_random");
  if (random.size() != 64)
    return json_response(req, http::status::bad_request,
                         {{"error", "client_random must be the 64 hex digits of a ClientHello's "
                                    "random"}});
  if (auto found = secrets_.find(random, query_value(query, "token"), client_network_text(client)))
    return json_response(req, http::status::ok, *found);
  return json_response(
      req, http::status::not_found,
      {{"error", "the demo origin has no connection with this client random that you made "
                 "(give the token your tunnel's tcp event carried; only the origin's own "
                 "connections of the last minutes are kept)"}});
}

demo_origin_session::demo_origin_session(tcp::socket&& socket, net::ssl::context& tls,
                                         demo_origins& owner, tunnel_registry::slot slot,
                                         const demo_variant* variant)
    : stream_(std::move(socket), tls), owner_(owner), slot_(std::move(slot)), variant_(variant) {
  // The response leaves as two TLS records (header, body): with Nagle's algorithm the second
  // waited for the ACK of the first, which the client delays by up to 40 ms.
  beast::error_code ec;
  beast::get_lowest_layer(stream_).socket().set_option(tcp::no_delay(true), ec);
}

void demo_origin_session::run() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    beast::get_lowest_layer(self->stream_).expires_after(handshake_timeout);
    self->stream_.async_handshake(
        net::ssl::stream_base::server,
        beast::bind_front_handler(&demo_origin_session::on_handshake, self));
  });
}

void demo_origin_session::on_handshake(beast::error_code ec) {
  if (ec) return fail(ec, "demo origin handshake");
  const auto peer = beast::get_lowest_layer(stream_).socket().remote_endpoint(ec);
  if (!ec) owner_.handshake_done(stream_.native_handle(), peer);
  do_read();
}

void demo_origin_session::do_read() {
  parser_.emplace();
  parser_->header_limit(8 * 1024);
  beast::get_lowest_layer(stream_).expires_after(io_timeout);
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&demo_origin_session::on_read, shared_from_this()));
}

void demo_origin_session::on_read(beast::error_code ec, std::size_t) {
  if (ec == http::error::end_of_stream) return do_shutdown();
  if (ec) return fail(ec, "demo origin read");

  const auto& req = parser_->get();
  const auto path = req.target().substr(0, req.target().find('?'));
  response_ = {};
  response_.version(req.version());
  response_.set(http::field::server, "tlsscope demo origin");
  response_.set(http::field::cache_control, "no-store");
  response_.keep_alive(req.keep_alive());
  if (req.method() != http::verb::get && req.method() != http::verb::head) {
    response_.result(http::status::method_not_allowed);
    response_.set(http::field::allow, "GET, HEAD");
    response_.set(http::field::content_type, "text/plain; charset=utf-8");
    response_.body() = "only GET and HEAD\n";
  } else if (path == "/") {
    response_.result(http::status::ok);
    response_.set(http::field::content_type, "text/html; charset=utf-8");
    response_.body() = page();
  } else if (path == "/ca.pem") {
    response_.result(http::status::ok);
    response_.set(http::field::content_type, "application/x-pem-file");
    response_.body() = owner_.root_pem();
  } else {
    response_.result(http::status::not_found);
    response_.set(http::field::content_type, "text/plain; charset=utf-8");
    response_.body() = "not found\n";
  }
  response_.prepare_payload();
  if (req.method() == http::verb::head) response_.body().clear();
  http::async_write(stream_, response_,
                    beast::bind_front_handler(&demo_origin_session::on_write, shared_from_this(),
                                              response_.keep_alive()));
}

void demo_origin_session::on_write(bool keep_alive, beast::error_code ec, std::size_t) {
  if (ec) return fail(ec, "demo origin write");
  if (!keep_alive) return do_shutdown();
  do_read();
}

// close_notify, as a well-behaved server sends it: the learner sees the alert.
void demo_origin_session::do_shutdown() {
  beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
  stream_.async_shutdown(
      beast::bind_front_handler(&demo_origin_session::on_shutdown, shared_from_this()));
}

// Clients often close the socket without answering our close_notify; nothing to report.
void demo_origin_session::on_shutdown(beast::error_code) {
  beast::get_lowest_layer(stream_).close();
}

namespace {

constexpr std::string_view chain_paragraph =
    "<p>The server's certificate was issued for localhost by the tlsscope demo intermediate CA, "
    "which the tlsscope demo root CA (<a href=\"/ca.pem\">/ca.pem</a>) signed.</p>\n";

}  // namespace

std::string demo_origin_session::variant_paragraph() const {
  return "<p>This is the demo origin's <b>" + html_escape(variant_->name) +
         "</b> variant: " + html_escape(variant_->title_en) + ".</p>\n";
}

std::string demo_origin_session::page() {
  SSL* ssl = stream_.native_handle();
  const char* group = SSL_group_to_name(ssl, static_cast<int>(SSL_get_negotiated_group(ssl)));
  const std::string version = SSL_get_version(ssl);
  const std::string cipher = SSL_get_cipher_name(ssl);
  return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<title>tlsscope demo origin</title></head>\n<body>\n"
         "<h1>Hello from the tlsscope demo origin</h1>\n"
         "<p>This page came to you over " +
         html_escape(version) + ", cipher suite " + html_escape(cipher) + ", key exchange group " +
         html_escape(group ? group : "unknown") +
         ".</p>\n" + (variant_ ? variant_paragraph() : std::string(chain_paragraph)) + "</body></html>\n";
}

}  // namespace tlsscope::relay
