// The version-neutral handlers: ServerHello (which picks TLS 1.2 or 1.3 and hands over to
// tls12/ or tls13/), and the rows that accept a message and change nothing.
#pragma once
#include "handshake/codecs.hpp"
#include "handshake/context.hpp"

namespace tlsscope {

/// RFC 8446 §4.2.1 / RFC 5246 §7.4.1.3: supported_versions decides the version.
Outcome on_server_hello(ExpectServerHello& s, const ServerHello& sh, Context& c);

/// A row whose message is reported and otherwise ignored (its note says why).
template <class State, class Message>
Outcome ignore(State&, const Message&, Context&) {
  return Stay{};
}

}  // namespace tlsscope
