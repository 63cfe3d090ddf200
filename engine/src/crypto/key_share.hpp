// TLS 1.3 key shares (RFC 8446 §4.2.8) for every group the client can offer: the ECDHE groups
// of tables/groups.hpp, whose share is a public key, and the hybrid X25519MLKEM768
// (draft-ietf-tls-ecdhe-mlkem, group 0x11EC), whose client share is an ML-KEM-768
// encapsulation key followed by an X25519 public key and whose server share is an ML-KEM
// ciphertext followed by the server's X25519 public key. The hybrid's shared secret is the
// ML-KEM shared secret followed by the X25519 one (64 bytes) — ML-KEM first, the reverse of the
// group's name, "for historical reasons" (the draft, §3).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "crypto/ecdhe.hpp"
#include "crypto/mlkem.hpp"
#include "tables/notes.hpp"
#include "tlsscope/config.hpp"
#include "tlsscope/errors.hpp"

namespace tlsscope {

constexpr std::uint16_t kX25519MLKEM768 = 0x11ec;
constexpr std::uint16_t kX25519 = 0x001d;

/// The groups the engine offers by default, best first: the hybrid, then the ECDHE groups.
std::vector<std::uint16_t> default_groups();
/// Whether the engine can make a key share for `group` (TLS 1.3 only for the hybrid).
bool can_offer(std::uint16_t group, bool tls13);

/// One half of a share: its name and where it sits in the key_exchange bytes.
struct SharePart {
  std::string_view name;
  std::size_t offset, length;
  NoteId note;
};
/// How `group`'s key_exchange splits into halves, if it is the hybrid and has the length
/// `from_server` implies; empty otherwise (an ECDHE share is one public key).
std::vector<SharePart> share_parts(std::uint16_t group, std::size_t length, bool from_server);

/// The client's side of one key share: what was sent, and the private keys to finish with.
struct ClientKeyShare {
  std::uint16_t group = 0;
  Bytes key_exchange;        // the bytes in the ClientHello
  KeyPair ecdhe;             // the ECDHE key (for the hybrid, its X25519 half)
  mlkem768::KeyPair mlkem;   // the hybrid's ML-KEM-768 half; empty otherwise
};
ClientKeyShare make_client_key_share(std::uint16_t group, const RandomSource& random);

/// Shares made ahead of their client (tlsscope/config.hpp make_key_shares_ahead).
class KeySharesAhead {
 public:
  explicit KeySharesAhead(std::vector<ClientKeyShare> shares) : shares_(std::move(shares)) {}
  /// The share of `group`, removed from here (so no second client gets it), if there is one.
  std::optional<ClientKeyShare> take(std::uint16_t group);

 private:
  std::vector<ClientKeyShare> shares_;
};

/// The shares a first ClientHello carries for `groups` (TLS 1.3 groups, best first): one for
/// the first group, and — as browsers do — one for X25519 too when the first is the hybrid and
/// X25519 is offered, so that a server without ML-KEM needs no HelloRetryRequest. A share of
/// the same group in `ahead` (if given) is taken from it instead of made; `taken` counts those.
std::vector<ClientKeyShare> initial_key_shares(const std::vector<std::uint16_t>& groups,
                                               const RandomSource& random,
                                               KeySharesAhead* ahead = nullptr,
                                               std::size_t* taken = nullptr);

/// A finished key exchange: the shared secret the key schedule takes and what it was made from,
/// for its report (Context::report). The inputs are views into the client's share and the
/// server's bytes: report it while those are alive.
struct KeyExchange {
  const ClientKeyShare* share = nullptr;
  ByteView server_public;  // the server's ECDHE key (for the hybrid, its X25519 half)
  Bytes shared_secret;     // for the hybrid: the ML-KEM shared secret || the X25519 one
  // The hybrid only: the ciphertext the ML-KEM half was decapsulated from, and the X25519 half
  // of the shared secret.
  ByteView mlkem_ciphertext;
  Bytes x25519_shared_secret;
  bool hybrid() const { return !mlkem_ciphertext.empty(); }
};

/// Finishes the key exchange with the server's share, or says why the share is unusable.
std::variant<KeyExchange, Error> finish_key_exchange(const ClientKeyShare& share,
                                                     ByteView server_share);

}  // namespace tlsscope
