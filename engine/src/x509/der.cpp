#include "x509/der.hpp"

#include "tlsscope/bytes.hpp"

namespace tlsscope::der {

bool next(Reader& r, Element& out) {
  std::size_t start = r.pos();
  out.offset = start;
  out.tag = r.u8();
  if ((out.tag & 0x1f) == 0x1f) r.fail();  // multi-byte tags never occur in certificates
  std::size_t len = r.u8();
  if (len & 0x80) {
    int n = static_cast<int>(len & 0x7f);
    if (n == 0 || n > 4) {  // indefinite lengths are not DER; >4 GiB is absurd
      r.fail();
      return false;
    }
    len = 0;
    for (int i = 0; i < n; ++i) len = len << 8 | r.u8();
  }
  out.content = r.bytes(len);
  if (r.ok()) out.whole = r.since(start);
  return r.ok();
}

bool expect(Reader& r, std::uint8_t tag, Element& out) {
  if (!next(r, out)) return false;
  if (out.tag != tag) r.fail();
  return r.ok();
}

std::string oid_to_string(ByteView c) {
  std::string s;
  std::uint64_t v = 0;
  bool first = true;
  for (auto b : c) {
    v = v << 7 | (b & 0x7f);
    if (b & 0x80) continue;
    if (first) {
      std::uint64_t a = v < 80 ? v / 40 : 2;
      s = std::to_string(a) + "." + std::to_string(v - a * 40);
      first = false;
    } else {
      s += "." + std::to_string(v);
    }
    v = 0;
  }
  return s;
}

namespace {

// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool digits(ByteView c, std::size_t at, std::size_t n, unsigned& out) {
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (i >= c.size() || c[i] < '0' || c[i] > '9') return false;
    out = out * 10 + (c[i] - '0');
  }
  return true;
}

}  // namespace

bool parse_time(std::uint8_t tag, ByteView c, std::int64_t& out) {
  // RFC 5280 §4.1.2.5: UTCTime YYMMDDHHMMSSZ, GeneralizedTime YYYYMMDDHHMMSSZ.
  std::size_t ylen = tag == kUtcTime ? 2 : 4;
  if (c.size() != ylen + 11 || c.back() != 'Z') return false;
  unsigned y, mo, d, h, mi, s;
  if (!digits(c, 0, ylen, y) || !digits(c, ylen, 2, mo) || !digits(c, ylen + 2, 2, d) ||
      !digits(c, ylen + 4, 2, h) || !digits(c, ylen + 6, 2, mi) || !digits(c, ylen + 8, 2, s))
    return false;
  if (tag == kUtcTime) y += y >= 50 ? 1900 : 2000;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return false;
  out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
  return true;
}

std::string format_time(std::int64_t t) {
  std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  std::int64_t secs = t - days * 86400;
  // civil_from_days (H. Hinnant)
  std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
  const auto two = [](std::int64_t v) { return decimal_number(v, 2); };
  return decimal_number(y, 4) + "-" + two(m) + "-" + two(d) + " " + two(secs / 3600) + ":" +
         two(secs / 60 % 60) + ":" + two(secs % 60) + " UTC";
}

}  // namespace tlsscope::der
