// The engine's Client for JavaScript as plain C exports (no Embind: its runtime was ~12 KB of
// the gzipped download, docs/performance.md). Kept deliberately thin — wasm/tlsscope.js turns
// these calls into the public API (createClient, plain-object events, Uint8Array bytes).
//
// Crossing the boundary:
// - bytes and text in: (pointer, length) pairs into memory tlsscope.js malloc'd and filled;
// - bytes and text out: a call returns a length and leaves the bytes in one result buffer,
//   read by tlsscope.js before its next call (result.hpp);
// - config in: one argument per field (ConfigArgs); events out: JSON text, parsed by
//   tlsscope.js (one crossing per batch);
// - randomness: the engine asks JavaScript for bytes when it needs them (fill_random below);
//   the page's source is crypto.getRandomValues.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <string_view>

#include <emscripten/emscripten.h>

#include "result.hpp"
#include "tlsscope/client.hpp"
#include "tlsscope/steps.hpp"
#include "tlsscope/trust.hpp"

// Fills out[0..len) from the random source tlsscope.js registered under `source`.
EM_JS(void, fill_random, (int source, std::uint8_t* out, std::size_t len), {
  Module["tlsscopeRandom"](source, out, len);
});

namespace {

using tlsscope::Bytes;
using tlsscope::ByteView;
using json = nlohmann::json;

using tlsscope::wasm::set_result;

// The config as tlsscope.js passes it to tlsscope_client_new: one argument per field (no JSON
// here: nlohmann's parser was 16 KB of the .wasm and served only this), text as UTF-8, the
// 16-bit lists (versions, suites, groups) as little-endian byte arrays, the ALPN names in
// their wire format (a length byte before each, RFC 7301 §3.1).
struct ConfigArgs {
  std::string_view server_name;
  double now;
  ByteView versions, cipher_suites, groups;
  bool hybrid_key_exchange;  // offer X25519MLKEM768 (Config::hybrid_key_exchange)
  ByteView alpn;
  bool tamper;
  std::string_view tamper_target;
  double tamper_index;  // an integer, or NaN for the engine's default
};

std::vector<std::uint16_t> u16s(ByteView le) {
  std::vector<std::uint16_t> out;
  for (std::size_t i = 0; i + 1 < le.size(); i += 2)
    out.push_back(static_cast<std::uint16_t>(le[i] | le[i + 1] << 8));
  return out;
}

// An unknown tamper target yields a Client that fails at start() with internal_error rather
// than throwing into the page.
// Trust anchors parsed once (tlsscope_trust_store_new) and shared by every client given them.
using TrustHandle = std::shared_ptr<const tlsscope::TrustStore>;
// Key shares made ahead (tlsscope_key_shares_ahead_new) for the next client given them.
using AheadHandle = std::shared_ptr<tlsscope::KeySharesAhead>;

tlsscope::RandomSource random_from(int source) {
  return [source](std::uint8_t* out, std::size_t len) { fill_random(source, out, len); };
}

tlsscope::Config make_config(const ConfigArgs& a, std::string trust_anchors_pem,
                             const TrustHandle* trust, const AheadHandle* ahead,
                             int random_source, std::string& problem) {
  tlsscope::Config c;
  c.trust_anchors_pem = std::move(trust_anchors_pem);
  if (trust) c.trust_store = *trust;
  if (ahead) c.key_shares_ahead = *ahead;
  c.random = random_from(random_source);
  c.server_name = std::string(a.server_name);
  c.now = static_cast<std::int64_t>(a.now);
  c.versions = u16s(a.versions);
  c.cipher_suites = u16s(a.cipher_suites);
  c.groups = u16s(a.groups);
  c.hybrid_key_exchange = a.hybrid_key_exchange;
  if (a.tamper) {
    auto target = tlsscope::tamper_target_by_name(a.tamper_target);
    if (!target) {
      problem = "unknown tamper target '" + std::string(a.tamper_target) +
                "': use server_key_exchange_signature, certificate, server_finished or "
                "certificate_verify";
      return c;
    }
    c.tamper.target = *target;
    if (!std::isnan(a.tamper_index)) c.tamper.index = static_cast<std::int64_t>(a.tamper_index);
  }
  c.alpn.clear();
  for (std::size_t i = 0; i < a.alpn.size(); i += 1 + a.alpn[i])
    c.alpn.emplace_back(reinterpret_cast<const char*>(a.alpn.data() + i + 1),
                        std::min<std::size_t>(a.alpn[i], a.alpn.size() - i - 1));
  return c;
}

class WasmClient {
 public:
  WasmClient(const ConfigArgs& config, std::string trust_anchors_pem, const TrustHandle* trust,
             const AheadHandle* ahead, int random_source)
      : client_(make_config(config, std::move(trust_anchors_pem), trust, ahead, random_source,
                            problem_)) {}

  void start() {
    if (!problem_.empty()) return client_.fail(tlsscope::ErrorCode::internal_error, problem_);
    client_.start();
  }
  void receive(ByteView bytes) { client_.receive(bytes); }
  Bytes take_output() { return client_.take_output(); }
  Bytes take_plaintext() { return client_.take_plaintext(); }
  bool send(ByteView plaintext) { return client_.send(plaintext); }
  void close() { client_.close(); }
  void transport_closed() { client_.transport_closed(); }

  /// Fails the connection with a code named as in the error table ("TIMEOUT", "DNS_FAILED");
  /// an unknown name becomes INTERNAL_ERROR.
  void fail(std::string_view code_name, std::string_view detail) {
    auto code = tlsscope::error_code_from_name(code_name);
    client_.fail(code.value_or(tlsscope::ErrorCode::internal_error), std::string(detail));
  }

  /// The events since the last call as a JSON array (invalid UTF-8 replaced, never thrown).
  std::string take_events_json() {
    json all = json::array();
    for (auto& e : client_.take_events()) all.push_back(std::move(e));
    return tlsscope::wasm::json_text(all);
  }

  std::string state() const { return std::string(tlsscope::state_name(client_.state())); }
  std::string keylog() const { return client_.keylog(); }

 private:
  std::string problem_;
  tlsscope::Client client_;
};

/// The step table (name, titles, explanations in English and Chinese) as a JSON array, so the
/// page labels steps from the same single source as the engine and the CLI.
std::string steps_json() {
  json all = json::array();
  for (const auto& s : tlsscope::steps())
    all.push_back({{"name", s.name}, {"title_en", s.title_en}, {"title_zh", s.title_zh},
                   {"explain_en", s.explain_en}, {"explain_zh", s.explain_zh}});
  return tlsscope::wasm::json_text(all);
}

}  // namespace

// The exports tlsscope.js calls (engineCalls and TlsClient there). Text and bytes arrive as
// (pointer, length); a size_t result is the length of what tlsscope_result() now holds.
extern "C" {

EMSCRIPTEN_KEEPALIVE WasmClient* tlsscope_client_new(
    const char* server_name, std::size_t server_name_len, double now,
    const std::uint8_t* versions, std::size_t versions_len, const std::uint8_t* suites,
    std::size_t suites_len, const std::uint8_t* groups, std::size_t groups_len, int hybrid,
    const std::uint8_t* alpn, std::size_t alpn_len, int tamper, const char* tamper_target,
    std::size_t tamper_target_len, double tamper_index, const char* pem, std::size_t pem_len,
    const TrustHandle* trust, const AheadHandle* ahead, int random_source) {
  ConfigArgs config{{server_name, server_name_len}, now, {versions, versions_len},
                    {suites, suites_len}, {groups, groups_len}, hybrid != 0, {alpn, alpn_len}, tamper != 0,
                    {tamper_target, tamper_target_len}, tamper_index};
  return new WasmClient(config, std::string(pem, pem_len), trust, ahead, random_source);
}
/// The key shares of a default first ClientHello, made now (tlsscope::make_key_shares_ahead)
/// from the random source tlsscope.js registered, for a client made later; the handle can be
/// deleted once that client is made (it keeps what it needs).
EMSCRIPTEN_KEEPALIVE AheadHandle* tlsscope_key_shares_ahead_new(int random_source) {
  return new AheadHandle(tlsscope::make_key_shares_ahead(random_from(random_source)));
}
EMSCRIPTEN_KEEPALIVE void tlsscope_key_shares_ahead_delete(AheadHandle* a) { delete a; }
/// Parses DER certificates back to back once; the handle goes to any number of clients. Their
/// certificate links' signature checks are shared (LinkChecks::shared), as a browser keeps the
/// certificates it has verified: a page's second run to a server finds its chain's signatures
/// verified by the first (~1.1 ms of the flight's ~4 in the page), and its chain report says
/// so. The handshake's own signature is checked every time.
EMSCRIPTEN_KEEPALIVE TrustHandle* tlsscope_trust_store_new(const std::uint8_t* der,
                                                           std::size_t len) {
  return new TrustHandle(
      tlsscope::load_trust_store_der_bundle({der, len}, tlsscope::LinkChecks::shared));
}
/// The same from PEM text (every CERTIFICATE block), as a client's trust_anchors_pem is read.
EMSCRIPTEN_KEEPALIVE TrustHandle* tlsscope_trust_store_new_pem(const char* pem, std::size_t len) {
  return new TrustHandle(tlsscope::load_trust_store_pem({pem, len}, tlsscope::LinkChecks::shared));
}
EMSCRIPTEN_KEEPALIVE void tlsscope_trust_store_delete(TrustHandle* t) { delete t; }
/// {"anchors": N, "skipped": M} as JSON text.
EMSCRIPTEN_KEEPALIVE std::size_t tlsscope_trust_store_info(TrustHandle* t) {
  return set_result(tlsscope::wasm::json_text({{"anchors", tlsscope::trust_store_size(**t)},
                                               {"skipped", tlsscope::trust_store_skipped(**t)}}));
}
EMSCRIPTEN_KEEPALIVE void tlsscope_client_delete(WasmClient* c) { delete c; }
EMSCRIPTEN_KEEPALIVE void tlsscope_client_start(WasmClient* c) { c->start(); }
EMSCRIPTEN_KEEPALIVE void tlsscope_client_receive(WasmClient* c, const std::uint8_t* p,
                                                  std::size_t n) {
  c->receive({p, n});
}
EMSCRIPTEN_KEEPALIVE std::size_t tlsscope_client_take_output(WasmClient* c) {
  return set_result(c->take_output());
}
EMSCRIPTEN_KEEPALIVE std::size_t tlsscope_client_take_plaintext(WasmClient* c) {
  return set_result(c->take_plaintext());
}
EMSCRIPTEN_KEEPALIVE bool tlsscope_client_send(WasmClient* c, const std::uint8_t* p,
                                               std::size_t n) {
  return c->send({p, n});
}
EMSCRIPTEN_KEEPALIVE void tlsscope_client_close(WasmClient* c) { c->close(); }
EMSCRIPTEN_KEEPALIVE void tlsscope_client_transport_closed(WasmClient* c) {
  c->transport_closed();
}
EMSCRIPTEN_KEEPALIVE void tlsscope_client_fail(WasmClient* c, const char* code, std::size_t code_len,
                                               const char* detail, std::size_t detail_len) {
  c->fail({code, code_len}, {detail, detail_len});
}
EMSCRIPTEN_KEEPALIVE std::size_t tlsscope_client_take_events_json(WasmClient* c) {
  return set_result(c->take_events_json());
}
EMSCRIPTEN_KEEPALIVE std::size_t tlsscope_client_state(WasmClient* c) {
  return set_result(c->state());
}
EMSCRIPTEN_KEEPALIVE std::size_t tlsscope_client_keylog(WasmClient* c) {
  return set_result(c->keylog());
}
EMSCRIPTEN_KEEPALIVE std::size_t tlsscope_steps_json() { return set_result(steps_json()); }

}  // extern "C"
