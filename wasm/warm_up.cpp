// The page's warm-up: the engine's hot code run once on fixed inputs while the page is idle after
// loading, before the learner presses Enter. Browsers compile a wasm function the first time it
// is called (V8: wasm.CompileLazy, then TurboFan for the hot ones); in a learner's first run
// that compiling was ~45% of the engine's main-thread time (docs/performance.md). Calling the
// same functions here moves it out of the run.
//
// Nothing here reaches the learner or any connection: no Client, no randomness, no state kept
// between calls. What it returns is a self-check the page and its test read (a known-answer
// X25519 from RFC 7748 and the seal/open round trips), so a broken warm-up shows as a failing
// test rather than as a silently slower page.
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <emscripten/emscripten.h>

#include "result.hpp"

#include "codec/writer.hpp"
#include "crypto/aead.hpp"
#include "crypto/ecdhe.hpp"
#include "crypto/hash.hpp"
#include "crypto/hkdf.hpp"
#include "crypto/prf.hpp"
#include "msgs/certificate.hpp"
#include "msgs/handshake.hpp"
#include "tables/groups.hpp"
#include "tables/suites.hpp"
#include "tlsscope/trust.hpp"
#include "x509/chain.hpp"
#include "x509/pem.hpp"
#include "x509/trust_store.hpp"

namespace {

using tlsscope::Bytes;
using json = nlohmann::json;

Bytes hex(std::string_view h) {
  Bytes out;
  tlsscope::from_hex(h, out);
  return out;
}

/// X25519 with RFC 7748 §6.1's keys: Alice's private key and Bob's public key give the shared
/// secret K = 4a5d9d5b…161742. Returns K as the engine computed it (hex), and also exercises
/// public-key generation (Alice's public key, which the RFC also lists).
std::string x25519_known_answer(const tlsscope::GroupInfo& x25519, json& check) {
  const Bytes alice = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
  const Bytes bob_public = hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
  check["x25519_public"] = tlsscope::to_hex(tlsscope::public_key_for(x25519, alice));
  auto shared = tlsscope::ecdh_shared_secret(x25519, alice, bob_public);
  return shared ? tlsscope::to_hex(*shared) : std::string();
}

/// Both key schedules' functions over both hashes a suite can name.
void key_schedules(json& check) {
  const Bytes secret(48, 0x0b), seed(64, 0x5c);
  std::size_t bytes = 0;
  for (auto h : {tlsscope::Hash::sha256, tlsscope::Hash::sha384}) {
    bytes += tlsscope::digest(h, seed).size();
    bytes += tlsscope::hmac(h, secret, seed).size();
    bytes += tlsscope::tls12_prf(h, secret, "key expansion", {seed}, 72).size();
    Bytes prk = tlsscope::hkdf_extract(h, secret, seed);
    bytes += tlsscope::hkdf_expand_label(h, prk, "c hs traffic", seed, 32).size();
  }
  check["key_schedule_bytes"] = bytes;
}

/// A record sealed and opened again with every suite the engine offers (both versions' record
/// protection): how many came back intact.
void records(json& check) {
  const Bytes plaintext(1200, 0x2a);
  int intact = 0;
  for (const auto& suite : tlsscope::supported_suites()) {
    const Bytes key(suite.key_len, 0x11), iv(suite.fixed_iv_len, 0x22);
    tlsscope::RecordProtection sender(suite, key, iv), receiver(suite, key, iv);
    Bytes fragment = sender.seal(23, 0x0303, plaintext);
    auto opened = receiver.open(23, 0x0303, fragment);
    // TLS 1.3's inner plaintext ends with the real content type (RFC 8446 §5.2).
    if (opened && suite.tls13 && !opened->empty()) opened->pop_back();
    intact += opened && *opened == plaintext;
  }
  check["records_intact"] = intact;
  check["suites"] = tlsscope::supported_suites().size();
}

/// The certificates of `pem` (the demo origin's CA, which the page fetches at load) as a server
/// would send them: parsed and summarised into the Certificate message's field tree, serialised
/// as a run's events are.
void certificate_message(std::string_view pem, json& check) {
  tlsscope::Writer body;
  auto list = body.open(3);
  for (const auto& der : tlsscope::pem_objects(pem, "CERTIFICATE")) {
    auto entry = body.open(3);
    body.bytes(der);
    body.close(entry);
  }
  body.close(list);
  Bytes message = tlsscope::frame_handshake(tlsscope::HandshakeType::certificate, body.data());
  std::vector<tlsscope::Certificate> chain;
  json fields, summary;
  auto error = tlsscope::decode_certificate(message, chain, fields, summary);
  check["certificates"] = error ? 0 : chain.size();
  json event = {{"fields", std::move(fields)}, {"summary", std::move(summary)}};
  check["event_chars"] = tlsscope::wasm::json_text(event).size();
}

/// The same certificates validated as a chain against themselves: BearSSL's validator and the
/// per-link checks (the RSA signature check among them), and the chain report serialised.
void chain_validation(std::string_view pem, std::string_view host, std::int64_t now,
                      json& check) {
  std::vector<tlsscope::Certificate> chain;
  for (const auto& der : tlsscope::pem_objects(pem, "CERTIFICATE"))
    if (auto cert = tlsscope::parse_certificate(der)) chain.push_back(std::move(*cert));
  auto anchors = tlsscope::load_trust_store_pem(pem);
  auto verdict = tlsscope::validate_chain(chain, *anchors, host, now);
  check["report_chars"] = tlsscope::wasm::json_text(verdict.report).size();
}

struct Inputs {
  std::string_view pem, host;
  std::int64_t now;
};

// The warm-up in parts, each one call from the page in its own idle slice, so that a learner's
// Enter waits for at most one part (the first time each part runs it is mostly compiling).
using Part = void (*)(const Inputs&, json&);
constexpr Part kParts[] = {
    [](const Inputs&, json& check) {
      if (const auto* x25519 = tlsscope::find_group(0x001d))
        check["x25519_shared"] = x25519_known_answer(*x25519, check);
    },
    [](const Inputs&, json& check) { key_schedules(check); },
    [](const Inputs&, json& check) { records(check); },
    [](const Inputs& in, json& check) { certificate_message(in.pem, check); },
    [](const Inputs& in, json& check) { chain_validation(in.pem, in.host, in.now, check); },
};

}  // namespace

extern "C" {

/// Part `part` of the warm-up on the demo origin's CA (PEM, may be empty), the host and time a
/// run would use. Its self-check as JSON text in tlsscope_result() (together: x25519_shared,
/// x25519_public, key_schedule_bytes, records_intact of suites, certificates, event_chars,
/// report_chars);
/// an empty text once `part` is past the last one.
EMSCRIPTEN_KEEPALIVE std::size_t tlsscope_warm_up(int part, const char* pem, std::size_t pem_len,
                                                   const char* host, std::size_t host_len,
                                                   double now) {
  if (part < 0 || static_cast<std::size_t>(part) >= std::size(kParts))
    return tlsscope::wasm::set_result(std::string_view());
  json check = json::object();
  kParts[part]({{pem, pem_len}, {host, host_len}, static_cast<std::int64_t>(now)}, check);
  return tlsscope::wasm::set_result(tlsscope::wasm::json_text(check));
}

}  // extern "C"
