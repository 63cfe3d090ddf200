#include "narrate.hpp"

#include <array>
#include <regex>

#include "tlsscope/steps.hpp"

namespace tlsscope::cli {
namespace {

using json = nlohmann::json;

// The narrator's own words, in both languages. Protocol identifiers (summary keys such as
// cipher_suite, secret and field names) are names and stay as they are.
struct Label {
  std::string_view key, en, zh;
};
constexpr std::array kLabels = {
    Label{"host", "host", "主机"},
    Label{"port", "port", "端口"},
    Label{"https_default", " (https default)", "（https 默认端口）"},
    Label{"address", "address", "地址"},
    Label{"from", "from", "本地"},
    Label{"to", "to", "服务器"},
    Label{"bytes", "bytes", "字节"},
    Label{"certificate", "certificate", "证书"},
    Label{"issued_by", "issued by", "签发者"},
    Label{"until", "until", "有效期至"},
    Label{"ok", "ok", "通过"},
    Label{"failed", "FAILED", "失败"},
    Label{"signature", "signature", "签名"},
    Label{"with", "with", "密钥"},
    Label{"label", "label", "标签"},
    Label{"value", "value", "值"},
    Label{"input", "from", "输入"},
    Label{"note", "note", "说明"},
    Label{"records", "records", "记录"},
    Label{"tcp_closed", "TCP closed", "TCP 已关闭"},
    Label{"detail", "detail", "详情"},
    Label{"path", "path built", "构建的路径"},
    Label{"unused", "not used", "未使用"},
};

std::string str(const json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }

std::string shorten(const std::string& hex, std::size_t keep = 32) {
  return hex.size() <= keep * 2 ? hex : hex.substr(0, keep) + "…" + hex.substr(hex.size() - 8);
}

// A note that is only a code point ("0x1301", "3") says nothing the value does not.
bool is_code_point(const std::string& note) {
  static const std::regex code(R"(0x[0-9a-f]+|\d+)");
  return std::regex_match(note, code);
}

}  // namespace

std::string Narrator::word(std::string_view key) const {
  for (const auto& l : kLabels)
    if (l.key == key) return std::string(lang_ == Lang::zh ? l.zh : l.en);
  return std::string(key);
}

std::string Narrator::text(const json& obj, const std::string& member) const {
  if (lang_ == Lang::zh && obj.contains(member + "_zh")) return str(obj[member + "_zh"]);
  return obj.contains(member) ? str(obj[member]) : std::string();
}

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
  out_ << "    " << label << (lang_ == Lang::zh ? "：" : ": ") << value << "\n";
}

void Narrator::notes(const json& fields) {
  for (const auto& f : fields) {
    const std::string name = f.value("name", "");
    if (name == "msg_type" || name == "length" || !f.contains("note")) continue;
    const std::string n = text(f, "note");
    if (!is_code_point(n)) line(name, n);
  }
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
    line(word("host"), str(e["host"]));
    line(word("port"), std::to_string(e["port"].get<int>()) +
                           (e.value("port_from_scheme", false) ? word("https_default") : ""));
  } else if (type == "dns") {
    heading("dns", "•", std::to_string(static_cast<int>(e["ms"].get<double>())) + " ms");
    for (const auto& a : e["addresses"]) line(word("address"), str(a));
  } else if (type == "tcp") {
    heading("tcp", "•", std::to_string(static_cast<int>(e["ms"].get<double>())) + " ms");
    line(word("from"), str(e["local"]));
    line(word("to"), str(e["remote"]));
  } else if (type == "message") {
    heading(step, arrow, std::to_string(e["length"].get<int>()) + " " + word("bytes"));
    for (const auto& [k, v] : e["summary"].items()) {
      if (k == "note_zh" || (k == "note" && e["summary"].contains("note_zh"))) continue;
      if (k == "certificates") {
        for (const auto& c : v)
          line(word("certificate"), str(c["subject"]) + "  ← " + word("issued_by") + " " +
                                        str(c["issuer"]) + "; " + text(c, "key") + "; " +
                                        word("until") + " " + str(c["not_after"]));
      } else if (v.is_array()) {
        std::string joined;
        for (const auto& x : v) joined += (joined.empty() ? "" : ", ") + str(x);
        line(k, joined);
      } else {
        line(k, shorten(str(v)));
      }
    }
    if (e["summary"].contains("note")) line(word("note"), text(e["summary"], "note"));
    notes(e["fields"]);
  } else if (type == "check") {
    const bool ok = e["ok"].get<bool>();
    heading(step, ok ? "✔" : "✘", word(ok ? "ok" : "failed"));
    if (e.contains("links"))
      for (const auto& l : e["links"])
        for (const auto& c : l["checks"])
          line("[" + std::to_string(l["index"].get<int>()) + "] " + str(c["check"]),
               word(c["ok"].get<bool>() ? "ok" : "failed") + (lang_ == Lang::zh ? "：" : ": ") +
                   text(c, "detail"));
    if (e.value("reordered", false)) {
      std::string order;
      for (const auto& i : e["path"]) order += (order.empty() ? "" : " → ") + str(i);
      line(word("path"), order + (lang_ == Lang::zh ? "：" : ": ") + text(e, "note"));
    }
    if (e.contains("unused"))
      for (const auto& u : e["unused"])
        line("[" + str(u["index"]) + "] " + word("unused"),
             str(u["subject"]) + (lang_ == Lang::zh ? "：" : ": ") + text(u, "note"));
    if (e.contains("scheme"))
      line(word("signature"), str(e["scheme"]) + ", " + word("with") + " " + text(e, "key"));
    if (e.contains("expected")) line("verify_data", str(e["received"]));
  } else if (type == "secret") {
    if (step == "traffic_keys") {
      line(str(e["name"]), str(e["value"]));
      if (e.contains("note")) line(word("note"), text(e, "note"));
      return;
    }
    heading(step, "🔑", text(e, "function") + (e.contains("label") ? ", " + word("label") + " \"" + str(e["label"]) + "\"" : ""));
    line(word("value"), shorten(str(e["value"]), 48));
    for (const auto& in : e["inputs"]) line(word("input") + " " + str(in["name"]), shorten(str(in["value"])));
    if (e.contains("note")) line(word("note"), text(e, "note"));
  } else if (type == "handshake_complete") {
    heading(step, "✔", str(e["version"]) + ", " + str(e["cipher_suite"]) + ", " + str(e["group"]));
    line(word("records"), lang_ == Lang::zh
                              ? "发出 " + std::to_string(records_out_) + " 条，收到 " +
                                    std::to_string(records_in_) + " 条"
                              : std::to_string(records_out_) + " sent, " +
                                    std::to_string(records_in_) + " received");
  } else if (type == "alert") {
    heading("alert", arrow, str(e["level"]) + " " + str(e["description"]));
  } else if (type == "application_data") {
    heading("application_data", arrow, std::to_string(e["length"].get<int>()) + " " + word("bytes"));
  } else if (type == "closed") {
    heading("closed", "•", e.value("clean", false) ? "close_notify" : word("tcp_closed"));
    if (e.contains("note")) line(word("note"), text(e, "note"));
  }
}

}  // namespace tlsscope::cli
