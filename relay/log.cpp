#include "log.hpp"

#include <boost/asio/ssl/error.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace tlsscope::relay {

namespace {

std::atomic<log_format> format{log_format::text};
std::mutex write_mutex;

std::string timestamp() {
  const auto now = std::chrono::system_clock::now();
  const auto t = std::chrono::system_clock::to_time_t(now);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

void write_line(const std::string& line) {
  std::lock_guard lock(write_mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fputc('\n', stderr);
  std::fflush(stderr);
}

// Values with spaces, quotes or control bytes (an Origin header is client-chosen) are written
// as JSON strings, so a line stays one line and splittable on spaces.
std::string field(std::string_view value) {
  if (value.empty()) return "-";
  const bool plain = std::all_of(value.begin(), value.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7f && c != '"';
  });
  if (plain) return std::string(value);
  return nlohmann::json(value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

void set_log_format(log_format f) { format = f; }

void log_note(std::string_view message) {
  if (format == log_format::json) {
    write_line(nlohmann::json{{"time", timestamp()}, {"event", "note"}, {"message", message}}.dump(
        -1, ' ', false, nlohmann::json::error_handler_t::replace));
  } else {
    write_line(timestamp() + " " + std::string(message));
  }
}

void fail(beast::error_code ec, std::string_view what) {
  if (ec == net::error::operation_aborted || ec == net::error::eof ||
      ec == net::error::connection_reset || ec == net::error::broken_pipe ||
      ec == beast::error::timeout || ec == http::error::end_of_stream ||
      ec == websocket::error::closed || ec == net::ssl::error::stream_truncated)
    return;
  log_note(std::string(what) + ": " + ec.message());
}

void log_tunnel(const tunnel_record& r) {
  if (format == log_format::json) {
    write_line(nlohmann::json{
        {"time", timestamp()},
        {"event", "tunnel"},
        {"client", r.client},
        {"origin", r.origin},
        {"target", r.target},
        {"resolved", r.resolved},
        {"bytes_up", r.bytes_up},
        {"bytes_down", r.bytes_down},
        {"ms", r.ms},
        {"end",
         r.end}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return;
  }
  write_line(timestamp() + " tunnel client=" + field(r.client) + " origin=" + field(r.origin) +
             " target=" + field(r.target) + " resolved=" + field(r.resolved) +
             " up=" + std::to_string(r.bytes_up) + " down=" + std::to_string(r.bytes_down) +
             " ms=" + std::to_string(r.ms) + " end=" + field(r.end));
}

}  // namespace tlsscope::relay
