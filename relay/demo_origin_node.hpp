// The demo origin's main port served by Node.js 26 (relay/demo_origin.mjs), whose OpenSSL 3.5
// negotiates X25519MLKEM768, so the default demo run shows the handshake a 2026 browser makes.
// tlsscope-server links Debian bookworm's OpenSSL 3.0, which has no ML-KEM; building OpenSSL
// 3.5 into it would be a long build on every fresh machine, while Node 26 is already fetched
// by scripts/setup for the interop tests. tlsscope-server keeps the port (it hands Node the
// listening socket), the certificates and the secrets table; Node reports its key-log lines
// and each finished handshake's peer on stdout, one JSON object a line.
#pragma once

#include "net.hpp"

#include <boost/asio/posix/stream_descriptor.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace tlsscope::relay {

class demo_origin_node {
 public:
  using on_message = std::function<void(const nlohmann::json&)>;

  /// Starts `node script` with `listening_fd` as its fd 3, sends `settings` as its first
  /// stdin line and waits (a few seconds at most) until it says it is listening. Returns
  /// nothing, with the reason in `why_not`, when Node is missing or did not come up.
  static std::unique_ptr<demo_origin_node> start(net::io_context& ioc,
                                                 const std::filesystem::path& node,
                                                 const std::filesystem::path& script,
                                                 int listening_fd, const nlohmann::json& settings,
                                                 std::string& why_not);

  /// Reads Node's messages until it stops; `stopped` runs once if it stops by itself.
  void run(on_message message, std::function<void()> stopped);
  /// What Node said when ready: {"node": version, "openssl": version}.
  const nlohmann::json& versions() const { return versions_; }

  /// Ends Node (its stdin closes; SIGKILL if it lingers) and waits for it.
  ~demo_origin_node();

 private:
  demo_origin_node(net::io_context& ioc, int pid, int stdin_fd, int stdout_fd);
  void read_next();

  int pid_;
  int stdin_fd_;
  net::posix::stream_descriptor stdout_;
  std::string pending_;  // bytes read past the last whole line
  nlohmann::json versions_;
  on_message message_;
  std::function<void()> stopped_;
  bool stopping_ = false;
};

}  // namespace tlsscope::relay
