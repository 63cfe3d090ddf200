// Just enough DER (X.690) to write two X.509 certificates: each function returns one complete
// element (tag, definite length, content), so a certificate reads as nested calls in the order
// of RFC 5280's ASN.1. The engine's reader (engine/src/x509/der.hpp) is the other direction.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace inpage::der {

using Bytes = std::vector<std::uint8_t>;

/// tag + length + content.
Bytes tlv(std::uint8_t tag, const Bytes& content);
/// The elements back to back (the content of a SEQUENCE, a SET, an explicit tag).
Bytes cat(std::initializer_list<Bytes> parts);
Bytes sequence(std::initializer_list<Bytes> parts);
Bytes set(std::initializer_list<Bytes> parts);
/// [n] EXPLICIT: a constructed context tag around one element.
Bytes explicit_tag(int n, const Bytes& inner);

/// A non-negative INTEGER from big-endian magnitude bytes (leading zeros dropped, one 0x00
/// added when the top bit is set, so it stays positive).
Bytes unsigned_integer(const std::uint8_t* magnitude, std::size_t len);
Bytes small_integer(std::uint8_t value);
Bytes boolean(bool value);
/// An OBJECT IDENTIFIER from its already-encoded arcs (the bytes after tag and length).
Bytes oid(std::initializer_list<std::uint8_t> encoded_arcs);
Bytes utf8_string(std::string_view text);
Bytes ia5_string_implicit(int context_tag, std::string_view text);
Bytes octet_string(const Bytes& content);
/// A BIT STRING whose last `unused_bits` bits are padding.
Bytes bit_string(const Bytes& bits, std::uint8_t unused_bits = 0);
/// RFC 5280 §4.1.2.5: UTCTime for 1950–2049, GeneralizedTime otherwise, always in UTC.
Bytes time(std::int64_t unix_seconds);

}  // namespace inpage::der
