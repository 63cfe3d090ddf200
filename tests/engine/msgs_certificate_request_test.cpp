// msgs/certificate_request: TLS 1.2's CertificateRequest (tlsscope answers with no certificate,
// but must still read it exactly).
#include <gtest/gtest.h>

#include "msgs/certificate_request.hpp"
#include "support/messages.hpp"

namespace tlsscope {
namespace {

// Types {ecdsa_sign, rsa_sign}, `schemes`, no authorities.
Bytes certificate_request(std::vector<std::uint16_t> schemes, std::size_t schemes_pad = 0) {
  return test::message(HandshakeType::certificate_request, [&](Writer& w) {
    auto types = w.open(1);
    w.u8(64);
    w.u8(1);
    w.close(types);
    auto list = w.open(2);
    for (auto s : schemes) w.u16(s);
    w.bytes(Bytes(schemes_pad, 0));
    w.close(list);
    auto cas = w.open(2);
    w.close(cas);
  });
}

TEST(MsgsCertificateRequest, AWellFormedRequestIsRead) {
  json fields, summary;
  ASSERT_FALSE(decode_certificate_request(certificate_request({0x0403, 0x0804}), fields, summary));
  EXPECT_GE(fields.size(), 5u);  // header (2), types, schemes, authorities
}

TEST(MsgsCertificateRequest, AnOddSchemeListIsADecodeError) {
  json fields, summary;
  EXPECT_TRUE(test::is_error(
      decode_certificate_request(certificate_request({0x0403}, 1), fields, summary),
      ErrorCode::decode_error, "CertificateRequest"));
}

TEST(MsgsCertificateRequest, TruncationAndTrailingBytesAreDecodeErrors) {
  Bytes m = certificate_request({0x0403});
  json fields, summary;
  for (std::size_t cut = 1; cut <= m.size() - kHandshakeHeaderLen; ++cut)
    EXPECT_TRUE(test::is_error(decode_certificate_request(test::truncated(m, cut), fields, summary),
                               ErrorCode::decode_error))
        << "cut " << cut;
  EXPECT_TRUE(test::is_error(
      decode_certificate_request(test::with_trailing(m, {0}), fields, summary),
      ErrorCode::decode_error, "left over"));
}

}  // namespace
}  // namespace tlsscope
