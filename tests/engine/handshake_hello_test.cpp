// handshake/hello: the version-neutral ServerHello handler, which reads supported_versions and
// hands over to TLS 1.2 or TLS 1.3 (RFC 8446 §4.2.1, §4.1.3, §4.1.4). What it decides itself:
// the version a server may name, a HelloRetryRequest that names none, and TLS 1.2 after a
// HelloRetryRequest. The version handlers' own checks are tls12_handshake_test.cpp's and
// tls13_handshake_test.cpp's.
#include <gtest/gtest.h>

#include "handshake/hello.hpp"
#include "support/context_bench.hpp"
#include "support/messages.hpp"

namespace tlsscope {
namespace {

using test::Bench;

void offer(Bench& b, std::vector<std::uint16_t> versions) {
  b.offer.random = Bytes(32, 0xc1);
  b.offer.versions = std::move(versions);
  b.offer.suites = {0x1301, 0xc02f};
  b.offer.groups = {0x001d};
  b.config.random = test::counting();
}

// RFC 8446 §4.1.3: SHA-256("HelloRetryRequest").
const Bytes kHrrRandom = [] {
  Bytes r;
  EXPECT_TRUE(from_hex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c", r));
  return r;
}();

ServerHello tls12_hello() {
  ServerHello sh;
  sh.version = 0x0303;
  sh.random = Bytes(32, 0x5e);
  sh.cipher_suite = 0xc02f;
  return sh;
}

ServerHello naming_version(const Bytes& supported_versions_body) {
  ServerHello sh = tls12_hello();
  sh.cipher_suite = 0x1301;
  sh.extensions = {{ext::supported_versions, supported_versions_body, 0}};
  return sh;
}

testing::AssertionResult refused(const Outcome& out, ErrorCode code, const std::string& detail = {}) {
  if (!std::holds_alternative<Error>(out)) return testing::AssertionFailure() << "not refused";
  return test::is_error(std::get<Error>(out), code, detail);
}

// RFC 8446 §4.2.1: a version the client did not offer is illegal_parameter.
TEST(HandshakeHello, SupportedVersionsNamingTls13WhenOnlyTls12WasOfferedIsUnoffered) {
  Bench b;
  offer(b, {0x0303});
  ExpectServerHello s;
  const Bytes tls13 = {0x03, 0x04};
  Outcome out = on_server_hello(s, naming_version(tls13), b.ctx);
  EXPECT_TRUE(refused(out, ErrorCode::unoffered_choice, "TLS 1.3"));
  EXPECT_EQ(error_info(ErrorCode::unoffered_choice).alert, 47);  // illegal_parameter
}

// supported_versions in a ServerHello may only name TLS 1.3 or later (RFC 8446 §4.2.1).
TEST(HandshakeHello, SupportedVersionsNamingAnythingButTls13IsUnoffered) {
  for (const Bytes& body : {Bytes{0x03, 0x03}, Bytes{0x03, 0x05}, Bytes{0x7f, 0x1c}}) {
    Bench b;
    offer(b, {0x0304, 0x0303});
    ExpectServerHello s;
    EXPECT_TRUE(refused(on_server_hello(s, naming_version(body), b.ctx), ErrorCode::unoffered_choice))
        << to_hex(body);
  }
}

// A body that is not exactly one u16 names no version at all.
TEST(HandshakeHello, SupportedVersionsOfTheWrongLengthIsUnoffered) {
  for (const Bytes& body : {Bytes{}, Bytes{0x03}, Bytes{0x03, 0x04, 0x00}, Bytes{0x02, 0x03, 0x04}}) {
    Bench b;
    offer(b, {0x0304, 0x0303});
    ExpectServerHello s;
    EXPECT_TRUE(refused(on_server_hello(s, naming_version(body), b.ctx), ErrorCode::unoffered_choice,
                        "unknown"))
        << to_hex(body);
  }
}

TEST(HandshakeHello, AHelloRetryRequestWithoutSupportedVersionsIsUnexpected) {
  Bench b;
  offer(b, {0x0304, 0x0303});
  ServerHello hrr = tls12_hello();
  hrr.random = kHrrRandom;
  ASSERT_TRUE(hrr.is_hello_retry_request());
  ExpectServerHello s;
  EXPECT_TRUE(refused(on_server_hello(s, hrr, b.ctx), ErrorCode::unexpected_message));
}

// RFC 8446 §4.1.4: after a HelloRetryRequest the server must go on in TLS 1.3.
TEST(HandshakeHello, Tls12AfterAHelloRetryRequestIsRefused) {
  Bench b;
  offer(b, {0x0304, 0x0303});
  ExpectServerHello s;
  s.after_hello_retry = true;
  EXPECT_TRUE(refused(on_server_hello(s, tls12_hello(), b.ctx), ErrorCode::unsupported_version));
}

// Without supported_versions it is TLS 1.2's handler that answers; with it, TLS 1.3's.
TEST(HandshakeHello, EachVersionGoesToItsOwnHandler) {
  Bench b12;
  offer(b12, {0x0304, 0x0303});
  ExpectServerHello s12;
  Outcome out = on_server_hello(s12, tls12_hello(), b12.ctx);
  ASSERT_TRUE(std::holds_alternative<HandshakeState>(out));
  EXPECT_TRUE(std::holds_alternative<tls12::ExpectCertificate>(std::get<HandshakeState>(out)));

  // TLS 1.3 named, but no key_share: refused by the TLS 1.3 handler, for its own reason.
  Bench b13;
  offer(b13, {0x0304, 0x0303});
  ExpectServerHello s13;
  const Bytes tls13 = {0x03, 0x04};
  Outcome out13 = on_server_hello(s13, naming_version(tls13), b13.ctx);
  EXPECT_TRUE(refused(out13, ErrorCode::unoffered_choice, "key_share"));
}

// The rows that accept a message and change nothing.
TEST(HandshakeHello, IgnoreStaysWhereItIs) {
  Bench b;
  Idle idle;
  EXPECT_TRUE(std::holds_alternative<Stay>(ignore(idle, ServerHelloDone{}, b.ctx)));
  EXPECT_TRUE(b.events.take().empty());
  EXPECT_TRUE(b.records.take_output().empty());
}

}  // namespace
}  // namespace tlsscope
