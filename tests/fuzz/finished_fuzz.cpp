// Fuzz target: Finished (RFC 5246 §7.4.9, RFC 8446 §4.4.4), body bytes as input, read with
// each verify_data length a suite can ask for.
#include "fuzz_support.hpp"
#include "msgs/finished.hpp"

using namespace tlsscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes msg = fuzz::message(HandshakeType::finished, {data, size});
  for (std::size_t len : {std::size_t{12}, std::size_t{32}, std::size_t{48}}) {
    Bytes verify_data;
    json fields, summary;
    auto err = parse_finished(msg, len, verify_data, fields, summary,
                              verify_data_note(len != kVerifyDataLen, false, Hash::sha256));
    fuzz::check_parse(msg, err, fields, summary);
    if (!err) fuzz::require(verify_data.size() == len, "verify_data has the length asked for");
  }
  return 0;
}
