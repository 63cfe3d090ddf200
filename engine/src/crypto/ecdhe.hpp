// Ephemeral elliptic-curve Diffie-Hellman (RFC 8422 §5.10, RFC 7748 §6.1) over BearSSL.
#pragma once
#include <optional>

#include "tables/groups.hpp"
#include "tlsscope/bytes.hpp"
#include "tlsscope/config.hpp"

namespace tlsscope {

struct KeyPair {
  Bytes private_key;
  Bytes public_key;  // x25519: 32 bytes; NIST curves: 04 || X || Y
};

/// A fresh key pair on `group`, its private key drawn from `random`.
KeyPair generate_key_pair(const GroupInfo& group, const RandomSource& random);
/// The public key for a given private key (for known-answer tests).
Bytes public_key_for(const GroupInfo& group, ByteView private_key);
/// The shared secret (the X coordinate), or nothing if the peer's point is malformed, off
/// the curve, or (x25519) yields the all-zero value RFC 8422 §5.11 says to reject.
std::optional<Bytes> ecdh_shared_secret(const GroupInfo& group, ByteView private_key,
                                        ByteView peer_public);

}  // namespace tlsscope
