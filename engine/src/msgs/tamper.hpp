// "Break it": which bytes of an incoming handshake message a tamper target names (config.hpp
// Tamper), found by walking the message's own layout, so the flip lands on a value the real
// check reads (a signature, verify_data) and never on a length the parser would trip over.
#pragma once
#include <optional>

#include "msgs/handshake.hpp"
#include "tlsscope/config.hpp"

namespace tlsscope {

struct TamperSpan {
  std::size_t offset = 0;  // from the message's first byte (the handshake header)
  std::size_t length = 0;
};

/// Where `target` lies in `msg`, or nothing when `msg` is not the message it names (the
/// ServerKeyExchange signature exists in TLS 1.2 only, CertificateVerify in TLS 1.3 only).
std::optional<TamperSpan> tamper_span(Tamper::Target target, const HandshakeMessage& msg,
                                      bool tls13);

}  // namespace tlsscope
