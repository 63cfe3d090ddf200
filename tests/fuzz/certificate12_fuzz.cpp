// Fuzz target: the TLS 1.2 Certificate message (RFC 5246 §7.4.2), body bytes as input.
#include "fuzz_support.hpp"
#include "msgs/certificate.hpp"

using namespace tlsscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes msg = fuzz::message(HandshakeType::certificate, {data, size});
  std::vector<Certificate> chain;
  json fields, summary;
  auto err = decode_certificate(msg, chain, fields, summary);
  fuzz::check_parse(msg, err, fields, summary);
  return 0;
}
