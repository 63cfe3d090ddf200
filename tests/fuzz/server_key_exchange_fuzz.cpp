// Fuzz target: ECDHE ServerKeyExchange (RFC 8422 §5.4), body bytes as input.
#include "fuzz_support.hpp"
#include "msgs/server_key_exchange.hpp"

using namespace tlsscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes msg = fuzz::message(HandshakeType::server_key_exchange, {data, size});
  ServerKeyExchange ske;
  json fields, summary;
  auto err = decode_server_key_exchange(msg, ske, fields, summary);
  fuzz::check_parse(msg, err, fields, summary);
  return 0;
}
