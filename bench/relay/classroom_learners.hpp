// A classroom of learners in one process: each does what the page does when Enter is pressed
// — a WebSocket to the relay, its dns and tcp events, a TLS 1.3 handshake through the tunnel
// with the real engine, an HTTP request and its response — all of them at once on Beast's
// asynchronous WebSocket client, so one load generator keeps up with a thousand learners.
// Used by bench/relay/classroom (the figures of bench/run) and tests/relay/classroom_test.cpp.
#pragma once

#include <tlsscope/trust.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tlsscope::bench {

/// Where the learners go, and how the relay there speaks.
struct classroom_target {
  std::uint16_t relay_port = 0;
  /// The WebSocket's path: "/relay?host=H&port=P" for tlsscope-server, "/" for websockify.
  std::string relay_path;
  /// The subprotocol offered: "tlsscope.relay.v1" (the relay's events mode, the page's), or
  /// "binary" (websockify's; data frames only).
  std::string subprotocol;
  /// Events mode: a "dns" and a "tcp" event come before the first data frame.
  bool relay_events = false;
  /// The page's Origin header ("" sends none).
  std::string origin;
  /// The engine's server name (SNI and the certificate check) and the request's Host.
  std::string server_name;
  std::shared_ptr<const TrustStore> anchors;
};

/// What each learner does once the tunnel is up.
enum class learner_task {
  full_run,      ///< TLS 1.3 handshake, GET /, the response's header decrypted
  tunnel_setup,  ///< one byte sent and the same byte back (through an echo target)
};

struct classroom_options {
  std::size_t learners = 20;
  /// Learner i presses Enter at i × spread / learners after the start; 0: all at once.
  std::chrono::milliseconds spread{1000};
  /// A learner still waiting this long after its start has failed.
  std::chrono::milliseconds timeout{30000};
  /// Event-loop threads of the load generator (learners are dealt round-robin).
  unsigned threads = 1;
  learner_task task = learner_task::full_run;
  /// Learner i connects from 127.1.0.0 + 1 + i, so the relay's per-client limits count each
  /// learner as its own client, as they would be in a classroom. False: all from 127.0.0.1.
  bool own_addresses = true;
};

struct learner_result {
  bool ok = false;
  /// From the learner's scheduled start (not when the loop got to it: a late start is the
  /// load generator's delay and counts) to its response, or its echoed byte.
  double ms = 0;
  /// "step: reason" when !ok.
  std::string failure;
  /// The HTTP status line of the response (full_run).
  std::string status_line;
  /// The named group of the handshake (handshake_complete's `group`), e.g. "x25519".
  std::string group;
};

struct classroom_run {
  std::vector<learner_result> learners;
  /// Wall time from the first scheduled start to the last learner's response or failure.
  double wall_s = 0;
  /// CPU seconds the load generator spent meanwhile (all its threads).
  double generator_cpu_s = 0;
};

classroom_run run_classroom(const classroom_target& target, const classroom_options& options);

/// GET http://127.0.0.1:`port``path` (e.g. the relay's /ca.pem): the body, or an exception.
std::string http_get(std::uint16_t port, const std::string& path);

}  // namespace tlsscope::bench
