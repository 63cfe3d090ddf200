// One real exchange with openssl s_server, and what its events must satisfy: docs/events.md
// describes them (types, members, steps, error codes); every field tree points inside its
// own bytes; every secret's inputs are values that appeared earlier in the same run.
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
