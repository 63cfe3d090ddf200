#include "server_process.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace tlsscope::relay::test {

std::string server_binary() { return TLSSCOPE_SERVER_PATH; }

temp_dir::temp_dir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base && *base ? base : "/tmp") + "/tlsscope-relay-XXXXXX";
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

temp_dir::~temp_dir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

memory_use memory_of(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  memory_use m;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) m.rss_kib = std::stol(line.substr(6));
    if (line.rfind("VmHWM:", 0) == 0) m.peak_kib = std::stol(line.substr(6));
  }
  return m;
}

int open_fds_of(pid_t pid) {
  int n = 0;
  for ([[maybe_unused]] const auto& entry :
       std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd"))
    ++n;
  return n;
}

namespace {

bool has_option(const std::vector<std::string>& args, const std::string& name) {
  return std::any_of(args.begin(), args.end(), [&](const std::string& a) {
    return a == name || a.rfind(name + "=", 0) == 0;
  });
}

// Reads one line from the child's stdout, waiting at most until `deadline`.
std::optional<std::string> read_line(int fd, std::chrono::steady_clock::time_point deadline) {
  std::string line;
  char c = 0;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return std::nullopt;
    if (::read(fd, &c, 1) != 1) return std::nullopt;
    if (c == '\n') return line;
    line += c;
  }
}

std::uint16_t port_of(const std::string& url) {
  return static_cast<std::uint16_t>(std::stoi(url.substr(url.rfind(':') + 1)));
}

}  // namespace

server_process::server_process(std::vector<std::string> args) {
  std::vector<std::string> argv{server_binary()};
  if (!has_option(args, "--listen")) argv.insert(argv.end(), {"--listen", "127.0.0.1:0"});
  if (!has_option(args, "--demo-origin") && !has_option(args, "--no-demo-origin"))
    argv.insert(argv.end(), {"--demo-origin", "127.0.0.1:0"});
  if (!has_option(args, "--state")) argv.insert(argv.end(), {"--state", state_.path().string()});
  if (!has_option(args, "--web")) argv.insert(argv.end(), {"--web", web_.path().string()});
  // Every test ends with a graceful stop (see the destructor); tunnels whose clients just
  // vanished need no 5 s of grace.
  if (!has_option(args, "--shutdown-grace")) argv.insert(argv.end(), {"--shutdown-grace", "0.5"});
  argv.insert(argv.end(), args.begin(), args.end());

  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  const auto log_path = logs_.path() / "stderr.log";
  const int err = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

  std::vector<char*> cargv;
  for (auto& a : argv)
    cargv.push_back(a.data());
  cargv.push_back(nullptr);

  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    ::execv(cargv[0], cargv.data());
    ::_exit(127);
  }
  ::close(out[1]);
  ::close(err);
  stdout_fd_ = out[0];

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  auto first = read_line(stdout_fd_, deadline);
  auto second = read_line(stdout_fd_, deadline);
  if (!first || first->rfind("listening http://", 0) != 0 || !second) {
    ADD_FAILURE() << "tlsscope-server did not start; its log:\n" << log();
    return;
  }
  port_ = port_of(*first);
  if (second->rfind("demo-origin https://", 0) == 0) demo_port_ = port_of(*second);
}

server_process::~server_process() {
  // Every server must stop cleanly on SIGTERM: exit status 0, and under
  // -DTLSSCOPE_SANITIZE=ON no leak (LeakSanitizer makes the status non-zero) and no
  // undefined behaviour reported along the way.
  if (pid_ > 0) {
    const int status = terminate();
    EXPECT_EQ(status, 0) << "tlsscope-server did not stop cleanly; its log:\n" << log();
  }
  const auto text = log();
  EXPECT_EQ(text.find("runtime error:"), std::string::npos) << text;
  EXPECT_EQ(text.find("Sanitizer"), std::string::npos) << text;
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
}

int server_process::wait_exit(std::chrono::seconds timeout) {
  if (pid_ <= 0) return -1;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (true) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    if (std::chrono::steady_clock::now() >= deadline) return -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

int server_process::terminate(std::chrono::seconds timeout) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  const int status = wait_exit(timeout);
  if (status == -1 && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  return status;
}

std::string server_process::log() const {
  std::ifstream in(logs_.path() / "stderr.log");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool server_process::wait_for_log(const std::string& needle, std::size_t count,
                                  std::chrono::seconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto text = log();
    std::size_t found = 0;
    for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1))
      ++found;
    if (found >= count) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace tlsscope::relay::test
