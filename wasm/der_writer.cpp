#include "der_writer.hpp"

namespace inpage::der {
namespace {

constexpr std::uint8_t kBoolean = 0x01, kInteger = 0x02, kBitString = 0x03, kOctetString = 0x04,
                       kOid = 0x06, kUtf8String = 0x0c, kUtcTime = 0x17, kGeneralizedTime = 0x18,
                       kSequence = 0x30, kSet = 0x31;

struct CivilTime {
  std::int64_t year;
  int month, day, hour, minute, second;
};

// Days since 1970-01-01 → proleptic Gregorian date, counting in 400-year eras (146097 days)
// that start on March 1st, so the leap day is the last day of each era-year.
CivilTime civil(std::int64_t unix_seconds) {
  std::int64_t days = unix_seconds >= 0 ? unix_seconds / 86400 : (unix_seconds - 86399) / 86400;
  auto secs = static_cast<int>(unix_seconds - days * 86400);
  std::int64_t z = days + 719468;  // days from 0000-03-01
  std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  std::int64_t doe = z - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  auto day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  auto month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return {year, month, day, secs / 3600, secs / 60 % 60, secs % 60};
}

}  // namespace

Bytes tlv(std::uint8_t tag, const Bytes& content) {
  Bytes out{tag};
  std::size_t n = content.size();
  if (n < 0x80) {
    out.push_back(static_cast<std::uint8_t>(n));
  } else {
    Bytes len;
    for (; n; n >>= 8)
      len.insert(len.begin(), static_cast<std::uint8_t>(n & 0xff));
    out.push_back(static_cast<std::uint8_t>(0x80 | len.size()));
    out.insert(out.end(), len.begin(), len.end());
  }
  out.insert(out.end(), content.begin(), content.end());
  return out;
}

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& p : parts)
    out.insert(out.end(), p.begin(), p.end());
  return out;
}

Bytes sequence(std::initializer_list<Bytes> parts) { return tlv(kSequence, cat(parts)); }
Bytes set(std::initializer_list<Bytes> parts) { return tlv(kSet, cat(parts)); }

Bytes explicit_tag(int n, const Bytes& inner) {
  return tlv(static_cast<std::uint8_t>(0xa0 | n), inner);
}

Bytes unsigned_integer(const std::uint8_t* magnitude, std::size_t len) {
  while (len > 1 && magnitude[0] == 0) {
    ++magnitude;
    --len;
  }
  Bytes content;
  if (len == 0 || magnitude[0] & 0x80) content.push_back(0);
  content.insert(content.end(), magnitude, magnitude + len);
  return tlv(kInteger, content);
}

Bytes small_integer(std::uint8_t value) { return unsigned_integer(&value, 1); }
Bytes boolean(bool value) { return tlv(kBoolean, {static_cast<std::uint8_t>(value ? 0xff : 0)}); }
Bytes oid(std::initializer_list<std::uint8_t> encoded_arcs) { return tlv(kOid, encoded_arcs); }

Bytes utf8_string(std::string_view text) {
  return tlv(kUtf8String, Bytes(text.begin(), text.end()));
}

Bytes ia5_string_implicit(int context_tag, std::string_view text) {
  return tlv(static_cast<std::uint8_t>(0x80 | context_tag), Bytes(text.begin(), text.end()));
}

Bytes octet_string(const Bytes& content) { return tlv(kOctetString, content); }

Bytes bit_string(const Bytes& bits, std::uint8_t unused_bits) {
  Bytes content{unused_bits};
  content.insert(content.end(), bits.begin(), bits.end());
  return tlv(kBitString, content);
}

Bytes time(std::int64_t unix_seconds) {
  CivilTime c = civil(unix_seconds);
  bool utc_time = c.year >= 1950 && c.year <= 2049;
  Bytes text;
  auto digits = [&text](std::int64_t v, int width) {  // decimal, zero-padded (no printf in wasm)
    for (int i = width - 1; i >= 0; --i) {
      std::int64_t p = 1;
      for (int k = 0; k < i; ++k)
        p *= 10;
      text.push_back(static_cast<std::uint8_t>('0' + v / p % 10));
    }
  };
  digits(utc_time ? c.year % 100 : c.year, utc_time ? 2 : 4);
  for (int v : {c.month, c.day, c.hour, c.minute, c.second})
    digits(v, 2);
  text.push_back('Z');
  return tlv(utc_time ? kUtcTime : kGeneralizedTime, text);
}

}  // namespace inpage::der
