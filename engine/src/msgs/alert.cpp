#include "msgs/alert.hpp"

#include "events/field.hpp"
#include "tables/notes.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope {
namespace {

const char* level_name(std::uint8_t level) { return level == kAlertFatal ? "fatal" : "warning"; }

}  // namespace

std::array<std::uint8_t, 2> encode_alert(Alert a) { return {a.level, a.description}; }

std::optional<Error> decode_alert(ByteView payload, Alert& out) {
  if (payload.size() != 2)
    return noted_error(ErrorCode::decode_error, note(NoteId::err_alert_length));
  out = {payload[0], payload[1]};
  return std::nullopt;
}

json alert_event(std::string_view dir, Alert a) {
  auto bytes = encode_alert(a);
  return object_of(
      "type", "alert", "step", "alert", "dir", dir, "level", level_name(a.level), "description",
      alert_name(a.description), "code", a.description, "bytes", to_hex(bytes), "fields",
      json::array({field("level", level_name(a.level), 0, 1, note(NoteId::alert_level)),
                   field("description", alert_name(a.description), 1, 1,
                         std::to_string(a.description))}));
}

}  // namespace tlsscope
