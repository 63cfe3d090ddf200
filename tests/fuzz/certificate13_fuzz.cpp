// Fuzz target: the TLS 1.3 Certificate message (RFC 8446 §4.4.2: context, entries with
// extensions), body bytes as input.
#include "fuzz_support.hpp"
#include "msgs/tls13_messages.hpp"

using namespace tlsscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes msg = fuzz::message(HandshakeType::certificate, {data, size});
  std::vector<Certificate> chain;
  json fields, summary;
  auto err = tls13::decode_certificate(msg, chain, fields, summary);
  fuzz::check_parse(msg, err, fields, summary);
  return 0;
}
