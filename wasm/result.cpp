#include "result.hpp"

#include <string>

#include <emscripten/emscripten.h>

#include "events/json_text.hpp"

namespace tlsscope::wasm {
namespace {
std::string result;
}  // namespace

std::size_t set_result(std::string_view s) {
  result.assign(s);
  return result.size();
}

std::size_t set_result(const Bytes& b) {
  return set_result({reinterpret_cast<const char*>(b.data()), b.size()});
}

std::string json_text(const nlohmann::json& j) { return tlsscope::json_text(j, true); }

extern "C" EMSCRIPTEN_KEEPALIVE const char* tlsscope_result() { return result.data(); }

}  // namespace tlsscope::wasm
