#include "x509/chain.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include <arpa/inet.h>

#include "crypto/select.hpp"
#include "events/field.hpp"
#include "x509/der.hpp"
#include "x509/path.hpp"

namespace tlsscope {
namespace {

using json = nlohmann::json;

struct BrError {
  int code;
  std::string_view name;
  std::string_view name_zh;
};
constexpr std::array kBrErrors = {
    BrError{BR_ERR_X509_EMPTY_CHAIN, "empty chain", "证书链为空"},
    BrError{BR_ERR_X509_UNSUPPORTED, "unsupported algorithm or key", "不支持的算法或密钥"},
    BrError{BR_ERR_X509_LIMIT_EXCEEDED, "chain or name too long", "证书链或名字太长"},
    BrError{BR_ERR_X509_WRONG_KEY_TYPE, "wrong key type", "密钥类型不对"},
    BrError{BR_ERR_X509_BAD_SIGNATURE, "a signature in the chain is invalid", "证书链中有一个签名无效"},
    BrError{BR_ERR_X509_TIME_UNKNOWN, "time unknown", "不知道当前时间"},
    BrError{BR_ERR_X509_EXPIRED, "expired or not yet valid", "已过期或尚未生效"},
    BrError{BR_ERR_X509_DN_MISMATCH, "issuer name does not match the next subject",
            "签发者名字与下一张证书的主体不一致"},
    BrError{BR_ERR_X509_BAD_SERVER_NAME, "the certificate does not cover the server name",
            "证书不包含这个服务器名"},
    BrError{BR_ERR_X509_CRITICAL_EXTENSION, "unknown critical extension", "未知的关键扩展"},
    BrError{BR_ERR_X509_NOT_CA, "an issuing certificate is not a CA", "某张签发证书不是 CA"},
    BrError{BR_ERR_X509_FORBIDDEN_KEY_USAGE, "key usage forbids this use", "密钥用途不允许这种用法"},
    BrError{BR_ERR_X509_WEAK_PUBLIC_KEY, "public key too weak", "公钥强度太弱"},
    BrError{BR_ERR_X509_NOT_TRUSTED, "no trust anchor for this chain", "这条证书链没有信任锚"},
};

// extendedKeyUsage purposes (RFC 5280 §4.2.1.12), by the names RFC 5280 gives them; a
// TLS server needs serverAuth, or anyExtendedKeyUsage, which allows every purpose.
struct KeyPurpose {
  std::string_view oid;
  std::string_view name;
};
constexpr std::string_view kServerAuth = "1.3.6.1.5.5.7.3.1";
constexpr std::string_view kAnyExtendedKeyUsage = "2.5.29.37.0";
constexpr std::array kKeyPurposes = {
    KeyPurpose{kServerAuth, "serverAuth"},
    KeyPurpose{"1.3.6.1.5.5.7.3.2", "clientAuth"},
    KeyPurpose{"1.3.6.1.5.5.7.3.3", "codeSigning"},
    KeyPurpose{"1.3.6.1.5.5.7.3.4", "emailProtection"},
    KeyPurpose{"1.3.6.1.5.5.7.3.8", "timeStamping"},
    KeyPurpose{"1.3.6.1.5.5.7.3.9", "OCSPSigning"},
    KeyPurpose{kAnyExtendedKeyUsage, "anyExtendedKeyUsage"},
};

// "clientAuth, emailProtection"; an OID without a name stays as the OID.
std::string purpose_names(const std::vector<std::string>& oids) {
  std::string out;
  for (const auto& oid : oids) {
    std::string_view name = oid;
    for (const auto& p : kKeyPurposes)
      if (p.oid == oid) name = p.name;
    out += (out.empty() ? "" : ", ") + std::string(name);
  }
  return out;
}

// RSA keys below 2048 bits are refused, as browsers have since 2014 (CA/Browser Forum
// Baseline Requirements §6.1.5); BearSSL's own floor is 1024.
constexpr std::size_t kMinRsaBits = 2048;

Note br_error_name(int err) {
  for (const auto& e : kBrErrors)
    if (e.code == err) return {std::string(e.name), std::string(e.name_zh)};
  return {"malformed certificate (BearSSL error " + std::to_string(err) + ")",
          "证书格式错误（BearSSL 错误 " + std::to_string(err) + "）"};
}

// The names a leaf covers, for the error that says the host is not among them.
std::string covered_names(const Certificate& leaf) {
  std::string out;
  for (const auto& d : leaf.dns_names) out += (out.empty() ? "DNS:" : ", DNS:") + d;
  for (const auto& a : leaf.ip_addresses) out += (out.empty() ? "IP:" : ", IP:") + a;
  return out.empty() ? "—" : out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// RFC 6125 §6.4.3: a wildcard only as the whole leftmost label, matching exactly one label.
bool dns_name_matches(std::string_view pattern, std::string_view host) {
  std::string p = lower(pattern), h = lower(host);
  if (p.rfind("*.", 0) == 0) {
    auto dot = h.find('.');
    return dot != std::string::npos && dot > 0 && h.substr(dot) == p.substr(1);
  }
  return p == h;
}

std::optional<std::string> canonical_ip(std::string_view host) {
  std::string h(host);
  std::uint8_t buf[16];
  if (inet_pton(AF_INET, h.c_str(), buf) == 1) return ip_text(ByteView(buf, 4));
  if (inet_pton(AF_INET6, h.c_str(), buf) == 1) return ip_text(ByteView(buf, 16));
  return std::nullopt;
}

// Which SAN of the leaf covers the host, if any.
std::optional<std::string> matching_name(const Certificate& leaf, std::string_view host) {
  if (auto ip = canonical_ip(host)) {
    for (const auto& a : leaf.ip_addresses)
      if (a == *ip) return "IP:" + a;
    return std::nullopt;
  }
  for (const auto& d : leaf.dns_names)
    if (dns_name_matches(d, host)) return "DNS:" + d;
  return std::nullopt;
}

json check(std::string name, bool ok, Note detail) {
  return object_of("check", std::move(name), "ok", ok, "detail", std::move(detail.en),
                   "detail_zh", std::move(detail.zh));
}

// A "signature" check: `detail`, and when the verdict was an earlier connection's answer to the
// very same check (CertPath::remembered_next), "remembered" and a sentence that says so.
json signature_check(SignatureVerdict v, Note detail) {
  if (!v.remembered) return check("signature", v.ok, std::move(detail));
  const Note kept = note(NoteId::chk_signature_remembered);
  detail.en += kept.en;
  detail.zh += kept.zh;
  json j = check("signature", v.ok, std::move(detail));
  j["remembered"] = true;
  return j;
}

// The checks of link i of the built path `chain`; `built` says where it was in the list sent
// and whether the next one's key verified its signature (checked while building).
json link_report(const std::vector<Certificate>& chain, std::size_t i, const CertPath& built,
                 const TrustStore& anchors, std::string_view host, std::int64_t now) {
  const Certificate& c = chain[i];
  json checks = json::array();
  bool in_dates = now >= c.not_before && now <= c.not_after;
  checks.push_back(check("validity", in_dates,
                         note(NoteId::chk_validity,
                              {der::format_time(c.not_before), der::format_time(c.not_after),
                               der::format_time(now)})));
  if (i == 0) {
    auto matched = matching_name(c, host);
    checks.push_back(check("name", matched.has_value(),
                           matched ? note(NoteId::chk_name_ok, {host, *matched})
                                   : note(NoteId::chk_name_bad, {host})));
  } else {
    checks.push_back(check("is_ca", c.is_ca,
                           note(c.is_ca ? NoteId::chk_is_ca : NoteId::chk_not_ca)));
  }
  if (i + 1 < chain.size()) {
    const Certificate& issuer = chain[i + 1];
    checks.push_back(check("issuer_name", c.issuer_dn == issuer.subject_dn,
                           note(NoteId::chk_issuer_name, {c.issuer, issuer.subject})));
    checks.push_back(signature_check({built.signed_by_next[i], built.remembered_next[i]},
                                     note(NoteId::chk_signature,
                                          {c.signature_algorithm, issuer.key.describe(), issuer.subject},
                                          {c.signature_algorithm, issuer.key.describe_zh(), issuer.subject})));
  } else if (const Certificate* anchor = anchors.find_subject(c.issuer_dn)) {
    checks.push_back(check("trust_anchor", true, note(NoteId::chk_anchor_ok, {c.issuer})));
    checks.push_back(signature_check(check_signed_by(c, anchor->key),
                                     note(NoteId::chk_signature_root,
                                          {c.signature_algorithm, anchor->key.describe()},
                                          {c.signature_algorithm, anchor->key.describe_zh()})));
  } else {
    checks.push_back(check("trust_anchor", false,
                           note(NoteId::chk_anchor_bad, {c.issuer, std::to_string(anchors.size())})));
  }
  json link = c.summary();
  link["index"] = built.order[i];
  link["checks"] = std::move(checks);
  return link;
}

int run_bearssl(const std::vector<Certificate>& chain, const TrustStore& anchors,
                std::string_view host, std::int64_t now, PublicKey& leaf_key, unsigned& usages) {
  br_x509_minimal_context xc;
  br_x509_minimal_init_full(&xc, anchors.anchors().data(), anchors.anchors().size());
  br_x509_minimal_set_minrsa(&xc, static_cast<int>(kMinRsaBits / 8));
  br_x509_minimal_set_rsa(&xc, rsa_pkcs1_vrfy());  // the engine's choice, and its memo
  br_x509_minimal_set_ecdsa(&xc, br_ec_get_default(), ecdsa_vrfy());  // BearSSL's, and the memo
  // BearSSL counts days from 0000-01-01; the Unix epoch is day 719528.
  std::int64_t days = now >= 0 ? now / 86400 : (now - 86399) / 86400;
  br_x509_minimal_set_time(&xc, static_cast<std::uint32_t>(719528 + days),
                           static_cast<std::uint32_t>(now - days * 86400));
  std::string name(host);
  xc.vtable->start_chain(&xc.vtable, is_ip_literal(host) ? nullptr : name.c_str());
  for (const auto& c : chain) {
    xc.vtable->start_cert(&xc.vtable, static_cast<std::uint32_t>(c.der.size()));
    xc.vtable->append(&xc.vtable, c.der.data(), c.der.size());
    xc.vtable->end_cert(&xc.vtable);
  }
  int err = static_cast<int>(xc.vtable->end_chain(&xc.vtable));
  if (err != BR_ERR_OK) return err;
  const br_x509_pkey* pk = xc.vtable->get_pkey(&xc.vtable, &usages);
  if (pk->key_type == BR_KEYTYPE_RSA) {
    leaf_key.type = PublicKey::Type::rsa;
    leaf_key.n.assign(pk->key.rsa.n, pk->key.rsa.n + pk->key.rsa.nlen);
    leaf_key.e.assign(pk->key.rsa.e, pk->key.rsa.e + pk->key.rsa.elen);
  } else {
    leaf_key.type = PublicKey::Type::ec;
    leaf_key.curve = pk->key.ec.curve;
    leaf_key.q.assign(pk->key.ec.q, pk->key.ec.q + pk->key.ec.qlen);
  }
  return BR_ERR_OK;
}

Error classify(int br_err, const std::vector<Certificate>& chain, std::string_view host,
               std::int64_t now) {
  Note why = br_error_name(br_err);
  Error detail{ErrorCode::cert_invalid, "BearSSL: " + why.en, "BearSSL：" + why.zh};
  switch (br_err) {
    case BR_ERR_X509_EXPIRED:
      for (const auto& c : chain)
        if (now > c.not_after)
          return noted_error(ErrorCode::cert_expired,
                             note(NoteId::err_expired, {c.subject, der::format_time(c.not_after)}));
      for (const auto& c : chain)
        if (now < c.not_before)
          return noted_error(ErrorCode::cert_not_yet_valid,
                             note(NoteId::err_not_yet_valid, {c.subject, der::format_time(c.not_before)}));
      detail.code = ErrorCode::cert_expired;
      return detail;
    case BR_ERR_X509_BAD_SERVER_NAME:
      return noted_error(ErrorCode::cert_name_invalid,
                         note(NoteId::err_name, {host, covered_names(chain[0])}));
    case BR_ERR_X509_WEAK_PUBLIC_KEY:
      for (const auto& c : chain)
        if (c.key.type == PublicKey::Type::rsa && c.key.bits() < kMinRsaBits)
          return noted_error(ErrorCode::cert_weak_key,
                             note(NoteId::err_weak_key,
                                  {c.subject, c.key.describe(), std::to_string(kMinRsaBits)},
                                  {c.subject, c.key.describe_zh(), std::to_string(kMinRsaBits)}));
      detail.code = ErrorCode::cert_weak_key;
      return detail;
    case BR_ERR_X509_NOT_TRUSTED:
      if (chain.size() == 1 && chain[0].self_issued())
        return noted_error(ErrorCode::cert_self_signed, note(NoteId::err_self_signed, {chain[0].subject}));
      return noted_error(ErrorCode::cert_authority_invalid,
                         note(NoteId::err_untrusted, {chain.back().issuer}));
    default:
      return detail;
  }
}

// The first certificate whose issuer's signature over it uses SHA-1 (SHAttered, 2017: SHA-1
// collisions are practical). A root's signature over itself is not relied upon: the root
// is trusted as it is.
const Certificate* sha1_signed(const std::vector<Certificate>& chain) {
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const bool self_signed_root = i + 1 == chain.size() && chain[i].self_issued();
    if (!self_signed_root && chain[i].signature_kind && chain[i].signature_hash == Hash::sha1)
      return &chain[i];
  }
  return nullptr;
}

NoteId unused_note(UnusedReason reason) {
  switch (reason) {
    case UnusedReason::duplicate: return NoteId::path_unused_duplicate;
    case UnusedReason::trusted_root: return NoteId::path_unused_trusted_root;
    case UnusedReason::not_on_path: break;
  }
  return NoteId::path_unused_not_on_path;
}

// The path's part of the report: which sent certificates it uses in which order, and the
// ones it leaves out, each with why.
void path_report(const std::vector<Certificate>& sent, const CertPath& built,
                 const TrustStore& anchors, json& report) {
  report["sent"] = sent.size();
  report["path"] = built.order;
  bool reordered = false;
  for (std::size_t i = 0; i < built.order.size(); ++i) reordered |= built.order[i] != i;
  report["reordered"] = reordered;
  if (reordered) {
    Note n = note(NoteId::path_reordered);
    report["note"] = std::move(n.en);
    report["note_zh"] = std::move(n.zh);
  }
  json unused = json::array();
  for (const UnusedCertificate& u : unused_certificates(sent, built, anchors)) {
    Note n = note(unused_note(u.reason));
    unused.push_back(object_of("index", u.index, "subject", sent[u.index].subject, "issuer",
                               sent[u.index].issuer, "reason", unused_reason_name(u.reason),
                               "note", std::move(n.en), "note_zh", std::move(n.zh)));
  }
  report["unused"] = std::move(unused);
}

}  // namespace

bool is_ip_literal(std::string_view host) { return canonical_ip(host).has_value(); }

ChainVerdict validate_chain(const std::vector<Certificate>& sent, const TrustStore& anchors,
                            std::string_view host, std::int64_t now) {
  ChainVerdict v;
  // Building the path checks each link's signature first; BearSSL's validator then finds
  // each RSA and ECDSA check already made (the two would otherwise double the handshake's
  // costliest work); with a store made with LinkChecks::shared, other connections' checks too.
  SignatureCheckMemo shared_signature_checks(anchors.link_checks());
  const CertPath built = build_path(sent, anchors);
  std::vector<Certificate> chain;  // the path: what the report shows and BearSSL judges
  chain.reserve(built.order.size());
  for (std::size_t i : built.order) chain.push_back(sent[i]);
  json links = json::array();
  for (std::size_t i = 0; i < chain.size(); ++i)
    links.push_back(link_report(chain, i, built, anchors, host, now));
  v.report = object_of("host", host, "now", der::format_time(now), "links", std::move(links),
                       "anchors", anchors.size(), "validator", "BearSSL br_x509_minimal");
  path_report(sent, built, anchors, v.report);
  if (chain.empty()) {
    v.error = noted_error(ErrorCode::cert_invalid, note(NoteId::err_no_certificate));
    v.report["verdict"] = "empty chain";
    v.report["verdict_zh"] = "证书链为空";
    return v;
  }
  PublicKey key;
  unsigned usages = 0;
  int err = run_bearssl(chain, anchors, host, now, key, usages);
  if (err == BR_ERR_OK && is_ip_literal(host) && !matching_name(chain[0], host))
    err = BR_ERR_X509_BAD_SERVER_NAME;  // BearSSL matches DNS names only; IPs are ours
  if (err == BR_ERR_OK) {
    // RFC 5280 §4.2.1.3: TLS uses the server's key to sign (the ECDHE key, or the handshake in
    // TLS 1.3), so its keyUsage, if present, must allow that. BearSSL reads the extension.
    const bool may_sign = usages & BR_KEYTYPE_SIGN;
    v.report["links"][0]["checks"].push_back(
        check("key_usage", may_sign,
              note(may_sign ? NoteId::chk_key_usage_ok : NoteId::chk_key_usage_bad)));
    if (!may_sign) err = BR_ERR_X509_FORBIDDEN_KEY_USAGE;
  }
  // BearSSL ignores a non-critical extendedKeyUsage (a critical one it refuses as unknown).
  bool server_purpose = true;
  if (err == BR_ERR_OK) {
    // RFC 5280 §4.2.1.12: a leaf that lists its purposes may be used only for those, and a
    // TLS server needs serverAuth (which the CA/Browser Forum requires of every TLS server
    // certificate). A leaf without the extension is accepted, as browsers accept it.
    const auto& purposes = chain[0].extended_key_usages;
    Note detail = note(NoteId::chk_extended_key_usage_absent);
    if (purposes) {
      server_purpose = std::any_of(purposes->begin(), purposes->end(), [](const auto& oid) {
        return oid == kServerAuth || oid == kAnyExtendedKeyUsage;
      });
      const std::string names = purpose_names(*purposes);
      detail = note(server_purpose ? NoteId::chk_extended_key_usage_ok
                                   : NoteId::chk_extended_key_usage_bad,
                    {names});
    }
    v.report["links"][0]["checks"].push_back(
        check("extended_key_usage", server_purpose, std::move(detail)));
  }
  if (const Certificate* anchor = anchors.find_subject(chain.back().issuer_dn))
    v.report["anchor"] = anchor->subject;
  if (err != BR_ERR_OK) {
    v.error = classify(err, chain, host, now);
    Note verdict = br_error_name(err);
    v.report["verdict"] = std::move(verdict.en);
    v.report["verdict_zh"] = std::move(verdict.zh);
    return v;
  }
  if (!server_purpose) {
    v.error = noted_error(ErrorCode::cert_invalid,
                          note(NoteId::err_extended_key_usage,
                               {chain[0].subject, purpose_names(*chain[0].extended_key_usages)}));
    v.report["verdict"] = "not for TLS servers (extendedKeyUsage)";
    v.report["verdict_zh"] = "不能用于 TLS 服务器（extendedKeyUsage）";
    return v;
  }
  if (const Certificate* weak = sha1_signed(chain)) {
    v.error = noted_error(ErrorCode::cert_weak_signature,
                          note(NoteId::err_sha1, {weak->subject, weak->signature_algorithm}));
    v.report["verdict"] = "signed with SHA-1";
    v.report["verdict_zh"] = "使用 SHA-1 签名";
    return v;
  }
  v.report["verdict"] = "trusted";
  v.report["verdict_zh"] = "可信";
  v.key = VerifiedServerKey(std::move(key));
  return v;
}

}  // namespace tlsscope
