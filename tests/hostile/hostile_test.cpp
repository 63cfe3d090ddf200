// One test per hostile-server case (ctest names hostile.<case>): start
// tlsscope-hostile-server --case <case>, run the real CLI against it on loopback, and check
// what the client made of the lie — its exit code, the "error: CODE: sentence" line, the JSON
// error event (code, alert_sent) — and the alert the server actually received.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "cases.hpp"
#include "process.hpp"
#include "server_output.hpp"
#include "temp_dir.hpp"

namespace tlsscope::hostile {
namespace {

using test::Process;
using test::RunResult;
using test::TempDir;
using namespace std::chrono_literals;

std::string read_text(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

std::string clip(const std::string& text, std::size_t limit = 6000) {
  if (text.size() <= limit) return text;
  return text.substr(0, limit / 2) + "\n[... " + std::to_string(text.size() - limit) +
         " bytes ...]\n" + text.substr(text.size() - limit / 2);
}

// The CODEs of "error: CODE: sentence" lines (CODE in A-Z 0-9 _, a non-empty sentence).
std::vector<std::string> error_codes(const std::string& err) {
  const std::string tag = "error: ";
  std::vector<std::string> codes;
  for (const auto& line : lines_of(err)) {
    if (line.rfind(tag, 0) != 0) continue;
    auto colon = line.find(": ", tag.size());
    if (colon == std::string::npos || colon == tag.size() || colon + 2 >= line.size()) continue;
    std::string code = line.substr(tag.size(), colon - tag.size());
    if (code.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == std::string::npos)
      codes.push_back(code);
  }
  return codes;
}

// The JSON events of type "error" in a --json run's stdout.
std::vector<nlohmann::json> error_events(const std::string& out) {
  std::vector<nlohmann::json> found;
  for (const auto& line : lines_of(out)) {
    auto e = nlohmann::json::parse(line, nullptr, false);
    if (!e.is_discarded() && e.is_object() && e.value("type", "") == "error") found.push_back(e);
  }
  return found;
}

// Whether `text` holds a CJK ideograph (U+4E00–U+9FFF, three bytes in UTF-8).
bool has_chinese(const std::string& text) {
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(text[i]), b1 = static_cast<unsigned char>(text[i + 1]);
    if ((b0 & 0xF0) != 0xE0 || (static_cast<unsigned char>(text[i + 2]) & 0xC0) != 0x80) continue;
    const unsigned cp = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6);
    if ((b1 & 0xC0) == 0x80 && cp >= 0x4E00 && cp <= 0x9FC0) return true;
  }
  return false;
}

// Waits for the server's first stdout line, "port <n>".
std::uint16_t wait_for_port(const std::filesystem::path& out, Process& server) {
  auto until = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < until) {
    std::string text = read_text(out);
    auto nl = text.find('\n');
    if (nl != std::string::npos && text.rfind("port ", 0) == 0)
      return static_cast<std::uint16_t>(std::stoi(text.substr(5, nl - 5)));
    if (!server.running()) return 0;
    std::this_thread::sleep_for(10ms);
  }
  return 0;
}

class HostileServerTest : public testing::Test {
 public:
  explicit HostileServerTest(const HostileCase& c) : case_(c) {}

  void TestBody() override {
    TempDir dir("tlsscope-hostile-");
    const auto server_out = dir / "server.out", server_err = dir / "server.err";
    Process server = Process::spawn({TLSSCOPE_HOSTILE_SERVER_PATH, "--case", std::string(case_.name),
                                     "--pki", TLSSCOPE_HOSTILE_PKI_DIR, "--listen", "127.0.0.1:0"},
                                    {{}, server_out, server_err});
    std::uint16_t port = wait_for_port(server_out, server);
    ASSERT_NE(port, 0) << "the hostile server did not start\n" << read_text(server_err);

    RunResult run = test::run({TLSSCOPE_CLI_PATH, "--json", "--ca",
                               std::string(TLSSCOPE_HOSTILE_PKI_DIR) + "/roots.pem", "--connect",
                               "127.0.0.1:" + std::to_string(port), "--timeout", "3",
                               "https://localhost/"},
                              20s);
    server.wait_for(10s);
    server.stop();
    const std::string served = read_text(server_out);
    const std::string context =
        "case " + std::string(case_.name) + " (" + std::string(case_.rfc) + "): " +
        std::string(case_.server_does) + "\nexpected: " +
        (case_.error.empty() ? "success" : std::string(case_.error)) + ", client alert " +
        (case_.alert.empty() ? "none" : std::string(case_.alert)) + "\n--- CLI exit " +
        std::to_string(run.exit_code) + (run.timed_out ? " (killed after 20 s)" : "") +
        "\n--- CLI stderr ---\n" + clip(run.err) + "--- hostile server stdout ---\n" +
        clip(served) + "--- hostile server stderr ---\n" + clip(read_text(server_err)) +
        "--- CLI stdout (JSON events) ---\n" + clip(run.out, 3000);
    SCOPED_TRACE(context);

    EXPECT_FALSE(run.timed_out);
    // Under -DTLSSCOPE_SANITIZE=ON, hostile bytes must not make the client over-read or overflow.
    EXPECT_EQ(run.err.find("AddressSanitizer"), std::string::npos);
    EXPECT_EQ(run.err.find("runtime error:"), std::string::npos);
    const auto alerts = client_alerts(served);
    const auto errors = error_events(run.out);
    const auto fatal = std::count_if(alerts.begin(), alerts.end(), [](const std::string& a) {
      return a.rfind("fatal ", 0) == 0;
    });
    const bool alert_expected = !case_.alert.empty();
    const std::string alert_name =
        alert_expected ? std::string(case_.alert.substr(case_.alert.find(' ') + 1)) : "";

    if (case_.error.empty()) {
      EXPECT_EQ(run.exit_code, 0);
      EXPECT_TRUE(error_codes(run.err).empty());
      EXPECT_TRUE(errors.empty());
      EXPECT_EQ(fatal, 0) << "the client sent a fatal alert";
      if (case_.name.rfind("tls13_", 0) == 0) {  // the TLS 1.3 server path: 1.3 negotiated
        std::string version;
        for (const auto& line : lines_of(run.out)) {
          auto ev = nlohmann::json::parse(line, nullptr, false);
          if (!ev.is_discarded() && ev.is_object() &&
              ev.value("type", "") == "handshake_complete")
            version = ev.value("version", "");
        }
        EXPECT_EQ(version, "TLS 1.3") << "the handshake_complete event's version";
      }
      if (alert_expected) {
        EXPECT_NE(std::find(alerts.begin(), alerts.end(), std::string(case_.alert)), alerts.end())
            << "the server never received \"" << case_.alert << "\"";
      }
      return;
    }

    EXPECT_NE(run.exit_code, 0);
    EXPECT_EQ(error_codes(run.err), std::vector<std::string>{std::string(case_.error)})
        << "stderr must have exactly one line \"error: " << case_.error << ": <sentence>\"";
    ASSERT_FALSE(errors.empty()) << "no JSON event of type error";
    const auto& e = errors.back();
    EXPECT_EQ(e.value("code", ""), case_.error);
    EXPECT_FALSE(e.value("message", "").empty());
    // Issue 14: no English sentence in 中文 mode — every detail has its Chinese twin from the
    // notes table (engine/src/tables/notes.cpp), so a new English-only detail fails here.
    for (const auto& ev : errors) {
      if (!ev.value("detail", "").empty()) {
        EXPECT_TRUE(has_chinese(ev.value("detail_zh", "")))
            << "detail \"" << ev.value("detail", "") << "\" has no Chinese detail_zh: " << ev.dump();
      }
    }
    if (alert_expected) {
      EXPECT_EQ(e.value("alert_sent", ""), alert_name) << e.dump();
      if (case_.alert_unreadable) {
        EXPECT_TRUE(alerts.empty());
        EXPECT_NE(served.find("client-record-unreadable"), std::string::npos)
            << "the client's encrypted alert must reach the server (which cannot open it)";
      } else {
        EXPECT_EQ(alerts, std::vector<std::string>{std::string(case_.alert)})
            << "the client must send exactly this alert";
      }
    } else {
      EXPECT_FALSE(e.contains("alert_sent")) << e.dump();
      EXPECT_TRUE(alerts.empty()) << "the client must send no alert";
    }
  }

 private:
  const HostileCase& case_;
};

}  // namespace
}  // namespace tlsscope::hostile

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  for (const auto& c : tlsscope::hostile::hostile_cases()) {
    testing::RegisterTest("hostile", std::string(c.name).c_str(), nullptr, nullptr, __FILE__,
                          __LINE__, [&c]() -> testing::Test* {
                            return new tlsscope::hostile::HostileServerTest(c);
                          });
  }
  return RUN_ALL_TESTS();
}
