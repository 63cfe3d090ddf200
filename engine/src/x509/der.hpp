// Just enough DER (X.690) to summarise certificates: definite lengths, one-byte tags, and
// every length checked against what encloses it.
#pragma once
#include <cstdint>
#include <string>

#include "codec/reader.hpp"

namespace tlsscope::der {

constexpr std::uint8_t kBoolean = 0x01, kInteger = 0x02, kBitString = 0x03, kOctetString = 0x04,
                       kNull = 0x05, kOid = 0x06, kUtf8String = 0x0c, kPrintableString = 0x13,
                       kT61String = 0x14, kIa5String = 0x16, kUtcTime = 0x17,
                       kGeneralizedTime = 0x18, kBmpString = 0x1e, kSequence = 0x30, kSet = 0x31;
constexpr std::uint8_t context(int n, bool constructed) {
  return static_cast<std::uint8_t>(0x80 | (constructed ? 0x20 : 0) | n);
}

struct Element {
  std::uint8_t tag = 0;
  ByteView whole;    // tag + length + content
  ByteView content;
  std::size_t offset = 0;  // of the tag byte, relative to the enclosing reader's base
};

/// Reads the next element; false (and r failed) if it is malformed.
bool next(Reader& r, Element& out);
/// Reads the next element and requires its tag.
bool expect(Reader& r, std::uint8_t tag, Element& out);

std::string oid_to_string(ByteView content);
/// Seconds since the Unix epoch for a UTCTime/GeneralizedTime, or false if malformed.
bool parse_time(std::uint8_t tag, ByteView content, std::int64_t& out);
/// "2025-05-20 00:00:00 UTC".
std::string format_time(std::int64_t unix_seconds);

}  // namespace tlsscope::der
