// Trust anchors, parsed once and shared: a program that opens many connections (the page, the
// benchmarks, a crawler) loads its anchor set once and hands the same store to each Config.
#pragma once
#include <memory>
#include <span>
#include <string_view>

#include "tlsscope/bytes.hpp"

namespace tlsscope {

class TrustStore;  // x509/trust_store.hpp

/// The certificates in concatenated PEM text (e.g. /etc/ssl/certs/ca-certificates.crt).
std::shared_ptr<const TrustStore> load_trust_store_pem(std::string_view pem);
/// DER certificates, one per element.
std::shared_ptr<const TrustStore> load_trust_store_der(std::span<const Bytes> certificates);
/// DER certificates back to back (the page's trust-anchors.der). Bytes that do not start a
/// well-formed DER element end the list and count as one skipped certificate.
std::shared_ptr<const TrustStore> load_trust_store_der_bundle(ByteView certificates);
/// How many anchors the store holds, and how many certificates it could not use.
std::size_t trust_store_size(const TrustStore& store);
std::size_t trust_store_skipped(const TrustStore& store);

}  // namespace tlsscope
