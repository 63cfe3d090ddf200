// Name lookups without blocking threads. c-ares (Debian's libc-ares) sends the queries and
// reads the answers on one thread of the resolver's own, so a client asking for names whose
// servers never answer holds sockets and timers, not threads: other tunnels' lookups go on,
// a lookup whose tunnel ended costs nothing but its remaining timeout, and stopping the server
// drops every lookup at once (getaddrinfo, which the relay used before, cannot be interrupted).
//
// Some names are answered without asking anyone, on the caller's executor: IP literals (every
// IPv4 spelling the system resolver reads: 2130706433, 0x7f.1, 127.1), the --resolve table,
// and localhost names, which RFC 6761 section 6.3 says always mean the loopback addresses.
//
// Each client network (address_range.hpp) may have a few lookups in progress at once, tunnels
// that already ended included; more fail at once, so one client cannot fill the resolver.
#pragma once

#include "config.hpp"
#include "net.hpp"

#include <atomic>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

struct ares_addrinfo;  // c-ares's, kept out of this header

namespace tlsscope::relay {

struct lookup_result {
  std::vector<net::ip::address> addresses;  // in resolver order, duplicates removed
  std::string error;                        // empty on success
};

class resolver {
 public:
  struct options {
    std::vector<static_answer> static_answers;
    std::vector<host_port> servers;  // empty: /etc/resolv.conf
    std::chrono::milliseconds timeout{5000};
    std::size_t max_per_client = 8;
    std::size_t max_total = 1024;
  };

  /// A lookup in progress; cancel() means its answer is never delivered.
  class lookup {
   public:
    void cancel() { cancelled_ = true; }

   private:
    friend class resolver;
    std::atomic<bool> cancelled_{false};
  };

  explicit resolver(options opts);
  /// Drops every lookup in progress (their callbacks never run) and joins the thread.
  ~resolver();
  resolver(const resolver&) = delete;
  resolver& operator=(const resolver&) = delete;

  /// Looks `host` up for `client`, then runs `done` on `executor` (unless cancelled first).
  std::shared_ptr<lookup> resolve(std::string host, const net::ip::address& client,
                                  net::any_io_executor executor,
                                  std::function<void(lookup_result)> done);

 private:
  struct query;
  static void on_answer(void* arg, int status, int timeouts, ::ares_addrinfo* result);
  std::optional<lookup_result> answer_without_dns(const std::string& host) const;
  void run();
  void wake();

  options opts_;
  std::map<std::string, std::vector<net::ip::address>> static_answers_;  // name -> addresses
  void* channel_ = nullptr;  // ares_channel, used on the thread only
  int wake_fd_ = -1;

  std::mutex mutex_;
  bool stopping_ = false;
  std::deque<std::unique_ptr<query>> queued_;
  std::map<net::ip::address, std::size_t> in_progress_;  // per client network
  std::size_t in_progress_total_ = 0;
  std::thread thread_;
};

}  // namespace tlsscope::relay
