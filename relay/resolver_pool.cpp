#include "resolver_pool.hpp"

#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace tlsscope::relay {

namespace {

// Lower case, without the trailing dot: "LocalHost." and "localhost" are one name.
std::string canonical_name(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  std::string out(host);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_localhost_name(const std::string& name) {
  return name == "localhost" || name.ends_with(".localhost");
}

lookup_result system_lookup(const std::string& host) {
  lookup_result result;
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

resolver_pool::resolver_pool(std::size_t threads, const std::vector<static_answer>& static_answers)
    : pool_(threads) {
  for (const auto& a : static_answers)
    static_answers_[canonical_name(a.name)].push_back(net::ip::make_address(a.address));
}

lookup_result resolver_pool::lookup(const std::string& host) const {
  boost::system::error_code literal;
  auto address = net::ip::make_address(host, literal);
  if (!literal) return {{address}, {}};
  const auto name = canonical_name(host);
  if (auto it = static_answers_.find(name); it != static_answers_.end()) return {it->second, {}};
  if (is_localhost_name(name))
    return {{net::ip::address_v4::loopback(), net::ip::address_v6::loopback()}, {}};
  return system_lookup(host);
}

resolver_pool::~resolver_pool() { pool_.join(); }

void resolver_pool::resolve(std::string host, net::any_io_executor executor,
                            std::function<void(lookup_result)> done) {
  net::post(pool_, [this, host = std::move(host), executor, done = std::move(done)]() mutable {
    auto result = lookup(host);
    net::post(executor, [done = std::move(done), result = std::move(result)]() mutable {
      done(std::move(result));
    });
  });
}

}  // namespace tlsscope::relay
