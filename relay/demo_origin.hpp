// The embedded HTTPS origin the demo runs against on a machine with no internet: OpenSSL
// through Asio SSL, TLS 1.2 and 1.3 with ECDHE only, serving a small page that tells the
// visitor what was negotiated, and the demo root at /ca.pem.
#pragma once

#include "demo_pki.hpp"
#include "net.hpp"

#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>

#include <memory>
#include <optional>
#include <string>

namespace tlsscope::relay {

/// The server-side TLS settings: versions 1.2-1.3, ECDHE groups X25519/P-256/P-384, AEAD
/// suites only, the demo chain and key.
std::unique_ptr<net::ssl::context> make_demo_tls_context(const demo_pki& pki);

class demo_origin_session : public std::enable_shared_from_this<demo_origin_session> {
 public:
  demo_origin_session(tcp::socket&& socket, net::ssl::context& tls, const std::string& ca_pem);
  void run();

 private:
  void on_handshake(beast::error_code ec);
  void do_read();
  void on_read(beast::error_code ec, std::size_t n);
  void on_write(bool keep_alive, beast::error_code ec, std::size_t n);
  void do_shutdown();
  void on_shutdown(beast::error_code ec);
  std::string page();

  beast::ssl_stream<beast::tcp_stream> stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::empty_body>> parser_;
  http::response<http::string_body> response_;
  const std::string& ca_pem_;
};

}  // namespace tlsscope::relay
