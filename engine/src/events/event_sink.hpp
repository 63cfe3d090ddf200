// The one place events are born, each with its seq. Only choke points call these builders: the
// record layer, dispatcher and Context's senders (messages), handshake/proofs (checks), Context's
// reporters and key installation (secrets), the connection (errors); see docs/events.md.
#pragma once
#include <cstdint>
#include <span>
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
  /// Adds "seq" and queues the event; returns its seq.
  std::uint64_t emit(json event);
  std::vector<json> take();

  /// A protocol message and the records that carried it (the "seq" of their "record" events;
  /// empty when they are not written yet: see stamp_records). An incoming handshake message
  /// also names the handshake state it arrived in (handshake/table.hpp). It is also where the
  /// events that belong to a message get its seq as "message_seq" (docs/events.md): the
  /// secrets and checks made while a received message is handled, a tamper report just before
  /// the received message it altered, and a secret of the same step just before an outgoing
  /// message (the client's verify_data, which its Finished carries).
  void message(std::string_view step, std::string_view dir, ByteView bytes, json fields,
               json summary, std::span<const std::uint64_t> records = {},
               std::string_view state = {});
  /// Sets "records" on the queued event `seq` (an outgoing message, once its records exist).
  void stamp_records(std::uint64_t seq, std::span<const std::uint64_t> records);
  /// The seq the next event will get.
  std::uint64_t next_seq() const { return seq_; }
  /// A derived secret named `name`, shown under `step`, with the function that derived it
  /// and the inputs it took; `about` says what this run did with it (note / note_zh).
  void secret(std::string_view step, std::string_view name, ByteView value, std::string function,
              std::vector<SecretInput> inputs, std::string label = {},
              std::optional<Note> about = std::nullopt);
  void check(std::string_view step, bool ok, json detail);

 private:
  /// Sets "message_seq" on the queued events of `type` and `step` since the last message event.
  void claim_preceding(std::string_view type, std::string_view step, std::uint64_t message_seq);

  std::vector<json> events_;
  std::uint64_t seq_ = 0;
  std::optional<std::uint64_t> handling_;  // the received message being handled, once there is one
};

}  // namespace tlsscope
