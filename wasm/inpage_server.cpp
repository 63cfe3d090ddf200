// The in-browser server: BearSSL's own TLS server engine (br_ssl_server_*) compiled to
// WebAssembly, so a page with no relay can still run a real handshake with fresh keys. It is a
// module of its own (tlsscope-inpage-server.{js,wasm}, loaded by web/inpage-server.js only when
// it is used), so the engine's module — what every visitor downloads — does not grow.
//
// The server speaks TLS 1.2 with ECDHE_ECDSA and AEAD suites, answers one HTTP request with a
// text saying where it runs, then sends close_notify. Like the engine it does no I/O: JavaScript
// hands it the client's bytes and takes its bytes back, through the C functions at the end
// (plain exports, no Embind, to keep the module small).
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include <emscripten/emscripten.h>

#include "cert_builder.hpp"

namespace inpage {
namespace {

struct Suite {
  std::uint16_t id;
  std::string_view name;
};
// What the server accepts, in BearSSL's order of preference when the client offers several.
constexpr Suite kSuites[] = {
    {BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"},
    {BR_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"},
    {BR_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
     "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"},
};

struct Curve {
  int id;
  std::string_view name;
};
// The ECDHE groups BearSSL's default EC implementation offers (br_ec_get_default()).
constexpr Curve kCurves[] = {
    {BR_EC_curve25519, "x25519"},
    {BR_EC_secp256r1, "secp256r1"},
    {BR_EC_secp384r1, "secp384r1"},
    {BR_EC_secp521r1, "secp521r1"},
};

template <class Table, class Key>
std::string_view name_in(const Table& table, Key key) {
  for (const auto& row : table)
    if (row.id == key) return row.name;
  return "unknown";
}

// Enough for a request line and headers; anything longer is answered with 431.
constexpr std::size_t kMaxRequest = 8192;

Pki g_pki;
br_x509_certificate g_chain[1];  // the leaf alone: the client trusts the CA as its anchor

class Session {
 public:
  explicit Session(const std::uint8_t* entropy, std::size_t len) {
    br_ssl_server_zero(&cc_);
    br_ssl_engine_context* eng = &cc_.eng;
    br_ssl_engine_set_versions(eng, BR_TLS12, BR_TLS12);
    std::uint16_t ids[std::size(kSuites)];
    for (std::size_t i = 0; i < std::size(kSuites); ++i)
      ids[i] = kSuites[i].id;
    br_ssl_engine_set_suites(eng, ids, std::size(ids));
    br_ssl_engine_set_ec(eng, br_ec_get_default());
    br_ssl_engine_set_hash(eng, br_sha256_ID, &br_sha256_vtable);
    br_ssl_engine_set_hash(eng, br_sha384_ID, &br_sha384_vtable);
    br_ssl_engine_set_prf_sha256(eng, &br_tls12_sha256_prf);
    br_ssl_engine_set_prf_sha384(eng, &br_tls12_sha384_prf);
    br_ssl_engine_set_default_aes_gcm(eng);
    br_ssl_engine_set_default_chapol(eng);
    br_ssl_server_set_single_ec(&cc_, g_chain, 1, &g_pki.leaf_key.sk, BR_KEYTYPE_SIGN,
                                BR_KEYTYPE_EC, br_ec_get_default(),
                                br_ecdsa_sign_asn1_get_default());
    static const char* kAlpn[] = {"http/1.1"};
    br_ssl_engine_set_protocol_names(eng, kAlpn, 1);
    br_ssl_engine_set_buffer(eng, iobuf_, sizeof iobuf_, 1);
    // The page's randomness (crypto.getRandomValues): there is no /dev/urandom in a browser.
    br_ssl_engine_inject_entropy(eng, entropy, len);
    br_ssl_server_reset(&cc_);
    run();
  }

  void receive(const std::uint8_t* data, std::size_t len) {
    while (len > 0 && !finished()) {
      std::size_t room = 0;
      unsigned char* buf = br_ssl_engine_recvrec_buf(&cc_.eng, &room);
      if (!buf) break;  // the engine takes no records now (it is closing)
      std::size_t n = len < room ? len : room;
      std::memcpy(buf, data, n);
      br_ssl_engine_recvrec_ack(&cc_.eng, n);
      data += n;
      len -= n;
      run();
    }
  }

  /// Records for the client, produced since the last take.
  const std::string& output() const { return out_; }
  void output_taken() { out_.clear(); }
  /// Nothing more to say: closed by an error or an alert, or close_notify sent after the
  /// response — where a network server would close its TCP connection.
  bool finished() const {
    return closing_ || (br_ssl_engine_current_state(&cc_.eng) & BR_SSL_CLOSED) != 0;
  }
  /// BearSSL's first error: 0 none, 256 + n alert n received, 512 + n alert n sent.
  int last_error() const { return br_ssl_engine_last_error(&cc_.eng); }

 private:
  // Moves bytes through BearSSL's windows until none of them moves any more.
  void run() {
    for (bool moved = true; moved;) {
      moved = false;
      br_ssl_engine_context* eng = &cc_.eng;
      std::size_t len = 0;
      if (unsigned char* rec = br_ssl_engine_sendrec_buf(eng, &len)) {
        out_.append(reinterpret_cast<const char*>(rec), len);
        br_ssl_engine_sendrec_ack(eng, len);
        moved = true;
      }
      if (unsigned char* app = br_ssl_engine_recvapp_buf(eng, &len)) {
        read_request(app, len);
        br_ssl_engine_recvapp_ack(eng, len);
        moved = true;
      }
      if (sent_ < response_.size()) {
        if (unsigned char* app = br_ssl_engine_sendapp_buf(eng, &len)) {
          std::size_t n = std::min(len, response_.size() - sent_);
          std::memcpy(app, response_.data() + sent_, n);
          br_ssl_engine_sendapp_ack(eng, n);
          sent_ += n;
          if (sent_ == response_.size()) br_ssl_engine_flush(eng, 0);
          moved = true;
        }
      } else if (!response_.empty() && !closing_) {
        br_ssl_engine_close(eng);  // the response is out: close_notify, as s_server -www does
        closing_ = true;
        moved = true;
      }
    }
  }

  void read_request(const unsigned char* data, std::size_t len) {
    if (!response_.empty()) return;  // one request per connection (Connection: close)
    request_.append(reinterpret_cast<const char*>(data),
                    std::min(len, kMaxRequest - request_.size()));
    if (request_.find("\r\n\r\n") != std::string::npos) {
      respond(request_.substr(0, request_.find("\r\n")));
    } else if (request_.size() >= kMaxRequest) {
      respond_status("431 Request Header Fields Too Large", "The request headers are too long.\n");
    }
  }

  void respond(const std::string& request_line) {
    if (request_line.rfind("GET ", 0) != 0)
      return respond_status("405 Method Not Allowed", "This server answers GET only.\n");
    br_ssl_session_parameters params;
    br_ssl_engine_get_session_parameters(&cc_.eng, &params);
    std::string body =
        "Hello from the in-browser server.\n\n"
        "This response comes from BearSSL's TLS server engine (br_ssl_server), compiled to\n"
        "WebAssembly and running inside this web page - not from a server on the network. Its\n"
        "keys and certificates were generated when the page loaded, and are gone when it "
        "closes.\n\n"
        "这个响应来自 BearSSL 的 TLS 服务器引擎，它被编译成 WebAssembly，运行在这个网页里，\n"
        "而不是网络上的服务器。它的密钥和证书在页面加载时生成，页面关闭后即消失。\n\n";
    body += "Request: " + request_line + "\n";
    body += "Protocol: TLS 1.2\nCipher suite: ";
    body += name_in(kSuites, params.cipher_suite);
    body += "\nKey exchange group: ";
    body += name_in(kCurves, br_ssl_engine_get_ecdhe_curve(&cc_.eng));
    body += "\n";
    respond_status("200 OK", body);
  }

  void respond_status(std::string_view status, const std::string& body) {
    response_ = "HTTP/1.1 ";
    response_ += status;
    response_ +=
        "\r\nServer: tlsscope in-browser server (BearSSL)\r\n"
        "Content-Type: text/plain; charset=utf-8\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  }

  br_ssl_server_context cc_{};
  unsigned char iobuf_[BR_SSL_BUFSIZE_BIDI];
  std::string out_, request_, response_;
  std::size_t sent_ = 0;
  bool closing_ = false;
};

const der::Bytes& cert(int which) { return which == 0 ? g_pki.ca_der : g_pki.leaf_der; }

}  // namespace
}  // namespace inpage

// The module's interface for web/inpage-server.js. Pointers are into the wasm heap.
extern "C" {

/// Makes the CA, the leaf for `host` and their keys from a DRBG seeded with `seed` (the page
/// passes 48 bytes from crypto.getRandomValues), valid around `now` (Unix seconds). 1 on success.
EMSCRIPTEN_KEEPALIVE int inpage_make_pki(const std::uint8_t* seed, std::size_t seed_len, double now,
                                         const char* host, std::size_t host_len) {
  br_hmac_drbg_context drbg;
  br_hmac_drbg_init(&drbg, &br_sha256_vtable, seed, seed_len);
  bool ok = inpage::make_pki(&drbg.vtable, static_cast<std::int64_t>(now),
                             std::string_view(host, host_len), inpage::g_pki);
  std::memset(&drbg, 0, sizeof drbg);
  inpage::g_chain[0] = {inpage::g_pki.leaf_der.data(), inpage::g_pki.leaf_der.size()};
  return ok ? 1 : 0;
}

/// The DER of the CA (0) or the leaf (1) certificate.
EMSCRIPTEN_KEEPALIVE const std::uint8_t* inpage_cert(int which) {
  return inpage::cert(which).data();
}
EMSCRIPTEN_KEEPALIVE std::size_t inpage_cert_len(int which) { return inpage::cert(which).size(); }

/// One TLS connection; `entropy` seeds its engine's random generator. Free with inpage_free.
EMSCRIPTEN_KEEPALIVE inpage::Session* inpage_open(const std::uint8_t* entropy, std::size_t len) {
  return new inpage::Session(entropy, len);
}
EMSCRIPTEN_KEEPALIVE void inpage_receive(inpage::Session* s, const std::uint8_t* data,
                                         std::size_t len) {
  s->receive(data, len);
}
EMSCRIPTEN_KEEPALIVE const char* inpage_output(inpage::Session* s) { return s->output().data(); }
EMSCRIPTEN_KEEPALIVE std::size_t inpage_output_len(inpage::Session* s) {
  return s->output().size();
}
EMSCRIPTEN_KEEPALIVE void inpage_output_taken(inpage::Session* s) { s->output_taken(); }
EMSCRIPTEN_KEEPALIVE int inpage_finished(inpage::Session* s) { return s->finished() ? 1 : 0; }
EMSCRIPTEN_KEEPALIVE int inpage_last_error(inpage::Session* s) { return s->last_error(); }
EMSCRIPTEN_KEEPALIVE void inpage_free(inpage::Session* s) { delete s; }

}  // extern "C"
