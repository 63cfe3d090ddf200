// The engine's benchmark workloads (bench/engine/workloads.cpp) as a WebAssembly module, built
// with the same compiler, flags and BearSSL objects as the shipped tlsscope-engine.wasm, for
// bench/wasm/run.mjs (Node) and the same module in headless Chromium. JavaScript times each
// call; the calls themselves do no I/O.
#include <emscripten/emscripten.h>

#include "primitives.hpp"
#include "workloads.hpp"

using namespace tlsscope;
using namespace tlsscope::bench;

extern "C" {

/// A parsed transcript (see workloads.hpp), or null if `blob` is not one.
EMSCRIPTEN_KEEPALIVE void* bench_transcript(const std::uint8_t* blob, std::size_t len) {
  auto t = parse_transcript(ByteView(blob, len));
  return t ? new Transcript(std::move(*t)) : nullptr;
}

/// Replays `count` full handshakes; how many reached the open state.
EMSCRIPTEN_KEEPALIVE int bench_replay(const Transcript* t, int count) {
  int ok = 0;
  for (int i = 0; i < count; ++i) ok += replay_handshake(*t) ? 1 : 0;
  return ok;
}

/// `mib` MiB of sealed 16 KiB TLS 1.3 records for `suite` (0x1301 or 0x1303).
EMSCRIPTEN_KEEPALIVE void* bench_records(int suite, std::size_t mib) {
  return new Records(make_records(static_cast<std::uint16_t>(suite), mib << 20));
}

/// Decrypts them all; the plaintext bytes recovered (0 if one failed).
EMSCRIPTEN_KEEPALIVE std::size_t bench_open(const Records* r) { return open_records(*r); }

/// `count` ML-KEM-768 key generations + decapsulations (MlkemRound); how many decapsulated
/// the right secret.
EMSCRIPTEN_KEEPALIVE int bench_mlkem(int count) {
  static const MlkemRound r = make_mlkem_round();
  int ok = 0;
  for (int i = 0; i < count; ++i) ok += mlkem_keygen_decaps(r) ? 1 : 0;
  return ok;
}

/// Times every BearSSL implementation in wasm; prints through the module's print().
EMSCRIPTEN_KEEPALIVE void bench_primitives() { print_primitives(); }

}
