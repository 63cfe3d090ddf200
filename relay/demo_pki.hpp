// The demo origin's certificates: a root ("tlsscope demo root CA"), an intermediate, and a
// leaf for localhost, 127.0.0.1 and ::1, all ECDSA P-256. Created at first start in the state
// folder and reused after, so a page or a CLI that saved /ca.pem keeps trusting it; created
// again when a file is missing or broken, or the leaf is about to expire.
//
// With them, one bad certificate per kind a browser refuses (the variants' certificates, in
// <state>/variants/): issued by the same intermediate when the point is what is wrong with
// the leaf itself, so that nothing else about the chain fails first.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace tlsscope::relay {

/// A chain as a server sends it (leaf first) and the leaf's private key, both PEM.
struct credentials {
  std::string chain_pem;
  std::string key_pem;
};

struct demo_pki {
  std::string root_pem;   // served at /ca.pem
  std::string chain_pem;  // leaf, then intermediate: what the origin sends
  std::string leaf_key_pem;
  std::map<std::string, credentials> bad;  // by name: demo_pki.cpp's bad_certificates
};

/// Loads or creates the chain in `state_dir` (made 0700; keys 0600). `host` is the name or
/// address the origin is reached by; the leaf must cover it. Throws std::runtime_error.
demo_pki load_or_create_demo_pki(const std::filesystem::path& state_dir, const std::string& host);

}  // namespace tlsscope::relay
