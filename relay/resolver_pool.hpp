// Name lookups on a few threads of their own. Asio's resolver runs every getaddrinfo() of an
// io_context on one background thread, one after the other, so a single name whose servers
// are slow to answer would hold up every other tunnel's lookup.
//
// Some names are answered without asking anyone: IP literals, the --resolve table, and
// localhost names, which RFC 6761 section 6.3 says always mean the loopback addresses (the
// system resolver would send "localhost." or "a.localhost" to DNS, which may say anything).
#pragma once

#include "config.hpp"
#include "net.hpp"

#include <map>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace tlsscope::relay {

struct lookup_result {
  std::vector<net::ip::address> addresses;  // in resolver order, duplicates removed
  std::string error;                        // empty on success
};

class resolver_pool {
 public:
  resolver_pool(std::size_t threads, const std::vector<static_answer>& static_answers = {});
  /// Waits for lookups in progress (getaddrinfo cannot be interrupted).
  ~resolver_pool();

  /// Looks `host` up on a pool thread (the fixed answers above without a lookup), then runs
  /// `done` on `executor`. The caller's deadline is its own: a late answer is just dropped by it.
  void resolve(std::string host, net::any_io_executor executor,
               std::function<void(lookup_result)> done);

 private:
  lookup_result lookup(const std::string& host) const;

  std::map<std::string, std::vector<net::ip::address>> static_answers_;  // name -> addresses
  net::thread_pool pool_;
};

}  // namespace tlsscope::relay
