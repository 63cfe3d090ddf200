// Alert (RFC 5246 §7.2, RFC 8446 §6): a level and a description, two bytes in their own
// record. One codec for alerts in both directions, so their field tree is built in one place.
#pragma once
#include <cstdint>

#include "msgs/handshake.hpp"

namespace tlsscope {

constexpr std::uint8_t kAlertWarning = 1, kAlertFatal = 2;

struct Alert {
  std::uint8_t level = 0;
  std::uint8_t description = 0;
};

/// The two bytes of an alert record.
std::array<std::uint8_t, 2> encode_alert(Alert a);
/// Reads an alert record's payload; it must be exactly two bytes.
std::optional<Error> decode_alert(ByteView payload, Alert& out);
/// The "alert" event for `a` travelling in `dir` ("in" / "out"): level, description, bytes and
/// its field tree.
json alert_event(std::string_view dir, Alert a);

}  // namespace tlsscope
