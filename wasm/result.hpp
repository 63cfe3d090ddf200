// The one buffer through which every C export of tlsscope-engine.wasm hands text or bytes back
// to JavaScript: the export stores them here and returns their length; tlsscope.js copies them
// out (tlsscope_result() is where they start) before its next call. The module is
// single-threaded, so one buffer serves all.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "tlsscope/bytes.hpp"

namespace tlsscope::wasm {

/// Replaces the result with `s`; its length.
std::size_t set_result(std::string_view s);
std::size_t set_result(const Bytes& b);

/// JSON text as every export hands it over (events/json_text.hpp): ASCII only, each other
/// character as \uXXXX (invalid UTF-8 replaced). The page's TextDecoder makes a string of ASCII
/// at once, while ~100 KB of a run's events in UTF-8 with the notes' Chinese took it ~0.8 ms;
/// JSON.parse reads the escapes no slower (docs/performance.md, "The connection driver's
/// critical path").
std::string json_text(const nlohmann::json& j);

}  // namespace tlsscope::wasm
