#include "cli.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

namespace tlsscope::test {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string clip(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return text;
  return text.substr(0, limit) + "\n[... " + std::to_string(text.size() - limit) + " more bytes]";
}

}  // namespace

std::filesystem::path cli_path() {
  if (const char* from_env = std::getenv("TLSSCOPE_CLI"); from_env && *from_env) return from_env;
  return TLSSCOPE_CLI_PATH;
}

std::filesystem::path pki_dir() { return TLSSCOPE_TEST_PKI_DIR; }

std::string pki_file(const std::string& name) { return (pki_dir() / name).string(); }

RunResult run_cli(const std::vector<std::string>& args) {
  std::vector<std::string> argv{cli_path().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, std::chrono::seconds(30));
}

std::vector<nlohmann::json> json_lines(const std::string& out, std::string& error) {
  std::vector<nlohmann::json> events;
  std::istringstream lines(out);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (line.empty()) continue;
    auto value = nlohmann::json::parse(line, nullptr, false);
    if (value.is_discarded() || !value.is_object()) {
      if (error.empty()) {
        error = "stdout line " + std::to_string(number) + " is not a JSON object: " +
                clip(line, 200);
      }
      continue;
    }
    events.push_back(std::move(value));
  }
  return events;
}

std::vector<nlohmann::json> events_of_type(const std::vector<nlohmann::json>& events,
                                           const std::string& type) {
  std::vector<nlohmann::json> found;
  for (const auto& event : events) {
    if (event.contains("type") && event["type"] == type) found.push_back(event);
  }
  return found;
}

std::vector<std::string> error_codes(const std::string& err) {
  static const std::regex error_line(R"(^error: ([A-Z0-9_]+): \S.*$)");
  std::vector<std::string> codes;
  std::istringstream lines(err);
  std::string line;
  std::smatch match;
  while (std::getline(lines, line)) {
    if (std::regex_match(line, match, error_line)) codes.push_back(match[1]);
  }
  return codes;
}

std::map<std::string, std::string> read_keylog(const std::filesystem::path& path) {
  std::map<std::string, std::string> secrets;
  std::ifstream file(path);
  std::string line;
  while (std::getline(file, line)) {
    std::istringstream fields(line);
    std::string label, random, secret;
    if (fields >> label >> random >> secret && label == "CLIENT_RANDOM") {
      secrets[lower(random)] = lower(secret);
    }
  }
  return secrets;
}

std::string describe(const RunResult& run) {
  std::ostringstream text;
  text << "exit code " << run.exit_code << (run.timed_out ? " (killed: still running after 30 s)" : "")
       << "\n--- stderr ---\n" << clip(run.err, 4000) << "\n--- stdout ---\n" << clip(run.out, 4000);
  return text.str();
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace tlsscope::test
