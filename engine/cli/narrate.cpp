#include "narrate.hpp"

#include "tlsscope/steps.hpp"

namespace tlsscope::cli {
namespace {

using json = nlohmann::json;

std::string str(const json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }

std::string shorten(const std::string& hex, std::size_t keep = 32) {
  return hex.size() <= keep * 2 ? hex : hex.substr(0, keep) + "…" + hex.substr(hex.size() - 8);
}

}  // namespace

void Narrator::heading(const std::string& step, const std::string& arrow,
                       const std::string& extra) {
  const StepInfo* s = find_step(step);
  std::string title = s ? std::string(lang_ == Lang::zh ? s->title_zh : s->title_en) : step;
  out_ << "\n" << arrow << " " << title;
  if (!extra.empty()) out_ << "  (" << extra << ")";
  out_ << "\n";
  if (s) out_ << "  " << (lang_ == Lang::zh ? s->explain_zh : s->explain_en) << "\n";
}

void Narrator::line(const std::string& label, const std::string& value) {
  out_ << "    " << label << ": " << value << "\n";
}

void Narrator::event(const json& e) {
  const std::string type = e.value("type", "");
  const std::string step = e.value("step", "");
  const std::string dir = e.value("dir", "");
  const std::string arrow = dir == "out" ? "→" : dir == "in" ? "←" : "•";
  if (type == "record") {
    (dir == "in" ? records_in_ : records_out_)++;
    return;  // records are counted, and listed in full with --json
  }
  if (type == "url") {
    heading("url", "•", str(e["url"]));
    line("host", str(e["host"]));
    line("port", std::to_string(e["port"].get<int>()) + (e.value("port_from_scheme", false) ? " (https default)" : ""));
  } else if (type == "dns") {
    heading("dns", "•", std::to_string(static_cast<int>(e["ms"].get<double>())) + " ms");
    for (const auto& a : e["addresses"]) line("address", str(a));
  } else if (type == "tcp") {
    heading("tcp", "•", std::to_string(static_cast<int>(e["ms"].get<double>())) + " ms");
    line("from", str(e["local"]));
    line("to", str(e["remote"]));
  } else if (type == "message") {
    heading(step, arrow, std::to_string(e["length"].get<int>()) + " bytes");
    for (const auto& [k, v] : e["summary"].items()) {
      if (k == "certificates") {
        for (const auto& c : v)
          line("certificate", str(c["subject"]) + "  ← issued by " + str(c["issuer"]) + "; " +
                                  str(c["key"]) + "; until " + str(c["not_after"]));
      } else if (v.is_array()) {
        std::string joined;
        for (const auto& x : v) joined += (joined.empty() ? "" : ", ") + str(x);
        line(k, joined);
      } else {
        line(k, shorten(str(v)));
      }
    }
  } else if (type == "check") {
    heading(step, e["ok"].get<bool>() ? "✔" : "✘", e["ok"].get<bool>() ? "ok" : "FAILED");
    if (e.contains("links"))
      for (const auto& l : e["links"])
        for (const auto& c : l["checks"])
          line("[" + std::to_string(l["index"].get<int>()) + "] " + str(c["check"]),
               std::string(c["ok"].get<bool>() ? "ok: " : "FAILED: ") + str(c["detail"]));
    const char* note = lang_ == Lang::zh ? "note_zh" : "note";
    if (e.value("reordered", false)) {
      std::string order;
      for (const auto& i : e["path"]) order += (order.empty() ? "" : " → ") + str(i);
      line("path", order + ": " + e.value(note, ""));
    }
    if (e.contains("unused"))
      for (const auto& u : e["unused"])
        line("[" + str(u["index"]) + "] unused", str(u["subject"]) + ": " + u.value(note, ""));
    if (e.contains("scheme")) line("signature", str(e["scheme"]) + " with " + str(e["key"]));
    if (e.contains("expected")) line("verify_data", str(e["received"]));
  } else if (type == "secret") {
    if (step == "traffic_keys") {
      line(str(e["name"]), str(e["value"]));
      return;
    }
    heading(step, "🔑", str(e["function"]) + (e.contains("label") ? ", label \"" + str(e["label"]) + "\"" : ""));
    line("value", shorten(str(e["value"]), 48));
    for (const auto& in : e["inputs"]) line("from " + str(in["name"]), shorten(str(in["value"])));
  } else if (type == "handshake_complete") {
    heading(step, "✔", str(e["version"]) + ", " + str(e["cipher_suite"]) + ", " + str(e["group"]));
    line("records", std::to_string(records_out_) + " sent, " + std::to_string(records_in_) + " received");
  } else if (type == "alert") {
    heading("alert", arrow, str(e["level"]) + " " + str(e["description"]));
  } else if (type == "application_data") {
    heading("application_data", arrow, std::to_string(e["length"].get<int>()) + " bytes");
  } else if (type == "closed") {
    heading("closed", "•", e.value("clean", false) ? "close_notify" : "TCP closed");
  }
}

}  // namespace tlsscope::cli
