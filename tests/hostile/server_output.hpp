// Reading what the hostile server printed, for both drivers of the case table (over TCP,
// hostile_test.cpp; in process, hostile_inprocess_test.cpp).
#pragma once

#include <sstream>
#include <string>
#include <vector>

namespace tlsscope::hostile {

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The server's "client-alert <level> <name>" lines, as "<level> <name>".
inline std::vector<std::string> client_alerts(const std::string& server_out) {
  std::vector<std::string> alerts;
  const std::string tag = "client-alert ";
  for (const auto& line : lines_of(server_out))
    if (line.rfind(tag, 0) == 0) alerts.push_back(line.substr(tag.size()));
  return alerts;
}

}  // namespace tlsscope::hostile
