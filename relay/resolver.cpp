#include "resolver.hpp"

#include "address_range.hpp"

#include <ares.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <stdexcept>

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

std::optional<net::ip::address> literal_address(const std::string& host) {
  boost::system::error_code ec;
  auto address = net::ip::make_address(host, ec);
  if (!ec) return address;
  // inet_aton reads the forms getaddrinfo reads: 2130706433, 0x7f.1, 0177.0.0.1, 127.1.
  in_addr v4{};
  if (host.find_first_of(" \t\n") == std::string::npos && ::inet_aton(host.c_str(), &v4)) {
    net::ip::address_v4::bytes_type bytes;
    std::memcpy(bytes.data(), &v4, bytes.size());
    return net::ip::make_address_v4(bytes);
  }
  return std::nullopt;
}

struct ares_library {
  ares_library() { ::ares_library_init(ARES_LIB_INIT_ALL); }
};

}  // namespace

struct resolver::query {
  resolver* owner;
  std::string host;
  net::ip::address client;  // its network
  std::shared_ptr<lookup> handle;
  net::any_io_executor executor;
  std::function<void(lookup_result)> done;
};

resolver::resolver(options opts) : opts_(std::move(opts)) {
  static const ares_library library;
  for (const auto& a : opts_.static_answers)
    static_answers_[canonical_name(a.name)].push_back(net::ip::make_address(a.address));

  ares_options o{};
  // Two tries per server within the lookup's deadline (c-ares doubles the wait for the
  // second: 1/3 + 2/3); the tunnel's own watchdog has the last word.
  o.timeout = static_cast<int>(std::max<long long>(opts_.timeout.count() / 3, 100));
  o.tries = 2;
  ares_channel channel = nullptr;
  if (::ares_init_options(&channel, &o, ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES) != ARES_SUCCESS)
    throw std::runtime_error("DNS resolver (c-ares) could not start");
  channel_ = channel;
  if (!opts_.servers.empty()) {
    std::string csv;
    for (const auto& s : opts_.servers)
      csv += (csv.empty() ? "" : ",") + s.to_string();
    if (::ares_set_servers_ports_csv(channel, csv.c_str()) != ARES_SUCCESS) {
      ::ares_destroy(channel);
      throw std::runtime_error("DNS resolver: bad --dns-server list '" + csv + "'");
    }
  }
  wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake_fd_ < 0) {
    ::ares_destroy(channel);
    throw std::runtime_error("DNS resolver: no eventfd");
  }
  thread_ = std::thread([this] { run(); });
}

resolver::~resolver() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake();
  thread_.join();
  ::close(wake_fd_);
}

std::optional<lookup_result> resolver::answer_without_dns(const std::string& host) const {
  if (auto address = literal_address(host)) return lookup_result{{*address}, {}};
  const auto name = canonical_name(host);
  if (auto it = static_answers_.find(name); it != static_answers_.end())
    return lookup_result{it->second, {}};
  if (is_localhost_name(name))
    return lookup_result{{net::ip::address_v4::loopback(), net::ip::address_v6::loopback()}, {}};
  return std::nullopt;
}

std::shared_ptr<resolver::lookup> resolver::resolve(std::string host,
                                                    const net::ip::address& client,
                                                    net::any_io_executor executor,
                                                    std::function<void(lookup_result)> done) {
  auto handle = std::make_shared<lookup>();
  auto deliver = [&](lookup_result result) {
    net::post(executor, [handle, done = std::move(done), result = std::move(result)]() mutable {
      if (!handle->cancelled_) done(std::move(result));
    });
  };
  if (auto answer = answer_without_dns(host)) {
    deliver(std::move(*answer));
    return handle;
  }
  const auto network = client_network(client);
  {
    std::lock_guard lock(mutex_);
    auto& mine = in_progress_[network];
    if (mine >= opts_.max_per_client || in_progress_total_ >= opts_.max_total) {
      if (mine == 0) in_progress_.erase(network);
      const bool per_client = mine >= opts_.max_per_client;
      deliver({{}, per_client ? "your network already has " + std::to_string(mine) +
                                    " DNS lookups in progress (the limit); try again when they end"
                              : "the relay has all the DNS lookups in progress it may have"});
      return handle;
    }
    ++mine;
    ++in_progress_total_;
    queued_.push_back(std::make_unique<query>(
        query{this, std::move(host), network, handle, std::move(executor), std::move(done)}));
  }
  wake();
  return handle;
}

void resolver::wake() {
  const std::uint64_t one = 1;
  [[maybe_unused]] auto n = ::write(wake_fd_, &one, sizeof one);
}

void resolver::on_answer(void* arg, int status, int, ares_addrinfo* info) {
  std::unique_ptr<query> q(static_cast<query*>(arg));
  lookup_result result;
  if (status == ARES_SUCCESS && info) {
    for (const ares_addrinfo_node* n = info->nodes; n; n = n->ai_next) {
      net::ip::address a;
      if (n->ai_family == AF_INET) {
        net::ip::address_v4::bytes_type b;
        std::memcpy(b.data(), &reinterpret_cast<const sockaddr_in*>(n->ai_addr)->sin_addr, 4);
        a = net::ip::make_address_v4(b);
      } else if (n->ai_family == AF_INET6) {
        net::ip::address_v6::bytes_type b;
        std::memcpy(b.data(), &reinterpret_cast<const sockaddr_in6*>(n->ai_addr)->sin6_addr, 16);
        a = net::ip::make_address_v6(b);  // no zone: a scoped answer reaches no interface here
      } else {
        continue;
      }
      if (std::find(result.addresses.begin(), result.addresses.end(), a) ==
          result.addresses.end())
        result.addresses.push_back(a);
    }
    if (result.addresses.empty()) result.error = "no address";
  } else {
    result.error = ::ares_strerror(status);
  }
  if (info) ::ares_freeaddrinfo(info);
  {
    std::lock_guard lock(q->owner->mutex_);
    --q->owner->in_progress_total_;
    auto it = q->owner->in_progress_.find(q->client);
    if (it != q->owner->in_progress_.end() && --it->second == 0) q->owner->in_progress_.erase(it);
  }
  // Destroying the channel answers every lookup with ARES_EDESTRUCTION: nobody waits then.
  if (status == ARES_EDESTRUCTION || q->handle->cancelled_) return;
  net::post(q->executor, [handle = q->handle, done = std::move(q->done),
                          result = std::move(result)]() mutable {
    if (!handle->cancelled_) done(std::move(result));
  });
}

void resolver::run() {
  auto channel = static_cast<ares_channel>(channel_);
  while (true) {
    std::deque<std::unique_ptr<query>> fresh;
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;
      fresh.swap(queued_);
    }
    for (auto& q : fresh) {
      ares_addrinfo_hints hints{};
      hints.ai_family = AF_UNSPEC;  // every address the name has, usable from here or not
      hints.ai_socktype = SOCK_STREAM;
      auto* raw = q.release();
      ::ares_getaddrinfo(channel, raw->host.c_str(), nullptr, &hints, &resolver::on_answer, raw);
    }

    ares_socket_t sockets[ARES_GETSOCK_MAXNUM];
    const int bits = ::ares_getsock(channel, sockets, ARES_GETSOCK_MAXNUM);
    std::vector<pollfd> fds{{wake_fd_, POLLIN, 0}};
    for (int i = 0; i < ARES_GETSOCK_MAXNUM; ++i) {
      short events = 0;
      if (ARES_GETSOCK_READABLE(bits, i)) events |= POLLIN;
      if (ARES_GETSOCK_WRITABLE(bits, i)) events |= POLLOUT;
      if (events) fds.push_back({sockets[i], events, 0});
    }
    timeval longest{1, 0}, tv{};
    const timeval* wait = ::ares_timeout(channel, &longest, &tv);
    const int ms = static_cast<int>(wait->tv_sec * 1000 + wait->tv_usec / 1000);
    ::poll(fds.data(), fds.size(), ms);

    std::uint64_t drained;
    while (::read(wake_fd_, &drained, sizeof drained) > 0) {
    }
    bool any = false;
    for (std::size_t i = 1; i < fds.size(); ++i) {
      if (!fds[i].revents) continue;
      any = true;
      const bool readable = fds[i].revents & (POLLIN | POLLERR | POLLHUP);
      const bool writable = fds[i].revents & POLLOUT;
      ::ares_process_fd(channel, readable ? fds[i].fd : ARES_SOCKET_BAD,
                        writable ? fds[i].fd : ARES_SOCKET_BAD);
    }
    if (!any) ::ares_process_fd(channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD);  // timeouts
  }
  ::ares_destroy(channel);
  // Lookups queued after the last pass never reached c-ares.
  std::lock_guard lock(mutex_);
  queued_.clear();
}

}  // namespace tlsscope::relay
