// Turns events into a short step-by-step story for a terminal, in English or Chinese. The
// step titles and explanations come from the engine's step table, so the CLI and the page
// say the same thing.
#pragma once
#include <ostream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace tlsscope::cli {

enum class Lang { en, zh };

class Narrator {
 public:
  Narrator(std::ostream& out, Lang lang) : out_(out), lang_(lang) {}
  void event(const nlohmann::json& e);
  /// The narrator's word for `key` (a label such as "host" or "ok") in its language.
  std::string word(std::string_view key) const;

 private:
  /// obj[member + "_zh"] in Chinese when the event has it, else obj[member].
  std::string text(const nlohmann::json& obj, const std::string& member) const;
  /// The field tree's top-level notes, one line each (a bare code point is left out).
  void notes(const nlohmann::json& fields);
  void heading(const std::string& step, const std::string& arrow, const std::string& extra);
  void line(const std::string& label, const std::string& value);

  std::ostream& out_;
  Lang lang_;
  std::size_t records_in_ = 0, records_out_ = 0;
};

}  // namespace tlsscope::cli
