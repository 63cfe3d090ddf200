// RFC 6455 section 4.2.1 over request headers, without a socket: what the relay refuses
// before any WebSocket or tunnel slot exists.
#include "handshake_check.hpp"

#include <gtest/gtest.h>

namespace tlsscope::relay {
namespace {

http::request_header<> valid() {
  http::request_header<> req;
  req.method(http::verb::get);
  req.target("/relay?host=example.com&port=443");
  req.version(11);
  req.set(http::field::host, "127.0.0.1:8080");
  req.set(http::field::upgrade, "websocket");
  req.set(http::field::connection, "Upgrade");
  req.set(http::field::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ==");
  req.set(http::field::sec_websocket_version, "13");
  return req;
}

TEST(HandshakeCheck, TheRfcExampleIsAccepted) { EXPECT_FALSE(check_handshake(valid())); }

TEST(HandshakeCheck, OtherVersionsGet426) {
  for (const char* version : {"8", "14", "12", "garbage", "13, 8", ""}) {
    auto req = valid();
    req.set(http::field::sec_websocket_version, version);
    auto refusal = check_handshake(req);
    ASSERT_TRUE(refusal) << version;
    EXPECT_EQ(refusal->status, http::status::upgrade_required) << version;
    EXPECT_NE(refusal->message.find("version 13"), std::string::npos);
  }
  auto missing = valid();
  missing.erase(http::field::sec_websocket_version);
  ASSERT_TRUE(check_handshake(missing));
  EXPECT_EQ(check_handshake(missing)->status, http::status::upgrade_required);
}

TEST(HandshakeCheck, KeysThatAreNot16BytesGet400) {
  for (const char* key : {"", "abc", "AAAAAAAAAAAAAAAAAAAA",  // 15 bytes
                          "AAAAAAAAAAAAAAAAAAAAAAAA",         // 18 bytes, no padding
                          "AAAAAAAAAAAAAAAAAAAAA===", "AAAAAAAAAAAAAAAAAAAAA!==",
                          "dGhlIHNhbXBsZSBub25jZQ==dGhl"}) {
    auto req = valid();
    req.set(http::field::sec_websocket_key, key);
    auto refusal = check_handshake(req);
    ASSERT_TRUE(refusal) << key;
    EXPECT_EQ(refusal->status, http::status::bad_request) << key;
    EXPECT_NE(refusal->message.find("16 random bytes"), std::string::npos);
  }
  auto missing = valid();
  missing.erase(http::field::sec_websocket_key);
  ASSERT_TRUE(check_handshake(missing));
  EXPECT_EQ(check_handshake(missing)->status, http::status::bad_request);
}

TEST(HandshakeCheck, DuplicatedFieldsAndAMissingHostGet400) {
  auto two_keys = valid();
  two_keys.insert(http::field::sec_websocket_key, "AAAAAAAAAAAAAAAAAAAAAA==");
  ASSERT_TRUE(check_handshake(two_keys));
  EXPECT_NE(check_handshake(two_keys)->message.find("exactly one Sec-WebSocket-Key"),
            std::string::npos);

  auto no_host = valid();
  no_host.erase(http::field::host);
  ASSERT_TRUE(check_handshake(no_host));
  EXPECT_EQ(check_handshake(no_host)->status, http::status::bad_request);
}

}  // namespace
}  // namespace tlsscope::relay
