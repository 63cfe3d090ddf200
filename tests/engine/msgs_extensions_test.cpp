// msgs/extensions: the extensions block and the ALPN a server selects.
#include <gtest/gtest.h>

#include "msgs/extensions.hpp"
#include "support/messages.hpp"

namespace tlsscope {
namespace {

Bytes alpn_body(std::vector<std::string> names) {
  Writer w;
  auto list = w.open(2);
  for (const auto& n : names) {
    auto one = w.open(1);
    w.bytes(as_bytes(n));
    w.close(one);
  }
  w.close(list);
  return w.take();
}

TEST(MsgsExtensions, SelectedAlpnIsTheOneOfferedNameTheServerNamed) {
  std::string out;
  ASSERT_FALSE(selected_alpn(alpn_body({"http/1.1"}), {"h2", "http/1.1"}, out));
  EXPECT_EQ(out, "http/1.1");
}

TEST(MsgsExtensions, SelectedAlpnRefusesUnofferedSeveralOrMalformed) {
  // RFC 7301 §3.2: the server's list "MUST contain exactly one" protocol, one the client offered.
  std::string out;
  const std::vector<std::string> offered{"http/1.1"};
  EXPECT_TRUE(test::is_error(selected_alpn(alpn_body({"h2"}), offered, out), ErrorCode::unoffered_choice));
  EXPECT_TRUE(test::is_error(selected_alpn(alpn_body({"http/1.1", "http/1.1"}), offered, out),
                             ErrorCode::unoffered_choice));
  EXPECT_TRUE(test::is_error(selected_alpn(alpn_body({}), offered, out), ErrorCode::unoffered_choice));
  Bytes trailing = alpn_body({"http/1.1"});
  trailing.push_back(0);
  EXPECT_TRUE(test::is_error(selected_alpn(trailing, offered, out), ErrorCode::unoffered_choice));
  Bytes lying = alpn_body({"http/1.1"});
  lying[1] += 1;
  EXPECT_TRUE(test::is_error(selected_alpn(lying, offered, out), ErrorCode::unoffered_choice));
}

Bytes block(std::vector<std::pair<std::uint16_t, Bytes>> exts) {
  Writer w;
  auto all = w.open(2);
  for (const auto& [type, body] : exts) {
    w.u16(type);
    auto b = w.open(2);
    w.bytes(body);
    w.close(b);
  }
  w.close(all);
  return w.take();
}

TEST(MsgsExtensions, ABlockIsReadWithOffsetsAndOneFieldNode) {
  Bytes b = block({{ext::extended_master_secret, {}}, {ext::renegotiation_info, {0}}});
  Reader r(b, 100);
  std::vector<Extension> out;
  json fields = json::array();
  ASSERT_FALSE(read_extensions(r, "ServerHello", out, fields));
  EXPECT_TRUE(r.empty());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].type, ext::extended_master_secret);
  EXPECT_EQ(out[0].offset, 102u);
  EXPECT_EQ(out[1].type, ext::renegotiation_info);
  EXPECT_EQ(out[1].offset, 106u);
  EXPECT_EQ(out[1].body.size(), 1u);
  ASSERT_EQ(fields.size(), 1u);
  EXPECT_EQ(fields[0]["children"].size(), 2u);
}

TEST(MsgsExtensions, AMalformedKnownBodyIsADecodeErrorNamingTheExtension) {
  // renegotiation_info's body is a 1-byte-prefixed vector: a length of 5 over 1 byte lies.
  Bytes b = block({{ext::renegotiation_info, {5}}});
  Reader r(b);
  std::vector<Extension> out;
  json fields = json::array();
  EXPECT_TRUE(test::is_error(read_extensions(r, "ServerHello", out, fields), ErrorCode::decode_error,
                             "ServerHello"));
}

TEST(MsgsExtensions, AHalfExtensionHeaderIsADecodeError) {
  Bytes b = {0, 3, 0xff, 0x01, 0};  // 3 bytes: a type and half a length
  Reader r(b);
  std::vector<Extension> out;
  json fields = json::array();
  EXPECT_TRUE(test::is_error(read_extensions(r, "ServerHello", out, fields), ErrorCode::decode_error));
}

}  // namespace
}  // namespace tlsscope
