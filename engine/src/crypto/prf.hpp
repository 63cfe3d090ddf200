// The TLS 1.2 PRF (RFC 5246 §5): P_hash(secret, label + seed), with the suite's hash.
#pragma once
#include <initializer_list>
#include <string_view>

#include "tables/suites.hpp"
#include "tlsscope/bytes.hpp"

namespace tlsscope {

/// PRF(secret, label, seed_1 + seed_2 + …) truncated to len bytes. Only SHA-256 and SHA-384
/// are TLS 1.2 PRF hashes; any other hash uses SHA-256.
Bytes tls12_prf(Hash h, ByteView secret, std::string_view label,
                std::initializer_list<ByteView> seeds, std::size_t len);

}  // namespace tlsscope
