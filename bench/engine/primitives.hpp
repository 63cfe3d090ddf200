// Every constant-time BearSSL implementation of the primitives a handshake and a download
// spend their time in, timed on this target (native or wasm): the measurements behind the
// choices in engine/src/crypto/ (docs/performance.md). Prints "primitive impl value unit".
#pragma once

namespace tlsscope::bench {

void print_primitives();

}  // namespace tlsscope::bench
