#include "servers.hpp"

#include <stdexcept>

#include "cli.hpp"
#include "net.hpp"

namespace tlsscope::test {

std::string RunningServer::address() const { return "127.0.0.1:" + std::to_string(port); }

RunningServer start_server(const std::function<std::vector<std::string>(std::uint16_t)>& argv,
                           const std::vector<std::string>& env, const std::filesystem::path& log) {
  constexpr int attempts = 5;
  for (int attempt = 0; attempt < attempts; ++attempt) {
    RunningServer server;
    server.port = free_loopback_port();
    server.log = log;
    server.process = Process::spawn(argv(server.port), {env, log, log});
    bool listening = wait_for_listen(server.port, std::chrono::seconds(15),
                                     [&] { return server.process.running(); });
    if (listening && server.process.running()) return server;
  }
  throw std::runtime_error("server did not come up after " + std::to_string(attempts) +
                           " attempts; its log:\n" + read_text(log));
}

RunningServer start_s_server(const std::vector<std::string>& args,
                             const std::filesystem::path& log) {
  return start_server(
      [&](std::uint16_t port) {
        std::vector<std::string> argv{"openssl", "s_server", "-accept",
                                      "127.0.0.1:" + std::to_string(port)};
        argv.insert(argv.end(), args.begin(), args.end());
        argv.emplace_back("-www");
        return argv;
      },
      {}, log);
}

RunningServer start_gnutls_serv(const std::vector<std::string>& args,
                                const std::vector<std::string>& env,
                                const std::filesystem::path& log) {
  return start_server(
      [&](std::uint16_t port) {
        // By default gnutls-serv asks for a client certificate; the client under test has none
        // and this matrix is about suites and groups, so don't ask.
        std::vector<std::string> argv{"gnutls-serv", "--port", std::to_string(port), "--http",
                                      "--disable-client-cert"};
        argv.insert(argv.end(), args.begin(), args.end());
        return argv;
      },
      env, log);
}

}  // namespace tlsscope::test
