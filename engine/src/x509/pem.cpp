#include "x509/pem.hpp"

#include <array>
#include <optional>
#include <string_view>

namespace tlsscope {
namespace {

// Base64 (RFC 4648 §4) digit values; -1 for every other byte. (BearSSL's PEM decoder is an
// interpreted state machine that cost more per handshake than a whole X25519 operation did.)
constexpr std::array<signed char, 256> kBase64 = [] {
  std::array<signed char, 256> t{};
  t.fill(-1);
  constexpr std::string_view digits =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (std::size_t i = 0; i < digits.size(); ++i)
    t[static_cast<unsigned char>(digits[i])] = static_cast<signed char>(i);
  return t;
}();

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The text between "-----BEGIN " / "-----END " and the closing "-----" of `line`, if it is
// such a line.
std::optional<std::string_view> boundary(std::string_view line, std::string_view kind) {
  while (!line.empty() && is_space(line.back())) line.remove_suffix(1);
  const std::string_view dashes = "-----";
  if (line.substr(0, dashes.size()) != dashes) return std::nullopt;
  line.remove_prefix(dashes.size());
  if (line.substr(0, kind.size()) != kind || line.size() < kind.size() + dashes.size() ||
      line.substr(line.size() - dashes.size()) != dashes)
    return std::nullopt;
  return line.substr(kind.size(), line.size() - kind.size() - dashes.size());
}

// Base64 text decoded a line at a time: whitespace skipped, '=' only at the end, and the
// digits and padding in whole groups of four (RFC 7468 §3's strict form).
class Base64 {
 public:
  /// False on a byte that is not base64, or a digit after '='.
  bool add_line(std::string_view line) {
    for (char c : line) {
      if (is_space(c)) continue;
      if (c == '=') {
        ++padding_;
        continue;
      }
      const int v = kBase64[static_cast<unsigned char>(c)];
      if (v < 0 || padding_) return false;
      ++digits_;
      acc_ = acc_ << 6 | static_cast<std::uint32_t>(v);
      if ((bits_ += 6) >= 8) {
        bits_ -= 8;
        out_.push_back(static_cast<std::uint8_t>(acc_ >> bits_));
      }
    }
    return true;
  }
  /// The decoded bytes, if the digits and padding made whole groups of four.
  std::optional<Bytes> finish() {
    if ((digits_ + padding_) % 4 != 0 || padding_ > 2 || (acc_ & ((1u << bits_) - 1)) != 0)
      return std::nullopt;
    return std::move(out_);
  }

 private:
  Bytes out_;
  std::uint32_t acc_ = 0;
  int bits_ = 0;  // decoded bits not yet a whole byte (the low bits of acc_)
  std::size_t digits_ = 0, padding_ = 0;
};

}  // namespace

std::vector<Bytes> pem_objects(std::string_view text, std::string_view label, bool* malformed) {
  if (malformed) *malformed = false;
  std::vector<Bytes> out;
  bool inside = false;
  std::string_view object_label;
  Base64 body;
  while (!text.empty()) {
    const std::size_t eol = text.find('\n');
    const std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    if (!inside) {
      if (auto begin = boundary(line, "BEGIN ")) {
        inside = true;
        object_label = *begin;
        body = Base64{};
      }
      continue;
    }
    if (boundary(line, "END ")) {
      auto der = body.finish();
      if (!der) break;
      if (object_label == label) out.push_back(std::move(*der));
      inside = false;
    } else if (!body.add_line(line)) {
      break;
    }
  }
  if (inside && malformed) *malformed = true;  // bad base64, or no END line
  return out;
}

}  // namespace tlsscope
