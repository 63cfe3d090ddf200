#include "msgs/tamper.hpp"

#include <array>
#include <utility>

#include "x509/der.hpp"

namespace tlsscope {
namespace {

using Target = Tamper::Target;

constexpr std::array<std::pair<Target, std::string_view>, 4> kNames = {{
    {Target::server_key_exchange_signature, "server_key_exchange_signature"},
    {Target::certificate, "certificate"},
    {Target::server_finished, "server_finished"},
    {Target::certificate_verify, "certificate_verify"},
}};

std::optional<TamperSpan> span_of(const Reader& r, ByteView bytes) {
  if (!r.ok() || bytes.empty()) return std::nullopt;
  return TamperSpan{r.pos() - bytes.size(), bytes.size()};
}

// The content of the element just read, with its absolute offset, as a reader.
Reader content_reader(const der::Element& e) {
  return Reader(e.content, e.offset + e.whole.size() - e.content.size());
}

// The leaf's signatureValue (RFC 5280 §4.1.1.3): the BIT STRING after tbsCertificate and
// signatureAlgorithm, without its unused-bits byte.
std::optional<TamperSpan> leaf_signature(const HandshakeMessage& msg, bool tls13) {
  Reader r = body_reader(msg.bytes);
  if (tls13) r.sub_prefixed(1);  // certificate_request_context
  Reader list = r.sub_prefixed(3);
  Reader leaf = list.sub_prefixed(3);
  der::Element cert, tbs, algorithm, signature;
  if (!der::expect(leaf, der::kSequence, cert)) return std::nullopt;
  Reader inner = content_reader(cert);
  if (!der::expect(inner, der::kSequence, tbs) || !der::expect(inner, der::kSequence, algorithm) ||
      !der::expect(inner, der::kBitString, signature) || signature.content.size() < 2)
    return std::nullopt;
  Reader bits = content_reader(signature);
  bits.u8();  // unused bits
  return span_of(bits, bits.bytes(bits.remaining()));
}

// ServerKeyExchange (RFC 8422 §5.4): curve_type, named_curve, public key, then the signature.
std::optional<TamperSpan> ske_signature(const HandshakeMessage& msg) {
  Reader r = body_reader(msg.bytes);
  r.u8();
  r.u16();
  r.sub_prefixed(1);
  r.u16();  // signature scheme
  std::size_t len = r.u16();
  return span_of(r, r.bytes(len));
}

// CertificateVerify (RFC 8446 §4.4.3): scheme, then the signature.
std::optional<TamperSpan> certificate_verify_signature(const HandshakeMessage& msg) {
  Reader r = body_reader(msg.bytes);
  r.u16();
  std::size_t len = r.u16();
  return span_of(r, r.bytes(len));
}

}  // namespace

std::optional<TamperSpan> tamper_span(Target target, const HandshakeMessage& msg, bool tls13) {
  auto type = static_cast<HandshakeType>(msg.type);
  switch (target) {
    case Target::none:
      return std::nullopt;
    case Target::server_key_exchange_signature:
      if (tls13 || type != HandshakeType::server_key_exchange) return std::nullopt;
      return ske_signature(msg);
    case Target::certificate:
      if (type != HandshakeType::certificate) return std::nullopt;
      return leaf_signature(msg, tls13);
    case Target::server_finished:
      if (type != HandshakeType::finished || msg.bytes.size() <= kHandshakeHeaderLen)
        return std::nullopt;
      return TamperSpan{kHandshakeHeaderLen, msg.bytes.size() - kHandshakeHeaderLen};
    case Target::certificate_verify:
      if (!tls13 || type != HandshakeType::certificate_verify) return std::nullopt;
      return certificate_verify_signature(msg);
  }
  return std::nullopt;
}

std::string_view tamper_target_name(Target target) {
  for (const auto& [t, name] : kNames)
    if (t == target) return name;
  return "none";
}

std::optional<Target> tamper_target_by_name(std::string_view name) {
  for (const auto& [t, n] : kNames)
    if (n == name) return t;
  return std::nullopt;
}

}  // namespace tlsscope
