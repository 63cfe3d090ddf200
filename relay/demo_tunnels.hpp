// The relay's tunnels to its own demo origin, by the relay's end of the connection: when the
// demo origin finishes a handshake, the peer it sees is that end, and the entry tells which
// tunnel — which token, which client network — the connection's secrets belong to
// (origin_secrets.hpp). Shared by the relay's and the origin's sessions, on any thread.
#pragma once

#include "net.hpp"

#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace tlsscope::relay {

class demo_tunnels {
 public:
  struct tunnel {
    std::string token;    // handed to the tunnel's client in its tcp event
    std::string network;  // the client's, address_range.hpp's client_network_text
  };

  /// Remembers a tunnel whose target connection has `relay_end` as its local endpoint;
  /// returns the fresh token (128 random bits, hex).
  std::string add(const tcp::endpoint& relay_end, const net::ip::address& client);
  void remove(const tcp::endpoint& relay_end);
  /// The tunnel whose connection the demo origin sees coming from `peer`, if it is one.
  std::optional<tunnel> find(const tcp::endpoint& peer) const;

 private:
  mutable std::mutex mutex_;
  std::map<tcp::endpoint, tunnel> by_endpoint_;
};

}  // namespace tlsscope::relay
