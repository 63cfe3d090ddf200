// Building hand-made messages for the codec tests, and checking the error a codec returns.
#pragma once
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "codec/writer.hpp"
#include "msgs/handshake.hpp"
#include "tlsscope/errors.hpp"

namespace tlsscope::test {

/// A handshake message whose body `write` fills (its length is back-patched).
template <class Write>
Bytes message(HandshakeType type, Write write) {
  Writer body;
  write(body);
  return frame_handshake(type, body.data());
}

/// `m` with its body's last `n` bytes cut off, the header's length following.
inline Bytes truncated(const Bytes& m, std::size_t n) {
  Bytes body(m.begin() + kHandshakeHeaderLen, m.end() - static_cast<long>(n));
  return frame_handshake(static_cast<HandshakeType>(m[0]), body);
}

/// `m` with `extra` appended to its body, the header's length following.
inline Bytes with_trailing(const Bytes& m, Bytes extra) {
  Bytes body(m.begin() + kHandshakeHeaderLen, m.end());
  body.insert(body.end(), extra.begin(), extra.end());
  return frame_handshake(static_cast<HandshakeType>(m[0]), body);
}

/// Adds `delta` to the big-endian 16-bit length at `offset` of `m`.
inline void bump_u16(Bytes& m, std::size_t offset, int delta) {
  int v = (m[offset] << 8 | m[offset + 1]) + delta;
  m[offset] = static_cast<std::uint8_t>(v >> 8);
  m[offset + 1] = static_cast<std::uint8_t>(v);
}

/// Passes when `err` is the error `code` and its detail contains `detail`.
inline testing::AssertionResult is_error(const std::optional<Error>& err, ErrorCode code,
                                         const std::string& detail = {}) {
  if (!err) return testing::AssertionFailure() << "no error, expected " << error_info(code).name;
  if (err->code != code)
    return testing::AssertionFailure() << err->name() << " (" << err->detail << "), expected "
                                       << error_info(code).name;
  if (err->detail.find(detail) == std::string::npos)
    return testing::AssertionFailure() << "detail \"" << err->detail << "\" lacks \"" << detail
                                       << "\"";
  if (err->detail_zh.empty()) return testing::AssertionFailure() << "no Chinese detail";
  return testing::AssertionSuccess();
}

}  // namespace tlsscope::test
