// Runs a real tlsscope-server for a test: on 127.0.0.1 port 0 (so tests run in parallel),
// with its own state and web folders, stderr (the log) kept in a file.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tlsscope::relay::test {

/// A folder removed again when the object goes.
class temp_dir {
 public:
  temp_dir();
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct memory_use {
  long rss_kib = 0;   // VmRSS
  long peak_kib = 0;  // VmHWM
};

memory_use memory_of(pid_t pid);
int open_fds_of(pid_t pid);

class server_process {
 public:
  /// Starts the server with `args` added to the defaults (loopback port 0, a demo origin on
  /// port 0, a fresh --state and --web, unless `args` sets them). Fails the test if the
  /// server does not print its ports within 20 s.
  explicit server_process(std::vector<std::string> args = {});
  ~server_process();
  server_process(const server_process&) = delete;
  server_process& operator=(const server_process&) = delete;

  std::uint16_t port() const { return port_; }
  std::optional<std::uint16_t> demo_port() const { return demo_port_; }
  pid_t pid() const { return pid_; }
  const std::filesystem::path& web_dir() const { return web_.path(); }
  const std::filesystem::path& state_dir() const { return state_.path(); }

  /// SIGTERM, then waits up to `timeout` for the exit; returns the exit status, or -1 if it
  /// had to be killed.
  int terminate(std::chrono::seconds timeout = std::chrono::seconds(30));

  /// Waits up to `timeout` for the server to exit by itself; returns the exit status, or -1
  /// if it is still running.
  int wait_exit(std::chrono::seconds timeout);

  /// Everything the server wrote to stderr so far.
  std::string log() const;

  /// Waits until the log holds `count` lines containing `needle`; false after `timeout`.
  bool wait_for_log(const std::string& needle, std::size_t count = 1,
                    std::chrono::seconds timeout = std::chrono::seconds(20)) const;

 private:
  temp_dir state_;
  temp_dir web_;
  temp_dir logs_;
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::uint16_t port_ = 0;
  std::optional<std::uint16_t> demo_port_;
};

/// Path of the server under test (from the build).
std::string server_binary();

}  // namespace tlsscope::relay::test
