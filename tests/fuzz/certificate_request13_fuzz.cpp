// Fuzz target: the TLS 1.3 CertificateRequest (RFC 8446 §4.3.2), body bytes as input.
#include "fuzz_support.hpp"
#include "msgs/tls13_messages.hpp"

using namespace tlsscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes msg = fuzz::message(HandshakeType::certificate_request, {data, size});
  Bytes context;
  json fields, summary;
  auto err = tls13::decode_certificate_request(msg, context, fields, summary);
  fuzz::check_parse(msg, err, fields, summary);
  return 0;
}
