// Name lookups on a few threads of their own. Asio's resolver runs every getaddrinfo() of an
// io_context on one background thread, one after the other, so a single name whose servers
// are slow to answer would hold up every other tunnel's lookup.
#pragma once

#include "net.hpp"

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
  explicit resolver_pool(std::size_t threads);
  /// Waits for lookups in progress (getaddrinfo cannot be interrupted).
  ~resolver_pool();

  /// Looks `host` up (an IP literal without a lookup) on a pool thread, then runs `done` on
  /// `executor`. The caller's deadline is its own: a late answer is just dropped by it.
  void resolve(std::string host, net::any_io_executor executor,
               std::function<void(lookup_result)> done);

 private:
  net::thread_pool pool_;
};

}  // namespace tlsscope::relay
