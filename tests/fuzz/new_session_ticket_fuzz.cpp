// Fuzz target: TLS 1.3 NewSessionTicket (RFC 8446 §4.6.1), body bytes as input.
#include "fuzz_support.hpp"
#include "msgs/tls13_messages.hpp"

using namespace tlsscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes msg = fuzz::message(HandshakeType::new_session_ticket, {data, size});
  json fields, summary;
  auto err = tls13::decode_new_session_ticket(msg, fields, summary);
  fuzz::check_parse(msg, err, fields, summary);
  return 0;
}
