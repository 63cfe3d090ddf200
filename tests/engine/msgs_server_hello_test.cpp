// msgs/server_hello: the ServerHello's syntax (its choices are checked by the handshake).
#include <gtest/gtest.h>

#include "msgs/extensions.hpp"
#include "msgs/server_hello.hpp"
#include "support/messages.hpp"

namespace tlsscope {
namespace {

// ServerHello: version 0303, a random of 32 × 0x11, a 0- or n-byte session id, the suite
// c02b, no compression, then `extensions` (type, body) unless `with_extensions` is false.
Bytes server_hello(std::vector<std::pair<std::uint16_t, Bytes>> extensions,
                   std::size_t session_id_len = 0, bool with_extensions = true) {
  return test::message(HandshakeType::server_hello, [&](Writer& w) {
    w.u16(0x0303);
    w.bytes(Bytes(32, 0x11));
    auto sid = w.open(1);
    w.bytes(Bytes(session_id_len, 0x22));
    w.close(sid);
    w.u16(0xc02b);
    w.u8(0);
    if (!with_extensions) return;
    auto all = w.open(2);
    for (const auto& [type, body] : extensions) {
      w.u16(type);
      auto b = w.open(2);
      w.bytes(body);
      w.close(b);
    }
    w.close(all);
  });
}

// Where the extensions block's length is, for a session id of 0 bytes.
constexpr std::size_t kExtensionsAt = 4 + 2 + 32 + 1 + 2 + 1;

std::optional<Error> decode(const Bytes& m, ServerHello& out) {
  json fields, summary;
  return decode_server_hello(m, out, fields, summary);
}

TEST(MsgsServerHello, EveryFieldIsRead) {
  Bytes m = server_hello({{ext::renegotiation_info, {0}}, {ext::extended_master_secret, {}}}, 32);
  ServerHello sh;
  json fields, summary;
  ASSERT_FALSE(decode_server_hello(m, sh, fields, summary));
  EXPECT_EQ(sh.version, 0x0303);
  EXPECT_EQ(sh.random, Bytes(32, 0x11));
  EXPECT_EQ(sh.session_id, Bytes(32, 0x22));
  EXPECT_EQ(sh.cipher_suite, 0xc02b);
  EXPECT_EQ(sh.compression, 0);
  ASSERT_EQ(sh.extensions.size(), 2u);
  ASSERT_NE(sh.find(ext::renegotiation_info), nullptr);
  EXPECT_EQ(sh.find(ext::renegotiation_info)->body.size(), 1u);
  EXPECT_EQ(sh.find(ext::extended_master_secret)->body.size(), 0u);
  EXPECT_EQ(sh.find(ext::key_share), nullptr);
  EXPECT_FALSE(sh.is_hello_retry_request());
  EXPECT_EQ(summary["cipher_suite"], "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
  EXPECT_EQ(summary["version"], "TLS 1.2");
}

TEST(MsgsServerHello, NoExtensionsBlockAtAllIsAllowed) {
  // RFC 5246 §7.4.1.2: the extensions may be absent altogether.
  ServerHello sh;
  EXPECT_FALSE(decode(server_hello({}, 0, false), sh));
  EXPECT_TRUE(sh.extensions.empty());
}

TEST(MsgsServerHello, SupportedVersionsNamesTheVersionInTheSummary) {
  ServerHello sh;
  json fields, summary;
  ASSERT_FALSE(decode_server_hello(server_hello({{ext::supported_versions, {0x03, 0x04}}}), sh,
                                   fields, summary));
  EXPECT_EQ(summary["version"], "TLS 1.3");
  EXPECT_EQ(summary["legacy_version"], "TLS 1.2");
}

TEST(MsgsServerHello, TheHelloRetryRequestRandomIsRecognised) {
  Bytes m = server_hello({});
  const Bytes hrr = {0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c,
                     0x02, 0x1e, 0x65, 0xb8, 0x91, 0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb,
                     0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c};
  std::copy(hrr.begin(), hrr.end(), m.begin() + 6);
  ServerHello sh;
  ASSERT_FALSE(decode(m, sh));
  EXPECT_TRUE(sh.is_hello_retry_request());
  m[6 + 31] ^= 1;
  ASSERT_FALSE(decode(m, sh));
  EXPECT_FALSE(sh.is_hello_retry_request());
}

TEST(MsgsServerHello, ALyingExtensionsLengthIsADecodeError) {
  for (int delta : {+1, +10, -1}) {
    Bytes m = server_hello({{ext::renegotiation_info, {0}}});
    test::bump_u16(m, kExtensionsAt, delta);
    ServerHello sh;
    EXPECT_TRUE(test::is_error(decode(m, sh), ErrorCode::decode_error)) << "delta " << delta;
  }
}

TEST(MsgsServerHello, AnExtensionLengthPastItsBlockIsADecodeError) {
  Bytes m = server_hello({{ext::renegotiation_info, {0}}});
  test::bump_u16(m, kExtensionsAt + 2 + 2, 3);
  ServerHello sh;
  EXPECT_TRUE(test::is_error(decode(m, sh), ErrorCode::decode_error));
}

TEST(MsgsServerHello, TrailingBytesAreADecodeErrorNamingTheMessage) {
  ServerHello sh;
  EXPECT_TRUE(test::is_error(decode(test::with_trailing(server_hello({}), {0, 0}), sh),
                             ErrorCode::decode_error, "ServerHello"));
}

TEST(MsgsServerHello, EveryTruncationIsADecodeError) {
  // Cut anywhere, the message must be refused and never over-read (the sanitizer build checks
  // the latter). Cutting exactly the whole extensions block leaves a valid message.
  Bytes m = server_hello({{ext::renegotiation_info, {0}}, {ext::alpn, {0, 3, 2, 'h', '2'}}});
  const std::size_t body = m.size() - kHandshakeHeaderLen;
  for (std::size_t cut = 1; cut <= body; ++cut) {
    if (body - cut == kExtensionsAt - kHandshakeHeaderLen) continue;
    ServerHello sh;
    EXPECT_TRUE(test::is_error(decode(test::truncated(m, cut), sh), ErrorCode::decode_error))
        << "cut " << cut;
  }
}

TEST(MsgsServerHello, ASessionIdOver32BytesIsADecodeError) {
  ServerHello sh;
  EXPECT_FALSE(decode(server_hello({}, 32), sh));
  EXPECT_TRUE(test::is_error(decode(server_hello({}, 33), sh), ErrorCode::decode_error));
}

TEST(MsgsServerHello, TheSameExtensionTwiceIsADecodeError) {
  // RFC 5246 §7.4.1.4: "There MUST NOT be more than one extension of the same type."
  ServerHello sh;
  EXPECT_TRUE(test::is_error(
      decode(server_hello({{ext::renegotiation_info, {0}}, {ext::renegotiation_info, {0}}}), sh),
      ErrorCode::decode_error));
}

}  // namespace
}  // namespace tlsscope
