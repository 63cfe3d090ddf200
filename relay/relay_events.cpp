#include "relay_events.hpp"

#include <nlohmann/json.hpp>

namespace tlsscope::relay {

namespace {

// Names and messages may hold bytes a client chose; invalid UTF-8 must not throw.
std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

double to_ms(std::chrono::steady_clock::duration d) {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
  return static_cast<double>(us) / 1000.0;
}

std::string endpoint_text(const tcp::endpoint& e) {
  const auto a = e.address();
  return (a.is_v6() ? "[" + a.to_string() + "]" : a.to_string()) + ":" + std::to_string(e.port());
}

std::string dns_event(std::string_view host, const std::vector<net::ip::address>& addresses,
                      double ms) {
  auto list = nlohmann::json::array();
  for (const auto& a : addresses)
    list.push_back(a.to_string());
  return dump({{"type", "dns"}, {"host", host}, {"addresses", list}, {"ms", ms}});
}

std::string tcp_event(const tcp::endpoint& remote, const std::optional<tcp::endpoint>& local,
                      std::string_view secrets_token, double ms, std::optional<int> mss) {
  nlohmann::json event = {{"type", "tcp"}, {"remote", endpoint_text(remote)}};
  if (local) event["local"] = endpoint_text(*local);
  if (!secrets_token.empty()) event["secrets_token"] = secrets_token;
  if (mss) event["mss"] = *mss;
  event["ms"] = ms;
  return dump(event);
}

std::string closed_event(std::string_view by, std::uint64_t bytes_up, std::uint64_t bytes_down,
                         double ms) {
  return dump({{"type", "closed"},
               {"by", by},
               {"bytes_up", bytes_up},
               {"bytes_down", bytes_down},
               {"ms", ms}});
}

std::string error_event(relay_error code, std::string_view message) {
  return dump({{"type", "error"}, {"code", code_name(code)}, {"message", message}});
}

}  // namespace tlsscope::relay
