// The throwaway PKI of tests/pki/make-pki.sh (the engine_pki fixture makes it in the build
// tree), read in-process for the X.509 unit tests.
#pragma once
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "x509/certificate.hpp"
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

}  // namespace tlsscope::test
