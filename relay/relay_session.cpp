#include "relay_session.hpp"

#include "relay_events.hpp"

#include <fcntl.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>

namespace tlsscope::relay {

namespace {

// A client that stops answering our close frame, or stops reading altogether, is cut off
// after this long.
constexpr auto close_deadline = std::chrono::seconds(5);
constexpr std::size_t max_control_message = 4096;

// "60 s", "0.5 s".
std::string seconds_text(std::chrono::milliseconds d) {
  char text[32];
  std::snprintf(text, sizeof text, "%g s", static_cast<double>(d.count()) / 1000.0);
  return text;
}

// RFC 6761 section 6.4: names under .invalid never resolve; answering at once also keeps
// such a lookup off the network.
bool is_invalid_tld(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  auto dot = host.rfind('.');
  auto tld = dot == std::string_view::npos ? host : host.substr(dot + 1);
  return tld.size() == 7 && std::equal(tld.begin(), tld.end(), "invalid",
                                       [](char a, char b) { return (a | 0x20) == b; });
}

}  // namespace

relay_session::relay_session(tcp::socket&& client_socket, tunnel_registry::slot slot, const config& cfg,
                             const policy& pol, resolver& dns, demo_tunnels* demo,
                             tunnel_registry& tunnels, relay_request target, std::string origin,
                             net::ip::address client, std::string client_text)
    : ws_(std::move(client_socket)),
      target_(ws_.get_executor()),
      watchdog_(ws_.get_executor()),
      slot_(std::move(slot)),
      tunnels_(tunnels),
      cfg_(cfg),
      policy_(pol),
      dns_(dns),
      client_(std::move(client)),
      demo_(demo),
      req_(std::move(target)) {
  record_.client = std::move(client_text);
  record_.origin = std::move(origin);
  if (!req_.target_later) record_.target = host_port{req_.host, req_.port}.to_string();
}

relay_session::~relay_session() {
  if (lookup_) lookup_->cancel();
  if (demo_end_) demo_->remove(*demo_end_);
  record_.bytes_up = bytes_up_;
  record_.bytes_down = bytes_down_;
  record_.ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - opened_).count());
  if (record_.end.empty()) record_.end = "client gone";
  log_tunnel(record_);
}

void relay_session::run(http::request<http::empty_body> upgrade) {
  slot_->attach(weak_from_this());
  upgrade_ = std::move(upgrade);
  ws_.set_option(websocket::stream_base::timeout{
      std::chrono::seconds(10),        // handshake, and the closing handshake
      websocket::stream_base::none(),  // idleness is judged on data bytes by the watchdog
      false});
  ws_.set_option(
      websocket::stream_base::decorator([proto = req_.subprotocol](websocket::response_type& res) {
        res.set(http::field::server, "tlsscope-server");
        if (!proto.empty()) res.set(http::field::sec_websocket_protocol, proto);
      }));
  // --max-message is enforced here rather than by Beast, so the client gets an error event
  // before the 1009 close.
  ws_.read_message_max(0);
  ws_.auto_fragment(false);
  net::dispatch(ws_.get_executor(), [self = shared_from_this()] {
    self->ws_.async_accept(self->upgrade_, beast::bind_front_handler(&relay_session::on_accept,
                                                                     self->shared_from_this()));
  });
}

void relay_session::on_accept(beast::error_code ec) {
  if (ec) {
    record_.end = "handshake failed";
    fail(ec, "relay handshake");
    return;
  }
  opened_ = clock::now();
  beast::get_lowest_layer(ws_).socket().set_option(tcp::no_delay(true), ec);
  if (!req_.target_later) return start_target();
  // Opened ahead of its run: it waits, like an idle tunnel, for the connect message.
  phase_ = phase::awaiting_target;
  up_buf_ = std::make_unique_for_overwrite<char[]>(chunk_size);
  arm_watchdog(opened_ + cfg_.idle_timeout);
  do_read_client();
}

void relay_session::start_target() {
  if (auto why = policy_.refuse_target(req_.host, req_.port))
    return end_with_error(relay_error::target_forbidden, *why);
  do_resolve();
}

// A target=later tunnel's first message names its target; from here on it is a tunnel like
// any other (policy, dns, tcp). Nothing else is read from the client before the target is
// connected, as for a tunnel named in its URL.
void relay_session::on_connect_message() {
  auto refusal = parse_connect_message(control_, req_);
  control_.clear();
  if (refusal) return end_with_error(refusal->code, refusal->message);
  record_.target = host_port{req_.host, req_.port}.to_string();
  // From a connection's place to a tunnel's, under the same limits as a tunnel named in its URL.
  auto place = tunnels_.acquire(client_);
  if (auto* refused = std::get_if<tunnel_registry::refusal>(&place)) {
    const auto answer = explain(*refused, client_, "tunnels");
    return end_with_error(answer.code, answer.message);
  }
  slot_.reset();
  slot_.emplace(std::move(std::get<tunnel_registry::slot>(place)));
  slot_->attach(weak_from_this());
  start_target();
}

void relay_session::do_resolve() {
  phase_ = phase::resolving;
  step_started_ = clock::now();
  if (is_invalid_tld(req_.host))
    return end_with_error(relay_error::dns_failed,
                          req_.host + " is under .invalid, which never resolves (RFC 6761)");
  arm_watchdog(step_started_ + cfg_.dns_timeout);
  // A weak reference: a tunnel that ended meanwhile (DNS timeout, client gone) is not kept
  // alive by a slow lookup.
  lookup_ = dns_.resolve(req_.host, client_, ws_.get_executor(),
                         [weak = weak_from_this()](lookup_result result) {
                           if (auto self = weak.lock()) self->on_resolve(std::move(result));
                         });
}

void relay_session::on_resolve(lookup_result result) {
  if (ending_) return;
  if (!result.error.empty())
    return end_with_error(relay_error::dns_failed, req_.host + " did not resolve: " + result.error);
  const auto ms = to_ms(clock::now() - step_started_);

  std::optional<std::string> first_refusal;
  std::vector<net::ip::address> usable;
  for (const auto& address : result.addresses) {
    const tcp::endpoint endpoint(address, req_.port);
    if (auto why = policy_.refuse_address(req_.host, endpoint)) {
      if (!first_refusal) first_refusal = *why;
    } else {
      candidates_.push_back(endpoint);
      usable.push_back(address);
    }
  }
  // The relay tells what the learner's tunnel may use and nothing more: the addresses it
  // refused stay out of the event, and a name none of whose addresses may be used gets no
  // answer at all — otherwise anyone could ask it what internal names resolve to. A literal
  // is what the learner typed, so it is shown, with the reason it is refused.
  const bool literal = is_ip_literal(req_.host);
  if (literal || !usable.empty()) send_event(dns_event(req_.host, literal ? result.addresses : usable, ms));
  if (candidates_.empty())
    return end_with_error(relay_error::target_forbidden,
                          literal ? *first_refusal
                                  : "no address of " + req_.host +
                                        " is one this relay connects to");
  do_connect();
}

void relay_session::do_connect() {
  phase_ = phase::connecting;
  step_started_ = clock::now();
  arm_watchdog(step_started_ + cfg_.connect_timeout);
  // Connects to the very addresses just checked, in DNS order: no second lookup that a
  // rebinding name could answer differently.
  net::async_connect(target_, candidates_,
                     beast::bind_front_handler(&relay_session::on_connect, shared_from_this()));
}

void relay_session::on_connect(beast::error_code ec, const tcp::endpoint& remote) {
  if (ending_) return;
  const auto target = record_.target;
  if (ec == net::error::connection_refused)
    return end_with_error(relay_error::connect_refused, target + " refused the connection");
  if (ec == net::error::timed_out)
    return end_with_error(relay_error::connect_timeout,
                          target + " did not answer the connection request");
  if (ec)
    return end_with_error(relay_error::connect_failed,
                          "could not connect to " + target + ": " + ec.message());

  target_.set_option(tcp::no_delay(true), ec);
  record_.resolved = endpoint_text(remote);
  // The relay's own end only when it is loopback (the demo origin): towards the internet it
  // is the relay's egress address, which is the operator's business, not a learner's.
  std::optional<tcp::endpoint> local;
  if (remote.address().is_loopback()) local = target_.local_endpoint(ec);
  // A connection to the demo origin: its secrets (GET /origin-secrets) are this tunnel's, and
  // the token says so.
  std::string token;
  if (demo_ && policy_.is_demo_target(remote)) {
    if (const auto end = target_.local_endpoint(ec); !ec) {
      token = demo_->add(end, client_);
      demo_end_ = end;
    }
  }
  // What one segment carries on this connection: the page shows whether the ClientHello (over
  // 1,200 bytes with X25519MLKEM768's share) fits in one.
  std::optional<int> mss;
  int seg = 0;
  socklen_t seg_len = sizeof seg;
  if (::getsockopt(target_.native_handle(), IPPROTO_TCP, TCP_MAXSEG, &seg, &seg_len) == 0 && seg > 0)
    mss = seg;
  send_event(tcp_event(remote, local, token, to_ms(clock::now() - step_started_), mss));

  phase_ = phase::piping;
  // Not zero-filled: an idle tunnel's buffers then cost address space, not resident memory.
  up_buf_ = std::make_unique_for_overwrite<char[]>(chunk_size);
  down_buf_ = std::make_unique_for_overwrite<char[]>(chunk_size);
  last_data_ = clock::now();
  arm_watchdog(std::min(last_data_ + cfg_.idle_timeout, opened_ + cfg_.max_lifetime));
  do_read_client();
  do_read_target();
}

// Upwards: client frames -> target.

void relay_session::do_read_client() {
  ws_.async_read_some(
      net::buffer(up_buf_.get(), chunk_size),
      beast::bind_front_handler(&relay_session::on_read_client, shared_from_this()));
}

void relay_session::on_read_client(beast::error_code ec, std::size_t n) {
  if (ec == websocket::error::closed) return on_client_gone("closed by client");
  if (ec) return on_client_gone("client gone: " + ec.message());
  if (ending_ || draining_) return;

  message_bytes_ += n;
  const bool message_done = ws_.is_message_done();
  // What is left of the current frame (Beast's read_size_hint, exact when it is above 1): a
  // frame that announces more than the limit is refused at its first bytes, none of which
  // reach the target, rather than a megabyte later.
  const std::size_t frame_left = message_done ? 0 : ws_.read_size_hint(1);
  if (message_bytes_ > cfg_.max_message_bytes ||
      (frame_left > 1 && frame_left > cfg_.max_message_bytes - message_bytes_))
    return end_with_error(relay_error::message_too_big,
                          "a message over " + std::to_string(cfg_.max_message_bytes) + " bytes");
  if (message_done) message_bytes_ = 0;

  // In events mode text frames are control messages; in binary mode (websockify) they are
  // bytes like any other.
  if (req_.mode == relay_mode::events && ws_.got_text()) {
    if (control_.size() + n > max_control_message)
      return end_with_error(relay_error::bad_request, "control message too long");
    control_.append(up_buf_.get(), n);
    const bool awaiting = phase_ == phase::awaiting_target;
    if (message_done) awaiting ? on_connect_message() : on_control_message();
    if (!ending_ && (phase_ == phase::piping || phase_ == phase::awaiting_target)) do_read_client();
    return;
  }
  if (phase_ == phase::awaiting_target)
    return end_with_error(relay_error::bad_request,
                          "data before the connect message: this tunnel has no target yet");
  if (client_shut_)
    return end_with_error(relay_error::bad_request, "data after the client's shutdown message");
  if (n == 0) return do_read_client();

  last_data_ = clock::now();
  n = within_budget(n);
  if (n == 0)
    return end_with_error(relay_error::limit_reached, "the tunnel reached its byte limit");
  bytes_up_ += n;
  net::async_write(target_, net::buffer(up_buf_.get(), n),
                   beast::bind_front_handler(&relay_session::on_write_target, shared_from_this()));
}

void relay_session::on_control_message() {
  auto message = nlohmann::json::parse(control_, nullptr, false);
  control_.clear();
  if (message.is_object() && message.value("type", "") == "shutdown") {
    // Half-close: the target sees end-of-stream upwards and may still answer.
    client_shut_ = true;
    beast::error_code ec;
    target_.shutdown(tcp::socket::shutdown_send, ec);
    return;
  }
  end_with_error(relay_error::bad_request,
                 "unknown control message (only {\"type\":\"shutdown\"} exists)");
}

void relay_session::on_write_target(beast::error_code ec, std::size_t) {
  // Draining cancels target operations, this write included; nothing more goes upwards then.
  if (ending_ || draining_) return;
  if (ec)
    return end_with_error(relay_error::target_error,
                          "writing to the target failed: " + ec.message());
  if (budget_spent_)
    return end_with_error(relay_error::limit_reached, "the tunnel reached its byte limit");
  do_read_client();
}

// Downwards: target -> client frames.

void relay_session::do_read_target() {
  if (pipe_.is_open())
    return target_.async_wait(
        tcp::socket::wait_read,
        beast::bind_front_handler(&relay_session::on_target_readable, shared_from_this()));
  target_.async_read_some(
      net::buffer(down_buf_.get(), chunk_size),
      beast::bind_front_handler(&relay_session::on_read_target, shared_from_this()));
}

void relay_session::on_read_target(beast::error_code ec, std::size_t n) {
  if (ending_) return;
  if (draining_) {
    if (!ec && n > 0) {
      bytes_down_ += n;
      queue_.push_back({false, {}, n});
      return do_write_client();
    }
    return continue_drain();
  }
  if (ec == net::error::eof) return on_target_closed();
  if (ec)
    return end_with_error(relay_error::target_error,
                          "the target connection failed: " + ec.message());
  // A full chunk: the target sends in bulk, so its next bytes go by splice() (if no pipe can
  // be had, they keep coming through down_buf_).
  if (n == chunk_size && !pipe_.is_open()) pipe_.open();
  on_data_read(n, false);
}

// The target has bytes (or its end, or an error): up to a chunk of them into the pipe.
void relay_session::on_target_readable(beast::error_code ec) {
  if (ending_) return;
  if (draining_) return continue_drain();  // the wait was cancelled; the drain reads the rest
  if (ec)
    return end_with_error(relay_error::target_error,
                          "the target connection failed: " + ec.message());
  const auto left = budget_left();
  if (left == 0)
    return end_with_error(relay_error::limit_reached, "the tunnel reached its byte limit");
  const ssize_t n = ::splice(target_.native_handle(), nullptr, pipe_.write_end, nullptr,
                             static_cast<std::size_t>(std::min<std::uint64_t>(chunk_size, left)),
                             SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
  const int error = errno;
  if (n < 0 && (error == EAGAIN || error == EINTR)) return do_read_target();
  if (n < 0)
    return end_with_error(relay_error::target_error,
                          "the target connection failed: " +
                              beast::error_code(error, beast::system_category()).message());
  if (n == 0) return on_target_closed();
  on_data_read(static_cast<std::size_t>(n), true);
}

void relay_session::on_data_read(std::size_t n, bool in_pipe) {
  last_data_ = clock::now();
  n = within_budget(n);
  if (n == 0)
    return end_with_error(relay_error::limit_reached, "the tunnel reached its byte limit");
  bytes_down_ += n;
  queue_.push_back({false, {}, n, in_pipe});
  do_write_client();
}

void relay_session::on_data_written() {
  if (ending_) return;
  if (draining_) return continue_drain();
  if (budget_spent_)
    return end_with_error(relay_error::limit_reached, "the tunnel reached its byte limit");
  do_read_target();
}

std::uint64_t relay_session::budget_left() const {
  const auto used = bytes_up_ + bytes_down_;
  return cfg_.max_tunnel_bytes > used ? cfg_.max_tunnel_bytes - used : 0;
}

std::size_t relay_session::within_budget(std::size_t n) {
  const auto left = budget_left();
  if (n >= left) budget_spent_ = true;
  return static_cast<std::size_t>(std::min<std::uint64_t>(n, left));
}

bool relay_session::kernel_pipe::open() {
  // splice() into a socket whose peer is gone raises SIGPIPE (it has no MSG_NOSIGNAL, which
  // every other write of the relay uses), and SIGPIPE would stop the whole server: ignored,
  // the splice fails with EPIPE instead and only that tunnel ends.
  static const bool sigpipe_ignored = std::signal(SIGPIPE, SIG_IGN) != SIG_ERR;
  (void)sigpipe_ignored;
  int ends[2];
  if (::pipe2(ends, O_NONBLOCK | O_CLOEXEC) != 0) return false;
  read_end = ends[0];
  write_end = ends[1];
  return true;
}

relay_session::kernel_pipe::~kernel_pipe() {
  if (!is_open()) return;
  ::close(read_end);
  ::close(write_end);
}

// The single writer towards the client: events and data chunks in order, then the close.

void relay_session::send_event(std::string json) {
  if (req_.mode != relay_mode::events) return;
  queue_.push_back({true, std::move(json), 0});
  do_write_client();
}

void relay_session::do_write_client() {
  if (writing_ || close_started_) return;
  if (queue_.empty()) {
    if (close_after_queue_) do_close();
    return;
  }
  writing_ = true;
  const auto& item = queue_.front();
  if (item.in_pipe) return write_piped_frame(item.data_size);
  ws_.text(item.text);
  const auto buffer =
      item.text ? net::buffer(item.payload) : net::buffer(down_buf_.get(), item.data_size);
  ws_.async_write(buffer,
                  beast::bind_front_handler(&relay_session::on_write_client, shared_from_this()));
}

// A binary frame of `n` bytes written past Beast: the header by send(), the payload spliced
// from the pipe into the client socket. It starts when Beast has no frame on the wire, and
// Beast's own frames (pong, close) wait until it is done.
void relay_session::write_piped_frame(std::size_t n) {
  auto& h = frame_header_;
  h[0] = 0x82;  // FIN, binary (RFC 6455 section 5.2); a server's frames carry no mask
  if (n < 126) {
    h[1] = static_cast<unsigned char>(n);
    header_size_ = 2;
  } else if (n <= 0xffff) {
    h[1] = 126;
    h[2] = static_cast<unsigned char>(n >> 8);
    h[3] = static_cast<unsigned char>(n);
    header_size_ = 4;
  } else {
    h[1] = 127;
    for (std::size_t i = 0; i < 8; ++i)
      h[2 + i] = static_cast<unsigned char>(static_cast<std::uint64_t>(n) >> (56 - 8 * i));
    header_size_ = 10;
  }
  header_left_ = header_size_;
  pipe_left_ = n;
  ws_.next_layer().hold_when_idle([self = shared_from_this()] {
    // Once Beast sent or received a close frame, no data frame may follow.
    self->continue_piped_frame(self->ws_.is_open() ? beast::error_code{}
                                                   : beast::error_code(websocket::error::closed));
  });
}

void relay_session::continue_piped_frame(beast::error_code ec) {
  auto& client = beast::get_lowest_layer(ws_).socket();
  const int fd = client.native_handle();
  while (!ec && header_left_ + pipe_left_ > 0) {
    const ssize_t m =
        header_left_ > 0
            ? ::send(fd, frame_header_.data() + (header_size_ - header_left_), header_left_,
                     MSG_NOSIGNAL | MSG_MORE)
            : ::splice(pipe_.read_end, nullptr, fd, nullptr, pipe_left_,
                       SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
    const int error = errno;
    if (m < 0 && error == EINTR) continue;
    if (m < 0 && error == EAGAIN)  // the client's socket is full: on when it has room
      return client.async_wait(
          tcp::socket::wait_write,
          beast::bind_front_handler(&relay_session::continue_piped_frame, shared_from_this()));
    if (m < 0) {
      ec = beast::error_code(error, beast::system_category());
    } else if (header_left_ > 0) {
      header_left_ -= static_cast<std::size_t>(m);
    } else {
      pipe_left_ -= static_cast<std::size_t>(m);
    }
  }
  ws_.next_layer().release();
  on_write_client(ec, 0);
}

void relay_session::on_write_client(beast::error_code ec, std::size_t) {
  writing_ = false;
  const bool was_data = !queue_.front().text;
  queue_.pop_front();
  if (ec) {
    queue_.clear();
    return on_client_gone("client gone: " + ec.message());
  }
  if (was_data) on_data_written();
  do_write_client();
}

void relay_session::do_close() {
  close_started_ = true;
  ws_.async_close(*close_after_queue_,
                  beast::bind_front_handler(&relay_session::on_close, shared_from_this()));
}

void relay_session::on_close(beast::error_code ec) {
  fail(ec, "relay close");
  close_everything();
}

// Ending.

void relay_session::end_with_error(relay_error code, const std::string& message) {
  if (ending_) return;
  ending_ = true;
  record_.end = code_name(code);
  beast::error_code ignored;
  target_.close(ignored);
  send_event(error_event(code, message));
  close_after_queue_ = websocket::close_reason(static_cast<websocket::close_code>(close_code(code)),
                                               code_name(code));
  phase_ = phase::closing;
  arm_watchdog(clock::now() + close_deadline);
  do_write_client();
}

void relay_session::on_target_closed() {
  ending_ = true;
  const char* by = client_shut_ ? "client" : "server";
  record_.end = std::string("closed by ") + by;
  send_event(closed_event(by, bytes_up_, bytes_down_, to_ms(clock::now() - opened_)));
  close_after_queue_ = websocket::close_reason(websocket::close_code::normal);
  phase_ = phase::closing;
  arm_watchdog(clock::now() + close_deadline);
  do_write_client();
}

void relay_session::on_client_gone(const std::string& why) {
  if (!ending_) record_.end = why;
  ending_ = true;
  close_everything();
}

void relay_session::close_everything() {
  beast::error_code ignored;
  ++watchdog_generation_;
  watchdog_.cancel();
  target_.shutdown(tcp::socket::shutdown_send, ignored);
  target_.close(ignored);
  beast::get_lowest_layer(ws_).close();
}

// Time limits: one timer per tunnel, re-armed per phase.

void relay_session::arm_watchdog(clock::time_point deadline) {
  const auto generation = ++watchdog_generation_;
  watchdog_.expires_at(deadline);
  watchdog_.async_wait([self = shared_from_this(), generation](beast::error_code ec) {
    self->on_watchdog(ec, generation);
  });
}

void relay_session::on_watchdog(beast::error_code ec, std::uint64_t generation) {
  // A wait that was replaced may still complete successfully: only the latest counts.
  if (ec || generation != watchdog_generation_) return;
  const auto now = clock::now();
  switch (phase_) {
    case phase::accepting: return;
    case phase::awaiting_target:
      return end_with_error(relay_error::idle_timeout,
                            "no connect message within " + seconds_text(cfg_.idle_timeout));
    case phase::resolving:
      return end_with_error(relay_error::dns_failed, "no DNS answer for " + req_.host + " within " +
                                                         seconds_text(cfg_.dns_timeout));
    case phase::connecting:
      return end_with_error(
          relay_error::connect_timeout,
          record_.target + " did not answer within " + seconds_text(cfg_.connect_timeout));
    case phase::piping:
      if (now >= last_data_ + cfg_.idle_timeout)
        return end_with_error(relay_error::idle_timeout,
                              "no data either way for " + seconds_text(cfg_.idle_timeout));
      if (now >= opened_ + cfg_.max_lifetime)
        return end_with_error(
            relay_error::limit_reached,
            "the tunnel reached its maximum lifetime of " + seconds_text(cfg_.max_lifetime));
      return arm_watchdog(std::min(last_data_ + cfg_.idle_timeout, opened_ + cfg_.max_lifetime));
    case phase::closing: return close_everything();
  }
}

// Shutdown: the grace period is over. Deliver what the target has already sent, then
// SHUTTING_DOWN and close 1001.

void relay_session::shutdown_started() {
  net::post(ws_.get_executor(), [self = shared_from_this()] {
    if (self->phase_ == phase::awaiting_target)
      self->end_with_error(relay_error::shutting_down, "the relay is shutting down");
  });
}

void relay_session::stop_for_shutdown() {
  net::post(ws_.get_executor(), [self = shared_from_this()] { self->on_shutdown(); });
}

void relay_session::on_shutdown() {
  if (ending_ || draining_) return;
  if (phase_ != phase::piping)
    return end_with_error(relay_error::shutting_down, "the relay is shutting down");
  draining_ = true;
  // A pending read completes now: with bytes already received, or aborted with none lost.
  beast::error_code ignored;
  target_.cancel(ignored);
}

void relay_session::continue_drain() {
  beast::error_code ec;
  const auto available = target_.available(ec);
  if (!ec && available > 0) {
    const auto n = target_.read_some(
        net::buffer(down_buf_.get(), std::min<std::size_t>(available, chunk_size)), ec);
    if (!ec && n > 0) {
      bytes_down_ += n;
      queue_.push_back({false, {}, n});
      return do_write_client();
    }
  }
  end_with_error(relay_error::shutting_down, "the relay is shutting down");
}

}  // namespace tlsscope::relay
