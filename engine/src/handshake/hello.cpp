#include "handshake/hello.hpp"

#include "msgs/extensions.hpp"
#include "tls12/handlers.hpp"
#include "tls13/handlers.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope {

Outcome on_server_hello(ExpectServerHello& s, const ServerHello& sh, Context& c) {
  if (const auto* sv = sh.find(ext::supported_versions)) {
    // RFC 8446 §4.2.1: the server names its version here; only TLS 1.3 may be named, and a
    // version the client did not offer "MUST abort the handshake with an illegal_parameter
    // alert" (UNOFFERED_CHOICE), where TLS 1.2's legacy version field asks for protocol_version.
    Reader r(sv->body);
    std::uint16_t v = r.u16();
    if (!r.ok() || !r.empty()) v = 0;
    if (!c.offer.offers_tls13() || v != 0x0304)
      return Error{ErrorCode::unoffered_choice,
                   "supported_versions names " + version_name(v) + ", which was not offered"};
    return tls13::on_server_hello(s, sh, c);
  }
  if (sh.is_hello_retry_request())
    return Error{ErrorCode::unexpected_message, "a HelloRetryRequest without supported_versions"};
  if (s.after_hello_retry)
    return Error{ErrorCode::unsupported_version,
                 "after a HelloRetryRequest the server must choose TLS 1.3"};
  return tls12::on_server_hello(sh, c);
}

}  // namespace tlsscope
