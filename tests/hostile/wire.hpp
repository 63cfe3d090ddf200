// The hostile server's byte stream to the client. One interface, two ends: a TCP socket
// (tlsscope-hostile-server, driven by the real CLI) and the engine itself, in process
// (hostile_inprocess_test.cpp), so that one case table drives both.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>

#include "tlsscope/bytes.hpp"

namespace tlsscope::hostile {

class Wire {
 public:
  virtual ~Wire() = default;
  /// Writes the first bytes of `bytes` (at least one); returns how many, 0 when the write failed.
  virtual std::size_t write(ByteView bytes) = 0;
  /// Whether the client has said something (or hung up) that the server has not read yet.
  virtual bool readable() = 0;
  /// Fills `out` with the client's next `len` bytes; false at the end of the stream or `until`.
  virtual bool read_exact(std::uint8_t* out, std::size_t len,
                          std::chrono::steady_clock::time_point until) = 0;
  /// Half-closes: the client sees the end of the stream.
  virtual void close_write() = 0;
};

/// A connected TCP socket (not owned).
class SocketWire final : public Wire {
 public:
  explicit SocketWire(int fd) : fd_(fd) {}
  std::size_t write(ByteView bytes) override;
  bool readable() override;
  bool read_exact(std::uint8_t* out, std::size_t len,
                  std::chrono::steady_clock::time_point until) override;
  void close_write() override;

 private:
  int fd_;
};

}  // namespace tlsscope::hostile
