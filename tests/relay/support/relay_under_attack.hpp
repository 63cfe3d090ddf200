// The scene of every hostile-client test: a real tlsscope-server that may reach one loopback
// echo server, and a witness tunnel through it, opened before the attack. The server's
// descriptors and memory are noted with the witness open, so a test can check that the
// attack left nothing behind and that the witness still carries bytes.
#pragma once

#include "server_process.hpp"
#include "tcp_targets.hpp"
#include "ws_client.hpp"

#include <memory>
#include <string>
#include <vector>

namespace tlsscope::relay::test {

class relay_under_attack {
 public:
  /// `args` are added to the server's command line (short timeouts, limits).
  explicit relay_under_attack(std::vector<std::string> args = {});

  std::uint16_t port() const { return server_.port(); }
  const server_process& server() const { return server_; }
  const echo_server& echo() const { return echo_; }
  /// "/relay?host=127.0.0.1&port=N" for the echo server.
  std::string echo_target() const;

  /// An echo round trip through the witness tunnel, intact: the attack did not stop others.
  void expect_witness_flows(const std::string& when);

  /// Waits (a bounded while) for the server's descriptors to come back to what they were
  /// before the attack, and checks its resident memory is within `rss_slack_kib` of it.
  void expect_back_to_baseline(long rss_slack_kib = 8 * 1024);

 private:
  echo_server echo_;
  server_process server_;
  std::unique_ptr<ws_client> witness_;
  std::uint64_t round_ = 0;
  int baseline_fds_ = 0;
  long baseline_rss_kib_ = 0;
};

}  // namespace tlsscope::relay::test
