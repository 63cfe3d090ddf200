// The throwaway PKI of tests/pki/make-pki.sh (the engine_pki fixture makes it in the build
// tree), read in-process for the X.509 unit tests.
#pragma once
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <bearssl.h>

#include "crypto/hash.hpp"
#include "tlsscope/trust.hpp"
#include "x509/certificate.hpp"
#include "x509/chain.hpp"
#include "x509/pem.hpp"

namespace tlsscope::test {

inline std::string pki_text(const std::string& name) {
  std::ifstream f(std::string(TLSSCOPE_ENGINE_PKI_DIR) + "/" + name);
  std::stringstream s;
  s << f.rdbuf();
  EXPECT_TRUE(f.good() || f.eof()) << "cannot read " << name << " of the test PKI";
  return s.str();
}

/// The certificates of PKI files NAME.pem, in the order given (each file may hold several).
inline std::vector<Certificate> pki_certs(const std::vector<std::string>& names) {
  std::vector<Certificate> out;
  for (const auto& name : names)
    for (const Bytes& der : pem_objects(pki_text(name + ".pem"), "CERTIFICATE")) {
      auto cert = parse_certificate(der);
      EXPECT_TRUE(cert.has_value()) << name;
      if (cert) out.push_back(std::move(*cert));
    }
  return out;
}

/// Now, for the validity dates: the PKI is made valid from the moment it is made.
inline std::int64_t now() { return static_cast<std::int64_t>(std::time(nullptr)); }

/// The server key of chain `names` (leaf first), validated against roots.pem for `host`: the
/// only way to a VerifiedServerKey, and so to any later proof token.
inline std::optional<VerifiedServerKey> verified_key(const std::vector<std::string>& names,
                                                     std::string_view host = "localhost") {
  auto store = load_trust_store_pem(pki_text("roots.pem"));
  ChainVerdict v = validate_chain(pki_certs(names), *store, host, now());
  EXPECT_FALSE(v.error) << v.error->detail;
  return std::move(v.key);
}

/// An ECDSA signature (ASN.1, as TLS carries it) over SHA-256(`data`) with the P-256 private
/// key NAME.key of the PKI (e.g. ec256-leaf).
inline Bytes ecdsa_sha256_sign(const std::string& name, ByteView data) {
  Bytes der = pem_objects(pki_text(name + ".key"), "PRIVATE KEY").at(0);
  br_skey_decoder_context decoder;
  br_skey_decoder_init(&decoder);
  br_skey_decoder_push(&decoder, der.data(), der.size());
  const br_ec_private_key* sk = br_skey_decoder_get_ec(&decoder);
  EXPECT_NE(sk, nullptr) << name << ".key is not an EC key";
  if (!sk) return {};
  Bytes hash = digest(Hash::sha256, data);
  unsigned char sig[BR_EC_KBUF_PRIV_MAX_SIZE * 3];
  std::size_t n = br_ecdsa_i31_sign_asn1(br_ec_get_default(), &br_sha256_vtable, hash.data(), sk, sig);
  EXPECT_NE(n, 0u);
  return Bytes(sig, sig + n);
}

}  // namespace tlsscope::test
