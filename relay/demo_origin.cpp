#include "demo_origin.hpp"

#include "log.hpp"

#include <openssl/ssl.h>

#include <chrono>
#include <stdexcept>

namespace tlsscope::relay {

namespace {

constexpr auto io_timeout = std::chrono::seconds(30);

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

std::unique_ptr<net::ssl::context> make_demo_tls_context(const demo_pki& pki) {
  auto ctx = std::make_unique<net::ssl::context>(net::ssl::context::tls_server);
  SSL_CTX* native = ctx->native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  SSL_CTX_set_max_proto_version(native, TLS1_3_VERSION);
  ctx->set_options(net::ssl::context::default_workarounds | net::ssl::context::single_dh_use);
  // Forward secrecy and AEAD only: what a learner should see a modern server choose.
  if (SSL_CTX_set1_groups_list(native, "X25519:P-256:P-384") != 1 ||
      SSL_CTX_set_cipher_list(native,
                              "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
                              "ECDHE-ECDSA-CHACHA20-POLY1305") != 1 ||
      SSL_CTX_set_ciphersuites(native,
                               "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:"
                               "TLS_CHACHA20_POLY1305_SHA256") != 1)
    throw std::runtime_error("demo origin: OpenSSL refused the TLS settings");
  ctx->use_certificate_chain(net::buffer(pki.chain_pem));
  ctx->use_private_key(net::buffer(pki.leaf_key_pem), net::ssl::context::pem);
  return ctx;
}

demo_origin_session::demo_origin_session(tcp::socket&& socket, net::ssl::context& tls,
                                         const std::string& ca_pem)
    : stream_(std::move(socket), tls), ca_pem_(ca_pem) {}

void demo_origin_session::run() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    beast::get_lowest_layer(self->stream_).expires_after(io_timeout);
    self->stream_.async_handshake(
        net::ssl::stream_base::server,
        beast::bind_front_handler(&demo_origin_session::on_handshake, self));
  });
}

void demo_origin_session::on_handshake(beast::error_code ec) {
  if (ec) return fail(ec, "demo origin handshake");
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
    response_.body() = ca_pem_;
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
         ".</p>\n<p>The server's certificate was issued for localhost by the tlsscope demo "
         "intermediate CA, which the tlsscope demo root CA (<a href=\"/ca.pem\">/ca.pem</a>) "
         "signed.</p>\n</body></html>\n";
}

}  // namespace tlsscope::relay
