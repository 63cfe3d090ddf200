// Fuzz target: EncryptedExtensions (RFC 8446 §4.3.1), body bytes as input; an ALPN
// extension in it goes through the same check the handshake makes (RFC 7301 §3.2).
#include "fuzz_support.hpp"
#include "msgs/tls13_messages.hpp"

using namespace tlsscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes msg = fuzz::message(HandshakeType::encrypted_extensions, {data, size});
  std::vector<Extension> exts;
  json fields, summary;
  auto err = tls13::decode_encrypted_extensions(msg, exts, fields, summary);
  fuzz::check_parse(msg, err, fields, summary);
  if (err) return 0;
  for (const auto& e : exts) {
    if (e.type != ext::alpn) continue;
    std::string chosen;
    if (!selected_alpn(e.body, {"http/1.1", "h2"}, chosen))
      fuzz::require(chosen == "http/1.1" || chosen == "h2", "ALPN picks an offered protocol");
  }
  return 0;
}
