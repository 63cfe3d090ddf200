// Real TLS servers on loopback for the tests: OpenSSL's s_server and GnuTLS's gnutls-serv.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "process.hpp"

namespace tlsscope::test {

/// A server process listening on 127.0.0.1:port; stopped when this object goes.
struct RunningServer {
  Process process;
  std::uint16_t port = 0;
  std::filesystem::path log;  ///< its stdout and stderr

  /// "127.0.0.1:<port>", for --connect.
  std::string address() const;
};

/// Starts a server whose command line names its port: picks a free loopback port, starts it and
/// waits until it listens. If the port was taken meanwhile (the server exits), tries another.
/// Throws std::runtime_error with the server's log when it never comes up.
RunningServer start_server(const std::function<std::vector<std::string>(std::uint16_t)>& argv,
                           const std::vector<std::string>& env, const std::filesystem::path& log);

/// `openssl s_server -accept 127.0.0.1:PORT <args> -www`: answers GET with an HTTP/1.0 page.
RunningServer start_s_server(const std::vector<std::string>& args,
                             const std::filesystem::path& log);

/// `gnutls-serv --port PORT --http --disable-client-cert <args>`; `env` e.g. SSLKEYLOGFILE=...
RunningServer start_gnutls_serv(const std::vector<std::string>& args,
                                const std::vector<std::string>& env,
                                const std::filesystem::path& log);

}  // namespace tlsscope::test
