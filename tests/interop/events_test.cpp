// One real exchange with openssl s_server, and what its events must satisfy: docs/events.md
// describes them (types, members, steps, error codes) and its full example is this very run
// (shortened), so the example cannot drift from what the engine says; every field tree points
// inside its own bytes; every secret's inputs are values that appeared earlier in the same run.
#include <gtest/gtest.h>

#include <cstdlib>
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

using nlohmann::json;

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

class events : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir("tlsscope-events-");
    RunningServer server = start_s_server(
        {"-tls1_2", "-cert", pki_file("ec256-leaf.pem"), "-key", pki_file("ec256-leaf.key"),
         "-cert_chain", pki_file("ec-int.pem")},
        *dir_ / "server.log");
    RunResult run = run_cli({"https://localhost/", "--json", "--ca", pki_file("roots.pem"),
                             "--connect", server.address(), "--timeout", "10"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    std::string parse_error;
    events_ = new std::vector<nlohmann::json>(json_lines(run.out, parse_error));
    ASSERT_EQ(parse_error, "");
  }
  static void TearDownTestSuite() {
    delete events_;
    delete dir_;
  }
  static const std::vector<nlohmann::json>& all() { return *events_; }

  static inline TempDir* dir_ = nullptr;
  static inline std::vector<nlohmann::json>* events_ = nullptr;
};

TEST_F(events, events_md_describes_every_event_of_a_real_run) {
  auto types = documented_types(read_doc());
  ASSERT_GE(types.size(), 10u) << "the Event types table was not found in docs/events.md";
  std::set<std::string> seen;
  for (const auto& e : all()) {
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

// Every node lies inside its parent and inside the bytes of its event, so a hex view can
// highlight exactly the bytes a field names.
void check_nodes(const nlohmann::json& nodes, std::size_t lo, std::size_t hi,
                 const std::string& where) {
  for (const auto& n : nodes) {
    ASSERT_TRUE(n.contains("name") && n.contains("value") && n.contains("offset") &&
                n.contains("length")) << where << ": " << n.dump().substr(0, 200);
    std::size_t off = n["offset"], len = n["length"];
    EXPECT_GE(off, lo) << where << "/" << n["name"];
    EXPECT_LE(off + len, hi) << where << "/" << n["name"];
    if (n.contains("children")) check_nodes(n["children"], off, off + len, where + "/" + n["name"].get<std::string>());
  }
}

TEST_F(events, field_trees_point_inside_their_bytes) {
  std::size_t trees = 0;
  for (const auto& e : all()) {
    if (!e.contains("fields")) continue;
    std::size_t size = e["bytes"].get<std::string>().size() / 2;
    check_nodes(e["fields"], 0, size, e["step"].get<std::string>());
    ++trees;
  }
  EXPECT_GT(trees, 15u);
}

// The derivation the page draws must be true to the run: each input of a secret is a value
// shown earlier (a random from a hello, a key from a key exchange, or an earlier secret).
TEST_F(events, secrets_are_derived_from_values_shown_before_them) {
  std::set<std::string> shown;
  auto remember = [&](const nlohmann::json& j, auto&& self) -> void {
    if (j.is_string()) shown.insert(j.get<std::string>());
    if (j.is_object() || j.is_array())
      for (const auto& x : j) self(x, self);
  };
  std::size_t secrets = 0;
  for (const auto& e : all()) {
    if (e["type"] == "secret") {
      ++secrets;
      for (const auto& in : e["inputs"]) {
        std::string name = in["name"], value = in["value"];
        if (name == "client_private_key" || name == "session_hash" || name == "transcript_hash")
          continue;  // never on the wire; the page shows them as the client's own
        EXPECT_TRUE(shown.count(value)) << e["name"] << " input " << name << " = " << value
                                        << " was not shown before";
      }
    }
    remember(e, remember);
  }
  EXPECT_GE(secrets, 8u);
}

// The example as docs/events.md prints it: one event per line, long hex cut to 64 characters
// and other long strings (the decrypted page) to 120, notes and details kept whole.
json shortened(const json& j, const std::string& member = {}) {
  if (j.is_string()) {
    const std::string& s = j.get_ref<const std::string&>();
    static const std::regex hex("[0-9a-f]+");
    const bool kept = member.rfind("note", 0) == 0 || member.rfind("detail", 0) == 0;
    std::size_t keep = std::regex_match(s, hex) ? 64 : kept ? s.size() : 120;
    if (s.size() <= keep + 16) return j;
    while (keep > 0 && (static_cast<unsigned char>(s[keep]) & 0xc0) == 0x80) --keep;  // whole UTF-8
    return s.substr(0, keep) + "…(" + std::to_string(s.size()) + " chars)";
  }
  json out = j;
  if (j.is_object())
    for (auto& [k, v] : out.items()) v = shortened(v, k);
  if (j.is_array())
    for (auto& v : out) v = shortened(v, member);
  return out;
}

// What may differ between two runs of the same exchange: every run of 8+ hex digits (keys,
// randoms, the server's session id), every run of digits (ports, times, lengths), every number.
json normalized(const json& j) {
  if (j.is_string()) {
    static const std::regex hex("[0-9a-fA-F]{8,}"), digit("[0-9]+");
    return std::regex_replace(std::regex_replace(j.get<std::string>(), hex, "#"), digit, "0");
  }
  if (j.is_number()) return 0;
  json out = j;
  if (j.is_structured())
    for (auto& v : out) v = normalized(v);
  return out;
}

constexpr std::string_view kExampleStart = "## A full example";

// The JSON lines of the example block in docs/events.md, and where the block sits.
std::vector<std::string> doc_example(const std::string& doc, std::size_t& from, std::size_t& to) {
  from = doc.find("```json\n", doc.find(kExampleStart));
  to = doc.find("```", from + 8);
  std::vector<std::string> lines;
  if (from == std::string::npos || to == std::string::npos) return lines;
  from += 8;
  std::istringstream block(doc.substr(from, to - from));
  for (std::string line; std::getline(block, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

TEST_F(events, the_example_in_events_md_is_a_run_like_this_one) {
  std::string generated;
  for (const auto& e : all()) generated += shortened(e).dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  const std::string doc = read_doc();
  std::size_t from = 0, to = 0;
  std::vector<std::string> example = doc_example(doc, from, to);
  ASSERT_FALSE(example.empty()) << "no ```json block after \"" << kExampleStart << "\" in docs/events.md";
  // TLSSCOPE_UPDATE_DOCS=1 writes this run into docs/events.md as the new example.
  if (const char* update = std::getenv("TLSSCOPE_UPDATE_DOCS"); update && std::string(update) == "1") {
    std::ofstream(std::string(TLSSCOPE_SOURCE_DIR) + "/docs/events.md")
        << doc.substr(0, from) << generated << doc.substr(to);
    GTEST_SKIP() << "docs/events.md's example rewritten from this run";
  }
  std::vector<json> run = all();
  std::ostringstream problems;
  if (example.size() != run.size())
    problems << "the example has " << example.size() << " events, the run " << run.size() << "\n";
  for (std::size_t i = 0; i < std::min(example.size(), run.size()); ++i) {
    json documented = json::parse(example[i], nullptr, false);
    json real = normalized(shortened(run[i]));
    if (documented.is_discarded() || normalized(documented) != real) {
      problems << "event " << i << " differs:\n  docs: " << example[i].substr(0, 300)
               << "\n  run:  "
               << shortened(run[i]).dump(-1, ' ', false, json::error_handler_t::replace).substr(0, 300)
               << "\n";
      break;
    }
  }
  EXPECT_EQ(problems.str(), "")
      << "docs/events.md's example is stale; regenerate it with\n"
         "  TLSSCOPE_UPDATE_DOCS=1 ctest --test-dir build -R events.the_example_in_events_md\n";
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
