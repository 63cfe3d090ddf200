// What the demo origin itself derived, per connection: OpenSSL's key-log callback hands us
// the NSS key-log lines (CLIENT_RANDOM for TLS 1.2, the traffic secrets for TLS 1.3), and
// this table keeps them by client random so the page can show that the server reached the
// same secrets as the client although neither side ever sent them (GET /origin-secrets).
//
// Publishing these is safe only because the demo origin serves nothing private: its page
// and /ca.pem are public. Real servers never reveal their key log.
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
                          std::chrono::seconds lifetime = std::chrono::minutes(10));

  /// Makes every connection on `ctx` report its secrets here. The table must outlive `ctx`.
  void attach(SSL_CTX* ctx);

  /// Records one NSS key-log line ("LABEL <client random> <secret>"); other labels are
  /// ignored.
  void record(std::string_view line, clock::time_point now = clock::now());

  /// {"client_random", "version", "secrets": {name: hex}} for a known client random (64
  /// lower- or upper-case hex digits), or nothing.
  std::optional<nlohmann::json> find(std::string_view client_random,
                                     clock::time_point now = clock::now());

 private:
  struct entry {
    clock::time_point created;
    std::string version;
    std::map<std::string, std::string> secrets;
  };
  void expire(clock::time_point now);

  std::size_t capacity_;
  clock::duration lifetime_;
  std::mutex mutex_;
  std::unordered_map<std::string, entry> by_random_;
  std::deque<std::string> order_;  // client randoms, oldest first
};

}  // namespace tlsscope::relay
