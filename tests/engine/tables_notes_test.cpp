// The notes table (tables/notes.cpp) and the suite decomposition (tables/suites.cpp): every
// note has both languages with the same placeholders, run values land in both, and each
// implemented suite's parts agree with its IANA name.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "support/hex.hpp"
#include "tables/notes.hpp"
#include "tables/suites.hpp"

namespace tlsscope {
namespace {

std::set<std::string> placeholders(std::string_view text) {
  static const std::regex ph(R"(\{\d\})");
  std::set<std::string> out;
  std::string s(text);
  for (std::sregex_iterator it(s.begin(), s.end(), ph), end; it != end; ++it) out.insert(it->str());
  return out;
}

using test::has_han;

TEST(notes, every_note_has_english_and_chinese_with_the_same_placeholders) {
  for (std::uint16_t i = 0; i < static_cast<std::uint16_t>(NoteId::count_); ++i) {
    auto id = static_cast<NoteId>(i);
    std::string_view en = note_template_en(id), zh = note_template_zh(id);
    EXPECT_FALSE(en.empty()) << "note " << i;
    EXPECT_TRUE(has_han(zh)) << "note " << i << " has no Chinese: " << zh;
    EXPECT_EQ(placeholders(en), placeholders(zh)) << en << " / " << zh;
  }
}

TEST(notes, ids_are_looked_up_to_their_own_entry) {
  // A table out of step with the enum would hand every id the first entry's text.
  std::set<std::string> texts;
  for (std::uint16_t i = 0; i < static_cast<std::uint16_t>(NoteId::count_); ++i)
    texts.insert(std::string(note_template_en(static_cast<NoteId>(i))));
  EXPECT_EQ(texts.size(), static_cast<std::size_t>(NoteId::count_));
}

TEST(notes, values_are_filled_in_both_languages) {
  Note n = note(NoteId::ch_version, {"TLS 1.2", "0x0303"});
  EXPECT_EQ(n.en, "the highest TLS version the client offers: TLS 1.2 (0x0303)");
  EXPECT_NE(n.zh.find("TLS 1.2（0x0303）"), std::string::npos) << n.zh;
  Note k = note(NoteId::cert_entry, {"CN=a", "RSA 2048 bits"}, {"CN=a", "RSA 2048 位"});
  EXPECT_EQ(k.en, "issued by CN=a; RSA 2048 bits");
  EXPECT_NE(k.zh.find("RSA 2048 位"), std::string::npos);
}

TEST(notes, secret_functions_read_in_chinese) {
  EXPECT_EQ(secret_function_zh("TLS 1.2 PRF with SHA-256"), "TLS 1.2 PRF，使用 SHA-256");
  EXPECT_EQ(secret_function_zh("slice of the key block"), "密钥块中的一段");
  EXPECT_EQ(secret_function_zh("HKDF-Extract(salt, ikm)"), "HKDF-Extract(salt, ikm)");
}

// "One fact": the table's auth / AEAD / hash for a suite are what its IANA name says.
TEST(suites, each_suite_decomposes_as_its_name_says) {
  for (const SuiteInfo& s : supported_suites()) {
    std::string name(s.name);
    std::string aead(aead_name(s.aead)), hash(hash_name(s.prf_hash));
    // AES-128-GCM → AES_128_GCM, ChaCha20-Poly1305 → CHACHA20_POLY1305, SHA-256 → SHA256
    std::string aead_in_name, hash_in_name;
    for (char c : aead) aead_in_name += c == '-' ? '_' : static_cast<char>(std::toupper(c));
    for (char c : hash) if (c != '-') hash_in_name += c;
    const std::string tail = aead_in_name + "_" + hash_in_name;
    if (s.tls13)
      EXPECT_EQ(name, "TLS_" + tail);
    else
      EXPECT_EQ(name.substr(name.size() - tail.size() - 6), "_WITH_" + tail);
    if (s.tls13) {
      EXPECT_EQ(name.find("ECDHE"), std::string::npos) << name;
      Note n = describe_suite(s.id);
      EXPECT_NE(n.en.find("names only two parts"), std::string::npos) << n.en;
    } else {
      EXPECT_EQ(name.rfind(std::string("TLS_ECDHE_") + std::string(auth_name(s.auth)) + "_WITH_", 0), 0u)
          << name;
      Note n = describe_suite(s.id);
      EXPECT_NE(n.en.find(std::string(auth_name(s.auth)) + " signature"), std::string::npos) << n.en;
      EXPECT_NE(n.en.find(aead + " AEAD"), std::string::npos) << n.en;
      EXPECT_NE(n.zh.find(hash + " 用于 PRF"), std::string::npos) << n.zh;
    }
  }
  EXPECT_EQ(describe_suite(0x002f).en, "0x002f");  // not implemented: the code point only
}

}  // namespace
}  // namespace tlsscope
