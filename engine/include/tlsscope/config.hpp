// What the caller hands the engine: the engine itself has no clock, no sockets and no
// randomness of its own (sans I/O: README.md, "What is here").
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tlsscope/bytes.hpp"

namespace tlsscope {

class TrustStore;  // tlsscope/trust.hpp
class KeySharesAhead;  // below: make_key_shares_ahead

/// Fills `out` with `len` cryptographically strong random bytes.
using RandomSource = std::function<void(std::uint8_t* out, std::size_t len)>;

/// "Break it" (the tutorial): flip one byte of one incoming message after reassembly and
/// decryption, before it is parsed or verified, so the learner watches the real check catch
/// it. Reported as a "tamper" event (docs/events.md).
struct Tamper {
  enum class Target {
    none,
    server_key_exchange_signature,  // TLS 1.2: a byte of the ServerKeyExchange signature
    certificate,                    // a byte of the leaf certificate's signature (by its issuer)
    server_finished,                // a byte of the server's Finished verify_data
    certificate_verify,             // TLS 1.3: a byte of the CertificateVerify signature
  };
  Target target = Target::none;
  /// Which byte of the targeted bytes, from their first (taken modulo their length); negative
  /// counts from the last (-1, the default, is the last byte).
  std::int64_t index = -1;
};
/// A target's name as callers spell it ("server_finished"), and back (nothing if unknown).
std::string_view tamper_target_name(Tamper::Target target);
std::optional<Tamper::Target> tamper_target_by_name(std::string_view name);

struct Config {
  /// Host the client connects to: sent as SNI (if it is a DNS name) and checked against the
  /// certificate (dNSName SANs, or iPAddress SANs when it is an IP literal).
  std::string server_name;
  /// Trust anchors parsed once (tlsscope/trust.hpp) and shared between connections. When
  /// unset, trust_anchors_pem is parsed for this connection alone.
  std::shared_ptr<const TrustStore> trust_store;
  /// Trust anchors as concatenated PEM certificates (e.g. /etc/ssl/certs/ca-certificates.crt).
  std::string trust_anchors_pem;
  /// Current time, seconds since the Unix epoch: certificates are checked at this instant.
  std::int64_t now = 0;
  /// Protocol versions offered, by wire value (0x0303 = TLS 1.2). Empty means the default.
  std::vector<std::uint16_t> versions;
  /// Cipher suites offered, by wire value, in preference order. Empty means the default.
  std::vector<std::uint16_t> cipher_suites;
  /// Key-exchange groups offered, by wire value (0x001d = x25519). Empty means the default:
  /// X25519MLKEM768 (0x11ec, TLS 1.3 only), x25519, secp256r1, secp384r1.
  std::vector<std::uint16_t> groups;
  /// Offer the post-quantum hybrid X25519MLKEM768 (TLS 1.3). False: classical groups only,
  /// to show the handshake without it.
  bool hybrid_key_exchange = true;
  /// ALPN protocol names offered; empty offers none.
  std::vector<std::string> alpn = {"http/1.1"};
  /// Randomness (client random, ECDHE private key). MUST be set; tests inject fixed bytes.
  RandomSource random;
  /// No tampering unless asked for.
  Tamper tamper;
  /// Key shares made before the connection (make_key_shares_ahead): a first ClientHello takes
  /// the share of a group it offers from here instead of making it then, and each is taken
  /// once, by one client. Unset: every share is made at start().
  std::shared_ptr<KeySharesAhead> key_shares_ahead;
};

/// The key shares a default first ClientHello carries (X25519MLKEM768 and X25519), made now with
/// `random`, for a client made later (Config::key_shares_ahead): the page makes them while it
/// waits for Enter, so a run's ClientHello is put together in a fraction of the time. Their
/// private keys stay in memory until a client takes them or the last reference goes.
std::shared_ptr<KeySharesAhead> make_key_shares_ahead(const RandomSource& random);

}  // namespace tlsscope
