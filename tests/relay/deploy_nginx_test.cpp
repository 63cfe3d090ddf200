// docs/deploy.md, tried: Debian's nginx on loopback, unprivileged (its own -p prefix and -c
// config, no port below 1024), in front of two real tlsscope-server processes, with the
// project's own deploy/nginx/ files (only the servers' ports put in). Tunnels go through
// nginx; when the server a client was sent to stops, the client's new runs go to the other;
// per-client limits count the client's address as nginx saw it, not nginx's.
#include "raw_client.hpp"
#include "server_process.hpp"
#include "tcp_targets.hpp"
#include "ws_client.hpp"

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

namespace tlsscope::relay::test {
namespace {

const char* const nginx_binary = "/usr/sbin/nginx";

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::uint16_t free_port() {
  net::io_context ioc;
  tcp::acceptor a(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
  return a.local_endpoint().port();
}

bool accepts_connections(std::uint16_t port) {
  net::io_context ioc;
  tcp::socket s(ioc);
  boost::system::error_code ec;
  s.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), ec);
  return !ec;
}

// nginx in the foreground with the deploy files, the upstream's two ports replaced.
class nginx_process {
 public:
  nginx_process(std::uint16_t first, std::uint16_t second) : port_(free_port()) {
    const std::filesystem::path deploy = std::filesystem::path(TLSSCOPE_SOURCE_DIR) / "deploy" / "nginx";
    auto upstream = read_text(deploy / "tlsscope-upstream.conf");
    upstream = std::regex_replace(upstream, std::regex("127\\.0\\.0\\.1:8081"),
                                  "127.0.0.1:" + std::to_string(first));
    upstream = std::regex_replace(upstream, std::regex("127\\.0\\.0\\.1:8082"),
                                  "127.0.0.1:" + std::to_string(second));
    const auto& d = dir_.path();
    std::ofstream(d / "tlsscope-upstream.conf") << upstream;
    std::filesystem::create_directories(d / "tmp");
    const std::string p = d.string();
    std::ofstream(d / "nginx.conf")
        // Run as root (a CI container), nginx would switch its worker to `nobody`, which may
        // not read this folder; as anyone else it stays who it is.
        << (::geteuid() == 0 ? "user root;\n" : "") << "worker_processes 1;\n"
        << "error_log " << p << "/error.log info;\n"
        << "pid " << p << "/nginx.pid;\n"
        << "events { worker_connections 512; }\n"
        << "http {\n"
        << "  access_log " << p << "/access.log;\n"
        << "  client_body_temp_path " << p << "/tmp/body;\n"
        << "  proxy_temp_path " << p << "/tmp/proxy;\n"
        << "  fastcgi_temp_path " << p << "/tmp/fastcgi;\n"
        << "  uwsgi_temp_path " << p << "/tmp/uwsgi;\n"
        << "  scgi_temp_path " << p << "/tmp/scgi;\n"
        << "  include " << p << "/tlsscope-upstream.conf;\n"
        << "  server {\n"
        << "    listen 127.0.0.1:" << port_ << ";\n"
        << "    include " << (deploy / "tlsscope-locations.conf").string() << ";\n"
        << "  }\n"
        << "}\n";
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execl(nginx_binary, nginx_binary, "-p", p.c_str(), "-c", (p + "/nginx.conf").c_str(),
              "-g", "daemon off;", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    for (int i = 0; i < 500 && !accepts_connections(port_); ++i)
      std::this_thread::sleep_for(10ms);
    EXPECT_TRUE(accepts_connections(port_)) << "nginx did not start: " << error_log();
  }
  ~nginx_process() {
    ::kill(pid_, SIGQUIT);
    int status = 0;
    for (int i = 0; i < 500 && ::waitpid(pid_, &status, WNOHANG) == 0; ++i)
      std::this_thread::sleep_for(10ms);
    if (::waitpid(pid_, &status, WNOHANG) == 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
    }
  }
  std::uint16_t port() const { return port_; }
  std::string error_log() const { return read_text(dir_.path() / "error.log"); }

 private:
  temp_dir dir_;
  std::uint16_t port_;
  pid_t pid_ = -1;
};

std::string target_of(std::uint16_t port) {
  return "/relay?host=127.0.0.1&port=" + std::to_string(port);
}

std::vector<std::string> server_args(const echo_server& echo, const char* per_client) {
  return {"--trusted-proxy", "127.0.0.1", "--allow", "127.0.0.1:" + std::to_string(echo.port()),
          "--max-tunnels-per-client", per_client};
}

// One run through nginx: the tunnel opens, carries bytes both ways, and ends.
void run_through(std::uint16_t nginx_port, const echo_server& echo, const std::string& what) {
  ws_client ws(nginx_port, target_of(echo.port()));
  ASSERT_TRUE(ws.is_open()) << what << ": " << ws.refusal_status() << " " << ws.refusal_body();
  EXPECT_EQ(ws.read_event()["type"], "dns") << what;
  EXPECT_EQ(ws.read_event()["type"], "tcp") << what;
  ws.send_binary("through nginx");
  EXPECT_EQ(ws.read_bytes(13), "through nginx") << what;
  ws.close();
}

std::size_t tunnels_logged(const server_process& s) {
  const auto log = s.log();
  std::size_t n = 0;
  for (auto at = log.find(" tunnel client="); at != std::string::npos;
       at = log.find(" tunnel client=", at + 1))
    ++n;
  return n;
}

class DeployNginx : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::access(nginx_binary, X_OK) != 0) GTEST_SKIP() << "no " << nginx_binary << " (scripts/setup installs it)";
  }
};

TEST_F(DeployNginx, NewRunsGoToTheOtherServerWhenOneStops) {
  echo_server echo;
  server_process a(server_args(echo, "8"));
  server_process b(server_args(echo, "8"));
  nginx_process nginx(a.port(), b.port());

  run_through(nginx.port(), echo, "first run");
  server_process* first = nullptr;
  for (int i = 0; i < 200 && !first; ++i) {
    if (tunnels_logged(a) > 0) first = &a;
    if (tunnels_logged(b) > 0) first = &b;
    if (!first) std::this_thread::sleep_for(10ms);
  }
  ASSERT_TRUE(first) << "neither server logged the tunnel";
  server_process* other = first == &a ? &b : &a;
  EXPECT_NE(first->log().find("client=127.0.0.1 "), std::string::npos)
      << "the client's address as nginx saw it: " << first->log();
  run_through(nginx.port(), echo, "second run, same client");
  EXPECT_TRUE(first->wait_for_log(" tunnel client=", 2)) << "the client keeps to its server";
  EXPECT_EQ(tunnels_logged(*other), 0u);

  EXPECT_EQ(first->terminate(), 0);
  for (int i = 0; i < 3; ++i)
    run_through(nginx.port(), echo, "run " + std::to_string(i + 1) + " after the stop");
  EXPECT_TRUE(other->wait_for_log(" tunnel client=", 3)) << other->log();
}

TEST_F(DeployNginx, PerClientLimitsCountTheClientNotNginx) {
  echo_server echo;
  server_process a(server_args(echo, "1"));
  server_process b(server_args(echo, "1"));
  nginx_process nginx(a.port(), b.port());

  // Learners at 127.0.0.2 and 127.0.0.3 (nginx's $remote_addr): one tunnel each.
  raw_client first(nginx.port(), "127.0.0.2");
  ASSERT_NO_THROW(first.open_tunnel(target_of(echo.port())));
  raw_client again(nginx.port(), "127.0.0.2");
  EXPECT_FALSE(again.upgrade(target_of(echo.port()))) << "127.0.0.2 holds its one tunnel";
  for (const char* learner : {"127.0.0.3", "127.0.0.4", "127.0.0.5"}) {
    raw_client other(nginx.port(), learner);
    EXPECT_NO_THROW(other.open_tunnel(target_of(echo.port())))
        << learner << " was counted as nginx, or as 127.0.0.2";
  }
  first.reset();
  // The tunnel's log line, on whichever server it was, names the learner.
  bool logged = false;
  for (int i = 0; i < 500 && !logged; ++i) {
    logged = a.log().find("client=127.0.0.2 ") != std::string::npos ||
             b.log().find("client=127.0.0.2 ") != std::string::npos;
    if (!logged) std::this_thread::sleep_for(10ms);
  }
  EXPECT_TRUE(logged);
}

}  // namespace
}  // namespace tlsscope::relay::test
