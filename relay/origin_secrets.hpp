// What the demo origin itself derived, per connection: OpenSSL's key-log callback hands us
// the NSS key-log lines (CLIENT_RANDOM for TLS 1.2, the traffic secrets for TLS 1.3), and
// this table keeps them by client random so the page can show that the server reached the
// same secrets as the client although neither side ever sent them (GET /origin-secrets).
//
// Publishing these is safe only because the demo origin serves nothing private: its page
// and /ca.pem are public. Real servers never reveal their key log. Even so, each entry is
// shown only to whoever made the connection — the Client Random travels in clear in every
// ClientHello, so knowing it proves nothing: an entry is bound to the relay tunnel that made
// the connection (a token the relay gave that tunnel) or, for a connection made directly, to
// its peer's network. Until bound, an entry is shown to nobody. Each network holds a few
// entries at most, so one client cannot push everyone else's out of the table.
#pragma once

#include <openssl/ssl.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tlsscope::relay {

class origin_secrets {
 public:
  using clock = std::chrono::steady_clock;

  /// At most `capacity` connections are kept, none longer than `lifetime`: a learner looks
  /// right after the run, and the table must not grow with traffic.
  explicit origin_secrets(std::size_t capacity = 512,
                          std::chrono::seconds lifetime = std::chrono::minutes(10),
                          std::size_t per_network = 32);

  /// Who may read an entry: the holder of `token` when there is one, else clients of
  /// `network` (address_range.hpp's client_network_text).
  struct binding {
    std::string token;
    std::string network;
  };

  /// Makes every connection on `ctx` report its secrets here. The table must outlive `ctx`.
  void attach(SSL_CTX* ctx);

  /// Records one NSS key-log line ("LABEL <client random> <secret>"); other labels are
  /// ignored.
  void record(std::string_view line, clock::time_point now = clock::now());

  /// Binds the connection with this client random (32 bytes) to its reader, once its
  /// handshake is done. The network's oldest entry makes room if it holds its share already.
  void bind(std::string_view client_random_bytes, binding owner);

  /// {"client_random", "version", "secrets": {name: hex}} for a known client random (64
  /// lower- or upper-case hex digits) that `token` or `network` may read, or nothing.
  std::optional<nlohmann::json> find(std::string_view client_random, std::string_view token,
                                     std::string_view network,
                                     clock::time_point now = clock::now());

 private:
  struct entry {
    clock::time_point created;
    std::string version;
    std::map<std::string, std::string> secrets;
    std::optional<binding> owner;
  };
  void expire(clock::time_point now);
  // Removes the entry for `random` (if any), keeping held_ right.
  void erase(const std::string& random);

  std::size_t capacity_;
  std::size_t per_network_;
  clock::duration lifetime_;
  std::mutex mutex_;
  std::unordered_map<std::string, entry> by_random_;
  std::deque<std::string> order_;  // client randoms, oldest first
  // Bound entries per network: a bind checks its network's share without walking the table
  // (a classroom binds one entry per run, with up to `capacity` entries kept).
  std::unordered_map<std::string, std::size_t> held_;
};

}  // namespace tlsscope::relay
