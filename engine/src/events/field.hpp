// Field-tree nodes: every node says what a run of bytes is (name), what it holds (value), what
// it means (note) and where it is (offset and length within the message), so the page's hex
// view can highlight it (docs/events.md, "Field trees").
#pragma once
#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "codec/reader.hpp"

namespace tlsscope {

using json = nlohmann::json;

inline json field(std::string name, json value, std::size_t offset, std::size_t length,
                  std::string note = {}) {
  json f = {{"name", std::move(name)}, {"value", std::move(value)},
            {"offset", offset}, {"length", length}};
  if (!note.empty()) f["note"] = std::move(note);
  return f;
}

/// Appends `child` to node's children.
inline json& add_child(json& node, json child) {
  node["children"].push_back(std::move(child));
  return node["children"].back();
}

/// "0x0303" style hex of a number, for code points.
inline std::string hex_u16(unsigned v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%04x", v);
  return buf;
}

}  // namespace tlsscope
