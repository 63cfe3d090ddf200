#include "net.hpp"

#include <cerrno>
#include <cstring>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <unistd.h>

namespace tlsscope::cli {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

}  // namespace

std::string Address::ip() const {
  char buf[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET)
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(addr).sin_addr, buf, sizeof buf);
  else
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(addr).sin6_addr, buf, sizeof buf);
  return buf;
}

std::string Address::text() const {
  unsigned port = addr.ss_family == AF_INET
                      ? ntohs(reinterpret_cast<const sockaddr_in&>(addr).sin_port)
                      : ntohs(reinterpret_cast<const sockaddr_in6&>(addr).sin6_port);
  if (addr.ss_family == AF_INET6) return "[" + ip() + "]:" + std::to_string(port);
  return ip() + ":" + std::to_string(port);
}

Socket::~Socket() {
  if (fd_ >= 0) ::close(fd_);
}

bool Socket::write_all(ByteView bytes) {
  std::size_t off = 0;
  while (off < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd p{fd_, POLLOUT, 0};
      poll(&p, 1, 1000);
      continue;
    }
    if (n <= 0) return false;
    off += static_cast<std::size_t>(n);
  }
  return true;
}

std::optional<Bytes> Socket::read_some(std::chrono::milliseconds timeout) {
  pollfd p{fd_, POLLIN, 0};
  int r = poll(&p, 1, static_cast<int>(timeout.count()));
  if (r <= 0) return std::nullopt;
  Bytes buf(16384);
  ssize_t n;
  do n = ::recv(fd_, buf.data(), buf.size(), 0);
  while (n < 0 && errno == EINTR);
  if (n < 0) return Bytes{};  // reset by peer: treat as the end of the stream
  buf.resize(static_cast<std::size_t>(n));
  return buf;
}

std::optional<Lookup> resolve(const std::string& host, std::uint16_t port, Error& err) {
  auto t0 = Clock::now();
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  std::string service = std::to_string(port);
  int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &res);
  if (rc != 0) {
    err = {ErrorCode::dns_failed, host + ": " + gai_strerror(rc),
           "解析 " + host + " 失败（系统说：" + gai_strerror(rc) + "）"};
    return std::nullopt;
  }
  Lookup out;
  for (addrinfo* ai = res; ai; ai = ai->ai_next) {
    Address a;
    std::memcpy(&a.addr, ai->ai_addr, ai->ai_addrlen);
    a.len = ai->ai_addrlen;
    out.addresses.push_back(a);
  }
  freeaddrinfo(res);
  out.ms = ms_since(t0);
  return out;
}

std::optional<Connected> connect_any(const std::vector<Address>& addrs,
                                     std::chrono::milliseconds timeout, Error& err) {
  err = {ErrorCode::connect_refused, "no address to connect to", "没有可以连接的地址"};
  for (const auto& a : addrs) {
    auto t0 = Clock::now();
    int fd = socket(a.addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) continue;
    int rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&a.addr), a.len);
    if (rc < 0 && errno == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      rc = poll(&p, 1, static_cast<int>(timeout.count()));
      if (rc == 0) {
        ::close(fd);
        err = {ErrorCode::timeout, "TCP connect to " + a.text() + " got no answer",
               "向 " + a.text() + " 发起的 TCP 连接没有得到回应"};
        continue;
      }
      int so_error = 0;
      socklen_t len = sizeof so_error;
      getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &len);
      rc = so_error ? -1 : 0;
      errno = so_error;
    }
    if (rc < 0) {
      err = {ErrorCode::connect_refused, a.text() + ": " + std::strerror(errno),
             "连接 " + a.text() + " 被拒绝（系统说：" + std::strerror(errno) + "）"};
      ::close(fd);
      continue;
    }
    Connected c;
    c.fd = fd;
    c.remote = a;
    c.local.len = sizeof c.local.addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&c.local.addr), &c.local.len);
    c.ms = ms_since(t0);
    return c;
  }
  return std::nullopt;
}

}  // namespace tlsscope::cli
