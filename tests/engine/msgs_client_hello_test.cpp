// msgs/client_hello: the ClientHello the engine writes reads back as what was offered.
#include <gtest/gtest.h>

#include "msgs/client_hello.hpp"
#include "msgs/extensions.hpp"
#include "support/messages.hpp"

namespace tlsscope {
namespace {

Offer an_offer(bool tls13) {
  Offer o;
  o.random = Bytes(32, 0x5a);
  o.session_id = tls13 ? Bytes(32, 0x6b) : Bytes{};
  o.versions = tls13 ? std::vector<std::uint16_t>{0x0304, 0x0303} : std::vector<std::uint16_t>{0x0303};
  if (tls13) o.key_shares = {{0x001d, Bytes(32, 0x09)}};
  o.sni = "example.com";
  o.suites = {0x1301, 0xc02b, 0xc02f};
  o.groups = {0x001d, 0x0017};
  o.signature_schemes = {0x0403, 0x0804};
  o.alpn = {"http/1.1"};
  return o;
}

TEST(MsgsClientHello, WhatIsWrittenReadsBackAsTheOffer) {
  for (bool tls13 : {false, true}) {
    Offer o = an_offer(tls13);
    Bytes m = encode_client_hello(o);
    EXPECT_EQ(m[0], 1);
    json fields, summary;
    ASSERT_FALSE(decode_client_hello(m, fields, summary)) << summary.dump();
    const std::string dump = summary.dump() + fields.dump();
    EXPECT_NE(dump.find(to_hex(o.random)), std::string::npos);
    EXPECT_NE(dump.find("example.com"), std::string::npos);
    EXPECT_NE(dump.find("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"), std::string::npos);
    EXPECT_NE(dump.find("http/1.1"), std::string::npos);
    EXPECT_EQ(dump.find("TLS_AES_128_GCM_SHA256") != std::string::npos, true);
    // The legacy version is always TLS 1.2 (RFC 8446 §4.1.2).
    EXPECT_EQ(m[4], 3);
    EXPECT_EQ(m[5], 3);
    // The session id: 32 bytes for TLS 1.3's middlebox compatibility, else none.
    EXPECT_EQ(m[4 + 2 + 32], tls13 ? 32 : 0);
  }
}

TEST(MsgsClientHello, NoServerNameExtensionWithoutAName) {
  Offer o = an_offer(false);
  o.sni.clear();  // an IP literal is not sent as SNI (RFC 6066 §3)
  json fields, summary;
  ASSERT_FALSE(decode_client_hello(encode_client_hello(o), fields, summary));
  EXPECT_EQ(fields.dump().find("\"server_name\""), std::string::npos);
}

TEST(MsgsClientHello, TruncationAndTrailingBytesAreDecodeErrors) {
  Bytes m = encode_client_hello(an_offer(true));
  json fields, summary;
  EXPECT_TRUE(test::is_error(decode_client_hello(test::with_trailing(m, {0}), fields, summary),
                             ErrorCode::decode_error, "ClientHello"));
  for (std::size_t cut : {std::size_t{1}, std::size_t{7}, std::size_t{60}})
    EXPECT_TRUE(test::is_error(decode_client_hello(test::truncated(m, cut), fields, summary),
                               ErrorCode::decode_error))
        << "cut " << cut;
}

}  // namespace
}  // namespace tlsscope
