// A writer with back-patched length prefixes: open() reserves the prefix, close() fills it
// with the length of what was written since, so encoders never compute lengths by hand.
#pragma once
#include <cstddef>
#include <cstdint>

#include "tlsscope/bytes.hpp"

namespace tlsscope {

class Writer {
 public:
  struct Mark {
    std::size_t at;
    int prefix_len;
  };

  void u8(std::uint8_t v) { buf_.push_back(v); }
  void u16(std::uint16_t v) { number(v, 2); }
  void u24(std::uint32_t v) { number(v, 3); }
  void bytes(ByteView b) { buf_.insert(buf_.end(), b.begin(), b.end()); }

  Mark open(int prefix_len) {
    Mark m{buf_.size(), prefix_len};
    number(0, prefix_len);
    return m;
  }
  // The caller keeps what it writes under the prefix's range (Client::Impl::start refuses a
  // host name or ALPN list that would not fit); the Writer itself has no way to fail.
  void close(Mark m) {
    std::size_t len = buf_.size() - m.at - static_cast<std::size_t>(m.prefix_len);
    for (int i = 0; i < m.prefix_len; ++i)
      buf_[m.at + static_cast<std::size_t>(i)] =
          static_cast<std::uint8_t>(len >> (8 * (m.prefix_len - 1 - i)));
  }

  const Bytes& data() const { return buf_; }
  Bytes take() { return std::move(buf_); }

 private:
  void number(std::uint32_t v, int n) {
    for (int i = n - 1; i >= 0; --i) buf_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  Bytes buf_;
};

}  // namespace tlsscope
