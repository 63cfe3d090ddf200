// Trust anchors, parsed once and shared: a program that opens many connections (the page, the
// benchmarks, a crawler) loads its anchor set once and hands the same store to each Config.
#pragma once
#include <memory>
#include <span>
#include <string_view>

#include "tlsscope/bytes.hpp"

namespace tlsscope {

class TrustStore;  // x509/trust_store.hpp

/// Whether the connections that use one store share their certificate links' signature checks.
enum class LinkChecks {
  /// Each connection checks every signature of its chain itself (what a benchmark against
  /// another TLS library must do, since that library does too).
  per_connection,
  /// A link whose exact signature, signed bytes and issuer key some connection of this program
  /// already checked gets that check's answer (at most 256 kept; thread-safe), as a browser
  /// keeps the certificates it has verified: a load generator's thousand connections to one
  /// server check its chain's links once. Everything else about the chain (names, dates, path,
  /// usages) and the handshake's own signature are still checked per connection.
  shared,
};

/// The certificates in concatenated PEM text (e.g. /etc/ssl/certs/ca-certificates.crt).
std::shared_ptr<const TrustStore> load_trust_store_pem(std::string_view pem,
                                                       LinkChecks links = LinkChecks::per_connection);
/// DER certificates, one per element.
std::shared_ptr<const TrustStore> load_trust_store_der(std::span<const Bytes> certificates,
                                                       LinkChecks links = LinkChecks::per_connection);
/// DER certificates back to back (the page's trust-anchors.der). Bytes that do not start a
/// well-formed DER element end the list and count as one skipped certificate.
std::shared_ptr<const TrustStore> load_trust_store_der_bundle(
    ByteView certificates, LinkChecks links = LinkChecks::per_connection);
/// How many anchors the store holds, and how many certificates it could not use.
std::size_t trust_store_size(const TrustStore& store);
std::size_t trust_store_skipped(const TrustStore& store);

}  // namespace tlsscope
