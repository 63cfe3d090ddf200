// Turns events into a short step-by-step story for a terminal, in English or Chinese. The
// step titles and explanations come from the engine's step table, so the CLI and the page
// say the same thing.
#pragma once
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

namespace tlsscope::cli {

enum class Lang { en, zh };

class Narrator {
 public:
  Narrator(std::ostream& out, Lang lang) : out_(out), lang_(lang) {}
  void event(const nlohmann::json& e);

 private:
  void heading(const std::string& step, const std::string& arrow, const std::string& extra);
  void line(const std::string& label, const std::string& value);

  std::ostream& out_;
  Lang lang_;
  std::size_t records_in_ = 0, records_out_ = 0;
};

}  // namespace tlsscope::cli
