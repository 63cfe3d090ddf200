#include "relay_processes.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace tlsscope::bench {

namespace {

int loopback_socket(std::uint16_t port, sockaddr_in& a) {
  a = {};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return ::socket(AF_INET, SOCK_STREAM, 0);
}

bool accepts_connections(std::uint16_t port) {
  sockaddr_in a;
  const int fd = loopback_socket(port, a);
  const bool ok = fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  if (fd >= 0) ::close(fd);
  return ok;
}

// Fields of /proc/PID/stat after the command name (which may hold spaces and parentheses):
// [0] is the state (field 3 of proc(5)), so field N of proc(5) is [N - 3].
std::vector<std::string> stat_fields(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto close = text.rfind(')');
  std::vector<std::string> fields;
  if (close == std::string::npos) return fields;
  std::istringstream rest(text.substr(close + 1));
  for (std::string f; rest >> f;) fields.push_back(f);
  return fields;
}

// CPU seconds of the children `pid` has waited for (cutime + cstime, fields 16 and 17).
double reaped_children_cpu_seconds(pid_t pid) {
  const auto f = stat_fields(pid);
  if (f.size() < 15) return 0;
  return static_cast<double>(std::stoll(f[13]) + std::stoll(f[14])) /
         static_cast<double>(::sysconf(_SC_CLK_TCK));
}

}  // namespace

std::uint16_t free_port() {
  sockaddr_in a;
  const int fd = loopback_socket(0, a);
  socklen_t len = sizeof a;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0)
    throw std::runtime_error("no free loopback port");
  ::close(fd);
  return ntohs(a.sin_port);
}

double cpu_seconds_of(pid_t pid) {
  double ns = 0;
  std::error_code ec;
  for (const auto& task :
       std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
    std::ifstream in(task.path() / "schedstat");
    double run_ns = 0;
    if (in >> run_ns) ns += run_ns;
  }
  return ns / 1e9;
}

long kib_field(const std::string& file, const std::string& key) {
  std::ifstream in(file);
  std::string line;
  long total = 0;
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0) total += std::strtol(line.c_str() + key.size(), nullptr, 10);
  return total;
}

std::vector<pid_t> process_tree(pid_t root) {
  std::multimap<pid_t, pid_t> children;  // parent -> child
  for (const auto& e : std::filesystem::directory_iterator("/proc")) {
    const std::string name = e.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = std::stoi(name);
    const auto f = stat_fields(pid);
    if (f.size() > 1) children.emplace(static_cast<pid_t>(std::stoi(f[1])), pid);
  }
  std::vector<pid_t> tree{root};
  for (std::size_t i = 0; i < tree.size(); ++i) {
    const auto [first, last] = children.equal_range(tree[i]);
    for (auto it = first; it != last; ++it) tree.push_back(it->second);
  }
  return tree;
}

tree_usage usage_of_tree(pid_t root, bool with_memory) {
  tree_usage u;
  for (pid_t pid : process_tree(root)) {
    u.cpu_s += cpu_seconds_of(pid) + reaped_children_cpu_seconds(pid);
    if (with_memory) u.pss_kib += kib_field("/proc/" + std::to_string(pid) + "/smaps_rollup", "Pss:");
  }
  return u;
}

websockify_process::websockify_process(std::uint16_t target) : port_(free_port()) {
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork() failed");
  if (pid_ == 0) {
    ::setpgid(0, 0);
    std::freopen("/dev/null", "w", stderr);
    std::freopen("/dev/null", "w", stdout);
    const std::string listen = "127.0.0.1:" + std::to_string(port_);
    const std::string to = "127.0.0.1:" + std::to_string(target);
    ::execlp("websockify", "websockify", listen.c_str(), to.c_str(), nullptr);
    ::_exit(127);
  }
  ::setpgid(pid_, pid_);
  for (int i = 0; i < 200; ++i) {  // up to 10 s for Python to start listening
    if (accepts_connections(port_)) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::killpg(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  throw std::runtime_error("websockify did not start (is the Debian package installed?)");
}

websockify_process::~websockify_process() {
  ::killpg(pid_, SIGTERM);
  // websockify sometimes loses a SIGTERM that arrives while it reaps its children (seen
  // after 300 tunnels): it gets 10 s, then the whole group is killed.
  for (int i = 0; i < 200 && ::waitpid(pid_, nullptr, WNOHANG) == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ::killpg(pid_, SIGKILL);  // the listener if it is still there, and children that outlived it
  ::waitpid(pid_, nullptr, 0);
}

}  // namespace tlsscope::bench
