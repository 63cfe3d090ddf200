// Every word a learner reads has Chinese, checked on real runs: a TLS 1.2 and a TLS 1.3
// handshake with openssl s_server, and the failures a bad certificate causes (expired, wrong
// name, self-signed, unknown root). Each event is walked whole: a learner-facing member (note,
// detail, verdict, message, a secret's function) that is prose must have its `_zh` twin in
// Chinese; a bare code point ("0x1301") needs none. And `--lang zh` prints no English label.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <sstream>

#include "cli.hpp"
#include "matrix.hpp"
#include "servers.hpp"
#include "temp_dir.hpp"
#include "tlsscope/steps.hpp"

namespace tlsscope::test {
namespace {

using nlohmann::json;

bool has_han(const std::string& s) {
  for (unsigned char c : s)  // UTF-8 lead bytes of U+4E00..U+9FFF
    if (c >= 0xe4 && c <= 0xe9) return true;
  return false;
}

// Prose: two words in a row, once quoted strings (labels such as "derived") are taken out.
bool is_prose(std::string s) {
  static const std::regex quoted(R"("[^"]*")"), words(R"([A-Za-z]{2,} [A-Za-z]{2,})");
  s = std::regex_replace(s, quoted, "");
  return std::regex_search(s, words);
}

constexpr const char* kTexts[] = {"note", "detail", "verdict", "message", "function"};

// Every member of `j` (at any depth) that a learner reads, without its Chinese twin.
void untranslated(const json& j, const std::string& where, std::vector<std::string>& out) {
  if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) untranslated(j[i], where + "[" + std::to_string(i) + "]", out);
    return;
  }
  if (!j.is_object()) return;
  for (const char* member : kTexts) {
    if (!j.contains(member) || !j[member].is_string()) continue;
    const std::string text = j[member];
    if (!is_prose(text)) continue;
    const std::string zh = j.value(std::string(member) + "_zh", std::string());
    if (!has_han(zh)) out.push_back(where + "." + member + ": " + text);
  }
  for (const auto& [k, v] : j.items())
    if (v.is_structured()) untranslated(v, where + "." + k, out);
}

class chinese : public testing::Test {
 protected:
  static void SetUpTestSuite() { dir_ = new TempDir("tlsscope-chinese-"); }
  static void TearDownTestSuite() { delete dir_; }

  // The CLI's events against `server` (and the CLI's `extra` options).
  static std::vector<json> run_against(const RunningServer& server, bool expect_ok,
                                       const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"https://localhost/", "--json", "--ca", pki_file("roots.pem"),
                                  "--connect", server.address(), "--timeout", "10"};
    args.insert(args.end(), extra.begin(), extra.end());
    RunResult r = run_cli(args);
    EXPECT_EQ(r.exit_code == 0, expect_ok) << describe(r);
    std::string error;
    auto events = json_lines(r.out, error);
    EXPECT_EQ(error, "");
    return events;
  }
  static std::vector<json> run(const std::vector<std::string>& s_server_args, bool expect_ok,
                               const std::vector<std::string>& extra = {}) {
    return run_against(start_s_server(s_server_args, *dir_ / "server.log"), expect_ok, extra);
  }

  // The note of the first field called `name` in the first message event of `step`.
  static std::string note_of(const std::vector<json>& events, const std::string& step,
                             const std::string& name) {
    for (const auto& e : events)
      if (e.value("type", "") == "message" && e.value("step", "") == step)
        for (const auto& f : e["fields"])
          if (f.value("name", "") == name) return f.value("note", "");
    return {};
  }

  static void expect_all_chinese(const std::vector<json>& events, std::size_t at_least) {
    EXPECT_GE(events.size(), at_least);
    std::vector<std::string> missing;
    std::size_t notes = 0;
    for (const auto& e : events) {
      const std::string step = e.value("step", "");
      if (const StepInfo* s = find_step(step); !s || !has_han(std::string(s->explain_zh)))
        missing.push_back("step " + step + " has no Chinese explanation");
      untranslated(e, e.value("type", "") + "/" + step, missing);
      notes += e.dump().find("\"note_zh\"") != std::string::npos;
    }
    EXPECT_GT(notes, 5u) << "the walk found almost no notes: has the event format changed?";
    std::string all;
    for (const auto& m : missing) all += "  " + m + "\n";
    EXPECT_TRUE(missing.empty()) << missing.size() << " texts have no Chinese:\n" << all;
  }

  // Node 26's TLS server (OpenSSL 3.5, tests/interop/node26_server.mjs) held to `groups`: the one
  // real server here that speaks X25519MLKEM768.
  static RunningServer start_node26(const std::string& groups) {
    const Credentials creds = credentials_for(Key::ecdsa_p256);
    return start_server(
        [&](std::uint16_t port) {
          return std::vector<std::string>{TLSSCOPE_NODE26, TLSSCOPE_NODE26_SERVER, std::to_string(port),
                                          creds.chain, creds.key, groups,
                                          (*dir_ / "node26.keylog").string()};
        },
        {}, *dir_ / "node26.log");
  }

  static inline TempDir* dir_ = nullptr;
};

TEST_F(chinese, every_text_of_a_tls12_run) {
  expect_all_chinese(run({"-tls1_2", "-cert", pki_file("ec256-leaf.pem"), "-key",
                          pki_file("ec256-leaf.key"), "-cert_chain", pki_file("ec-int.pem")},
                         true),
                     30);
}

// ChaCha20-Poly1305 (the IV XOR sequence number nonce) and the master secret's original
// formula: gnutls-serv can leave out extended_master_secret, s_server cannot.
TEST_F(chinese, every_text_of_a_tls12_chacha20_run_without_extended_master_secret) {
  RunningServer server = start_gnutls_serv(
      {"--priority",
       "NONE:+VERS-TLS1.2:+ECDHE-RSA:+CHACHA20-POLY1305:+AEAD:+SIGN-ALL:+COMP-NULL:+GROUP-X25519:+CTYPE-X509:%NO_SESSION_HASH",
       "--x509certfile", pki_file("rsa-leaf-chain.pem"), "--x509keyfile", pki_file("rsa-leaf.key")},
      {}, *dir_ / "server.log");
  auto events = run_against(server, true);
  bool classic = false;
  for (const auto& e : events)
    if (e.value("name", "") == "master_secret") classic = e.value("label", "") == "master secret";
  EXPECT_TRUE(classic) << "the server was to refuse extended_master_secret";
  expect_all_chinese(events, 30);
}

TEST_F(chinese, every_text_of_a_tls13_run) {
  expect_all_chinese(run({"-tls1_3", "-cert", pki_file("rsa-leaf.pem"), "-key", pki_file("rsa-leaf.key"),
                          "-cert_chain", pki_file("rsa-int.pem")},
                         true),
                     30);
}

// A HelloRetryRequest (the server accepts only P-256; the client's first key share is x25519),
// and a TLS 1.3 server made to speak TLS 1.2 by a client that offers only TLS 1.2 (DOWNGRD).
TEST_F(chinese, every_text_of_a_hello_retry_and_of_a_downgrade_marked_random) {
  const std::vector<std::string> rsa{"-cert", pki_file("rsa-leaf.pem"), "-key", pki_file("rsa-leaf.key"),
                                     "-cert_chain", pki_file("rsa-int.pem")};
  std::vector<std::string> retry{"-tls1_3", "-groups", "P-256"};
  retry.insert(retry.end(), rsa.begin(), rsa.end());
  auto events = run(retry, true);
  EXPECT_NE(note_of(events, "hello_retry_request", "random").find("not random"), std::string::npos);
  expect_all_chinese(events, 30);
  auto downgraded = run(rsa, true, {"--tls1.2"});
  EXPECT_NE(note_of(downgraded, "server_hello", "random").find("DOWNGRD"), std::string::npos);
  expect_all_chinese(downgraded, 30);
}

// X25519MLKEM768: the halves of both key shares, the ML-KEM and X25519 secrets and the hybrid
// one, each under its own step.
TEST_F(chinese, every_text_of_an_x25519mlkem768_run) {
  auto events = run_against(start_node26("X25519MLKEM768"), true);
  std::vector<std::string> steps;
  std::string group;
  for (const auto& e : events) {
    if (e.value("type", "") == "secret") steps.push_back(e.value("step", ""));
    if (e.value("type", "") == "handshake_complete") group = e.value("group", "");
  }
  EXPECT_EQ(group, "X25519MLKEM768");
  for (const char* step : {"mlkem_shared_secret", "shared_secret", "hybrid_shared_secret"})
    EXPECT_EQ(std::count(steps.begin(), steps.end(), step), 1) << step;
  expect_all_chinese(events, 30);
}

// The CLI's narration of a hybrid run, in each language: each part's explanation (the KEM, the
// X25519 half, why hybrid and what it costs) exactly once, and no English one in Chinese.
TEST_F(chinese, the_cli_narrates_a_hybrid_run_once_in_each_language) {
  RunningServer server = start_node26("X25519MLKEM768");
  for (const char* lang : {"en", "zh"}) {
    SCOPED_TRACE(lang);
    const bool zh = std::string(lang) == "zh";
    RunResult r = run_cli({"https://localhost/", "--lang", lang, "--ca", pki_file("roots.pem"),
                           "--connect", server.address(), "--timeout", "10"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    auto count = [&](std::string_view text) {
      std::size_t n = 0;
      for (auto at = r.out.find(text); at != std::string::npos; at = r.out.find(text, at + 1)) ++n;
      return n;
    };
    for (const char* step : {"mlkem_shared_secret", "shared_secret", "hybrid_shared_secret",
                             "handshake_secret"}) {
      const StepInfo* s = find_step(step);
      ASSERT_NE(s, nullptr) << step;
      EXPECT_EQ(count(zh ? s->explain_zh : s->explain_en), 1u) << step << "\n" << r.out;
      if (zh) {
        EXPECT_EQ(count(s->explain_en), 0u) << step;
      }
    }
  }
}

TEST_F(chinese, every_text_of_the_bad_certificate_failures) {
  for (const char* leaf : {"expired-leaf", "wrongname-leaf", "selfsigned-leaf", "unknown-leaf"}) {
    SCOPED_TRACE(leaf);
    const std::string name(leaf);
    const std::string issuer = name == "unknown-leaf" ? "unknown-int.pem" : "rsa-int.pem";
    std::vector<std::string> args{"-cert", pki_file(name + ".pem"), "-key", pki_file(name + ".key")};
    if (name != "selfsigned-leaf") args.insert(args.end(), {"-cert_chain", pki_file(issuer)});
    auto events = run(args, false);
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.back().value("type", ""), "error");
    expect_all_chinese(events, 8);
  }
}

// `--lang zh`: every "label: value" line has a Chinese label or a protocol identifier, and the
// narrator's own English words are gone.
TEST_F(chinese, the_cli_in_chinese_prints_no_english_labels) {
  for (const char* version : {"-tls1_2", "-tls1_3"}) {
    SCOPED_TRACE(version);
    RunningServer server = start_s_server({version, "-cert", pki_file("ec256-leaf.pem"), "-key",
                                           pki_file("ec256-leaf.key"), "-cert_chain",
                                           pki_file("ec-int.pem")},
                                          *dir_ / "server.log");
    RunResult r = run_cli({"https://localhost/", "--lang", "zh", "--ca", pki_file("roots.pem"),
                           "--connect", server.address(), "--timeout", "10"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    static const std::regex label_line(R"(^    ([^：]+)：(.*)$)");
    static const std::regex identifier(R"(^(\[\d+\] )?[a-z][a-z0-9_]*( [a-z][a-z0-9_]*)?$)");
    static const std::regex english(
        R"(\b(host|port|address|bytes|issued by|until|value|sent|received|FAILED|records|detail|note|label|https default|TCP closed)\b)");
    std::istringstream lines(r.out);
    std::size_t labels = 0;
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("HTTP/", 0) == 0) break;  // the server's response follows
      std::smatch m;
      if (std::regex_match(line, m, label_line)) {
        ++labels;
        const std::string label = m[1];
        EXPECT_TRUE(has_han(label) || std::regex_match(label, identifier)) << line;
        // "input client_random" style labels: the word before the name is the narrator's.
        EXPECT_FALSE(std::regex_search(label, english)) << line;
      } else {
        EXPECT_FALSE(std::regex_search(line, english)) << line;
      }
    }
    EXPECT_GT(labels, 20u) << r.out;
  }
}

// A failure in Chinese: the stderr line and its detail, from the same tables as the events.
TEST_F(chinese, the_cli_in_chinese_reports_a_failure_in_chinese) {
  RunningServer server = start_s_server({"-cert", pki_file("expired-leaf.pem"), "-key",
                                         pki_file("expired-leaf.key"), "-cert_chain",
                                         pki_file("rsa-int.pem")},
                                        *dir_ / "server.log");
  RunResult r = run_cli({"https://localhost/", "--lang", "zh", "--ca", pki_file("roots.pem"),
                         "--connect", server.address(), "--timeout", "10"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("错误: CERT_EXPIRED: 服务器证书已经过期"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("详情: “O=tlsscope test, CN=localhost”已于 2001-01-01"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace tlsscope::test
