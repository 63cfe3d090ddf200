// The one buffer through which every C export of tlsscope-engine.wasm hands text or bytes back
// to JavaScript: the export stores them here and returns their length; tlsscope.js copies them
// out (tlsscope_result() is where they start) before its next call. The module is
// single-threaded, so one buffer serves all.
#pragma once

#include <cstddef>
#include <string_view>

#include "tlsscope/bytes.hpp"

namespace tlsscope::wasm {

/// Replaces the result with `s`; its length.
std::size_t set_result(std::string_view s);
std::size_t set_result(const Bytes& b);

}  // namespace tlsscope::wasm
