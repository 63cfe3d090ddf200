// The demo origin's badssl-style variants: one loopback port each, next to the main origin
// (8443 → 8444, 8445, …), each wrong in exactly one way a learner should see a client refuse,
// or restricted to one TLS version. The page lists them from GET /variants.json.
#pragma once

#include <span>
#include <string_view>

namespace tlsscope::relay {

struct demo_variant {
  std::string_view name;         // short and stable: "expired", "tls12-only"
  std::string_view certificate;  // empty: the demo chain; else a demo_pki bad certificate
  int min_version;               // TLS1_2_VERSION / TLS1_3_VERSION
  int max_version;
  bool below_openssl_security_level;  // OpenSSL must be told to serve it anyway
  std::string_view expect;  // "ok", or the engine's error code for a client trusting /ca.pem
  std::string_view title_en;
  std::string_view title_zh;
};

/// In port order: the variant at index i listens on the main origin's port + 1 + i.
std::span<const demo_variant> demo_variants();

}  // namespace tlsscope::relay
