// Who the client is. Directly connected, it is the peer. Behind a reverse proxy every peer is
// the proxy, and the learner's address comes in the request: Forwarded (RFC 7239) or
// X-Forwarded-For. Those headers are believed only from --trusted-proxy peers, and only as far
// as they were written by trusted proxies: the entry added by the outermost trusted proxy is
// the client, whatever the client itself put in front of it.
#pragma once

#include "address_range.hpp"
#include "net.hpp"

#include <string_view>
#include <vector>

namespace tlsscope::relay {

/// The client's address for a request that came from `peer` with these header values (empty
/// when absent). Forwarded wins over X-Forwarded-For when both are present. An entry that is
/// not an IP address (an obfuscated node, "unknown") stops the walk: the proxy before it is
/// then taken as the client.
net::ip::address real_client_address(const net::ip::address& peer, std::string_view forwarded,
                                     std::string_view x_forwarded_for,
                                     const std::vector<address_range>& trusted_proxies);

}  // namespace tlsscope::relay
