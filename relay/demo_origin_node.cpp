#include "demo_origin_node.hpp"

#include <boost/asio/read_until.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <thread>

extern char** environ;

namespace tlsscope::relay {

namespace {

// Node starts in well under a second; a loaded machine gets some slack before the embedded
// origin takes over.
constexpr auto ready_timeout = std::chrono::seconds(10);

bool write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const auto n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Reads up to the first newline within the deadline; what follows it stays in `rest`.
std::optional<std::string> read_line(int fd, std::string& rest,
                                     std::chrono::steady_clock::time_point deadline) {
  while (true) {
    if (const auto nl = rest.find('\n'); nl != std::string::npos) {
      std::string line = rest.substr(0, nl);
      rest.erase(0, nl + 1);
      return line;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd p{fd, POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(left.count()));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return std::nullopt;
    char buf[4096];
    const auto n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::nullopt;  // Node exited before it was ready
    rest.append(buf, static_cast<std::size_t>(n));
  }
}

void end_process(int pid, int stdin_fd) {
  if (stdin_fd >= 0) ::close(stdin_fd);  // the script exits when its stdin ends
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (::waitpid(pid, nullptr, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

std::unique_ptr<demo_origin_node> demo_origin_node::start(
    net::io_context& ioc, const std::filesystem::path& node, const std::filesystem::path& script,
    int listening_fd, const nlohmann::json& settings, std::string& why_not) {
  std::error_code ec;
  if (!std::filesystem::exists(node, ec)) {
    why_not = "Node.js 26 not found at " + node.string() + " (scripts/setup fetches it)";
    return nullptr;
  }
  if (!std::filesystem::exists(script, ec)) {
    why_not = "its script is missing: " + script.string();
    return nullptr;
  }
  int in[2], out[2];
  if (::pipe2(in, O_CLOEXEC) != 0) {
    why_not = "no pipe";
    return nullptr;
  }
  if (::pipe2(out, O_CLOEXEC) != 0) {
    ::close(in[0]);
    ::close(in[1]);
    why_not = "no pipe";
    return nullptr;
  }
  // A copy above the fds the child is given, so that no dup2 below lands on its own source.
  const int listening = ::fcntl(listening_fd, F_DUPFD_CLOEXEC, 10);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, listening, 3);
  // Nothing else of tlsscope-server's (its other listeners, the relay's sockets) goes along.
  posix_spawn_file_actions_addclosefrom_np(&actions, 4);
  std::string node_arg = node.string(), script_arg = script.string();
  char* argv[] = {node_arg.data(), script_arg.data(), nullptr};
  pid_t pid = -1;
  const int spawned = ::posix_spawn(&pid, node_arg.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(in[0]);
  ::close(out[1]);
  ::close(listening);
  if (spawned != 0) {
    ::close(in[1]);
    ::close(out[0]);
    why_not = "could not start " + node.string() + ": " + std::strerror(spawned);
    return nullptr;
  }

  std::string rest;
  const auto ready = write_all(in[1], settings.dump() + "\n")
                         ? read_line(out[0], rest, std::chrono::steady_clock::now() + ready_timeout)
                         : std::nullopt;
  const auto message = ready ? nlohmann::json::parse(*ready, nullptr, false) : nlohmann::json();
  if (!message.is_object() || !message.contains("ready")) {
    end_process(pid, in[1]);
    ::close(out[0]);
    why_not = node.string() + " did not start serving (its own message is above, if any)";
    return nullptr;
  }
  std::unique_ptr<demo_origin_node> origin(new demo_origin_node(ioc, pid, in[1], out[0]));
  origin->pending_ = std::move(rest);
  origin->versions_ = message["ready"];
  return origin;
}

demo_origin_node::demo_origin_node(net::io_context& ioc, int pid, int stdin_fd, int stdout_fd)
    : pid_(pid), stdin_fd_(stdin_fd), stdout_(ioc, stdout_fd) {}

void demo_origin_node::run(on_message message, std::function<void()> stopped) {
  message_ = std::move(message);
  stopped_ = std::move(stopped);
  read_next();
}

void demo_origin_node::read_next() {
  net::async_read_until(stdout_, net::dynamic_buffer(pending_), '\n',
                        [this](boost::system::error_code ec, std::size_t n) {
                          if (ec) {
                            if (!stopping_ && stopped_) stopped_();
                            return;
                          }
                          const auto line = nlohmann::json::parse(
                              std::string_view(pending_).substr(0, n - 1), nullptr, false);
                          pending_.erase(0, n);
                          if (line.is_object()) message_(line);
                          read_next();
                        });
}

demo_origin_node::~demo_origin_node() {
  stopping_ = true;
  boost::system::error_code ignored;
  stdout_.close(ignored);
  end_process(pid_, stdin_fd_);
}

}  // namespace tlsscope::relay
