// The demo origin's certificates: a root ("tlsscope demo root CA"), an intermediate, and a
// leaf for localhost, 127.0.0.1 and ::1, all ECDSA P-256. Created at first start in the state
// folder and reused after, so a page or a CLI that saved /ca.pem keeps trusting it; created
// again when a file is missing or broken, or the leaf is about to expire.
#pragma once

#include <filesystem>
#include <string>

namespace tlsscope::relay {

struct demo_pki {
  std::string root_pem;   // served at /ca.pem
  std::string chain_pem;  // leaf, then intermediate: what the origin sends
  std::string leaf_key_pem;
};

/// Loads or creates the chain in `state_dir` (made 0700; keys 0600). `host` is the name or
/// address the origin is reached by; the leaf must cover it. Throws std::runtime_error.
demo_pki load_or_create_demo_pki(const std::filesystem::path& state_dir, const std::string& host);

}  // namespace tlsscope::relay
