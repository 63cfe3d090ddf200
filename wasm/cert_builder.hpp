// The in-browser server's credentials, made fresh in the page: an EC P-256 CA key and leaf key
// (BearSSL's br_ec_keygen from a DRBG the caller seeds), a self-signed CA certificate and a leaf
// certificate for one DNS name signed by it — ECDSA with SHA-256, X.509 v3, written with
// der_writer.hpp. Nothing is stored: a new page load is a new CA.
#pragma once
#include <cstdint>
#include <string_view>

#include <bearssl.h>

#include "der_writer.hpp"

namespace inpage {

/// A P-256 key pair. Not copyable: sk.x points into priv.
struct EcKey {
  br_ec_private_key sk{};
  br_ec_public_key pk{};
  std::uint8_t priv[BR_EC_KBUF_PRIV_MAX_SIZE]{};
  std::uint8_t pub[BR_EC_KBUF_PUB_MAX_SIZE]{};

  EcKey() = default;
  EcKey(const EcKey&) = delete;
  EcKey& operator=(const EcKey&) = delete;
};

struct Pki {
  EcKey ca_key, leaf_key;
  der::Bytes ca_der, leaf_der;
};

/// How long the certificates are valid around `now`: an hour back for clocks that run slow,
/// thirty days ahead for a tab left open.
constexpr std::int64_t kValidBefore = 3600, kValidAfter = 30 * 86400;

/// Generates both keys and both certificates for `host`, valid around `now` (Unix seconds).
/// False only if BearSSL refuses a step (it does not for P-256 with a seeded DRBG).
bool make_pki(const br_prng_class** rng, std::int64_t now, std::string_view host, Pki& out);

}  // namespace inpage
