// The relays the benches compare, as processes: websockify (the Debian package) started on a
// loopback port, and what a process tree costs (CPU seconds, memory) read from /proc.
// Shared by relay_compare (throughput, latency, memory) and classroom (many learners at once).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace tlsscope::bench {

/// A loopback port nothing listens on right now.
std::uint16_t free_port();

/// CPU seconds a process has run so far, every thread: the first field of each
/// /proc/PID/task/TID/schedstat, in nanoseconds (the clock-tick counts of /proc/PID/stat are
/// too coarse for a few thousand round trips).
double cpu_seconds_of(pid_t pid);

/// The sum of the "KEY  N kB" lines of a /proc file (e.g. "Pss:" of smaps_rollup), in KiB.
long kib_field(const std::string& file, const std::string& key);

/// `root` and every process below it (children, their children, …), read from /proc.
std::vector<pid_t> process_tree(pid_t root);

/// What a process tree costs: CPU seconds of its live processes plus those its members have
/// reaped (a process that forks one child per connection keeps no trace of them otherwise),
/// and the proportional set size (PSS) of its live processes, which sums correctly over
/// processes that share pages. A difference of two cpu_s readings is the work in between.
struct tree_usage {
  double cpu_s = 0;
  long pss_kib = 0;
};
tree_usage usage_of_tree(pid_t root, bool with_memory = true);

/// websockify: one listener process that forks a child per connection, in its own process
/// group so the bench can stop every one of them.
class websockify_process {
 public:
  explicit websockify_process(std::uint16_t target);
  ~websockify_process();
  websockify_process(const websockify_process&) = delete;
  websockify_process& operator=(const websockify_process&) = delete;

  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  /// PSS of the listener and its children, in KiB.
  long memory_kib() const { return usage_of_tree(pid_).pss_kib; }
  /// CPU seconds of the listener and its children, exited ones included.
  double cpu_seconds() const { return usage_of_tree(pid_, false).cpu_s; }

 private:
  std::uint16_t port_;
  pid_t pid_ = -1;
};

}  // namespace tlsscope::bench
