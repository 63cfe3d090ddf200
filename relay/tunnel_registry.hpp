// Counts open tunnels (in all and per client address) and reaches every one of them at
// shutdown. Shared by all threads, hence the mutex; held by sessions through a slot whose
// destructor gives the place back, so no path can forget to.
#pragma once

#include "net.hpp"
#include "relay_error.hpp"

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tlsscope::relay {

/// What a tunnel offers the registry: a way to be told the server is stopping.
class stoppable {
 public:
  virtual ~stoppable() = default;
  /// Called from any thread; the implementation moves onto its own strand.
  virtual void stop_for_shutdown() = 0;
  /// The server began to stop (refuse_new): a tunnel with nothing in it yet (one opened ahead
  /// of its run, still waiting for its target) ends now instead of holding the grace period.
  virtual void shutdown_started() {}
};

class tunnel_registry {
 public:
  class slot {
   public:
    slot(slot&& other) noexcept;
    slot& operator=(slot&&) = delete;
    ~slot();

    /// Remembers the tunnel holding this slot, so stop_all can reach it.
    void attach(std::weak_ptr<stoppable> tunnel);

   private:
    friend class tunnel_registry;
    slot(tunnel_registry* owner, std::optional<net::ip::address> client, std::uint64_t id);
    tunnel_registry* owner_;
    std::optional<net::ip::address> client_;
    std::uint64_t id_;
  };

  enum class refusal { full, client_full, shutting_down };

  tunnel_registry(std::size_t max_total, std::size_t max_per_client);

  /// A place for one more tunnel from `client`, or why not. Clients are counted by network
  /// (address_range.hpp: an IPv4 address, an IPv6 /64). Nothing for `client` counts only
  /// towards the total: a trusted proxy's connections, whose clients are not known yet.
  std::variant<slot, refusal> acquire(const std::optional<net::ip::address>& client);

  /// Refuses new tunnels from now on (SHUTTING_DOWN); open ones go on, those still waiting
  /// for a target end (stoppable::shutdown_started).
  void refuse_new();

  /// Tells every open tunnel to stop.
  void stop_all();

  std::size_t open_count() const;
  /// How many of the open places are held by a tunnel that attached itself (slot::attach): for
  /// the connections' registry, the tunnels opened ahead that still wait for their target.
  std::size_t attached_count() const;

 private:
  void attach(std::uint64_t id, std::weak_ptr<stoppable> tunnel);
  void release(const std::optional<net::ip::address>& client, std::uint64_t id);
  std::vector<std::shared_ptr<stoppable>> open_tunnels() const;

  const std::size_t max_total_;
  const std::size_t max_per_client_;
  mutable std::mutex mutex_;
  bool shutting_down_ = false;
  std::uint64_t next_id_ = 0;
  std::map<net::ip::address, std::size_t> per_client_;
  std::map<std::uint64_t, std::weak_ptr<stoppable>> open_;
};

/// What a refusal tells the client (a tunnel refused at its upgrade, or at its connect message
/// when it was opened ahead): the error and its sentence. `places` names what `client` ran
/// out of: "tunnels" or "connections".
struct refusal_answer {
  relay_error code;
  std::string message;
};
refusal_answer explain(tunnel_registry::refusal why, const net::ip::address& client,
                       std::string_view places);

}  // namespace tlsscope::relay
