// A bounds-checked reader: it cannot read past its window. A read that would over-run
// marks the reader failed (sticky) and returns zeros, so a parser can read a whole
// structure and check ok() once; offsets are absolute within the enclosing message so the
// field tree can point at the exact bytes.
#pragma once
#include <cstddef>
#include <cstdint>

#include "tlsscope/bytes.hpp"

namespace tlsscope {

class Reader {
 public:
  explicit Reader(ByteView data, std::size_t base = 0) : data_(data), base_(base) {}

  bool ok() const { return ok_; }
  bool empty() const { return cursor_ == data_.size(); }
  std::size_t remaining() const { return data_.size() - cursor_; }
  /// Offset of the next byte, counted from the start of the outermost message.
  std::size_t pos() const { return base_ + cursor_; }
  void fail() { ok_ = false; }

  std::uint8_t u8() { return static_cast<std::uint8_t>(number(1)); }
  std::uint16_t u16() { return static_cast<std::uint16_t>(number(2)); }
  std::uint32_t u24() { return static_cast<std::uint32_t>(number(3)); }

  /// The next n bytes (empty and failed if fewer remain).
  ByteView bytes(std::size_t n) {
    if (!ok_ || n > remaining()) {
      ok_ = false;
      return {};
    }
    ByteView out = data_.subspan(cursor_, n);
    cursor_ += n;
    return out;
  }

  /// The bytes from absolute offset `start` (an earlier pos()) up to the current position.
  ByteView since(std::size_t start) const {
    return data_.subspan(start - base_, base_ + cursor_ - start);
  }

  /// A reader over the next n bytes; this reader moves past them.
  Reader sub(std::size_t n) {
    std::size_t at = pos();
    ByteView b = bytes(n);
    Reader r(b, at);
    if (!ok_) r.fail();
    return r;
  }

  /// A reader over a vector with a 1-, 2- or 3-byte length prefix (RFC 5246 §4.3).
  Reader sub_prefixed(int prefix_len) { return sub(number(prefix_len)); }

 private:
  std::uint32_t number(int n) {
    ByteView b = bytes(static_cast<std::size_t>(n));
    std::uint32_t v = 0;
    for (auto byte : b) v = (v << 8) | byte;
    return v;
  }

  ByteView data_;
  std::size_t base_;
  std::size_t cursor_ = 0;
  bool ok_ = true;
};

}  // namespace tlsscope
