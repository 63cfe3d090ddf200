// ClientHello (RFC 5246 §7.4.1.2): what the client offers.
#pragma once
#include <algorithm>
#include <string>
#include <vector>

#include "msgs/handshake.hpp"

namespace tlsscope {

struct KeyShareEntry {
  std::uint16_t group;
  Bytes public_key;
};

struct Offer {
  Bytes random;                         // 32 bytes, the Client Random
  Bytes session_id;                     // TLS 1.3 middlebox compatibility: 32 random bytes
  std::vector<std::uint16_t> versions;  // TLS 1.3 and/or 1.2, best first
  std::vector<KeyShareEntry> key_shares;  // TLS 1.3 only
  std::size_t key_shares_ahead = 0;     // how many of them were made ahead (Config::key_shares_ahead)
  Bytes cookie;                         // echoed after a HelloRetryRequest (RFC 8446 §4.2.2)
  std::string sni;                      // empty: no server_name extension (IP literals)
  std::vector<std::uint16_t> suites;
  std::vector<std::uint16_t> groups;
  std::vector<std::uint16_t> signature_schemes;
  std::vector<std::string> alpn;

  bool offers_tls13() const;
  bool offers_version(std::uint16_t v) const { return has(versions, v); }
  bool offers_suite(std::uint16_t id) const { return has(suites, id); }
  bool offers_group(std::uint16_t id) const { return has(groups, id); }
  bool offers_signature_scheme(std::uint16_t id) const { return has(signature_schemes, id); }

 private:
  static bool has(const std::vector<std::uint16_t>& v, std::uint16_t x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  }
};

/// The whole ClientHello message (header included).
Bytes encode_client_hello(const Offer& offer);
/// Its field tree and summary (built by parsing the bytes, so they show exactly what was sent).
std::optional<Error> decode_client_hello(ByteView msg, json& fields, json& summary);

}  // namespace tlsscope
