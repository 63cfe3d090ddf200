// msgs/tls13_messages: EncryptedExtensions, CertificateVerify, NewSessionTicket, KeyUpdate.
#include <gtest/gtest.h>

#include "msgs/extensions.hpp"
#include "msgs/tls13_messages.hpp"
#include "support/messages.hpp"

namespace tlsscope {
namespace {

TEST(MsgsTls13Messages, KeyUpdateEncodeThenDecode) {
  for (bool requested : {false, true}) {
    Bytes m = tls13::encode_key_update(requested);
    EXPECT_EQ(m, (Bytes{24, 0, 0, 1, static_cast<std::uint8_t>(requested)}));
    bool back = !requested;
    json fields, summary;
    ASSERT_FALSE(tls13::decode_key_update(m, back, fields, summary));
    EXPECT_EQ(back, requested);
  }
}

TEST(MsgsTls13Messages, KeyUpdateRefusesOtherValuesAndLengths) {
  bool requested = false;
  json fields, summary;
  // RFC 8446 §4.6.3: request_update is 0 or 1.
  EXPECT_TRUE(test::is_error(tls13::decode_key_update(Bytes{24, 0, 0, 1, 2}, requested, fields,
                                                      summary),
                             ErrorCode::unoffered_choice));
  EXPECT_TRUE(test::is_error(tls13::decode_key_update(Bytes{24, 0, 0, 0}, requested, fields, summary),
                             ErrorCode::decode_error, "KeyUpdate"));
  EXPECT_TRUE(test::is_error(tls13::decode_key_update(Bytes{24, 0, 0, 2, 0, 0}, requested, fields,
                                                      summary),
                             ErrorCode::decode_error, "KeyUpdate: 1 bytes left over"));
}

Bytes certificate_verify(std::size_t sig_len) {
  return test::message(HandshakeType::certificate_verify, [&](Writer& w) {
    w.u16(0x0804);
    auto sig = w.open(2);
    w.bytes(Bytes(sig_len, 0x55));
    w.close(sig);
  });
}

TEST(MsgsTls13Messages, CertificateVerifyIsReadExactly) {
  tls13::CertificateVerify cv;
  json fields, summary;
  ASSERT_FALSE(tls13::decode_certificate_verify(certificate_verify(256), cv, fields, summary));
  EXPECT_EQ(cv.scheme, 0x0804);
  EXPECT_EQ(cv.signature, Bytes(256, 0x55));
  Bytes m = certificate_verify(256);
  for (std::size_t cut = 1; cut <= m.size() - kHandshakeHeaderLen; ++cut)
    EXPECT_TRUE(test::is_error(tls13::decode_certificate_verify(test::truncated(m, cut), cv,
                                                                fields, summary),
                               ErrorCode::decode_error, "CertificateVerify"))
        << "cut " << cut;
  EXPECT_TRUE(test::is_error(tls13::decode_certificate_verify(test::with_trailing(m, {1}), cv,
                                                              fields, summary),
                             ErrorCode::decode_error, "left over"));
}

TEST(MsgsTls13Messages, CertificateVerifyContentIsRfc8446s) {
  Bytes hash(32, 0xaa);
  Bytes c = tls13::certificate_verify_content(hash);
  ASSERT_EQ(c.size(), 64 + 33 + 1 + 32u);
  EXPECT_EQ(Bytes(c.begin(), c.begin() + 64), Bytes(64, 0x20));
  EXPECT_EQ(std::string(c.begin() + 64, c.begin() + 97), "TLS 1.3, server CertificateVerify");
  EXPECT_EQ(c[97], 0);
  EXPECT_EQ(Bytes(c.begin() + 98, c.end()), hash);
}

TEST(MsgsTls13Messages, EncryptedExtensionsReadsItsBlockAndRefusesDuplicates) {
  auto ee = [](std::vector<std::uint16_t> types) {
    return test::message(HandshakeType::encrypted_extensions, [&](Writer& w) {
      auto all = w.open(2);
      for (auto t : types) {
        w.u16(t);
        auto b = w.open(2);
        w.close(b);
      }
      w.close(all);
    });
  };
  std::vector<Extension> exts;
  json fields, summary;
  ASSERT_FALSE(tls13::decode_encrypted_extensions(ee({0x0000}), exts, fields, summary));
  ASSERT_EQ(exts.size(), 1u);
  EXPECT_EQ(exts[0].type, 0);
  exts.clear();
  EXPECT_TRUE(test::is_error(tls13::decode_encrypted_extensions(ee({0x0000, 0x0000}), exts,
                                                                fields, summary),
                             ErrorCode::decode_error));
  exts.clear();
  EXPECT_TRUE(test::is_error(tls13::decode_encrypted_extensions(test::truncated(ee({0}), 1), exts,
                                                                fields, summary),
                             ErrorCode::decode_error));
}

TEST(MsgsTls13Messages, NewSessionTicketNeedsItsExtensionsBlock) {
  auto nst = [](bool with_extensions) {
    return test::message(HandshakeType::new_session_ticket, [&](Writer& w) {
      w.u24(0);
      w.u8(100);     // ticket_lifetime
      w.u16(0);
      w.u16(7);      // ticket_age_add
      auto nonce = w.open(1);
      w.u8(0);
      w.close(nonce);
      auto ticket = w.open(2);
      w.bytes(Bytes(40, 0x66));
      w.close(ticket);
      if (with_extensions) {
        auto exts = w.open(2);
        w.close(exts);
      }
    });
  };
  json fields, summary;
  ASSERT_FALSE(tls13::decode_new_session_ticket(nst(true), fields, summary));
  EXPECT_EQ(summary["lifetime"], 100);
  EXPECT_EQ(summary["ticket_length"], 40);
  // RFC 8446 §4.6.1: extensions<0..2^16-2> is not optional here.
  EXPECT_TRUE(test::is_error(tls13::decode_new_session_ticket(nst(false), fields, summary),
                             ErrorCode::decode_error));
}

}  // namespace
}  // namespace tlsscope
