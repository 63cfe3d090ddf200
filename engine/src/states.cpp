#include "states.hpp"

namespace tlsscope {

bool negotiated_tls13(const HandshakeState& s) {
  if (const Open* open = std::get_if<Open>(&s)) return open->tls13.has_value();
  return std::holds_alternative<tls13::ExpectEncryptedExtensions>(s) ||
         std::holds_alternative<tls13::ExpectCertificate>(s) ||
         std::holds_alternative<tls13::ExpectCertificateVerify>(s) ||
         std::holds_alternative<tls13::ExpectFinished>(s);
}

}  // namespace tlsscope
