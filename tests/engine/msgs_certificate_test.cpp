// msgs/certificate: the certificate_list of both versions (TLS 1.3 adds extensions to each
// entry), read from real certificates of the test PKI.
#include <gtest/gtest.h>

#include "msgs/certificate.hpp"
#include "msgs/tls13_messages.hpp"
#include "support/messages.hpp"
#include "support/test_pki.hpp"

namespace tlsscope {
namespace {

// The leaf and its intermediate (the test fails here if the PKI is missing).
std::vector<Bytes> chain_der() {
  auto ders = pem_objects(test::pki_text("ec256-leaf-chain.pem"), "CERTIFICATE");
  if (ders.size() < 2) {
    ADD_FAILURE() << "ec256-leaf-chain.pem holds " << ders.size() << " certificates";
    ders.resize(2, Bytes(1, 0x30));
  }
  return ders;
}

// A Certificate message carrying `ders`; TLS 1.3's has a request context and entry extensions.
Bytes certificate_message(const std::vector<Bytes>& ders, bool tls13) {
  return test::message(HandshakeType::certificate, [&](Writer& w) {
    if (tls13) w.u8(0);  // certificate_request_context
    auto list = w.open(3);
    for (const auto& d : ders) {
      auto one = w.open(3);
      w.bytes(d);
      w.close(one);
      if (tls13) {
        auto exts = w.open(2);
        w.close(exts);
      }
    }
    w.close(list);
  });
}

std::optional<Error> decode(const Bytes& m, bool tls13, std::vector<Certificate>& chain) {
  json fields, summary;
  return tls13 ? tls13::decode_certificate(m, chain, fields, summary)
               : decode_certificate(m, chain, fields, summary);
}

TEST(MsgsCertificate, TheChainIsReadLeafFirstInBothVersions) {
  auto ders = chain_der();
  for (bool tls13 : {false, true}) {
    std::vector<Certificate> chain;
    json fields, summary;
    Bytes m = certificate_message(ders, tls13);
    ASSERT_FALSE(tls13 ? tls13::decode_certificate(m, chain, fields, summary)
                       : decode_certificate(m, chain, fields, summary));
    ASSERT_EQ(chain.size(), ders.size());
    EXPECT_EQ(summary["certificates"].size(), ders.size());
    EXPECT_NE(chain[0].subject, chain[1].subject);
  }
}

TEST(MsgsCertificate, AnEmptyListIsSyntacticallyFine) {
  // Whether a server may send none is the handshake's decision (it refuses it).
  std::vector<Certificate> chain;
  EXPECT_FALSE(decode(encode_empty_certificate(), false, chain));
  EXPECT_TRUE(chain.empty());
}

TEST(MsgsCertificate, EveryTruncationIsAnError) {
  auto ders = chain_der();
  for (bool tls13 : {false, true}) {
    Bytes m = certificate_message({ders[0]}, tls13);
    // Cutting bytes off the end shortens the DER (or the TLS 1.3 extensions) under lengths
    // that still claim them.
    for (std::size_t cut : {std::size_t{1}, std::size_t{2}, std::size_t{50}, m.size() - 5}) {
      std::vector<Certificate> chain;
      auto err = decode(test::truncated(m, cut), tls13, chain);
      ASSERT_TRUE(err) << "cut " << cut;
      EXPECT_EQ(err->code, ErrorCode::decode_error) << "cut " << cut << ": " << err->detail;
    }
  }
}

TEST(MsgsCertificate, AnEntryThatIsNotACertificateIsCertInvalid) {
  auto ders = chain_der();
  Bytes junk = ders[0];
  junk[0] = 0x31;  // a SET, not the SEQUENCE a certificate is
  std::vector<Certificate> chain;
  EXPECT_TRUE(test::is_error(decode(certificate_message({ders[0], junk}, false), false, chain),
                             ErrorCode::cert_invalid));
}

TEST(MsgsCertificate, TrailingBytesAndANonEmptyTls13ContextAreDecodeErrors) {
  auto ders = chain_der();
  std::vector<Certificate> chain;
  EXPECT_TRUE(test::is_error(decode(test::with_trailing(certificate_message({ders[0]}, false), {0}),
                                    false, chain),
                             ErrorCode::decode_error, "Certificate"));
  // RFC 8446 §4.4.2: the server's certificate_request_context is empty (no post-handshake auth).
  Bytes m = certificate_message({ders[0]}, true);
  Bytes body(m.begin() + 5, m.end());
  body.insert(body.begin(), {1, 0x77});
  chain.clear();
  EXPECT_TRUE(test::is_error(decode(frame_handshake(HandshakeType::certificate, body), true, chain),
                             ErrorCode::decode_error));
}

}  // namespace
}  // namespace tlsscope
