#include "x509/certificate.hpp"

#include <array>

#include <bearssl.h>

#include "events/field.hpp"
#include "x509/der.hpp"

namespace tlsscope {
namespace {

struct OidName {
  std::string_view oid;
  std::string_view name;
};

// RFC 4519 attribute types, short names as OpenSSL prints them.
constexpr std::array kAttributes = {
    OidName{"2.5.4.3", "CN"},  OidName{"2.5.4.6", "C"},   OidName{"2.5.4.7", "L"},
    OidName{"2.5.4.8", "ST"},  OidName{"2.5.4.10", "O"},  OidName{"2.5.4.11", "OU"},
    OidName{"2.5.4.5", "serialNumber"}, OidName{"1.2.840.113549.1.9.1", "emailAddress"},
};

struct SigAlg {
  std::string_view oid;
  std::string_view name;
  SigKind kind;
  Hash hash;
};
constexpr std::array kSigAlgs = {
    SigAlg{"1.2.840.113549.1.1.5", "sha1WithRSAEncryption", SigKind::rsa_pkcs1, Hash::sha1},
    SigAlg{"1.2.840.113549.1.1.11", "sha256WithRSAEncryption", SigKind::rsa_pkcs1, Hash::sha256},
    SigAlg{"1.2.840.113549.1.1.12", "sha384WithRSAEncryption", SigKind::rsa_pkcs1, Hash::sha384},
    SigAlg{"1.2.840.113549.1.1.13", "sha512WithRSAEncryption", SigKind::rsa_pkcs1, Hash::sha512},
    SigAlg{"1.2.840.10045.4.1", "ecdsa-with-SHA1", SigKind::ecdsa, Hash::sha1},
    SigAlg{"1.2.840.10045.4.3.2", "ecdsa-with-SHA256", SigKind::ecdsa, Hash::sha256},
    SigAlg{"1.2.840.10045.4.3.3", "ecdsa-with-SHA384", SigKind::ecdsa, Hash::sha384},
    SigAlg{"1.2.840.10045.4.3.4", "ecdsa-with-SHA512", SigKind::ecdsa, Hash::sha512},
};
constexpr std::array kOtherSigAlgs = {
    OidName{"1.2.840.113549.1.1.10", "RSASSA-PSS"}, OidName{"1.3.101.112", "Ed25519"},
    OidName{"1.3.101.113", "Ed448"},
};

struct Curve {
  std::string_view oid;
  int id;
};
constexpr std::array kCurves = {
    Curve{"1.2.840.10045.3.1.7", BR_EC_secp256r1},
    Curve{"1.3.132.0.34", BR_EC_secp384r1},
    Curve{"1.3.132.0.35", BR_EC_secp521r1},
};

constexpr std::string_view kRsaEncryption = "1.2.840.113549.1.1.1";
constexpr std::string_view kEcPublicKey = "1.2.840.10045.2.1";
constexpr std::string_view kSubjectAltName = "2.5.29.17";
constexpr std::string_view kBasicConstraints = "2.5.29.19";
constexpr std::string_view kExtendedKeyUsage = "2.5.29.37";

std::string name_to_string(ByteView name_content) {
  std::string out;
  Reader rdns(name_content);
  der::Element set, atv, oid, value;
  while (!rdns.empty() && der::expect(rdns, der::kSet, set)) {
    Reader in_set(set.content);
    while (!in_set.empty() && der::expect(in_set, der::kSequence, atv)) {
      Reader pair(atv.content);
      if (!der::expect(pair, der::kOid, oid) || !der::next(pair, value)) return out;
      std::string type = der::oid_to_string(oid.content);
      for (const auto& a : kAttributes)
        if (a.oid == type) type = a.name;
      if (!out.empty()) out += ", ";
      out += type + "=" + std::string(value.content.begin(), value.content.end());
    }
  }
  return out;
}

bool parse_key(ByteView spki_content, PublicKey& key) {
  Reader r(spki_content);
  der::Element alg, bits, oid, params;
  if (!der::expect(r, der::kSequence, alg) || !der::expect(r, der::kBitString, bits)) return false;
  Reader a(alg.content);
  if (!der::expect(a, der::kOid, oid)) return false;
  std::string alg_oid = der::oid_to_string(oid.content);
  if (bits.content.empty() || bits.content[0] != 0) return false;  // no unused bits
  ByteView key_bytes = bits.content.subspan(1);
  if (alg_oid == kRsaEncryption) {
    Reader k(key_bytes);
    der::Element seq, n, e;
    if (!der::expect(k, der::kSequence, seq)) return false;
    Reader ne(seq.content);
    if (!der::expect(ne, der::kInteger, n) || !der::expect(ne, der::kInteger, e)) return false;
    ByteView nv = n.content, ev = e.content;
    while (!nv.empty() && nv[0] == 0) nv = nv.subspan(1);  // strip the sign byte
    while (!ev.empty() && ev[0] == 0) ev = ev.subspan(1);
    key.type = PublicKey::Type::rsa;
    key.n.assign(nv.begin(), nv.end());
    key.e.assign(ev.begin(), ev.end());
    return !key.n.empty() && !key.e.empty();
  }
  if (alg_oid == kEcPublicKey) {
    if (!der::expect(a, der::kOid, params)) return false;
    std::string curve = der::oid_to_string(params.content);
    for (const auto& c : kCurves)
      if (c.oid == curve) {
        key.type = PublicKey::Type::ec;
        key.curve = c.id;
        key.q.assign(key_bytes.begin(), key_bytes.end());
        return true;
      }
    return true;  // another curve: summarised as unsupported, never verified
  }
  return true;  // other key types: summarised as unsupported
}

}  // namespace

std::string ip_text(ByteView ip) {
  std::string s;
  if (ip.size() == 4) {
    for (std::size_t i = 0; i < 4; ++i) s += (i ? "." : "") + std::to_string(ip[i]);
    return s;
  }
  for (std::size_t i = 0; i + 1 < ip.size(); i += 2)
    s += (i ? ":" : "") + hex_number(static_cast<std::uint32_t>(ip[i] << 8 | ip[i + 1]));
  return s;
}

namespace {

bool parse_extensions(ByteView content, Certificate& c) {
  Reader r(content);
  der::Element list, ext, oid, value;
  if (!der::expect(r, der::kSequence, list)) return false;
  Reader exts(list.content);
  while (!exts.empty()) {
    if (!der::expect(exts, der::kSequence, ext)) return false;
    Reader e(ext.content);
    if (!der::expect(e, der::kOid, oid)) return false;
    std::string id = der::oid_to_string(oid.content);
    if (!der::next(e, value)) return false;
    if (value.tag == der::kBoolean && !der::next(e, value)) return false;  // critical flag
    if (value.tag != der::kOctetString) return false;
    Reader v(value.content);
    der::Element inner;
    if (id == kSubjectAltName) {
      if (!der::expect(v, der::kSequence, inner)) return false;
      Reader names(inner.content);
      der::Element gn;
      while (!names.empty()) {
        if (!der::next(names, gn)) return false;
        if (gn.tag == der::context(2, false))
          c.dns_names.emplace_back(gn.content.begin(), gn.content.end());
        else if (gn.tag == der::context(7, false))
          c.ip_addresses.push_back(ip_text(gn.content));
      }
    } else if (id == kBasicConstraints) {
      if (!der::expect(v, der::kSequence, inner)) return false;
      Reader bc(inner.content);
      der::Element ca;
      if (!bc.empty() && der::next(bc, ca) && ca.tag == der::kBoolean && ca.content.size() == 1)
        c.is_ca = ca.content[0] != 0;
    } else if (id == kExtendedKeyUsage) {
      // SEQUENCE SIZE (1..MAX) OF KeyPurposeId (an OID); an empty list is malformed.
      if (!der::expect(v, der::kSequence, inner) || inner.content.empty()) return false;
      Reader purposes(inner.content);
      der::Element purpose;
      std::vector<std::string> ids;
      while (!purposes.empty()) {
        if (!der::expect(purposes, der::kOid, purpose)) return false;
        ids.push_back(der::oid_to_string(purpose.content));
      }
      c.extended_key_usages = std::move(ids);
    }
  }
  return true;
}

}  // namespace

std::optional<Certificate> parse_certificate(ByteView der_bytes) {
  Certificate c;
  c.der.assign(der_bytes.begin(), der_bytes.end());
  Reader top(der_bytes);
  der::Element cert, tbs, sig_alg, sig, oid;
  if (!der::expect(top, der::kSequence, cert) || !top.empty()) return std::nullopt;
  Reader parts(cert.content);
  if (!der::expect(parts, der::kSequence, tbs) || !der::expect(parts, der::kSequence, sig_alg) ||
      !der::expect(parts, der::kBitString, sig) || !parts.empty())
    return std::nullopt;
  c.tbs.assign(tbs.whole.begin(), tbs.whole.end());
  if (sig.content.empty() || sig.content[0] != 0) return std::nullopt;
  c.signature.assign(sig.content.begin() + 1, sig.content.end());
  Reader alg(sig_alg.content);
  if (!der::expect(alg, der::kOid, oid)) return std::nullopt;
  std::string alg_oid = der::oid_to_string(oid.content);
  c.signature_algorithm = alg_oid;
  for (const auto& a : kSigAlgs)
    if (a.oid == alg_oid) {
      c.signature_algorithm = a.name;
      c.signature_kind = a.kind;
      c.signature_hash = a.hash;
    }
  for (const auto& a : kOtherSigAlgs)
    if (a.oid == alg_oid) c.signature_algorithm = a.name;

  Reader t(tbs.content);
  der::Element e, serial, inner_alg, issuer, validity, subject, spki, nb, na;
  if (!der::next(t, e)) return std::nullopt;
  if (e.tag == der::context(0, true)) {  // [0] EXPLICIT version
    if (!der::expect(t, der::kInteger, serial)) return std::nullopt;
  } else if (e.tag == der::kInteger) {
    serial = e;
  } else {
    return std::nullopt;
  }
  c.serial = to_hex(serial.content);
  if (!der::expect(t, der::kSequence, inner_alg) || !der::expect(t, der::kSequence, issuer) ||
      !der::expect(t, der::kSequence, validity) || !der::expect(t, der::kSequence, subject) ||
      !der::expect(t, der::kSequence, spki))
    return std::nullopt;
  c.issuer_dn.assign(issuer.whole.begin(), issuer.whole.end());
  c.subject_dn.assign(subject.whole.begin(), subject.whole.end());
  c.issuer = name_to_string(issuer.content);
  c.subject = name_to_string(subject.content);
  Reader v(validity.content);
  if (!der::next(v, nb) || !der::next(v, na) || !der::parse_time(nb.tag, nb.content, c.not_before) ||
      !der::parse_time(na.tag, na.content, c.not_after))
    return std::nullopt;
  if (!parse_key(spki.content, c.key)) return std::nullopt;
  while (!t.empty()) {  // issuerUniqueID [1], subjectUniqueID [2], extensions [3]
    if (!der::next(t, e)) return std::nullopt;
    if (e.tag == der::context(3, true) && !parse_extensions(e.content, c)) return std::nullopt;
  }
  return c;
}

nlohmann::json Certificate::summary() const {
  return object_of("subject", subject, "issuer", issuer, "serial", serial, "not_before",
                   der::format_time(not_before), "not_after", der::format_time(not_after), "key",
                   key.describe(), "key_zh", key.describe_zh(), "signature_algorithm", signature_algorithm, "dns_names",
                   dns_names, "ip_addresses", ip_addresses, "is_ca", is_ca, "self_issued",
                   self_issued());
}

}  // namespace tlsscope
