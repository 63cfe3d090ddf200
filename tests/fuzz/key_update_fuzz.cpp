// Fuzz target: TLS 1.3 KeyUpdate (RFC 8446 §4.6.3), body bytes as input; what parses must
// encode back to the same bytes.
#include "fuzz_support.hpp"
#include "msgs/tls13_messages.hpp"

using namespace tlsscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes msg = fuzz::message(HandshakeType::key_update, {data, size});
  bool requested = false;
  json fields, summary;
  auto err = tls13::decode_key_update(msg, requested, fields, summary);
  fuzz::check_parse(msg, err, fields, summary);
  if (!err) fuzz::require(tls13::encode_key_update(requested) == msg, "KeyUpdate re-encodes");
  return 0;
}
