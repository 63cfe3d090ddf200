// The demo origin's two newer faces, end to end with a real tlsscope-server and the project's
// own CLI (the native engine):
// - GET /origin-secrets: the secrets the origin (OpenSSL) derived equal the ones the client
//   derived, for TLS 1.2 and 1.3, although neither was ever sent;
// - GET /variants.json: every badssl-style variant ends in the result it lists;
// - GET /demo-origin.json: the main origin's real port (the page's prefilled address).
#include "server_process.hpp"
#include "ws_client.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

namespace tlsscope::relay::test {
namespace {

using json = nlohmann::json;

std::vector<json> json_lines(const std::string& text) {
  std::vector<json> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    auto parsed = json::parse(line, nullptr, false);
    if (!parsed.is_discarded()) out.push_back(std::move(parsed));
  }
  return out;
}

const json* find_event(const std::vector<json>& events, const std::string& type,
                       const std::string& key = "", const std::string& value = "") {
  for (const auto& e : events)
    if (e.value("type", "") == type && (key.empty() || e.value(key, "") == value)) return &e;
  return nullptr;
}

class DemoOriginSecretsAndVariants : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.demo_port());
    ca_file_ = files_.path() / "ca.pem";
    std::ofstream(ca_file_) << http_get(server_.port(), "/ca.pem").body();
  }

  // The CLI's --json events for https://localhost:PORT/, trusting only /ca.pem.
  std::vector<json> cli(std::uint16_t port, const std::string& options = "") {
    const std::string command = "timeout 20 " + std::string(TLSSCOPE_CLI_PATH) + " " + options +
                                " --json --timeout 10 --ca " + ca_file_.string() +
                                " --connect 127.0.0.1:" + std::to_string(port) +
                                " https://localhost:" + std::to_string(port) + "/ 2>/dev/null";
    FILE* p = ::popen(command.c_str(), "r");
    std::string out;
    char buf[4096];
    while (p && !std::feof(p))
      out.append(buf, std::fread(buf, 1, sizeof buf, p));
    if (p) ::pclose(p);
    return json_lines(out);
  }

  json origin_secrets_for(const std::vector<json>& events, unsigned expect_status = 200) {
    const json* hello = find_event(events, "message", "step", "client_hello");
    if (!hello) return {};
    const auto random = (*hello)["summary"]["random"].get<std::string>();
    auto res = http_get(server_.port(), "/origin-secrets?client_random=" + random);
    EXPECT_EQ(res.result_int(), expect_status) << res.body();
    EXPECT_EQ(res[http::field::content_type], "application/json");
    return json::parse(res.body(), nullptr, false);
  }

  json variants() {
    auto res = http_get(server_.port(), "/variants.json");
    EXPECT_EQ(res.result_int(), 200u);
    return json::parse(res.body(), nullptr, false);
  }

  server_process server_;
  temp_dir files_;
  std::filesystem::path ca_file_;
};

TEST_F(DemoOriginSecretsAndVariants, Tls12MasterSecretIsTheOrigins) {
  const auto events = cli(*server_.demo_port(), "--tls1.2");
  const json* master = find_event(events, "secret", "name", "master_secret");
  ASSERT_TRUE(master) << "the client derived no master secret";
  const auto origin = origin_secrets_for(events);
  EXPECT_EQ(origin["version"], "TLS 1.2");
  EXPECT_EQ(origin["secrets"]["master_secret"], (*master)["value"]) << origin.dump();
  EXPECT_EQ((*master)["value"].get<std::string>().size(), 96u);
}

TEST_F(DemoOriginSecretsAndVariants, Tls13TrafficSecretsAreTheOrigins) {
  const auto events = cli(*server_.demo_port(), "--tls1.3");
  const auto origin = origin_secrets_for(events);
  EXPECT_EQ(origin["version"], "TLS 1.3");
  const auto& secrets = origin["secrets"];
  ASSERT_EQ(secrets.size(), 4u) << origin.dump();
  for (const auto& [name, value] : secrets.items()) {
    const json* mine = find_event(events, "secret", "name", name);
    ASSERT_TRUE(mine) << name;
    EXPECT_EQ((*mine)["value"], value) << name;
  }
}

TEST_F(DemoOriginSecretsAndVariants, DemoOriginJsonNamesTheRealPort) {
  // The test's server runs the origin on an ephemeral port, never 8443.
  auto res = http_get(server_.port(), "/demo-origin.json");
  ASSERT_EQ(res.result_int(), 200u);
  EXPECT_EQ(res[http::field::access_control_allow_origin], "*");
  const auto body = json::parse(res.body(), nullptr, false);
  EXPECT_EQ(body["port"], *server_.demo_port()) << res.body();
  EXPECT_EQ(body["url"], "https://127.0.0.1:" + std::to_string(*server_.demo_port()) + "/");
  // The CLI reaches it at that address, trusting /ca.pem.
  const auto events = cli(*server_.demo_port());
  EXPECT_TRUE(find_event(events, "handshake_complete")) << "no handshake with the advertised origin";
}

TEST_F(DemoOriginSecretsAndVariants, UnknownOrMalformedRandom) {
  auto unknown = http_get(server_.port(), "/origin-secrets?client_random=" + std::string(64, '0'));
  EXPECT_EQ(unknown.result_int(), 404u);
  EXPECT_NE(unknown.body().find("no connection with this client random"), std::string::npos);
  for (const char* bad : {"", "?client_random=abc", "?client_random=" /* empty */})
    EXPECT_EQ(http_get(server_.port(), std::string("/origin-secrets") + bad).result_int(), 400u)
        << bad;
}

TEST_F(DemoOriginSecretsAndVariants, VariantsJsonListsEveryVariantOnItsOwnPort) {
  const auto list = variants();
  ASSERT_TRUE(list.is_array()) << list.dump();
  std::set<std::string> names;
  std::set<int> ports{*server_.demo_port(), server_.port()};
  for (const auto& v : list) {
    names.insert(v["name"].get<std::string>());
    const int port = v["port"];
    EXPECT_TRUE(ports.insert(port).second) << "port " << port << " is used twice";
    EXPECT_EQ(v["url"], "https://localhost:" + std::to_string(port) + "/");
    EXPECT_FALSE(v["title_en"].get<std::string>().empty());
    EXPECT_FALSE(v["title_zh"].get<std::string>().empty());
  }
  EXPECT_EQ(names, (std::set<std::string>{"expired", "wrong-name", "self-signed",
                                          "untrusted-root", "tls12-only", "tls13-only",
                                          "weak-rsa", "sha1"}));
}

// Through the real engine: each refused variant fails with exactly the code it lists, the
// others complete on the version they are limited to and serve their page.
TEST_F(DemoOriginSecretsAndVariants, EachVariantEndsInItsListedResult) {
  for (const auto& v : variants()) {
    const std::string name = v["name"];
    const std::string expect = v["expect"];
    SCOPED_TRACE(name);
    const auto events = cli(static_cast<std::uint16_t>(v["port"].get<int>()));
    const json* error = find_event(events, "error");
    if (expect != "ok") {
      ASSERT_TRUE(error) << "expected " << expect;
      EXPECT_EQ((*error)["code"], expect) << error->dump();
      EXPECT_FALSE(find_event(events, "handshake_complete"));
      continue;
    }
    EXPECT_FALSE(error) << error->dump();
    const json* done = find_event(events, "handshake_complete");
    ASSERT_TRUE(done);
    EXPECT_EQ((*done)["version"], name == "tls12-only" ? "TLS 1.2" : "TLS 1.3");
    const json* page = find_event(events, "application_data", "dir", "in");
    ASSERT_TRUE(page);
    EXPECT_NE((*page)["text"].get<std::string>().find("<b>" + name + "</b> variant"),
              std::string::npos);
  }
}

// A version the variant does not speak is refused by the server, not by the client.
TEST_F(DemoOriginSecretsAndVariants, VersionLimitedVariantsRefuseTheOtherVersion) {
  for (const auto& v : variants()) {
    const std::string name = v["name"];
    if (name != "tls12-only" && name != "tls13-only") continue;
    const auto events =
        cli(static_cast<std::uint16_t>(v["port"].get<int>()), name == "tls12-only" ? "--tls1.3" : "--tls1.2");
    const json* alert = find_event(events, "alert", "dir", "in");
    ASSERT_TRUE(alert) << name;
    EXPECT_EQ((*alert)["description"], "protocol_version") << name;
    EXPECT_TRUE(find_event(events, "error")) << name;
  }
}

// The relay's default policy lets a page reach the variants, as it does the main origin.
TEST_F(DemoOriginSecretsAndVariants, TheRelayReachesTheVariants) {
  for (const auto& v : variants()) {
    const int port = v["port"];
    ws_client ws(server_.port(), "/relay?host=localhost&port=" + std::to_string(port));
    ASSERT_TRUE(ws.is_open()) << ws.refusal_body();
    EXPECT_EQ(ws.read_event()["type"], "dns");
    const auto tcp = ws.read_event();
    EXPECT_EQ(tcp["type"], "tcp") << v["name"] << ": " << tcp.dump();
  }
}

}  // namespace
}  // namespace tlsscope::relay::test
