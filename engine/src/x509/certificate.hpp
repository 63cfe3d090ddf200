// An X.509 certificate (RFC 5280 §4.1) summarised for people: names, dates, key, names it
// covers, and what signed it. Validation itself is BearSSL's (x509/chain.hpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "crypto/signature.hpp"

namespace tlsscope {

struct Certificate {
  Bytes der;
  Bytes tbs;           // tbsCertificate, the bytes the issuer signed
  Bytes subject_dn;    // DER of the Name, for issuer/subject matching and trust anchors
  Bytes issuer_dn;
  std::string subject;  // "CN=localhost, O=tlsscope demo"
  std::string issuer;
  std::string serial;   // hex
  std::int64_t not_before = 0;
  std::int64_t not_after = 0;
  std::string signature_algorithm;  // "sha256WithRSAEncryption"
  std::optional<SigKind> signature_kind;  // nothing if we cannot verify this algorithm
  Hash signature_hash = Hash::sha256;
  Bytes signature;
  PublicKey key;
  std::vector<std::string> dns_names;
  std::vector<std::string> ip_addresses;  // textual
  bool is_ca = false;
  // extendedKeyUsage (RFC 5280 §4.2.1.12): its KeyPurposeId OIDs ("1.3.6.1.5.5.7.3.1");
  // nothing if the certificate has no such extension, which allows every purpose.
  std::optional<std::vector<std::string>> extended_key_usages;

  bool self_issued() const { return subject_dn == issuer_dn; }
  nlohmann::json summary() const;
};

/// "127.0.0.1" / "2001:db8:0:0:0:0:0:1" for 4 or 16 address bytes (one spelling, so names
/// compare as strings).
std::string ip_text(ByteView ip);

/// Parses a DER certificate; nothing if it is malformed.
std::optional<Certificate> parse_certificate(ByteView der);

}  // namespace tlsscope
