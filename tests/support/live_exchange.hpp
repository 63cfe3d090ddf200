// A live exchange between the engine and a real server on loopback, for tests that record
// what a server sends. Header-only, so that it serves programs linked with either build of
// the engine (the plain one, or the coverage-instrumented one of tests/fuzz).
#pragma once

#include <poll.h>
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "tlsscope/client.hpp"

namespace tlsscope::test {

/// The same stream of "random" bytes (xorshift64) for every client built from the same seed,
/// so that a recorded exchange can be replayed byte for byte.
inline RandomSource seeded_random(std::uint64_t seed) {
  auto state = std::make_shared<std::uint64_t>(seed);
  return [state](std::uint8_t* out, std::size_t len) {
    for (std::size_t i = 0; i < len; ++i) {
      *state ^= *state << 13;
      *state ^= *state >> 7;
      *state ^= *state << 17;
      out[i] = static_cast<std::uint8_t>(*state);
    }
  };
}

/// A client of "localhost" at time `now`, trusting the PEM file `roots_pem` (the test PKI's
/// roots.pem), with seeded_random(seed): two clients built alike see the same exchange.
inline Config seeded_config(const std::string& roots_pem, std::int64_t now, std::uint64_t seed) {
  std::ifstream f(roots_pem);
  std::stringstream pem;
  pem << f.rdbuf();
  Config c;
  c.server_name = "localhost";
  c.trust_anchors_pem = pem.str();
  c.now = now;
  c.random = seeded_random(seed);
  return c;
}

/// Runs `client` (started, not yet written) over the connected socket `fd`: the handshake,
/// then one `GET / HTTP/1.0` once the connection is open, until the server closes, the client
/// stops, a write fails or nothing arrives for 5 s. Returns every byte the server sent; the
/// caller checks the client's state and owns `fd`.
inline Bytes get_root_over(Client& client, int fd) {
  Bytes from_server;
  bool asked = false;
  while (client.state() == State::handshaking || client.state() == State::open) {
    if (client.state() == State::open && !asked) {
      client.send(as_bytes("GET / HTTP/1.0\r\n\r\n"));
      asked = true;
    }
    Bytes out = client.take_output();
    for (std::size_t off = 0; off < out.size();) {
      ssize_t n = ::write(fd, out.data() + off, out.size() - off);
      if (n <= 0) return from_server;
      off += static_cast<std::size_t>(n);
    }
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) break;
    std::uint8_t buf[4096];
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) {
      client.transport_closed();
      break;
    }
    from_server.insert(from_server.end(), buf, buf + n);
    client.receive(ByteView(buf, static_cast<std::size_t>(n)));
  }
  return from_server;
}

}  // namespace tlsscope::test
