#include "crypto/prf.hpp"

#include <string>
#include <vector>

#include <bearssl.h>

namespace tlsscope {

Bytes tls12_prf(Hash h, ByteView secret, std::string_view label,
                std::initializer_list<ByteView> seeds, std::size_t len) {
  std::vector<br_tls_prf_seed_chunk> chunks;
  for (ByteView s : seeds) chunks.push_back({s.data(), s.size()});
  std::string label_z(label);  // BearSSL wants a NUL-terminated label
  Bytes out(len);
  auto prf = (h == Hash::sha384) ? &br_tls12_sha384_prf : &br_tls12_sha256_prf;
  prf(out.data(), len, secret.data(), secret.size(), label_z.c_str(), chunks.size(),
      chunks.data());
  return out;
}

}  // namespace tlsscope
