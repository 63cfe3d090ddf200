// The CLI's narrator (engine/cli/narrate.cpp): events told as a terminal story in English or
// Chinese. The events are the engine's own (its reporters on RFC 8448's handshake secrets, its
// chain check, its error), so what is checked is that each reaches the reader in the chosen
// language with the step table's title and explanation, the narrator's words in that language,
// and the values.
#include <gtest/gtest.h>

#include <sstream>

#include "narrate.hpp"
#include "support/context_bench.hpp"
#include "support/rfc8448.hpp"
#include "support/test_pki.hpp"
#include "tlsscope/steps.hpp"

namespace tlsscope::cli {
namespace {

using namespace test::rfc8448;

std::string tell(const std::vector<json>& events, Lang lang) {
  std::ostringstream out;
  Narrator n(out, lang);
  for (const auto& e : events) n.event(e);
  return out.str();
}

std::vector<json> rfc8448_handshake_secret_events() {
  test::Bench b;
  b.offer.random = Bytes(32, 0xab);
  const Bytes shared = h(kSharedSecret);
  Bytes hellos = h(kClientHello), sh = h(kServerHello);
  hellos.insert(hellos.end(), sh.begin(), sh.end());
  b.ctx.report(tls13::derive_handshake_secrets(Hash::sha256, shared, digest(Hash::sha256, hellos)));
  return b.events.take();
}

TEST(CliNarrate, SecretsAreToldWithTheStepTablesWordsInEachLanguage) {
  const auto events = rfc8448_handshake_secret_events();
  const StepInfo* hs = find_step("handshake_secret");
  ASSERT_NE(hs, nullptr);
  const std::string en = tell(events, Lang::en), zh = tell(events, Lang::zh);
  EXPECT_NE(en.find(std::string(hs->title_en)), std::string::npos);
  EXPECT_NE(en.find(std::string(hs->explain_en)), std::string::npos);
  EXPECT_NE(zh.find(std::string(hs->title_zh)), std::string::npos);
  EXPECT_NE(zh.find(std::string(hs->explain_zh)), std::string::npos);
  EXPECT_EQ(zh.find(std::string(hs->explain_en)), std::string::npos) << "no English in the Chinese story";
  // A 32-byte value fits the line whole (only values over 48 bytes are shortened).
  EXPECT_NE(en.find("value: " + x(kHandshakeSecret)), std::string::npos);
  EXPECT_NE(zh.find("值：" + x(kHandshakeSecret)), std::string::npos);
  EXPECT_NE(zh.find("输入 shared_secret"), std::string::npos);
}

TEST(CliNarrate, AFailedChainCheckSaysSoWithEachLinksDetail) {
  auto store = load_trust_store_pem(test::pki_text("roots.pem"));
  EventSink events;
  verify_chain(test::pki_certs({"rsa-leaf", "rsa-int"}), *store, "127.0.0.2", test::now(), events);
  const auto e = events.take();
  const std::string en = tell(e, Lang::en), zh = tell(e, Lang::zh);
  EXPECT_NE(en.find("✘"), std::string::npos);
  EXPECT_NE(en.find("FAILED"), std::string::npos);
  EXPECT_NE(zh.find("失败"), std::string::npos);
  EXPECT_EQ(zh.find("FAILED"), std::string::npos);
}

TEST(CliNarrate, RecordsAreCountedIntoTheCompletionLine) {
  std::vector<json> events;
  for (const char* dir : {"out", "in", "in", "out", "in"})
    events.push_back({{"type", "record"}, {"dir", dir}});
  events.push_back({{"type", "handshake_complete"}, {"step", "handshake_complete"},
                    {"version", "TLS 1.3"}, {"cipher_suite", "TLS_AES_128_GCM_SHA256"},
                    {"group", "x25519"}});
  EXPECT_NE(tell(events, Lang::en).find("records: 2 sent, 3 received"), std::string::npos);
  EXPECT_NE(tell(events, Lang::zh).find("记录：发出 2 条，收到 3 条"), std::string::npos);
}

TEST(CliNarrate, EveryWordHasItsChinese) {
  std::ostringstream out;
  Narrator en(out, Lang::en), zh(out, Lang::zh);
  for (const char* key : {"host", "port", "address", "certificate", "issued_by", "ok", "failed",
                          "signature", "value", "note", "records", "path", "unused"}) {
    EXPECT_NE(zh.word(key), en.word(key)) << key << " is not translated";
    EXPECT_NE(zh.word(key), key) << key << " is not in the narrator's table";
  }
  EXPECT_EQ(zh.word("no_such_word"), "no_such_word");
}

}  // namespace
}  // namespace tlsscope::cli
