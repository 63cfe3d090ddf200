// The client connection under Beast's WebSocket stream, with a gate on Beast's writes.
//
// The tunnel writes its bulk data frames past Beast (the header by send(), the payload
// spliced from the target: relay_session), but Beast still writes frames of its own: the pong
// to a client's ping and the close reply. Two frames must never interleave on the wire, so
// the tunnel starts a frame of its own only when Beast has no write on the socket (Beast
// writes each frame as one composed write, so no write pending means no frame half-sent), and
// while the tunnel's frame is on its way Beast's next write waits here.
#pragma once

#include "net.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <utility>

namespace tlsscope::relay {

class gated_stream {
 public:
  using executor_type = beast::tcp_stream::executor_type;

  explicit gated_stream(tcp::socket&& socket) : next_(std::move(socket)) {}

  executor_type get_executor() noexcept { return next_.get_executor(); }
  beast::tcp_stream& next_layer() noexcept { return next_; }
  const beast::tcp_stream& next_layer() const noexcept { return next_; }

  template <class MutableBuffers, class Token>
  auto async_read_some(const MutableBuffers& buffers, Token&& token) {
    return next_.async_read_some(buffers, std::forward<Token>(token));
  }

  template <class ConstBuffers, class Token>
  auto async_write_some(const ConstBuffers& buffers, Token&& token) {
    return net::async_initiate<Token, void(beast::error_code, std::size_t)>(
        [this](auto handler, const ConstBuffers& b) {
          if (!gate_->held) return start_write(b, std::move(handler));
          // Beast writes one thing at a time, so at most one write ever waits here.
          waiting_ = std::make_unique<waiting_write<ConstBuffers, decltype(handler)>>(
              *this, b, std::move(handler));
        },
        token, buffers);
  }

  /// Runs `then` once Beast has no write on the socket (at once if it has none), with Beast's
  /// writes held back from then on until release().
  void hold_when_idle(std::function<void()> then) {
    if (gate_->writes > 0) return (void)(gate_->on_idle = std::move(then));
    gate_->held = true;
    then();
  }
  /// Lets Beast write again; a write that waited starts now. The tunnel calls it at the end of
  /// each frame of its own, whatever happened (a waiting write holds the session).
  void release() {
    gate_->held = false;
    if (auto w = std::move(waiting_)) w->start();
  }

 private:
  struct waiting_base {
    virtual ~waiting_base() = default;
    virtual void start() = 0;
  };
  template <class ConstBuffers, class Handler>
  struct waiting_write final : waiting_base {
    waiting_write(gated_stream& s, const ConstBuffers& b, Handler&& h)
        : stream(s), buffers(b), handler(std::move(h)) {}
    void start() override { stream.start_write(buffers, std::move(handler)); }
    gated_stream& stream;
    ConstBuffers buffers;
    Handler handler;
  };
  // Shared with the completion of Beast's write, which may end the session (and this stream)
  // when it returns.
  struct gate {
    std::size_t writes = 0;  // Beast's writes on the socket now (0 or 1)
    bool held = false;
    std::function<void()> on_idle;
  };

  template <class ConstBuffers, class Handler>
  void start_write(const ConstBuffers& buffers, Handler&& handler) {
    ++gate_->writes;
    next_.async_write_some(buffers, [g = gate_, h = std::forward<Handler>(handler)](
                                        beast::error_code ec, std::size_t n) mutable {
      --g->writes;
      h(ec, n);  // Beast goes on with the rest of its frame, or is done with it
      if (g->writes == 0 && g->on_idle) {
        g->held = true;
        std::exchange(g->on_idle, nullptr)();
      }
    });
  }

  beast::tcp_stream next_;
  std::shared_ptr<gate> gate_ = std::make_shared<gate>();
  std::unique_ptr<waiting_base> waiting_;
};

// Closing the WebSocket tears down the TCP connection underneath, as for a plain tcp_stream.
inline void teardown(beast::role_type role, gated_stream& s, beast::error_code& ec) {
  using websocket::teardown;
  teardown(role, s.next_layer().socket(), ec);
}

template <class Handler>
void async_teardown(beast::role_type role, gated_stream& s, Handler&& handler) {
  using websocket::async_teardown;
  async_teardown(role, s.next_layer().socket(), std::forward<Handler>(handler));
}

}  // namespace tlsscope::relay
