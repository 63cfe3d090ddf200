#include "http_session.hpp"

#include "client_address.hpp"
#include "demo_origin.hpp"
#include "handshake_check.hpp"
#include "log.hpp"
#include "relay_events.hpp"
#include "relay_request.hpp"
#include "relay_session.hpp"
#include "static_files.hpp"

#include <chrono>
#include <variant>

namespace tlsscope::relay {

namespace {

constexpr std::uint32_t header_limit = 8 * 1024;
// How long a client may take to read a response (page files included).
constexpr auto response_timeout = std::chrono::seconds(60);
// How long a closing connection's leftover request bytes are read and dropped (below).
constexpr auto linger_timeout = std::chrono::seconds(2);

// Compares without stopping at the first difference, so the time taken tells nothing about
// how much of a guessed token was right.
bool same_secret(std::string_view given, std::string_view expected) {
  unsigned char diff = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < given.size(); ++i)
    diff |= static_cast<unsigned char>(given[i] ^ expected[i % expected.size()]);
  return diff == 0;
}

}  // namespace

http_session::http_session(tcp::socket&& socket, const http_context& ctx)
    : stream_(std::move(socket)), ctx_(ctx) {}

void http_session::run() {
  beast::error_code ec;
  const auto client = stream_.socket().remote_endpoint(ec);
  if (ec) return;
  // A trusted proxy's connections carry many learners; they are counted once the request
  // says whose it is (the tunnel limits), and towards the total only until then.
  std::optional<net::ip::address> counted;
  if (!any_contains(ctx_.cfg.trusted_proxies, client.address())) counted = client.address();
  auto admitted = ctx_.connections.acquire(counted);
  if (auto* refused = std::get_if<tunnel_registry::refusal>(&admitted)) return shed(*refused);
  admission_.emplace(std::move(std::get<tunnel_registry::slot>(admitted)));
  net::dispatch(stream_.get_executor(),
                beast::bind_front_handler(&http_session::do_read, shared_from_this()));
}

void http_session::do_read() {
  parser_.emplace();
  parser_->header_limit(header_limit);
  // One deadline for the whole header, not per byte: a client sending one byte a second
  // (slowloris) is cut off like one sending nothing.
  stream_.expires_after(ctx_.cfg.header_timeout);
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&http_session::on_read, shared_from_this()));
}

void http_session::on_read(beast::error_code ec, std::size_t) {
  if (ec == http::error::end_of_stream) return do_close();
  if (ec) {
    // A malformed request gets an answer; a vanished client does not.
    if (ec.category() == http::make_error_code(http::error::bad_target).category()) {
      http::request<http::empty_body> dummy;
      dummy.version(11);
      // RFC 6585 section 5 has a status of its own for a header over the limit.
      const auto status = ec == http::error::header_limit
                              ? http::status::request_header_fields_too_large
                              : http::status::bad_request;
      auto res = make_text_response(dummy, status, "text/plain; charset=utf-8",
                                    "bad request: " + ec.message() + "\n");
      res.keep_alive(false);
      return send(std::move(res));
    }
    return fail(ec, "http read");
  }
  on_request();
}

void http_session::on_request() {
  const auto& req = parser_->get();
  const auto target = to_std(req.target());

  if (is_relay_path(target)) return upgrade_to_relay();
  if (req.method() != http::verb::get && req.method() != http::verb::head) {
    auto res = make_text_response(req, http::status::method_not_allowed,
                                  "text/plain; charset=utf-8", "only GET and HEAD\n");
    res.set(http::field::allow, "GET, HEAD");
    return send(std::move(res));
  }
  const auto path = target.substr(0, target.find('?'));
  if (path == "/ca.pem") {
    if (ctx_.ca_pem.empty())
      return send(make_text_response(req, http::status::not_found, "text/plain; charset=utf-8",
                                     "the demo origin is off\n"));
    auto res = make_text_response(req, http::status::ok, "application/x-pem-file", ctx_.ca_pem);
    // Public by nature; pages on other origins and Node scripts may fetch it.
    res.set(http::field::access_control_allow_origin, "*");
    return send(std::move(res));
  }
  if (ctx_.demo)
    if (auto res = ctx_.demo->answer(req, path,
                                     target.substr(path.size() + (path.size() < target.size())),
                                     client_address()))
      return send(std::move(*res));
  if (path == "/healthz")
    return send(make_text_response(req, http::status::ok, "text/plain; charset=utf-8", "ok\n"));

  std::visit([this](auto&& res) { send(std::move(res)); }, serve_static(req, ctx_.cfg.web_dir));
}

void http_session::upgrade_to_relay() {
  const auto& req = parser_->get();
  if (!websocket::is_upgrade(req))
    return refuse(relay_error::bad_request,
                  "/relay is a WebSocket endpoint: send an Upgrade request",
                  http::status::upgrade_required);
  if (auto refusal = check_handshake(req))
    return refuse(relay_error::bad_request, refusal->message, refusal->status);
  const std::string origin(req[http::field::origin]);
  if (!ctx_.pol.origin_allowed(origin, to_std(req[http::field::host])))
    return refuse(relay_error::origin_forbidden,
                  "pages from " + origin + " may not use this relay (see --allowed-origin)");
  auto parsed =
      parse_relay_request(to_std(req.target()), to_std(req[http::field::sec_websocket_protocol]));
  if (auto* refusal = std::get_if<request_refusal>(&parsed))
    return refuse(refusal->code, refusal->message);
  if (!ctx_.cfg.relay_token.empty() &&
      !same_secret(std::get<relay_request>(parsed).token, ctx_.cfg.relay_token))
    return refuse(relay_error::origin_forbidden,
                  "this relay asks for a token in its URL (/relay?...&token=...), and this "
                  "request's is missing or wrong");

  beast::error_code ec;
  const auto peer = stream_.socket().remote_endpoint(ec);
  if (ec) return fail(ec, "relay upgrade");
  const auto client = client_address();
  // A tunnel opened ahead of its run (target=later) is a connection that is not a tunnel yet:
  // it keeps a connection's place (--max-connections(-per-client)), now counted by the client
  // behind a proxy too, and takes a tunnel's when its target comes (relay_session). Idle pages
  // holding one each never use up the tunnels that runs need.
  const bool later = std::get<relay_request>(parsed).target_later;
  if (later) admission_.reset();
  auto slot = later ? ctx_.connections.acquire(client) : ctx_.tunnels.acquire(client);
  if (auto* refused = std::get_if<tunnel_registry::refusal>(&slot)) {
    const auto answer = explain(*refused, client, later ? "connections" : "tunnels");
    // 503 when the relay as a whole is full; 429 (the code's own) when this client is.
    if (*refused == tunnel_registry::refusal::full)
      return refuse(answer.code, answer.message, http::status::service_unavailable);
    return refuse(answer.code, answer.message);
  }

  stream_.expires_never();
  auto session = std::make_shared<relay_session>(
      stream_.release_socket(), std::move(std::get<tunnel_registry::slot>(slot)), ctx_.cfg,
      ctx_.pol, ctx_.dns, ctx_.demo ? &ctx_.demo->tunnels() : nullptr, ctx_.tunnels,
      std::move(std::get<relay_request>(parsed)), origin, client,
      // Behind a proxy the peer's port is the proxy's: the log names the client by address.
      any_contains(ctx_.cfg.trusted_proxies, peer.address()) ? client.to_string()
                                                             : endpoint_text(peer));
  session->run(parser_->release());
}

net::ip::address http_session::client_address() const {
  beast::error_code ec;
  const auto peer = stream_.socket().remote_endpoint(ec);
  const auto& req = parser_->get();
  return real_client_address(peer.address(), to_std(req[http::field::forwarded]),
                             to_std(req["X-Forwarded-For"]), ctx_.cfg.trusted_proxies);
}

void http_session::refuse(relay_error code, const std::string& message,
                          std::optional<http::status> status_override) {
  const auto& req = parser_->get();
  const auto status = status_override.value_or(static_cast<http::status>(http_status(code)));
  auto res = make_text_response(req, status, "application/json", error_event(code, message));
  if (status == http::status::upgrade_required) {
    res.set(http::field::upgrade, "websocket");
    res.set(http::field::sec_websocket_version, websocket_version);
  }
  res.keep_alive(false);
  send(std::move(res));
}

template <class Body>
void http_session::send(http::response<Body>&& res) {
  auto owned = std::make_shared<http::response<Body>>(std::move(res));
  response_ = owned;
  stream_.expires_after(response_timeout);
  http::async_write(
      stream_, *owned,
      beast::bind_front_handler(&http_session::on_write, shared_from_this(), owned->keep_alive()));
}

void http_session::on_write(bool keep_alive, beast::error_code ec, std::size_t) {
  response_.reset();
  if (ec) return fail(ec, "http write");
  if (!keep_alive) return do_close();
  do_read();
}

void http_session::do_close() {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  // Closing with request bytes still unread would send a reset, and a reset can destroy the
  // answer before the client has read it (RFC 9112 section 9.6): drop what still comes until
  // the client closes too, for a short while at most.
  stream_.expires_after(linger_timeout);
  do_linger();
}

void http_session::do_linger() {
  buffer_.clear();
  stream_.async_read_some(buffer_.prepare(4096),
                          [self = shared_from_this()](beast::error_code ec, std::size_t) {
                            if (!ec) self->do_linger();
                          });
}

void http_session::shed(tunnel_registry::refusal why) {
  const bool per_client = why == tunnel_registry::refusal::client_full;
  http::request<http::empty_body> dummy;
  dummy.version(11);
  auto res = make_text_response(
      dummy, per_client ? http::status::too_many_requests : http::status::service_unavailable,
      "application/json",
      error_event(relay_error::limit_reached,
                  per_client ? "your address has all the connections it may open at once"
                             : "the relay has all the connections it may hold"));
  res.keep_alive(false);
  // At once and without waiting: a flood must cost the relay no more than this. A new
  // socket's send buffer takes the few hundred bytes; if not, the client learns nothing.
  beast::error_code ec;
  stream_.socket().non_blocking(true, ec);
  http::write(stream_.socket(), res, ec);
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
}

}  // namespace tlsscope::relay
