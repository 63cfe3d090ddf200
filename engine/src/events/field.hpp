// Field-tree nodes: every node says what a run of bytes is (name), what it holds (value), what
// it means (note) and where it is (offset and length within the message), so the page's hex
// view can highlight it (docs/events.md, "Field trees").
#pragma once
#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "codec/reader.hpp"
#include "tlsscope/bytes.hpp"
#include "tables/notes.hpp"

namespace tlsscope {

using json = nlohmann::json;

inline void put(json::object_t&) {}
template <class V, class... Rest>
void put(json::object_t& o, const char* key, V&& value, Rest&&... rest) {
  o.emplace(key, std::forward<V>(value));
  put(o, std::forward<Rest>(rest)...);
}

/// object_of("k1", v1, "k2", v2, …) is the JSON object {"k1": v1, "k2": v2, …}, built key by
/// key. nlohmann's braced form {{"k1", v1}, …} first makes every pair a two-element array and
/// then copies it in, which was a good part of each event's cost (docs/performance.md).
template <class... KeysAndValues>
json object_of(KeysAndValues&&... kv) {
  json j(json::value_t::object);
  put(*j.get_ptr<json::object_t*>(), std::forward<KeysAndValues>(kv)...);
  return j;
}

inline json field(std::string name, json value, std::size_t offset, std::size_t length,
                  std::string note = {}) {
  json f = object_of("name", std::move(name), "value", std::move(value), "offset", offset,
                     "length", length);
  if (!note.empty()) f["note"] = std::move(note);
  return f;
}

/// Gives a node (or an event) a learner's note in both languages: `note` and `note_zh`.
inline void set_note(json& node, Note n) {
  node["note"] = std::move(n.en);
  node["note_zh"] = std::move(n.zh);
}

/// An object (a message's summary, an event) holding just a note in both languages.
inline json noted(Note n) {
  json o(json::value_t::object);
  set_note(o, std::move(n));
  return o;
}

/// A field whose note is a sentence of the notes table (a bare code point stays a string).
inline json field(std::string name, json value, std::size_t offset, std::size_t length, Note n) {
  json f = field(std::move(name), std::move(value), offset, length);
  set_note(f, std::move(n));
  return f;
}

/// Appends `child` to node's children.
inline json& add_child(json& node, json child) {
  node["children"].push_back(std::move(child));
  return node["children"].back();
}

/// "0x0303" style hex of a number, for code points.
inline std::string hex_u16(unsigned v) { return "0x" + hex_number(v, 4); }

}  // namespace tlsscope
