// What the caller hands the engine: the engine itself has no clock, no sockets and no
// randomness of its own (DESIGN.md: sans I/O).
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "tlsscope/bytes.hpp"

namespace tlsscope {

/// Fills `out` with `len` cryptographically strong random bytes.
using RandomSource = std::function<void(std::uint8_t* out, std::size_t len)>;

struct Config {
  /// Host the client connects to: sent as SNI (if it is a DNS name) and checked against the
  /// certificate (dNSName SANs, or iPAddress SANs when it is an IP literal).
  std::string server_name;
  /// Trust anchors as concatenated PEM certificates (e.g. /etc/ssl/certs/ca-certificates.crt).
  std::string trust_anchors_pem;
  /// Current time, seconds since the Unix epoch: certificates are checked at this instant.
  std::int64_t now = 0;
  /// Protocol versions offered, by wire value (0x0303 = TLS 1.2). Empty means the default.
  std::vector<std::uint16_t> versions;
  /// Cipher suites offered, by wire value, in preference order. Empty means the default.
  std::vector<std::uint16_t> cipher_suites;
  /// Key-exchange groups offered, by wire value (0x001d = x25519). Empty means the default.
  std::vector<std::uint16_t> groups;
  /// ALPN protocol names offered; empty offers none.
  std::vector<std::string> alpn = {"http/1.1"};
  /// Randomness (client random, ECDHE private key). MUST be set; tests inject fixed bytes.
  RandomSource random;
};

}  // namespace tlsscope
