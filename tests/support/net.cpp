#include "net.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tlsscope::test {
namespace {

using Clock = std::chrono::steady_clock;

// A TCP socket bound to 127.0.0.1:0; returns the descriptor and fills `port`.
int bind_loopback(std::uint16_t& port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    int saved = errno;
    ::close(fd);
    throw std::runtime_error(std::string("bind 127.0.0.1:0: ") + std::strerror(saved));
  }
  port = ntohs(address.sin_port);
  return fd;
}

// True if /proc/net/<table> lists a socket in state LISTEN (0A) on local `port`.
bool listed_as_listening(const char* table, std::uint16_t port) {
  std::ifstream file(table);
  std::string line;
  std::getline(file, line);  // the header
  while (std::getline(file, line)) {
    std::istringstream fields(line);
    std::string slot, local, remote, state;
    fields >> slot >> local >> remote >> state;
    auto colon = local.rfind(':');
    if (colon == std::string::npos || state != "0A") continue;
    if (std::stoul(local.substr(colon + 1), nullptr, 16) == port) return true;
  }
  return false;
}

}  // namespace

int connect_loopback(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

std::uint16_t free_loopback_port() {
  std::uint16_t port = 0;
  ::close(bind_loopback(port));
  return port;
}

bool wait_for_listen(std::uint16_t port, std::chrono::milliseconds timeout,
                     const std::function<bool()>& keep_waiting) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    // IPv4 only: the tests connect to 127.0.0.1, and gnutls-serv opens its IPv6 socket first,
    // so waiting for either let a client in before the IPv4 one existed (CONNECT_REFUSED).
    if (listed_as_listening("/proc/net/tcp", port)) return true;
    if (Clock::now() >= deadline || (keep_waiting && !keep_waiting())) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

RefusingPort::RefusingPort() { fd_ = bind_loopback(port_); }

RefusingPort::~RefusingPort() { ::close(fd_); }

std::string read_some(int fd, std::size_t at_least, std::chrono::milliseconds timeout,
                      const std::atomic<bool>& stopping) {
  std::string data;
  const auto deadline = Clock::now() + timeout;
  while (data.size() < at_least && !stopping.load() && Clock::now() < deadline) {
    pollfd pfd{fd, POLLIN, 0};
    if (::poll(&pfd, 1, 50) <= 0) continue;
    char buffer[4096];
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    data.append(buffer, static_cast<std::size_t>(n));
  }
  return data;
}

std::string read_first_record(int fd, const std::atomic<bool>& stopping) {
  constexpr auto patience = std::chrono::seconds(5);
  std::string data = read_some(fd, 5, patience, stopping);
  if (data.size() < 5) return data;
  std::size_t length = (static_cast<unsigned char>(data[3]) << 8) | static_cast<unsigned char>(data[4]);
  if (data.size() < 5 + length) data += read_some(fd, 5 + length - data.size(), patience, stopping);
  return data;
}

LoopbackServer::LoopbackServer(Handler handler) : handler_(std::move(handler)) {
  listen_fd_ = bind_loopback(port_);
  if (::listen(listen_fd_, 8) != 0) {
    int saved = errno;
    ::close(listen_fd_);
    throw std::runtime_error(std::string("listen: ") + std::strerror(saved));
  }
  thread_ = std::thread([this] { serve(); });
}

LoopbackServer::~LoopbackServer() {
  stopping_ = true;
  thread_.join();
  ::close(listen_fd_);
}

void LoopbackServer::serve() {
  while (!stopping_.load()) {
    pollfd pfd{listen_fd_, POLLIN, 0};
    if (::poll(&pfd, 1, 50) <= 0) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    ++accepted_;
    handler_(fd, stopping_);
    ::close(fd);
  }
}

LoopbackServer::Handler LoopbackServer::silent() {
  return [](int fd, const std::atomic<bool>& stopping) {
    // Keep reading (and dropping) whatever comes, so the client's writes never block, until
    // the client goes away or the test ends.
    while (!stopping.load()) {
      pollfd pfd{fd, POLLIN, 0};
      if (::poll(&pfd, 1, 50) <= 0) continue;
      char buffer[4096];
      if (::recv(fd, buffer, sizeof buffer, 0) <= 0) return;
    }
  };
}

LoopbackServer::Handler LoopbackServer::close_after_read() {
  return [](int fd, const std::atomic<bool>& stopping) {
    read_first_record(fd, stopping);
  };
}

LoopbackServer::Handler LoopbackServer::reply_then_close(std::string reply) {
  return [reply = std::move(reply)](int fd, const std::atomic<bool>& stopping) {
    read_first_record(fd, stopping);
    ::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL);
    // A graceful close: the reply must reach the client before it sees the end.
    ::shutdown(fd, SHUT_WR);
    read_some(fd, 1, std::chrono::seconds(2), stopping);
  };
}

}  // namespace tlsscope::test
