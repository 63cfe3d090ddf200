#include "states.hpp"

namespace tlsscope {

std::string_view expected_step(const HandshakeState& s) {
  static constexpr std::string_view kNames[] = {
      "client_hello",        "server_hello",        "certificate",
      "server_key_exchange", "server_hello_done",   "change_cipher_spec",
      "finished",            "encrypted_extensions", "certificate",
      "certificate_verify",  "finished",            "application_data",
      "closed",              "error"};
  static_assert(std::size(kNames) == std::variant_size_v<HandshakeState>);
  return kNames[s.index()];
}

bool tls13_ccs_allowed(const HandshakeState& s, bool tls13_offered) {
  if (auto* sh = std::get_if<ExpectServerHello>(&s)) return tls13_offered && sh->after_hello_retry;
  return std::holds_alternative<tls13::ExpectEncryptedExtensions>(s) ||
         std::holds_alternative<tls13::ExpectCertificate>(s) ||
         std::holds_alternative<tls13::ExpectCertificateVerify>(s) ||
         std::holds_alternative<tls13::ExpectFinished>(s);
}

}  // namespace tlsscope
