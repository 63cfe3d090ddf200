#include "cert_builder.hpp"

namespace inpage {
namespace {

using der::Bytes;

// Object identifiers, as their encoded arcs.
const Bytes kEcdsaWithSha256 =
    der::oid({0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02});  // 1.2.840.10045.4.3.2
const Bytes kEcPublicKey =
    der::oid({0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01});  // 1.2.840.10045.2.1
const Bytes kPrime256v1 =
    der::oid({0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07});  // 1.2.840.10045.3.1.7
const Bytes kCommonName = der::oid({0x55, 0x04, 0x03});          // 2.5.4.3
const Bytes kOrganization = der::oid({0x55, 0x04, 0x0a});        // 2.5.4.10
const Bytes kKeyUsage = der::oid({0x55, 0x1d, 0x0f});            // 2.5.29.15
const Bytes kSubjectAltName = der::oid({0x55, 0x1d, 0x11});      // 2.5.29.17
const Bytes kBasicConstraints = der::oid({0x55, 0x1d, 0x13});    // 2.5.29.19
const Bytes kExtKeyUsage = der::oid({0x55, 0x1d, 0x25});         // 2.5.29.37
const Bytes kServerAuth =
    der::oid({0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01});  // 1.3.6.1.5.5.7.3.1

constexpr std::string_view kOrganizationName = "tlsscope";
constexpr std::string_view kCaName = "tlsscope in-browser CA (made by this page)";

// keyUsage values (RFC 5280 §4.2.1.3): DER drops trailing zero bits, so the unused-bit count
// is what follows the last usage set.
const Bytes kUsageDigitalSignature = der::bit_string({0x80}, 7);  // bit 0
const Bytes kUsageCertAndCrlSign = der::bit_string({0x06}, 1);    // bits 5 and 6

Bytes name(std::string_view common_name) {
  auto rdn = [](const Bytes& type, std::string_view value) {
    return der::set({der::sequence({type, der::utf8_string(value)})});
  };
  return der::sequence({rdn(kOrganization, kOrganizationName), rdn(kCommonName, common_name)});
}

Bytes extension(const Bytes& id, bool critical, const Bytes& value) {
  return critical ? der::sequence({id, der::boolean(true), der::octet_string(value)})
                  : der::sequence({id, der::octet_string(value)});
}

Bytes public_key_info(const EcKey& key) {
  return der::sequence({der::sequence({kEcPublicKey, kPrime256v1}),
                        der::bit_string(Bytes(key.pk.q, key.pk.q + key.pk.qlen))});
}

// A positive serial of 16 random bytes (RFC 5280 §4.1.2.2: at most 20 octets, unique per CA).
Bytes serial(const br_prng_class** rng) {
  std::uint8_t bytes[16];
  (*rng)->generate(rng, bytes, sizeof bytes);
  bytes[0] = static_cast<std::uint8_t>((bytes[0] & 0x7f) | 0x40);
  return der::unsigned_integer(bytes, sizeof bytes);
}

bool generate(const br_prng_class** rng, EcKey& key) {
  const br_ec_impl* ec = br_ec_get_default();
  return br_ec_keygen(rng, ec, &key.sk, key.priv, BR_EC_secp256r1) != 0 &&
         br_ec_compute_pub(ec, &key.pk, key.pub, &key.sk) != 0;
}

// Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }, the
// signature by `issuer_key` over the DER of the TBSCertificate.
bool sign(const Bytes& tbs, const EcKey& issuer_key, Bytes& out) {
  br_sha256_context h;
  br_sha256_init(&h);
  br_sha256_update(&h, tbs.data(), tbs.size());
  std::uint8_t hash[br_sha256_SIZE];
  br_sha256_out(&h, hash);
  std::uint8_t sig[80];  // an ASN.1 ECDSA P-256 signature is at most 72 bytes
  std::size_t len = br_ecdsa_sign_asn1_get_default()(br_ec_get_default(), &br_sha256_vtable, hash,
                                                     &issuer_key.sk, sig);
  if (len == 0) return false;
  out = der::sequence(
      {tbs, der::sequence({kEcdsaWithSha256}), der::bit_string(Bytes(sig, sig + len))});
  return true;
}

Bytes tbs(const br_prng_class** rng, std::int64_t now, const Bytes& issuer, const Bytes& subject,
          const EcKey& subject_key, const Bytes& extensions) {
  return der::sequence(
      {der::explicit_tag(0, der::small_integer(2)),  // v3
       serial(rng), der::sequence({kEcdsaWithSha256}), issuer,
       der::sequence({der::time(now - kValidBefore), der::time(now + kValidAfter)}), subject,
       public_key_info(subject_key), der::explicit_tag(3, extensions)});
}

}  // namespace

bool make_pki(const br_prng_class** rng, std::int64_t now, std::string_view host, Pki& out) {
  if (!generate(rng, out.ca_key) || !generate(rng, out.leaf_key)) return false;
  const Bytes ca_name = name(kCaName);
  const Bytes ca_extensions = der::sequence({
      extension(kBasicConstraints, true, der::sequence({der::boolean(true)})),  // cA: TRUE
      extension(kKeyUsage, true, kUsageCertAndCrlSign),
  });
  const Bytes leaf_extensions = der::sequence({
      extension(kBasicConstraints, true, der::sequence({})),  // cA: FALSE (the default)
      extension(kKeyUsage, true, kUsageDigitalSignature),
      extension(kExtKeyUsage, false, der::sequence({kServerAuth})),
      extension(kSubjectAltName, false,
                der::sequence({der::ia5_string_implicit(2, host)})),  // dNSName
  });
  return sign(tbs(rng, now, ca_name, ca_name, out.ca_key, ca_extensions), out.ca_key, out.ca_der) &&
         sign(tbs(rng, now, ca_name, name(host), out.leaf_key, leaf_extensions), out.ca_key,
              out.leaf_der);
}

}  // namespace inpage
