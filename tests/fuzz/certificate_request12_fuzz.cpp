// Fuzz target: the TLS 1.2 CertificateRequest (RFC 5246 §7.4.4), body bytes as input.
#include "fuzz_support.hpp"
#include "msgs/certificate_request.hpp"

using namespace tlsscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes msg = fuzz::message(HandshakeType::certificate_request, {data, size});
  json fields, summary;
  auto err = decode_certificate_request(msg, fields, summary);
  fuzz::check_parse(msg, err, fields, summary);
  return 0;
}
