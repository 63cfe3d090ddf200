// What the TLS 1.2 and TLS 1.3 interop matrices share: the servers, the key-exchange groups
// (and how each server spells them), and the PKI files a server is started with.
#pragma once
#include <string>

#include "cli.hpp"

namespace tlsscope::test {

enum class Server { s_server, gnutls_serv };
enum class Group { x25519, secp256r1, secp384r1 };

inline std::string server_name(Server s) {
  return s == Server::s_server ? "s_server" : "gnutls_serv";
}

// The name in the events (RFC 8446 §4.2.7 / RFC 8422 NamedGroup names).
inline std::string group_name(Group g) {
  switch (g) {
    case Group::x25519: return "x25519";
    case Group::secp256r1: return "secp256r1";
    case Group::secp384r1: return "secp384r1";
  }
  return {};
}

inline std::string openssl_group(Group g) {
  switch (g) {
    case Group::x25519: return "X25519";
    case Group::secp256r1: return "P-256";
    case Group::secp384r1: return "P-384";
  }
  return {};
}

inline std::string gnutls_group(Group g) {
  switch (g) {
    case Group::x25519: return "GROUP-X25519";
    case Group::secp256r1: return "GROUP-SECP256R1";
    case Group::secp384r1: return "GROUP-SECP384R1";
  }
  return {};
}

// A server's chain (leaf + intermediate) and the root the client is given.
struct Credentials {
  std::string leaf, key, intermediate, chain, root;
};

// The RSA chain, or the ECDSA chain with its P-256 or P-384 leaf.
enum class Key { rsa, ecdsa_p256, ecdsa_p384 };

inline Credentials credentials_for(Key k) {
  if (k == Key::rsa) {
    return {pki_file("rsa-leaf.pem"), pki_file("rsa-leaf.key"), pki_file("rsa-int.pem"),
            pki_file("rsa-leaf-chain.pem"), pki_file("rsa-root.pem")};
  }
  std::string leaf = k == Key::ecdsa_p384 ? "ec384-leaf" : "ec256-leaf";
  return {pki_file(leaf + ".pem"), pki_file(leaf + ".key"), pki_file("ec-int.pem"),
          pki_file(leaf + "-chain.pem"), pki_file("ec-root.pem")};
}

}  // namespace tlsscope::test
