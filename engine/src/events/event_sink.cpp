#include "events/event_sink.hpp"

#include "events/field.hpp"

#include <algorithm>

namespace tlsscope {
namespace {

// A parser that runs out of bytes still names the fields it expected (its error says what was
// cut short); their ranges are clipped to the bytes that arrived, so every node stays inside
// the message as docs/events.md promises and the page never highlights bytes that are not there.
// Nearly every node already fits, so each is looked up once and written only if it does not.
void clip_fields(json& fields, std::size_t size) {
  for (json& f : fields) {
    auto* node = f.get_ptr<json::object_t*>();
    if (!node) continue;
    auto offset = node->find("offset"), length = node->find("length");
    if (offset == node->end() || length == node->end()) continue;
    const auto at = offset->second.get<std::size_t>(), len = length->second.get<std::size_t>();
    if (at > size) offset->second = size;
    if (len > size - std::min(at, size)) length->second = size - std::min(at, size);
    if (auto children = node->find("children"); children != node->end())
      clip_fields(children->second, size);
  }
}

// Whether an event's string field `key` is `value`: read in place, where `event[key] == value`
// builds a json of each side and compares them (and that generic compare was 0.7 KB of .wasm).
bool field_is(const json& event, const char* key, std::string_view value) {
  auto f = event.find(key);
  return f != event.end() && f->is_string() && f->get_ref<const std::string&>() == value;
}

json records_json(std::span<const std::uint64_t> records) {
  json a = json::array();
  for (auto r : records) a.push_back(r);
  return a;
}

}  // namespace

std::uint64_t EventSink::emit(json event) {
  event["seq"] = seq_;
  events_.push_back(std::move(event));
  return seq_++;
}

std::vector<json> EventSink::take() { return std::exchange(events_, {}); }

void EventSink::message(std::string_view step, std::string_view dir, ByteView bytes,
                        json fields, json summary, std::span<const std::uint64_t> records,
                        std::string_view state) {
  clip_fields(fields, bytes.size());
  json e = object_of("type", "message", "step", step, "dir", dir, "length", bytes.size(), "bytes",
                     to_hex(bytes), "fields", std::move(fields), "summary", std::move(summary),
                     "records", records_json(records));
  if (!state.empty()) e["state"] = state;
  const std::uint64_t seq = seq_;
  if (dir == "in") {
    claim_preceding("tamper", step, seq);
    handling_ = seq;
  } else {
    claim_preceding("secret", step, seq);
  }
  emit(std::move(e));
}

void EventSink::claim_preceding(std::string_view type, std::string_view step,
                                std::uint64_t message_seq) {
  for (auto it = events_.rbegin(); it != events_.rend() && !field_is(*it, "type", "message"); ++it)
    if (field_is(*it, "type", type) && field_is(*it, "step", step)) (*it)["message_seq"] = message_seq;
}

void EventSink::stamp_records(std::uint64_t seq, std::span<const std::uint64_t> records) {
  // Events are queued in seq order and take() empties the queue, so the queue's first event
  // tells where `seq` sits.
  if (events_.empty()) return;
  std::uint64_t first = events_.front()["seq"].get<std::uint64_t>();
  if (seq < first || seq - first >= events_.size()) return;
  events_[static_cast<std::size_t>(seq - first)]["records"] = records_json(records);
}

void EventSink::secret(std::string_view step, std::string_view name, ByteView value,
                       std::string function, std::vector<SecretInput> inputs, std::string label,
                       std::optional<Note> about) {
  json in = json::array();
  for (auto& i : inputs)
    in.push_back(object_of("name", std::move(i.name), "value", std::move(i.value_hex)));
  json e = object_of("type", "secret", "step", step, "name", name, "value", to_hex(value),
                     "length", value.size(), "function", std::move(function), "inputs",
                     std::move(in));
  if (!label.empty()) e["label"] = std::move(label);
  if (std::string zh = secret_function_zh(e["function"].get_ref<const std::string&>());
      zh != e["function"].get_ref<const std::string&>())
    e["function_zh"] = std::move(zh);
  if (about) set_note(e, std::move(*about));
  if (handling_) e["message_seq"] = *handling_;
  emit(std::move(e));
}

void EventSink::check(std::string_view step, bool ok, json detail) {
  if (auto f = detail.find("function"); f != detail.end() && f->is_string())
    detail["function_zh"] = secret_function_zh(f->get_ref<const std::string&>());
  detail["type"] = "check";
  detail["step"] = step;
  detail["ok"] = ok;
  if (handling_) detail["message_seq"] = *handling_;
  emit(std::move(detail));
}

}  // namespace tlsscope
