// A run's events as JSON text, fast: byte for byte what nlohmann's compact dump writes
// (dump(-1, ' ', ascii, error_handler_t::replace)), in a third of its time. nlohmann's
// serializer decodes every byte of every string through its UTF-8 state machine; a run's events
// are ~115 KB, most of it hex and English that need no escaping, and that pass was 1.4 ms of each
// run in the page's wasm (docs/performance.md, "The events' JSON text"). Here such strings are
// copied whole; every other string and every number still goes through nlohmann.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace tlsscope {

/// `j` as compact JSON text: with `ascii`, every character past ASCII as \uXXXX; invalid UTF-8
/// replaced by U+FFFD, never thrown.
std::string json_text(const nlohmann::json& j, bool ascii);

}  // namespace tlsscope
