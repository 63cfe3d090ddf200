// minimal_forwarder: the least work a userspace relay process can do, as a yardstick for the
// relay rows of bench/run (relay_compare starts it like the relays). Plain TCP in, plain TCP
// out, no WebSocket, no policy: per connection two blocking threads, one per direction, each
// one recv() and one send() per chunk, so a hop costs two system calls and one wake-up — fewer
// than any event loop (which adds an epoll_wait per wake-up).
//
//   minimal_forwarder [--splice] TARGET_PORT
//
// Listens on 127.0.0.1 (a free port, printed on stdout) and forwards each connection to
// 127.0.0.1:TARGET_PORT until killed. --splice: target -> client moves through a pipe with
// splice() (no copy into or out of the process), what a relay could do for the frames it
// sends, whose payload needs no masking.
#include <arpa/inet.h>
#include <fcntl.h>  // splice
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

namespace {

constexpr std::size_t kChunk = 64 * 1024;  // the relays' read size too

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

// Small writes go out at once, as in both relays (a ping-pong would otherwise wait on Nagle).
void no_delay(int fd) {
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

// Sends all `n` bytes of `data`; false once the peer went away (a blocking send() otherwise
// takes everything).
bool send_all(int to, const char* data, ssize_t n) {
  while (n > 0) {
    const ssize_t m = send(to, data, static_cast<std::size_t>(n), MSG_NOSIGNAL);
    if (m <= 0) return false;
    data += m, n -= m;
  }
  return true;
}

// Copies `from` to `to` until either side ends, then passes the end on.
void pump(int from, int to) {
  std::vector<char> buf(kChunk);
  ssize_t n;
  while ((n = recv(from, buf.data(), buf.size(), 0)) > 0 && send_all(to, buf.data(), n)) {
  }
  shutdown(to, SHUT_WR);
}

// Moves all `n` bytes waiting in the pipe to `to`; false once the peer went away.
bool splice_all(int pipe_out, int to, ssize_t n) {
  while (n > 0) {
    const ssize_t m =
        splice(pipe_out, nullptr, to, nullptr, static_cast<std::size_t>(n), SPLICE_F_MOVE);
    if (m <= 0) return false;
    n -= m;
  }
  return true;
}

// The same as pump, the bytes moved socket -> pipe -> socket inside the kernel.
void splice_pump(int from, int to) {
  int pipe_fds[2];
  if (pipe(pipe_fds) == 0) {
    ssize_t n;
    while ((n = splice(from, nullptr, pipe_fds[1], nullptr, kChunk, SPLICE_F_MOVE)) > 0 &&
           splice_all(pipe_fds[0], to, n)) {
    }
    close(pipe_fds[0]);
    close(pipe_fds[1]);
  }
  shutdown(to, SHUT_WR);
}

bool use_splice = false;

void forward(int client, std::uint16_t target_port) {
  const int target = socket(AF_INET, SOCK_STREAM, 0);
  const sockaddr_in to = loopback(target_port);
  if (target >= 0 && connect(target, reinterpret_cast<const sockaddr*>(&to), sizeof to) == 0) {
    no_delay(client);
    no_delay(target);
    std::thread down(use_splice ? splice_pump : pump, target, client);
    pump(client, target);
    down.join();
  }
  if (target >= 0) close(target);
  close(client);
}

}  // namespace

int main(int argc, char** argv) {
  use_splice = argc == 3 && std::strcmp(argv[1], "--splice") == 0;
  const long target_port = argc == 2 || use_splice ? std::strtol(argv[argc - 1], nullptr, 10) : 0;
  if (target_port <= 0 || target_port > 65535) {
    std::fprintf(stderr, "usage: minimal_forwarder [--splice] TARGET_PORT\n");
    return 2;
  }
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in here = loopback(0);
  socklen_t len = sizeof here;
  if (listener < 0 || bind(listener, reinterpret_cast<sockaddr*>(&here), sizeof here) != 0 ||
      listen(listener, 128) != 0 ||
      getsockname(listener, reinterpret_cast<sockaddr*>(&here), &len) != 0) {
    std::perror("minimal_forwarder: listen on 127.0.0.1");
    return 1;
  }
  std::printf("%u\n", ntohs(here.sin_port));
  std::fflush(stdout);
  for (;;) {
    const int client = accept(listener, nullptr, nullptr);
    if (client >= 0) std::thread(forward, client, static_cast<std::uint16_t>(target_port)).detach();
  }
}
