// Fuzz target: the certificate summariser (x509/certificate.cpp) and the chain report
// (x509/chain.cpp). The input is DER: up to four certificates one after the other; each that
// parses is summarised, and together they are validated as a chain for "localhost" against
// the recorded trust anchors, at the recording's time.
#include <memory>

#include "fuzz_support.hpp"
#include "tlsscope/trust.hpp"
#include "x509/chain.hpp"
#include "x509/der.hpp"

using namespace tlsscope;

namespace {

std::shared_ptr<const TrustStore> anchors;
std::int64_t now = 0;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  auto transcripts = fuzz::load_transcripts(fuzz::seeds_dir() / "transcripts.json");
  fuzz::require(!transcripts.empty(), "at least one transcript");
  anchors = load_trust_store_pem(transcripts[0].roots_pem);
  fuzz::require(anchors->size() > 0, "the recorded trust anchors load");
  now = transcripts[0].now;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Reader r(ByteView(data, size));
  std::vector<Certificate> chain;
  while (!r.empty() && chain.size() < 4) {
    der::Element e;
    if (!der::next(r, e)) break;
    auto cert = parse_certificate(e.whole);
    if (!cert) continue;
    fuzz::require(cert->der.size() == e.whole.size(), "a certificate keeps its own DER");
    cert->summary().dump(-1, ' ', false, json::error_handler_t::replace);
    chain.push_back(std::move(*cert));
  }
  if (chain.empty()) return 0;
  ChainVerdict v = validate_chain(chain, *anchors, "localhost", now);
  fuzz::require(v.key.has_value() != v.error.has_value(), "a chain is valid or has an error");
  v.report.dump(-1, ' ', false, json::error_handler_t::replace);
  return 0;
}
