// Fuzz target: ServerHello and HelloRetryRequest (one syntax, RFC 8446 §4.1.3), body bytes
// as input.
#include "fuzz_support.hpp"
#include "msgs/server_hello.hpp"

using namespace tlsscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes msg = fuzz::message(HandshakeType::server_hello, {data, size});
  ServerHello sh;
  json fields, summary;
  auto err = decode_server_hello(msg, sh, fields, summary);
  fuzz::check_parse(msg, err, fields, summary);
  if (!err) fuzz::require(sh.random.size() == 32, "a parsed ServerHello has a 32-byte random");
  return 0;
}
