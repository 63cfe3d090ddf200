// Child processes for tests: spawn with a deadline, capture output, never leave one behind.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tlsscope::test {

/// What a finished (or killed) run left behind.
struct RunResult {
  /// The exit status; 128 + signal number when the process was killed by a signal.
  int exit_code = -1;
  /// True when the deadline passed and the process was killed.
  bool timed_out = false;
  std::string out;
  std::string err;
};

/// Runs argv (argv[0] searched in PATH) with stdin from /dev/null, captures stdout and stderr,
/// and kills the whole process group if it is still running after `timeout`.
/// `env` entries ("NAME=value") are added to, or replace entries of, the current environment.
RunResult run(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
              const std::vector<std::string>& env = {});

/// A long-running child (a server) in its own process group. Its stdout and stderr go to
/// files, so that they can be shown when a test fails. The destructor stops it.
class Process {
 public:
  struct Options {
    std::vector<std::string> env;          ///< "NAME=value", added or replacing
    std::filesystem::path stdout_path;     ///< empty: /dev/null
    std::filesystem::path stderr_path;     ///< empty: /dev/null
  };

  /// Starts argv; throws std::runtime_error when it cannot be started.
  static Process spawn(const std::vector<std::string>& argv, const Options& options);

  Process() = default;
  Process(Process&& other) noexcept;
  Process& operator=(Process&& other) noexcept;
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  ~Process();

  pid_t pid() const { return pid_; }
  /// True while the child has not exited (reaps it when it has).
  bool running();
  /// Waits up to `timeout` for the child to exit; its exit status, or nothing if still running.
  std::optional<int> wait_for(std::chrono::milliseconds timeout);
  /// SIGTERM to the process group, then SIGKILL if it has not exited within a grace period.
  void stop();
  /// The exit status once the child has exited.
  std::optional<int> exit_status() const { return status_; }

 private:
  explicit Process(pid_t pid) : pid_(pid) {}
  bool reap(bool block);

  pid_t pid_ = -1;
  std::optional<int> status_;
};

}  // namespace tlsscope::test
