#include "tunnel_registry.hpp"

#include "address_range.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace tlsscope::relay {

tunnel_registry::slot::slot(tunnel_registry* owner, std::optional<net::ip::address> client,
                            std::uint64_t id)
    : owner_(owner), client_(std::move(client)), id_(id) {}

tunnel_registry::slot::slot(slot&& other) noexcept
    : owner_(std::exchange(other.owner_, nullptr)), client_(other.client_), id_(other.id_) {}

tunnel_registry::slot::~slot() {
  if (owner_) owner_->release(client_, id_);
}

tunnel_registry::tunnel_registry(std::size_t max_total, std::size_t max_per_client)
    : max_total_(max_total), max_per_client_(max_per_client) {}

std::variant<tunnel_registry::slot, tunnel_registry::refusal> tunnel_registry::acquire(
    const std::optional<net::ip::address>& client) {
  std::optional<net::ip::address> network;
  if (client) network = client_network(*client);
  std::lock_guard lock(mutex_);
  if (shutting_down_) return refusal::shutting_down;
  if (open_.size() >= max_total_) return refusal::full;
  if (network) {
    auto it = per_client_.find(*network);
    if (it != per_client_.end() && it->second >= max_per_client_) return refusal::client_full;
    ++per_client_[*network];
  }
  const auto id = next_id_++;
  open_.emplace(id, std::weak_ptr<stoppable>{});
  return slot(this, network, id);
}

void tunnel_registry::slot::attach(std::weak_ptr<stoppable> tunnel) {
  if (owner_) owner_->attach(id_, std::move(tunnel));
}

void tunnel_registry::attach(std::uint64_t id, std::weak_ptr<stoppable> tunnel) {
  std::lock_guard lock(mutex_);
  open_[id] = std::move(tunnel);
}

void tunnel_registry::release(const std::optional<net::ip::address>& client, std::uint64_t id) {
  std::lock_guard lock(mutex_);
  open_.erase(id);
  if (!client) return;
  auto it = per_client_.find(*client);
  if (it != per_client_.end() && --it->second == 0) per_client_.erase(it);
}

std::vector<std::shared_ptr<stoppable>> tunnel_registry::open_tunnels() const {
  std::vector<std::shared_ptr<stoppable>> open;
  std::lock_guard lock(mutex_);
  for (auto& [id, weak] : open_)
    if (auto s = weak.lock()) open.push_back(std::move(s));
  return open;
}

void tunnel_registry::refuse_new() {
  {
    std::lock_guard lock(mutex_);
    shutting_down_ = true;
  }
  // Outside the lock: a tunnel may end (and release its slot) while being told.
  for (auto& s : open_tunnels())
    s->shutdown_started();
}

void tunnel_registry::stop_all() {
  // Outside the lock: a tunnel may end (and release its slot) while being told to stop.
  for (auto& s : open_tunnels())
    s->stop_for_shutdown();
}

refusal_answer explain(tunnel_registry::refusal why, const net::ip::address& client,
                       std::string_view places) {
  const std::string what(places);
  switch (why) {
    case tunnel_registry::refusal::shutting_down:
      return {relay_error::shutting_down, "the relay is shutting down"};
    case tunnel_registry::refusal::full:
      return {relay_error::limit_reached, "the relay has all the " + what + " it may hold"};
    case tunnel_registry::refusal::client_full:
      break;
  }
  return {relay_error::limit_reached, "your network (" + client_network_text(client) +
                                          ") has all the " + what + " it may open at once"};
}

std::size_t tunnel_registry::attached_count() const {
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(std::count_if(
      open_.begin(), open_.end(), [](const auto& entry) { return !entry.second.expired(); }));
}

std::size_t tunnel_registry::open_count() const {
  std::lock_guard lock(mutex_);
  return open_.size();
}

}  // namespace tlsscope::relay
