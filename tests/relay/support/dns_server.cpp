#include "dns_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>
#include <vector>

namespace tlsscope::relay::test {

dns_server::dns_server(behaviour b, const std::string& a_record) : behaviour_(b) {
  if (::inet_pton(AF_INET, a_record.c_str(), a_record_) != 1)
    throw std::invalid_argument("dns_server: not an IPv4 address");
  fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&sin), sizeof sin) != 0)
    throw std::runtime_error("dns_server: cannot bind");
  socklen_t len = sizeof sin;
  ::getsockname(fd_, reinterpret_cast<sockaddr*>(&sin), &len);
  port_ = ntohs(sin.sin_port);
  stop_fd_ = ::eventfd(0, EFD_CLOEXEC);
  thread_ = std::thread([this] { serve(); });
}

dns_server::~dns_server() {
  const std::uint64_t one = 1;
  [[maybe_unused]] auto n = ::write(stop_fd_, &one, sizeof one);
  thread_.join();
  ::close(fd_);
  ::close(stop_fd_);
}

void dns_server::serve() {
  unsigned char buf[512];
  while (true) {
    pollfd fds[2] = {{fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
    ::poll(fds, 2, -1);
    if (fds[1].revents) return;
    sockaddr_in from{};
    socklen_t from_len = sizeof from;
    const auto n = ::recvfrom(fd_, buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&from), &from_len);
    if (n < 12) continue;
    ++questions_;
    if (behaviour_ == behaviour::black_hole) continue;
    // The question: labels up to the root label, then QTYPE and QCLASS (RFC 1035 4.1.2).
    std::size_t end = 12;
    while (end < static_cast<std::size_t>(n) && buf[end] != 0) end += buf[end] + 1u;
    end += 5;
    if (end > static_cast<std::size_t>(n)) continue;
    const bool a_question = buf[end - 4] == 0 && buf[end - 3] == 1;
    std::vector<unsigned char> reply(buf, buf + end);
    reply[2] = 0x81;  // a response, recursion desired and available, no error
    reply[3] = 0x80;
    reply[6] = 0, reply[7] = a_question ? 1 : 0;  // ANCOUNT
    reply[8] = reply[9] = reply[10] = reply[11] = 0;
    if (a_question) {
      const unsigned char answer[] = {0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4,
                                      a_record_[0], a_record_[1], a_record_[2], a_record_[3]};
      reply.insert(reply.end(), std::begin(answer), std::end(answer));
    }
    ::sendto(fd_, reply.data(), reply.size(), 0, reinterpret_cast<sockaddr*>(&from), from_len);
  }
}

}  // namespace tlsscope::relay::test
