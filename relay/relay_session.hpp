// One tunnel: a WebSocket from the page on one side, a TCP connection to the target on the
// other. Resolves the name (dns event), applies the policy to each resolved address, connects
// to an allowed one (tcp event), then pipes bytes with one read in flight per direction: the
// next read starts only when the previous chunk has been written, so a slow side stops the
// other instead of filling memory. Once the target sends a full chunk at a time (bulk), its
// bytes go to the client by splice() through a pipe, never copied through the process (server
// frames are not masked); gated_stream keeps Beast's own frames out of those frames.
#pragma once

#include "config.hpp"
#include "demo_tunnels.hpp"
#include "gated_stream.hpp"
#include "log.hpp"
#include "net.hpp"
#include "policy.hpp"
#include "relay_error.hpp"
#include "relay_request.hpp"
#include "resolver.hpp"
#include "tunnel_registry.hpp"

#include <array>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tlsscope::relay {

class relay_session : public stoppable, public std::enable_shared_from_this<relay_session> {
 public:
  /// Bytes read per chunk in each direction; with one read in flight per direction this
  /// bounds the payload a tunnel holds to twice this.
  static constexpr std::size_t chunk_size = 64 * 1024;

  /// `slot` is a tunnel's place, or for a target=later tunnel a connection's, traded for a
  /// place in `tunnels` when its target comes.
  relay_session(tcp::socket&& client_socket, tunnel_registry::slot slot, const config& cfg,
                const policy& pol, resolver& dns, demo_tunnels* demo, tunnel_registry& tunnels,
                relay_request target, std::string origin, net::ip::address client,
                std::string client_text);
  ~relay_session() override;

  /// Completes the WebSocket handshake for `upgrade` (already checked) and starts the tunnel.
  void run(http::request<http::empty_body> upgrade);

  void stop_for_shutdown() override;
  void shutdown_started() override;

 private:
  using clock = std::chrono::steady_clock;
  enum class phase { accepting, awaiting_target, resolving, connecting, piping, closing };

  struct outgoing {
    bool text;  // an event; otherwise `data_size` bytes of down_buf_, or of pipe_ if in_pipe
    std::string payload;
    std::size_t data_size;
    bool in_pipe = false;
  };

  // A pipe for splice(), opened when the target's bytes come in bulk (idle and chatty tunnels
  // keep to two descriptors).
  struct kernel_pipe {
    int read_end = -1, write_end = -1;
    kernel_pipe() = default;
    kernel_pipe(const kernel_pipe&) = delete;
    kernel_pipe& operator=(const kernel_pipe&) = delete;
    ~kernel_pipe();
    bool open();
    bool is_open() const { return read_end >= 0; }
  };

  void on_accept(beast::error_code ec);
  void start_target();
  void on_connect_message();
  void do_resolve();
  void on_resolve(lookup_result result);
  void do_connect();
  void on_connect(beast::error_code ec, const tcp::endpoint& remote);

  void do_read_client();
  void on_read_client(beast::error_code ec, std::size_t n);
  void on_control_message();
  void on_write_target(beast::error_code ec, std::size_t n);
  void do_read_target();
  void on_read_target(beast::error_code ec, std::size_t n);
  void on_target_readable(beast::error_code ec);
  void on_data_read(std::size_t n, bool in_pipe);
  void on_data_written();

  void send_event(std::string json);
  void do_write_client();
  void write_piped_frame(std::size_t n);
  void continue_piped_frame(beast::error_code ec);
  void on_write_client(beast::error_code ec, std::size_t n);
  void do_close();
  void on_close(beast::error_code ec);

  void arm_watchdog(clock::time_point deadline);
  void on_watchdog(beast::error_code ec, std::uint64_t generation);

  void on_shutdown();
  void continue_drain();

  /// Ends the tunnel with an error event and a close; the first end is sticky.
  void end_with_error(relay_error code, const std::string& message);
  void on_target_closed();
  void on_client_gone(const std::string& why);
  void close_everything();
  std::uint64_t budget_left() const;
  std::size_t within_budget(std::size_t n);

  websocket::stream<gated_stream> ws_;
  tcp::socket target_;
  net::steady_timer watchdog_;
  std::optional<tunnel_registry::slot> slot_;
  tunnel_registry& tunnels_;
  const config& cfg_;
  const policy& policy_;
  resolver& dns_;
  std::shared_ptr<resolver::lookup> lookup_;  // cancelled when the tunnel ends first
  net::ip::address client_;                   // the learner's address (behind a proxy too)
  demo_tunnels* demo_;                        // nothing when the demo origin is off
  std::optional<tcp::endpoint> demo_end_;     // registered there while connected to it
  relay_request req_;
  http::request<http::empty_body> upgrade_;

  phase phase_ = phase::accepting;
  clock::time_point opened_ = clock::now();
  clock::time_point step_started_;
  clock::time_point last_data_;
  std::uint64_t watchdog_generation_ = 0;
  std::vector<tcp::endpoint> candidates_;

  std::unique_ptr<char[]> up_buf_;
  std::unique_ptr<char[]> down_buf_;
  kernel_pipe pipe_;
  std::array<unsigned char, 10> frame_header_{};  // of the piped frame being written
  std::size_t header_size_ = 0;
  std::size_t header_left_ = 0;                    // its bytes not yet sent
  std::size_t pipe_left_ = 0;                      // its payload bytes still in the pipe
  std::deque<outgoing> queue_;
  bool writing_ = false;
  std::optional<websocket::close_reason> close_after_queue_;
  bool close_started_ = false;

  std::uint64_t bytes_up_ = 0;
  std::uint64_t bytes_down_ = 0;
  std::uint64_t message_bytes_ = 0;  // of the client message being read
  std::string control_;              // a client text message being read (events mode)
  bool budget_spent_ = false;
  bool client_shut_ = false;  // the client asked for a half-close: no more bytes upwards
  bool draining_ = false;     // shutting down: deliver what the target already sent, then close
  bool ending_ = false;

  tunnel_record record_;
};

}  // namespace tlsscope::relay
