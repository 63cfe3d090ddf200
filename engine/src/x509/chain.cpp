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
};
constexpr std::array kBrErrors = {
    BrError{BR_ERR_X509_EMPTY_CHAIN, "empty chain"},
    BrError{BR_ERR_X509_UNSUPPORTED, "unsupported algorithm or key"},
    BrError{BR_ERR_X509_LIMIT_EXCEEDED, "chain or name too long"},
    BrError{BR_ERR_X509_WRONG_KEY_TYPE, "wrong key type"},
    BrError{BR_ERR_X509_BAD_SIGNATURE, "a signature in the chain is invalid"},
    BrError{BR_ERR_X509_TIME_UNKNOWN, "time unknown"},
    BrError{BR_ERR_X509_EXPIRED, "expired or not yet valid"},
    BrError{BR_ERR_X509_DN_MISMATCH, "issuer name does not match the next subject"},
    BrError{BR_ERR_X509_BAD_SERVER_NAME, "the certificate does not cover the server name"},
    BrError{BR_ERR_X509_CRITICAL_EXTENSION, "unknown critical extension"},
    BrError{BR_ERR_X509_NOT_CA, "an issuing certificate is not a CA"},
    BrError{BR_ERR_X509_FORBIDDEN_KEY_USAGE, "key usage forbids this use"},
    BrError{BR_ERR_X509_WEAK_PUBLIC_KEY, "public key too weak"},
    BrError{BR_ERR_X509_NOT_TRUSTED, "no trust anchor for this chain"},
};

// RSA keys below 2048 bits are refused, as browsers have since 2014 (CA/Browser Forum
// Baseline Requirements §6.1.5); BearSSL's own floor is 1024.
constexpr std::size_t kMinRsaBits = 2048;

std::string br_error_name(int err) {
  for (const auto& e : kBrErrors)
    if (e.code == err) return std::string(e.name);
  return "malformed certificate (BearSSL error " + std::to_string(err) + ")";
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

json check(std::string name, bool ok, std::string detail) {
  return object_of("check", std::move(name), "ok", ok, "detail", std::move(detail));
}

// The path as certificates, and what is known of each link's signature from building it.
struct PathView {
  std::vector<const Certificate*> certs;
  const std::vector<bool>& signed_by_next;
  std::size_t size() const { return certs.size(); }
  const Certificate& operator[](std::size_t i) const { return *certs[i]; }
  const Certificate& back() const { return *certs.back(); }
};

json link_report(const PathView& path, std::size_t i, std::size_t sent_index,
                 const TrustStore& anchors, std::string_view host, std::int64_t now) {
  const Certificate& c = path[i];
  json checks = json::array();
  bool in_dates = now >= c.not_before && now <= c.not_after;
  checks.push_back(check("validity", in_dates,
                         "valid from " + der::format_time(c.not_before) + " to " +
                             der::format_time(c.not_after) + "; now is " + der::format_time(now)));
  if (i == 0) {
    auto matched = matching_name(c, host);
    checks.push_back(check("name", matched.has_value(),
                           matched ? std::string(host) + " matches " + *matched
                                   : std::string(host) + " is not among the names this "
                                                         "certificate covers"));
  } else {
    checks.push_back(check("is_ca", c.is_ca,
                           c.is_ca ? "basicConstraints says this is a CA"
                                   : "basicConstraints does not allow it to sign certificates"));
  }
  if (i + 1 < path.size()) {
    const Certificate& issuer = path[i + 1];
    checks.push_back(check("issuer_name", c.issuer_dn == issuer.subject_dn,
                           "issuer \"" + c.issuer + "\" vs next subject \"" + issuer.subject +
                               "\""));
    checks.push_back(check("signature", path.signed_by_next[i],
                           c.signature_algorithm + " by " + issuer.key.describe() + " of \"" +
                               issuer.subject + "\""));
  } else if (const Certificate* anchor = anchors.find_subject(c.issuer_dn)) {
    checks.push_back(check("trust_anchor", true, "issuer \"" + c.issuer + "\" is a trusted root"));
    checks.push_back(check("signature", signed_by(c, anchor->key),
                           c.signature_algorithm + " by the root's " + anchor->key.describe()));
  } else {
    checks.push_back(check("trust_anchor", false,
                           "issuer \"" + c.issuer + "\" is not among the " +
                               std::to_string(anchors.size()) + " trusted roots"));
  }
  json link = c.summary();
  link["index"] = sent_index;
  link["checks"] = std::move(checks);
  return link;
}

int run_bearssl(const PathView& chain, const TrustStore& anchors,
                std::string_view host, std::int64_t now, PublicKey& leaf_key, unsigned& usages) {
  br_x509_minimal_context xc;
  br_x509_minimal_init_full(&xc, anchors.anchors().data(), anchors.anchors().size());
  br_x509_minimal_set_minrsa(&xc, static_cast<int>(kMinRsaBits / 8));
  br_x509_minimal_set_rsa(&xc, rsa_pkcs1_vrfy());  // the engine's choice, and its memo
  // BearSSL counts days from 0000-01-01; the Unix epoch is day 719528.
  std::int64_t days = now >= 0 ? now / 86400 : (now - 86399) / 86400;
  br_x509_minimal_set_time(&xc, static_cast<std::uint32_t>(719528 + days),
                           static_cast<std::uint32_t>(now - days * 86400));
  std::string name(host);
  xc.vtable->start_chain(&xc.vtable, is_ip_literal(host) ? nullptr : name.c_str());
  for (const Certificate* c : chain.certs) {
    xc.vtable->start_cert(&xc.vtable, static_cast<std::uint32_t>(c->der.size()));
    xc.vtable->append(&xc.vtable, c->der.data(), c->der.size());
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

Error classify(int br_err, const PathView& chain, std::int64_t now) {
  std::string detail = "BearSSL: " + br_error_name(br_err);
  switch (br_err) {
    case BR_ERR_X509_EXPIRED:
      for (const Certificate* c : chain.certs)
        if (now > c->not_after)
          return {ErrorCode::cert_expired,
                  "\"" + c->subject + "\" expired on " + der::format_time(c->not_after)};
      for (const Certificate* c : chain.certs)
        if (now < c->not_before)
          return {ErrorCode::cert_not_yet_valid,
                  "\"" + c->subject + "\" is valid only from " + der::format_time(c->not_before)};
      return {ErrorCode::cert_expired, detail};
    case BR_ERR_X509_BAD_SERVER_NAME:
      return {ErrorCode::cert_name_invalid, detail};
    case BR_ERR_X509_WEAK_PUBLIC_KEY:
      for (const Certificate* c : chain.certs)
        if (c->key.type == PublicKey::Type::rsa && c->key.bits() < kMinRsaBits)
          return {ErrorCode::cert_weak_key, "the key of \"" + c->subject + "\" is " +
                                                c->key.describe() + "; at least " +
                                                std::to_string(kMinRsaBits) + " bits are required"};
      return {ErrorCode::cert_weak_key, detail};
    case BR_ERR_X509_NOT_TRUSTED:
      if (chain.size() == 1 && chain[0].self_issued())
        return {ErrorCode::cert_self_signed, "\"" + chain[0].subject + "\" signed itself"};
      return {ErrorCode::cert_authority_invalid,
              "no trusted root issued \"" + chain.back().issuer + "\""};
    default:
      return {ErrorCode::cert_invalid, detail};
  }
}

// The first certificate whose issuer's signature over it uses SHA-1 (SHAttered, 2017: SHA-1
// collisions are practical). A root's signature over itself is not relied upon: the root
// is trusted as it is.
const Certificate* sha1_signed(const PathView& chain) {
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const bool self_signed_root = i + 1 == chain.size() && chain[i].self_issued();
    if (!self_signed_root && chain[i].signature_kind && chain[i].signature_hash == Hash::sha1)
      return chain.certs[i];
  }
  return nullptr;
}

// What a learner reads about a path that is not simply the list as sent, in English and 中文.
// (Beside each other here until the engine has one notes table per language.)
struct PathNote {
  std::string_view en, zh;
};

constexpr PathNote kReorderedNote{
    "The server did not send its certificates in the order leaf, its issuer, that issuer's "
    "issuer. The client put the path together itself, as browsers do and as RFC 8446 §4.4.2 "
    "asks of every TLS client: the order changes nothing that the signatures prove.",
    "服务器发送证书的顺序不是“叶证书、它的签发者、签发者的签发者”。客户端像浏览器一样自己把证书"
    "路径拼接起来，RFC 8446 §4.4.2 也要求每个 TLS 客户端这样做：顺序不会改变签名所证明的任何内容。"};

PathNote unused_note(UnusedReason reason) {
  switch (reason) {
    case UnusedReason::duplicate:
      return {"A second copy of a certificate already on the path: it adds nothing and is "
              "ignored.",
              "与路径上某张证书完全相同的副本：它没有带来任何新内容，因此被忽略。"};
    case UnusedReason::trusted_root:
      return {"A root the client already trusts. Sending it is allowed but changes nothing: "
              "trust comes from the client's own copy, never from the one a server sends "
              "(RFC 8446 §4.4.2 lets the server leave it out).",
              "客户端本来就信任的根证书。服务器可以发送它，但这不改变任何结果：信任来自客户端自己"
              "保存的那一份，而不是服务器发来的这一份（RFC 8446 §4.4.2 允许服务器省略它）。"};
    case UnusedReason::not_on_path:
      break;
  }
  return {"It issued no certificate on the path from the leaf to a trusted root: an extra "
          "certificate, often left over from an old configuration or belonging to another "
          "chain. Browsers ignore such certificates, since only the signatures along the path "
          "count, and RFC 8446 §4.4.2 asks clients to be prepared for them.",
          "它没有签发从叶证书到受信任根证书的路径上的任何一张证书：这是一张多余的证书，常常是"
          "旧配置的遗留，或属于另一条证书链。浏览器会忽略这样的证书，因为只有路径上的签名才算数；"
          "RFC 8446 §4.4.2 也要求客户端对此有所准备。"};
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
    report["note"] = kReorderedNote.en;
    report["note_zh"] = kReorderedNote.zh;
  }
  json unused = json::array();
  for (const UnusedCertificate& u : unused_certificates(sent, built, anchors)) {
    const PathNote note = unused_note(u.reason);
    unused.push_back(object_of("index", u.index, "subject", sent[u.index].subject, "issuer",
                               sent[u.index].issuer, "reason", unused_reason_name(u.reason),
                               "note", note.en, "note_zh", note.zh));
  }
  report["unused"] = std::move(unused);
}

}  // namespace

bool is_ip_literal(std::string_view host) { return canonical_ip(host).has_value(); }

ChainVerdict validate_chain(const std::vector<Certificate>& sent, const TrustStore& anchors,
                            std::string_view host, std::int64_t now) {
  ChainVerdict v;
  // Building the path checks each candidate link's signature, and BearSSL's validator then
  // finds each RSA check already made (the two would otherwise double the handshake's
  // costliest work).
  RsaVerifyMemo shared_rsa_checks;
  const CertPath built = build_path(sent, anchors);
  PathView chain{{}, built.signed_by_next};
  for (std::size_t i : built.order) chain.certs.push_back(&sent[i]);
  json links = json::array();
  for (std::size_t i = 0; i < chain.size(); ++i)
    links.push_back(link_report(chain, i, built.order[i], anchors, host, now));
  v.report = {{"host", host}, {"now", der::format_time(now)}, {"links", links},
              {"anchors", anchors.size()}, {"validator", "BearSSL br_x509_minimal"}};
  path_report(sent, built, anchors, v.report);
  if (chain.size() == 0) {
    v.error = Error{ErrorCode::cert_invalid, "the server sent no certificate"};
    v.report["verdict"] = "empty chain";
    return v;
  }
  PublicKey key;
  unsigned usages = 0;
  int err = run_bearssl(chain, anchors, host, now, key, usages);
  if (err == BR_ERR_OK && is_ip_literal(host) && !matching_name(chain[0], host))
    err = BR_ERR_X509_BAD_SERVER_NAME;  // BearSSL matches DNS names only; IPs are ours
  if (err == BR_ERR_OK && !(usages & BR_KEYTYPE_SIGN)) err = BR_ERR_X509_FORBIDDEN_KEY_USAGE;
  if (const Certificate* anchor = anchors.find_subject(chain.back().issuer_dn))
    v.report["anchor"] = anchor->subject;
  if (err != BR_ERR_OK) {
    v.error = classify(err, chain, now);
    v.report["verdict"] = br_error_name(err);
    return v;
  }
  if (const Certificate* weak = sha1_signed(chain)) {
    v.error = Error{ErrorCode::cert_weak_signature,
                    "\"" + weak->subject + "\" is signed with " + weak->signature_algorithm};
    v.report["verdict"] = "signed with SHA-1";
    return v;
  }
  v.report["verdict"] = "trusted";
  v.key = VerifiedServerKey(std::move(key));
  return v;
}

}  // namespace tlsscope
