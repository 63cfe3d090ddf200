// The steps of an HTTPS connection as the page, the CLI and the tests name them. One table
// (steps.cpp) holds each step's stable name, a title and a short explanation in English and
// Chinese; events carry the name in their "step" member.
#pragma once
#include <span>
#include <string_view>

namespace tlsscope {

struct StepInfo {
  std::string_view name;       ///< Stable name, e.g. "server_key_exchange".
  std::string_view title_en;
  std::string_view title_zh;
  std::string_view explain_en;  ///< One or two sentences: what happens and why.
  std::string_view explain_zh;
};

std::span<const StepInfo> steps();
const StepInfo* find_step(std::string_view name);

}  // namespace tlsscope
