#include <poll.h>
#include <sys/socket.h>

#include <cerrno>

#include "wire.hpp"

namespace tlsscope::hostile {

std::size_t SocketWire::write(ByteView bytes) {
  for (;;) {
    ssize_t w = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (w < 0 && errno == EINTR) continue;
    return w <= 0 ? 0 : static_cast<std::size_t>(w);
  }
}

bool SocketWire::readable() {
  pollfd p{fd_, POLLIN, 0};
  return ::poll(&p, 1, 0) > 0;
}

bool SocketWire::read_exact(std::uint8_t* out, std::size_t len,
                            std::chrono::steady_clock::time_point until) {
  std::size_t got = 0;
  while (got < len) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    int r = ::poll(&p, 1, static_cast<int>(left.count()));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    ssize_t n = ::recv(fd_, out + got, len - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    got += static_cast<std::size_t>(n);
  }
  return true;
}

void SocketWire::close_write() { ::shutdown(fd_, SHUT_WR); }

}  // namespace tlsscope::hostile
