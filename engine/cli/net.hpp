// The CLI's network side: DNS lookup, TCP connect with a deadline, and a socket that moves
// bytes between the kernel and the engine. The engine itself never touches a socket.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <sys/socket.h>

#include "tlsscope/bytes.hpp"
#include "tlsscope/errors.hpp"

namespace tlsscope::cli {

struct Address {
  sockaddr_storage addr{};
  socklen_t len = 0;
  std::string text() const;  // "127.0.0.1:443", "[::1]:443"
  std::string ip() const;
};

struct Lookup {
  std::vector<Address> addresses;
  double ms = 0;
};

struct Connected {
  int fd = -1;
  Address remote, local;
  double ms = 0;
};

class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket();
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;

  bool write_all(ByteView bytes);
  /// Waits up to `timeout` for bytes: some bytes, empty on EOF, nothing on timeout/error.
  std::optional<Bytes> read_some(std::chrono::milliseconds timeout);

 private:
  int fd_;
};

/// Resolves `host`; on failure returns an error with the resolver's words in the detail.
std::optional<Lookup> resolve(const std::string& host, std::uint16_t port, Error& err);
/// Connects to the first address that accepts, within `timeout` per address.
std::optional<Connected> connect_any(const std::vector<Address>& addrs,
                                     std::chrono::milliseconds timeout, Error& err);

}  // namespace tlsscope::cli
