// HKDF (RFC 5869) and TLS 1.3's HKDF-Expand-Label / Derive-Secret (RFC 8446 §7.1), on
// BearSSL's HMAC. BearSSL's own br_hkdf never hands out the PRK, which the key schedule needs
// to show, so Extract and Expand are spelled out here.
#pragma once
#include <string_view>

#include "tables/suites.hpp"
#include "tlsscope/bytes.hpp"

namespace tlsscope {

Bytes hmac(Hash h, ByteView key, ByteView data);
Bytes hkdf_extract(Hash h, ByteView salt, ByteView ikm);
Bytes hkdf_expand(Hash h, ByteView prk, ByteView info, std::size_t len);
/// HKDF-Expand(secret, HkdfLabel{length, "tls13 " + label, context}, length).
Bytes hkdf_expand_label(Hash h, ByteView secret, std::string_view label, ByteView context,
                        std::size_t len);

}  // namespace tlsscope
