// x509/trust_store: anchors parsed once from PEM, DER or a DER bundle, and what was skipped.
#include <gtest/gtest.h>

#include "support/test_pki.hpp"
#include "tlsscope/trust.hpp"
#include "x509/trust_store.hpp"

namespace tlsscope {
namespace {

std::vector<Bytes> roots_der() { return pem_objects(test::pki_text("roots.pem"), "CERTIFICATE"); }

TEST(X509TrustStore, PemDerAndBundleGiveTheSameAnchors) {
  const auto ders = roots_der();
  ASSERT_GE(ders.size(), 2u) << "the test PKI's roots.pem";
  auto from_pem = load_trust_store_pem(test::pki_text("roots.pem"));
  auto from_der = load_trust_store_der(ders);
  Bytes bundle;
  for (const auto& d : ders) bundle.insert(bundle.end(), d.begin(), d.end());
  auto from_bundle = load_trust_store_der_bundle(bundle);
  for (const auto* store : {from_pem.get(), from_der.get(), from_bundle.get()}) {
    EXPECT_EQ(trust_store_size(*store), ders.size());
    EXPECT_EQ(trust_store_skipped(*store), 0u);
    EXPECT_EQ(store->anchors().size(), ders.size());
  }
}

TEST(X509TrustStore, AnchorsAreFoundByTheirSubject) {
  auto store = load_trust_store_der(roots_der());
  auto certs = test::pki_certs({"roots"});
  ASSERT_FALSE(certs.empty());
  const Certificate* found = store->find_subject(certs[0].subject_dn);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->subject, certs[0].subject);
  EXPECT_EQ(store->find_subject(Bytes{0x30, 0x00}), nullptr);
}

TEST(X509TrustStore, ABundleEndingInJunkKeepsWhatCameBeforeAndCountsOneSkipped) {
  const auto ders = roots_der();
  ASSERT_FALSE(ders.empty());
  Bytes bundle = ders[0];
  bundle.insert(bundle.end(), {0x30, 0x82, 0xff});  // a SEQUENCE claiming more than is there
  auto store = load_trust_store_der_bundle(bundle);
  EXPECT_EQ(trust_store_size(*store), 1u);
  EXPECT_EQ(trust_store_skipped(*store), 1u);
}

TEST(X509TrustStore, AMalformedPemBlockEndsTheListAndCountsOneSkipped) {
  const std::string roots = test::pki_text("roots.pem");
  const std::size_t first_end = roots.find("-----END CERTIFICATE-----");
  ASSERT_NE(first_end, std::string::npos);
  const std::string first = roots.substr(0, roots.find('\n', first_end) + 1);
  // One good anchor, a block whose base64 is broken, then the good anchors again: the broken
  // block ends the list (pem_objects) and is counted, so a caller can tell the file was bad.
  const std::string pem = first + "-----BEGIN CERTIFICATE-----\nMII*not base64*\n" +
                          "-----END CERTIFICATE-----\n" + roots;
  auto store = load_trust_store_pem(pem);
  EXPECT_EQ(trust_store_size(*store), 1u);
  EXPECT_EQ(trust_store_skipped(*store), 1u);
  // A well-formed file counts nothing skipped (PemDerAndBundleGiveTheSameAnchors), and nor does
  // one that simply ends after its last block.
  EXPECT_EQ(trust_store_skipped(*load_trust_store_pem(first)), 0u);
}

TEST(X509TrustStore, ACertificateThatDoesNotParseIsSkippedNotFatal) {
  auto ders = roots_der();
  ASSERT_FALSE(ders.empty());
  // A well-framed DER SEQUENCE that is no certificate, then a real anchor.
  std::vector<Bytes> set = {Bytes{0x30, 0x03, 0x02, 0x01, 0x00}, ders[0]};
  auto store = load_trust_store_der(set);
  EXPECT_EQ(trust_store_size(*store), 1u);
  EXPECT_EQ(trust_store_skipped(*store), 1u);
}

}  // namespace
}  // namespace tlsscope
