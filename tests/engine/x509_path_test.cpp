// Path building (x509/path.hpp) over real certificates from the test PKI, in-process: the
// orders and extras real servers send, look-alike issuers told apart by their signatures, and
// the bounds on the work a hostile list can cause.
#include <gtest/gtest.h>

#include "support/test_pki.hpp"
#include "tlsscope/trust.hpp"
#include "x509/path.hpp"

namespace tlsscope {
namespace {

using test::pki_certs;
using test::pki_text;
using Order = std::vector<std::size_t>;

class Path : public testing::Test {
 protected:
  // Parsed once, as Config::trust_store shares it between connections.
  std::shared_ptr<const TrustStore> store_ = load_trust_store_pem(pki_text("roots.pem"));
  const TrustStore& anchors_ = *store_;
};

TEST_F(Path, TheListAsSentWhenItIsThePath) {
  auto sent = pki_certs({"path-leaf", "path-int2", "path-int1"});
  CertPath p = build_path(sent, anchors_);
  EXPECT_EQ(p.order, (Order{0, 1, 2}));
  EXPECT_EQ(p.signed_by_next, (std::vector<bool>{true, true}));
  EXPECT_TRUE(unused_certificates(sent, p, anchors_).empty());
}

TEST_F(Path, IntermediatesInReverseOrder) {
  auto sent = pki_certs({"path-leaf", "path-int1", "path-int2"});
  CertPath p = build_path(sent, anchors_);
  EXPECT_EQ(p.order, (Order{0, 2, 1}));
  EXPECT_EQ(p.signed_by_next, (std::vector<bool>{true, true}));
}

TEST_F(Path, AnUnrelatedCertificateBeforeTheIntermediateIsLeftOut) {
  auto sent = pki_certs({"rsa-leaf", "ec-int", "unknown-root", "rsa-int"});
  CertPath p = build_path(sent, anchors_);
  EXPECT_EQ(p.order, (Order{0, 3}));
  auto unused = unused_certificates(sent, p, anchors_);
  ASSERT_EQ(unused.size(), 2u);
  EXPECT_EQ(unused[0].index, 1u);
  EXPECT_EQ(unused[0].reason, UnusedReason::not_on_path);
  EXPECT_EQ(unused[1].index, 2u);
  EXPECT_EQ(unused[1].reason, UnusedReason::not_on_path) << "a root the client does not trust";
}

TEST_F(Path, ASentTrustedRootAndACopyOfTheLeafAreNamedForWhatTheyAre) {
  auto sent = pki_certs({"rsa-leaf", "rsa-leaf", "rsa-int", "rsa-root"});
  CertPath p = build_path(sent, anchors_);
  EXPECT_EQ(p.order, (Order{0, 2})) << "the path ends where a trusted root issued";
  auto unused = unused_certificates(sent, p, anchors_);
  ASSERT_EQ(unused.size(), 2u);
  EXPECT_EQ(unused[0].reason, UnusedReason::duplicate);
  EXPECT_EQ(unused[1].reason, UnusedReason::trusted_root);
  EXPECT_EQ(unused_reason_name(unused[1].reason), "trusted_root");
}

// path-int2-rekeyed has path-int2's very name and another key: only the signature tells
// them apart, wherever it stands in the list.
TEST_F(Path, TheIssuerWhoseKeyVerifiesIsChosenOverALookAlike) {
  auto sent = pki_certs({"path-leaf", "path-int2-rekeyed", "path-int1", "path-int2"});
  ASSERT_EQ(sent[1].subject_dn, sent[3].subject_dn);
  CertPath p = build_path(sent, anchors_);
  EXPECT_EQ(p.order, (Order{0, 3, 2}));
  EXPECT_EQ(p.signed_by_next, (std::vector<bool>{true, true}));
  EXPECT_EQ(unused_certificates(sent, p, anchors_)[0].reason, UnusedReason::not_on_path);
}

// With only the look-alike there, it is still chosen, so that the validator reports the bad
// signature rather than a missing issuer.
TEST_F(Path, OnlyALookAlikeIsChosenAndItsSignatureShownFailing) {
  auto sent = pki_certs({"path-leaf", "path-int2-rekeyed", "path-int1"});
  CertPath p = build_path(sent, anchors_);
  EXPECT_EQ(p.order, (Order{0, 1, 2}));
  EXPECT_EQ(p.signed_by_next, (std::vector<bool>{false, true}));
}

TEST_F(Path, StopsWhereNoSentCertificateFits) {
  auto sent = pki_certs({"path-leaf", "path-int1"});  // path-int2 missing
  CertPath p = build_path(sent, anchors_);
  EXPECT_EQ(p.order, (Order{0}));
  EXPECT_TRUE(p.signed_by_next.empty());
}

TEST_F(Path, ASelfSignedLeafIsAPathOfOne) {
  auto sent = pki_certs({"selfsigned-leaf", "rsa-int"});
  EXPECT_EQ(build_path(sent, anchors_).order, (Order{0}));
}

TEST_F(Path, NothingSentIsAnEmptyPath) {
  EXPECT_TRUE(build_path({}, anchors_).order.empty());
}

// A hostile list: the leaf and 40 look-alikes of its issuer, none of which verifies. The
// path stays within kMaxPathLength and the work within kMaxSignatureChecks (a look-alike
// chosen for its name is not checked again, so the path grows by name once checks run out).
TEST_F(Path, ManyLookAlikesCostABoundedAmountOfWork) {
  auto one = pki_certs({"path-leaf", "path-int2-rekeyed"});
  std::vector<Certificate> sent{one[0]};
  for (int i = 0; i < 40; ++i) sent.push_back(one[1]);
  CertPath p = build_path(sent, anchors_);
  // path-int2-rekeyed is issued by path-int1, which is not there: the path is the leaf and
  // one look-alike, whose signature over the leaf fails.
  EXPECT_EQ(p.order, (Order{0, 1}));
  EXPECT_EQ(p.signed_by_next, (std::vector<bool>{false}));
  EXPECT_EQ(p.signature_checks, kMaxSignatureChecks);
}

// The intermediates sent twice: each link is found once, with one signature check, and the
// copies are named for what they are.
TEST_F(Path, TheRealPathIsFoundOnceAmongCopies) {
  auto sent = pki_certs({"path-leaf", "path-int1", "path-int2", "path-int1", "path-int2"});
  CertPath p = build_path(sent, anchors_);
  EXPECT_EQ(p.order, (Order{0, 2, 1}));
  EXPECT_EQ(p.signature_checks, 2u) << "one check per link when the first candidate verifies";
  auto unused = unused_certificates(sent, p, anchors_);
  ASSERT_EQ(unused.size(), 2u);
  EXPECT_EQ(unused[0].reason, UnusedReason::duplicate);
  EXPECT_EQ(unused[1].reason, UnusedReason::duplicate);
}

}  // namespace
}  // namespace tlsscope
