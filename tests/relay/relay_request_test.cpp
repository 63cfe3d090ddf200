#include "relay_request.hpp"

#include <gtest/gtest.h>

namespace tlsscope::relay {
namespace {

relay_request ok(std::string_view target, std::string_view protocols = "") {
  auto r = parse_relay_request(target, protocols);
  if (auto* refusal = std::get_if<request_refusal>(&r)) {
    ADD_FAILURE() << target << ": " << refusal->message;
    return {};
  }
  return std::get<relay_request>(r);
}

std::string refused(std::string_view target, std::string_view protocols = "") {
  auto r = parse_relay_request(target, protocols);
  if (auto* refusal = std::get_if<request_refusal>(&r)) {
    EXPECT_EQ(refusal->code, relay_error::bad_request);
    return refusal->message;
  }
  ADD_FAILURE() << target << " was accepted";
  return {};
}

TEST(RelayRequest, HostAndPort) {
  auto r = ok("/relay?host=example.com&port=443");
  EXPECT_EQ(r.host, "example.com");
  EXPECT_EQ(r.port, 443);
  EXPECT_EQ(r.mode, relay_mode::events);
  EXPECT_EQ(r.subprotocol, "");
  EXPECT_EQ(ok("/relay?port=8443&host=127.0.0.1&t=123").host, "127.0.0.1");
  EXPECT_EQ(ok("/relay?host=%5B%3A%3A1%5D&port=1").host, "::1");
  EXPECT_EQ(ok("/relay?host=::1&port=1").host, "::1");
  EXPECT_EQ(ok("/relay?host=xn--bcher-kva.example.&port=1").host, "xn--bcher-kva.example.");
}

TEST(RelayRequest, WsproxyAddressForm) {
  auto r = ok("/relay?address=example.com:443");
  EXPECT_EQ(r.host, "example.com");
  EXPECT_EQ(r.port, 443);
  auto v6 = ok("/relay?address=[2001:db8::1]:8443");
  EXPECT_EQ(v6.host, "2001:db8::1");
  EXPECT_EQ(v6.port, 8443);
  EXPECT_NE(refused("/relay?address=2001:db8::1:443").find("brackets"), std::string::npos);
  EXPECT_NE(refused("/relay?address=a:1&host=a").find("not both"), std::string::npos);
}

TEST(RelayRequest, RefusesMalformedTargets) {
  EXPECT_NE(refused("/relay").find("missing host"), std::string::npos);
  EXPECT_NE(refused("/relay?host=a.example").find("missing port"), std::string::npos);
  EXPECT_NE(refused("/relay?host=a.example&port=0").find("1 to 65535"), std::string::npos);
  EXPECT_NE(refused("/relay?host=a.example&port=65536").find("1 to 65535"), std::string::npos);
  EXPECT_NE(refused("/relay?host=a.example&port=44x").find("1 to 65535"), std::string::npos);
  EXPECT_NE(refused("/relay?host=a.example&port=443&port=80").find("twice"), std::string::npos);
  refused("/relay?host=a%2Fb&port=443");
  // A NUL ends the string make_address reads: it must not make a literal of the part before.
  refused("/relay?host=1.2.3.4%00.example.com&port=443");
  refused("/relay?host=%5B::1%00%5D&port=443");
  refused("/relay?host=a%20b&port=443");
  refused("/relay?host=-a.example&port=443");
  refused("/relay?host=a..example&port=443");
  refused("/relay?host=" + std::string(64, 'a') + ".example&port=443");
  refused("/relay?host=%zz&port=443");
  refused("/relay?host=%4&port=443");
  refused("/relay?host=[127.0.0.1]&port=443");
}

TEST(RelayRequest, Subprotocols) {
  auto events = ok("/relay?host=a.example&port=443", "tlsscope.relay.v1");
  EXPECT_EQ(events.mode, relay_mode::events);
  EXPECT_EQ(events.subprotocol, "tlsscope.relay.v1");
  auto binary = ok("/relay?host=a.example&port=443", "binary");
  EXPECT_EQ(binary.mode, relay_mode::binary);
  EXPECT_EQ(binary.subprotocol, "binary");
  // The project's own wins when both are offered, in either order.
  EXPECT_EQ(ok("/relay?host=a.example&port=443", "binary, tlsscope.relay.v1").mode,
            relay_mode::events);
  EXPECT_EQ(ok("/relay?host=a.example&port=443", "chat,binary").mode, relay_mode::binary);
  EXPECT_NE(refused("/relay?host=a.example&port=443", "base64").find("subprotocol"),
            std::string::npos);
}

TEST(RelayRequest, TargetLaterHasNoTargetYet) {
  auto r = ok("/relay?target=later&token=t", "tlsscope.relay.v1");
  EXPECT_TRUE(r.target_later);
  EXPECT_EQ(r.host, "");
  EXPECT_EQ(r.token, "t");
  EXPECT_FALSE(ok("/relay?host=a.example&port=443").target_later);
  EXPECT_NE(refused("/relay?target=now").find("target=later"), std::string::npos);
  EXPECT_NE(refused("/relay?target=later&host=a.example&port=443").find("without host"),
            std::string::npos);
  // A binary-mode client's text frames are bytes: it could never send the connect message.
  EXPECT_NE(refused("/relay?target=later", "binary").find("events mode"), std::string::npos);
}

// The connect message is read by the query's rules: the same names pass and fail.
TEST(RelayRequest, ConnectMessageNamesTheTarget) {
  auto read = [](std::string_view json) {
    relay_request r;
    r.target_later = true;
    auto refusal = parse_connect_message(json, r);
    return std::pair{r, refusal ? refusal->message : std::string()};
  };
  auto [named, none] = read(R"({"type":"connect","host":"example.com","port":443})");
  EXPECT_EQ(none, "");
  EXPECT_EQ(named.host, "example.com");
  EXPECT_EQ(named.port, 443);
  EXPECT_EQ(read(R"({"type":"connect","host":"[::1]","port":"8443"})").first.host, "::1");
  EXPECT_EQ(read(R"({"type":"connect","address":"[2001:db8::1]:8443"})").first.port, 8443);
  EXPECT_NE(read(R"({"type":"shutdown"})").second.find("waits for its target"), std::string::npos);
  EXPECT_NE(read("not json").second.find("waits for its target"), std::string::npos);
  EXPECT_NE(read(R"({"type":"connect","host":"a.example"})").second.find("missing port"),
            std::string::npos);
  EXPECT_NE(read(R"({"type":"connect","host":"a.example","port":70000})").second.find("1 to 65535"),
            std::string::npos);
  EXPECT_NE(read(R"({"type":"connect","host":"a.example","port":-1})").second.find("1 to 65535"),
            std::string::npos);
  EXPECT_NE(read(R"({"type":"connect","host":"fe80::1%eth0","port":443})").second.find("zone id"),
            std::string::npos);
  EXPECT_NE(read(R"({"type":"connect","host":"1.2.3.4\u0000.example.com","port":443})")
                .second.find("not a valid host"),
            std::string::npos);
  EXPECT_NE(read(R"({"type":"connect","host":["a"],"port":443})").second.find("missing host"),
            std::string::npos);
}

TEST(RelayRequest, PathAndDecoding) {
  EXPECT_TRUE(is_relay_path("/relay"));
  EXPECT_TRUE(is_relay_path("/relay?host=x"));
  EXPECT_FALSE(is_relay_path("/relay/"));
  EXPECT_FALSE(is_relay_path("/relayx"));
  EXPECT_EQ(percent_decode("a+b%41", plus::space), "a bA");
  EXPECT_EQ(percent_decode("a+b%41", plus::literal), "a+bA");
  EXPECT_FALSE(percent_decode("%4", plus::space));
  EXPECT_FALSE(percent_decode("%", plus::space));
  EXPECT_FALSE(percent_decode("%g0", plus::space));
}

}  // namespace
}  // namespace tlsscope::relay
