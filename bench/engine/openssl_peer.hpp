// The peers the engine is measured against: a plain libssl client (the same server, the same
// version, suite and group, chain and host name checked like the engine checks them) and
// OpenSSL's EVP AEADs over the same records.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "workloads.hpp"

namespace tlsscope::bench {

class OpensslClient {
 public:
  OpensslClient(std::uint16_t version, const std::string& ca_file);
  ~OpensslClient();
  /// One full handshake over `fd` (a connected socket), then close_notify. True on success.
  bool handshake(int fd, const std::string& server_name);

 private:
  struct Ctx;
  std::unique_ptr<Ctx> ctx_;
};

/// Decrypts every record with EVP (TLS 1.3 nonce and additional data, as the engine does);
/// the plaintext bytes recovered, 0 if any record failed.
std::size_t evp_open_records(const Records& r);

}  // namespace tlsscope::bench
