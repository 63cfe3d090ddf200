// Fuzz target: TLS 1.3 CertificateVerify (RFC 8446 §4.4.3), body bytes as input.
#include "fuzz_support.hpp"
#include "msgs/tls13_messages.hpp"

using namespace tlsscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes msg = fuzz::message(HandshakeType::certificate_verify, {data, size});
  tls13::CertificateVerify cv;
  json fields, summary;
  auto err = tls13::decode_certificate_verify(msg, cv, fields, summary);
  fuzz::check_parse(msg, err, fields, summary);
  return 0;
}
