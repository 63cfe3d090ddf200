#include "resolver_pool.hpp"

#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>

namespace tlsscope::relay {

namespace {

lookup_result lookup(const std::string& host) {
  lookup_result result;
  boost::system::error_code literal;
  auto address = net::ip::make_address(host, literal);
  if (!literal) {
    result.addresses.push_back(address);
    return result;
  }
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  // No AI_ADDRCONFIG: the page shows every address the name has, usable from here or not.
  addrinfo* list = nullptr;
  const int rc = ::getaddrinfo(host.c_str(), nullptr, &hints, &list);
  if (rc != 0) {
    result.error = rc == EAI_SYSTEM ? std::strerror(errno) : ::gai_strerror(rc);
    return result;
  }
  for (const addrinfo* ai = list; ai; ai = ai->ai_next) {
    net::ip::address a;
    if (ai->ai_family == AF_INET) {
      const auto* sin = reinterpret_cast<const sockaddr_in*>(ai->ai_addr);
      net::ip::address_v4::bytes_type bytes;
      std::memcpy(bytes.data(), &sin->sin_addr, bytes.size());
      a = net::ip::make_address_v4(bytes);
    } else if (ai->ai_family == AF_INET6) {
      const auto* sin6 = reinterpret_cast<const sockaddr_in6*>(ai->ai_addr);
      net::ip::address_v6::bytes_type bytes;
      std::memcpy(bytes.data(), &sin6->sin6_addr, bytes.size());
      a = net::ip::make_address_v6(bytes, sin6->sin6_scope_id);
    } else {
      continue;
    }
    if (std::find(result.addresses.begin(), result.addresses.end(), a) == result.addresses.end())
      result.addresses.push_back(a);
  }
  ::freeaddrinfo(list);
  if (result.addresses.empty()) result.error = "no address";
  return result;
}

}  // namespace

resolver_pool::resolver_pool(std::size_t threads) : pool_(threads) {}

resolver_pool::~resolver_pool() { pool_.join(); }

void resolver_pool::resolve(std::string host, net::any_io_executor executor,
                            std::function<void(lookup_result)> done) {
  net::post(pool_, [host = std::move(host), executor, done = std::move(done)]() mutable {
    auto result = lookup(host);
    net::post(executor, [done = std::move(done), result = std::move(result)]() mutable {
      done(std::move(result));
    });
  });
}

}  // namespace tlsscope::relay
