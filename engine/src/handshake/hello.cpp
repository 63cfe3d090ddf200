#include "handshake/hello.hpp"

#include "msgs/extensions.hpp"
#include "tables/notes.hpp"
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
      return noted_error(ErrorCode::unoffered_choice,
                         note(NoteId::err_supported_versions_unoffered, {version_name(v)}));
    return tls13::on_server_hello(s, sh, c);
  }
  if (sh.is_hello_retry_request())
    return noted_error(ErrorCode::unexpected_message, note(NoteId::err_hrr_without_versions));
  if (s.after_hello_retry)
    return noted_error(ErrorCode::unsupported_version, note(NoteId::err_hrr_then_tls12));
  return tls12::on_server_hello(sh, c);
}

}  // namespace tlsscope
