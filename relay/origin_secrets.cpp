#include "origin_secrets.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace tlsscope::relay {

namespace {

// NSS key-log labels → the names the engine gives the same secrets (docs/events.md).
struct keylog_label {
  std::string_view label;
  std::string_view secret;
  std::string_view version;
};
constexpr std::array labels = {
    keylog_label{"CLIENT_RANDOM", "master_secret", "TLS 1.2"},
    keylog_label{"CLIENT_HANDSHAKE_TRAFFIC_SECRET", "client_handshake_traffic_secret", "TLS 1.3"},
    keylog_label{"SERVER_HANDSHAKE_TRAFFIC_SECRET", "server_handshake_traffic_secret", "TLS 1.3"},
    keylog_label{"CLIENT_TRAFFIC_SECRET_0", "client_application_traffic_secret_0", "TLS 1.3"},
    keylog_label{"SERVER_TRAFFIC_SECRET_0", "server_application_traffic_secret_0", "TLS 1.3"},
};

constexpr std::size_t random_hex_len = 64;

std::optional<std::string> lower_hex(std::string_view text, std::size_t min_len,
                                     std::size_t max_len) {
  if (text.size() < min_len || text.size() > max_len || text.size() % 2) return std::nullopt;
  std::string out;
  for (char c : text) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

int table_index() {
  static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

void on_keylog(const SSL* ssl, const char* line) {
  auto* table = static_cast<origin_secrets*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), table_index()));
  if (table) table->record(line);
}

}  // namespace

origin_secrets::origin_secrets(std::size_t capacity, std::chrono::seconds lifetime,
                               std::size_t per_network)
    : capacity_(capacity), per_network_(per_network), lifetime_(lifetime) {}

void origin_secrets::attach(SSL_CTX* ctx) {
  SSL_CTX_set_ex_data(ctx, table_index(), this);
  SSL_CTX_set_keylog_callback(ctx, on_keylog);
}

void origin_secrets::record(std::string_view line, clock::time_point now) {
  const auto first = line.find(' ');
  const auto second = line.find(' ', first + 1);
  if (first == std::string_view::npos || second == std::string_view::npos) return;
  const auto label = line.substr(0, first);
  const auto it = std::find_if(labels.begin(), labels.end(),
                               [&](const keylog_label& l) { return l.label == label; });
  const auto random = lower_hex(line.substr(first + 1, second - first - 1), random_hex_len,
                                random_hex_len);
  const auto secret = lower_hex(line.substr(second + 1), 32, 128);
  if (it == labels.end() || !random || !secret) return;

  std::lock_guard lock(mutex_);
  expire(now);
  auto [slot, inserted] =
      by_random_.try_emplace(*random, entry{now, std::string(it->version), {}, std::nullopt});
  slot->second.secrets[std::string(it->secret)] = *secret;
  if (!inserted) return;
  order_.push_back(*random);
  while (order_.size() > capacity_) {
    erase(order_.front());
    order_.pop_front();
  }
}

void origin_secrets::erase(const std::string& random) {
  const auto it = by_random_.find(random);
  if (it == by_random_.end()) return;
  if (it->second.owner) {
    const auto h = held_.find(it->second.owner->network);
    if (h != held_.end() && --h->second == 0) held_.erase(h);
  }
  by_random_.erase(it);
}

void origin_secrets::bind(std::string_view client_random_bytes, binding owner) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string random;
  for (unsigned char c : client_random_bytes) {
    random += digits[c >> 4];
    random += digits[c & 15];
  }
  std::lock_guard lock(mutex_);
  const auto it = by_random_.find(random);
  if (it == by_random_.end() || it->second.owner) return;
  // Only a network at its share walks the table, to drop its oldest entries.
  for (auto o = order_.begin(); held_[owner.network] >= per_network_ && o != order_.end();) {
    const auto e = by_random_.find(*o);
    if (e != by_random_.end() && e->second.owner && e->second.owner->network == owner.network) {
      erase(*o);
      o = order_.erase(o);
    } else {
      ++o;
    }
  }
  ++held_[owner.network];
  it->second.owner = std::move(owner);
}

std::optional<nlohmann::json> origin_secrets::find(std::string_view client_random,
                                                   std::string_view token,
                                                   std::string_view network,
                                                   clock::time_point now) {
  const auto random = lower_hex(client_random, random_hex_len, random_hex_len);
  if (!random) return std::nullopt;
  std::lock_guard lock(mutex_);
  expire(now);
  const auto it = by_random_.find(*random);
  if (it == by_random_.end() || !it->second.owner) return std::nullopt;
  const auto& owner = *it->second.owner;
  if (owner.token.empty() ? owner.network != network : owner.token != token) return std::nullopt;
  return nlohmann::json{{"client_random", *random},
                        {"version", it->second.version},
                        {"secrets", it->second.secrets}};
}

void origin_secrets::expire(clock::time_point now) {
  while (!order_.empty()) {
    const auto it = by_random_.find(order_.front());
    if (it != by_random_.end() && now - it->second.created < lifetime_) return;
    erase(order_.front());
    order_.pop_front();
  }
}

}  // namespace tlsscope::relay
