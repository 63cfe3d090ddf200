#include "events/json_text.hpp"

#include <array>

namespace tlsscope {
namespace {

using json = nlohmann::json;

/// The bytes a string may hold and still need no escape in either form: printable ASCII
/// without '"' or '\\'. A table: one load a byte, where four comparisons were a third of the
/// whole text's time in wasm.
constexpr auto kPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x7f; ++c) plain[c] = c != '"' && c != '\\';
  return plain;
}();

bool plain(const std::string& s) {
  for (unsigned char c : s)
    if (!kPlain[c]) return false;
  return true;
}

/// Writes into one string; what it does not write itself, nlohmann's serializer writes into the
/// same string (it keeps nothing back between calls). That serializer is the class behind
/// json::dump (nlohmann::detail, 3.11), made once for the whole text: dump() makes one, with
/// its buffers, for every call.
class TextWriter {
 public:
  TextWriter(std::string& out, bool ascii)
      : out_(out), ascii_(ascii),
        nlohmann_(nlohmann::detail::output_adapter<char>(out), ' ', json::error_handler_t::replace) {}

  void value(const json& j) {
    switch (j.type()) {
      case json::value_t::object: {
        out_ += '{';
        bool first = true;
        for (const auto& [key, member] : j.get_ref<const json::object_t&>()) {
          if (!first) out_ += ',';
          first = false;
          if (plain(key)) quoted(key);
          else nlohmann_.dump(json(key), false, ascii_, 0);
          out_ += ':';
          value(member);
        }
        out_ += '}';
        return;
      }
      case json::value_t::array: {
        out_ += '[';
        bool first = true;
        for (const auto& element : j.get_ref<const json::array_t&>()) {
          if (!first) out_ += ',';
          first = false;
          value(element);
        }
        out_ += ']';
        return;
      }
      case json::value_t::string:
        if (plain(j.get_ref<const std::string&>())) quoted(j.get_ref<const std::string&>());
        else nlohmann_.dump(j, false, ascii_, 0);
        return;
      case json::value_t::boolean:
        out_ += j.get<bool>() ? "true" : "false";
        return;
      case json::value_t::null:
        out_ += "null";
        return;
      default:  // numbers and binary values
        nlohmann_.dump(j, false, ascii_, 0);
        return;
    }
  }

 private:
  void quoted(const std::string& s) {
    out_ += '"';
    out_ += s;
    out_ += '"';
  }

  std::string& out_;
  bool ascii_;
  nlohmann::detail::serializer<json> nlohmann_;
};

}  // namespace

std::string json_text(const nlohmann::json& j, bool ascii) {
  std::string out;
  TextWriter(out, ascii).value(j);
  return out;
}

}  // namespace tlsscope
