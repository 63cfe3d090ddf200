// Embind bindings: the engine's Client for JavaScript. Kept deliberately thin — wasm/tlsscope.js
// turns these calls into the public API (createClient, plain-object events, Uint8Array bytes).
//
// Crossing the boundary:
// - bytes in: Uint8Array → std::string (Embind copies typed arrays into std::string as bytes);
// - bytes out: a fresh Uint8Array copied from the engine's buffer;
// - config in and events out: JSON text, parsed on the other side (one crossing per batch);
// - randomness: a JS function (n) → Uint8Array, called by the engine when it needs bytes
//   (the page passes one backed by crypto.getRandomValues).
#include <cstring>
#include <string>

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "tlsscope/client.hpp"
#include "tlsscope/steps.hpp"

namespace {

using emscripten::val;
using tlsscope::Bytes;
using tlsscope::ByteView;
using json = nlohmann::json;

ByteView bytes_of(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

val to_uint8array(const Bytes& b) {
  // typed_memory_view looks into the wasm heap; slice() copies it out before the vector dies.
  return val(emscripten::typed_memory_view(b.size(), b.data())).call<val>("slice");
}

template <class T>
std::vector<T> numbers(const json& cfg, const char* key) {
  std::vector<T> out;
  auto it = cfg.find(key);
  if (it == cfg.end() || !it->is_array()) return out;
  for (const auto& v : *it)
    if (v.is_number_unsigned()) out.push_back(static_cast<T>(v.get<std::uint64_t>()));
  return out;
}

// Reads the JSON config written by tlsscope.js. A malformed config yields a Client that fails
// at start() with internal_error rather than throwing into the page.
tlsscope::Config make_config(const std::string& config_json, std::string trust_anchors_pem,
                             val random, std::string& problem) {
  tlsscope::Config c;
  c.trust_anchors_pem = std::move(trust_anchors_pem);
  c.random = [random](std::uint8_t* out, std::size_t len) {
    val fresh = random(len);
    val(emscripten::typed_memory_view(len, out)).call<void>("set", fresh);
  };
  json cfg = json::parse(config_json, nullptr, false);
  if (cfg.is_discarded() || !cfg.is_object()) {
    problem = "the configuration is not a JSON object";
    return c;
  }
  if (auto it = cfg.find("serverName"); it != cfg.end() && it->is_string())
    c.server_name = it->get<std::string>();
  if (auto it = cfg.find("now"); it != cfg.end() && it->is_number())
    c.now = static_cast<std::int64_t>(it->get<double>());
  c.versions = numbers<std::uint16_t>(cfg, "versions");
  c.cipher_suites = numbers<std::uint16_t>(cfg, "cipherSuites");
  c.groups = numbers<std::uint16_t>(cfg, "groups");
  if (auto it = cfg.find("tamper"); it != cfg.end() && it->is_object()) {
    std::string name = it->value("target", std::string());
    auto target = tlsscope::tamper_target_by_name(name);
    if (!target) {
      problem = "unknown tamper target '" + name +
                "': use server_key_exchange_signature, certificate, server_finished or "
                "certificate_verify";
      return c;
    }
    c.tamper.target = *target;
    if (auto idx = it->find("index"); idx != it->end() && idx->is_number_integer())
      c.tamper.index = idx->get<std::int64_t>();
  }
  if (auto it = cfg.find("alpn"); it != cfg.end() && it->is_array()) {
    c.alpn.clear();
    for (const auto& p : *it)
      if (p.is_string()) c.alpn.push_back(p.get<std::string>());
  }
  return c;
}

class WasmClient {
 public:
  WasmClient(const std::string& config_json, std::string trust_anchors_pem, val random)
      : client_(make_config(config_json, std::move(trust_anchors_pem), std::move(random),
                            problem_)) {}

  void start() {
    if (!problem_.empty()) return client_.fail(tlsscope::ErrorCode::internal_error, problem_);
    client_.start();
  }
  void receive(const std::string& bytes) { client_.receive(bytes_of(bytes)); }
  val take_output() { return to_uint8array(client_.take_output()); }
  val take_plaintext() { return to_uint8array(client_.take_plaintext()); }
  bool send(const std::string& plaintext) { return client_.send(bytes_of(plaintext)); }
  void close() { client_.close(); }
  void transport_closed() { client_.transport_closed(); }

  /// Fails the connection with a code named as in the error table ("TIMEOUT", "DNS_FAILED");
  /// an unknown name becomes INTERNAL_ERROR.
  void fail(const std::string& code_name, const std::string& detail) {
    auto code = tlsscope::error_code_from_name(code_name);
    client_.fail(code.value_or(tlsscope::ErrorCode::internal_error), detail);
  }

  /// The events since the last call as a JSON array (invalid UTF-8 replaced, never thrown).
  std::string take_events_json() {
    json all = json::array();
    for (auto& e : client_.take_events()) all.push_back(std::move(e));
    return all.dump(-1, ' ', false, json::error_handler_t::replace);
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
  return all.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

EMSCRIPTEN_BINDINGS(tlsscope) {
  emscripten::class_<WasmClient>("Client")
      .constructor<const std::string&, std::string, val>()
      .function("start", &WasmClient::start)
      .function("receive", &WasmClient::receive)
      .function("takeOutput", &WasmClient::take_output)
      .function("takePlaintext", &WasmClient::take_plaintext)
      .function("send", &WasmClient::send)
      .function("close", &WasmClient::close)
      .function("transportClosed", &WasmClient::transport_closed)
      .function("fail", &WasmClient::fail)
      .function("takeEventsJson", &WasmClient::take_events_json)
      .function("state", &WasmClient::state)
      .function("keylog", &WasmClient::keylog);
  emscripten::function("stepsJson", &steps_json);
}
