// docs/events.md must say what the engine really emits: every event of a real run has a
// documented type with all the members the doc promises, every step is in the step table,
// and every error code is in the doc's error table.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "cli.hpp"
#include "servers.hpp"
#include "temp_dir.hpp"
#include "tlsscope/errors.hpp"
#include "tlsscope/steps.hpp"

namespace tlsscope::test {
namespace {

std::string read_doc() {
  std::ifstream f(std::string(TLSSCOPE_SOURCE_DIR) + "/docs/events.md");
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

// "| `type` | `a`, `b` |" rows of the "Event types" table.
std::map<std::string, std::vector<std::string>> documented_types(const std::string& doc) {
  std::map<std::string, std::vector<std::string>> out;
  auto start = doc.find("## Event types");
  auto end = doc.find("\n### ", start);
  std::istringstream table(doc.substr(start, end - start));
  std::regex row(R"(^\| `(\w+)` \| (.*) \|$)"), member("`(\\w+)`");
  for (std::string line; std::getline(table, line);) {
    std::smatch m;
    if (!std::regex_match(line, m, row)) continue;
    std::string members = m[2];
    auto& list = out[m[1]];
    for (std::sregex_iterator it(members.begin(), members.end(), member), e; it != e; ++it)
      list.push_back((*it)[1]);
  }
  return out;
}

TEST(docs, events_md_matches_a_real_run) {
  const std::string doc = read_doc();
  auto types = documented_types(doc);
  ASSERT_GE(types.size(), 10u) << "the Event types table was not found in docs/events.md";

  TempDir dir("tlsscope-docs-");
  RunningServer server = start_s_server(
      {"-tls1_2", "-cert", pki_file("ec256-leaf.pem"), "-key", pki_file("ec256-leaf.key"),
       "-cert_chain", pki_file("ec-int.pem")},
      dir / "server.log");
  RunResult run = run_cli({"https://localhost/", "--json", "--ca", pki_file("roots.pem"),
                           "--connect", server.address(), "--timeout", "10"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::string parse_error;
  auto events = json_lines(run.out, parse_error);
  ASSERT_EQ(parse_error, "");
  std::set<std::string> seen;
  for (const auto& e : events) {
    std::string type = e["type"], step = e["step"];
    seen.insert(type);
    EXPECT_NE(find_step(step), nullptr) << "step " << step << " is not in the step table";
    auto it = types.find(type);
    ASSERT_NE(it, types.end()) << "event type " << type << " is not documented";
    for (const auto& m : it->second) EXPECT_TRUE(e.contains(m)) << type << " lacks " << m;
  }
  for (auto t : {"url", "dns", "tcp", "record", "message", "check", "secret", "keylog",
                 "handshake_complete", "application_data", "alert", "closed"})
    EXPECT_TRUE(seen.count(t)) << "a successful run should show a " << t << " event";
}

TEST(docs, every_error_code_is_documented) {
  const std::string doc = read_doc();
  for (int c = 0; c <= static_cast<int>(ErrorCode::internal_error); ++c) {
    const ErrorInfo& info = error_info(static_cast<ErrorCode>(c));
    EXPECT_NE(doc.find("| `" + std::string(info.name) + "` |"), std::string::npos)
        << info.name << " is missing from the error table of docs/events.md";
  }
}

}  // namespace
}  // namespace tlsscope::test
