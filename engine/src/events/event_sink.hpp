// The one place events are born: every event gets its sequence number here, and the few
// choke points (record layer, message dispatcher, key installation, errors) call these
// builders so no handler can forget to report (docs/events.md).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tables/notes.hpp"
#include "tlsscope/bytes.hpp"

namespace tlsscope {

using json = nlohmann::json;

/// One named input of a derived secret.
struct SecretInput {
  std::string name;
  std::string value_hex;
};

class EventSink {
 public:
  /// Adds "seq" and queues the event.
  void emit(json event);
  std::vector<json> take();

  void message(std::string_view step, std::string_view dir, ByteView bytes, json fields,
               json summary);
  /// A derived secret named `name`, shown under `step`, with the function that derived it
  /// and the inputs it took; `about` says what this run did with it (note / note_zh).
  void secret(std::string_view step, std::string_view name, ByteView value, std::string function,
              std::vector<SecretInput> inputs, std::string label = {},
              std::optional<Note> about = std::nullopt);
  void check(std::string_view step, bool ok, json detail);

 private:
  std::vector<json> events_;
  std::uint64_t seq_ = 0;
};

}  // namespace tlsscope
