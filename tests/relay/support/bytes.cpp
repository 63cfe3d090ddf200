#include "bytes.hpp"

#include <openssl/evp.h>

#include <random>

namespace tlsscope::relay::test {

std::string random_bytes(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 gen(seed);
  std::string out(n, '\0');
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const auto v = gen();
    for (int b = 0; b < 8; ++b)
      out[i + b] = static_cast<char>(v >> (8 * b));
  }
  for (; i < n; ++i)
    out[i] = static_cast<char>(gen());
  return out;
}

std::string sha256_hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

}  // namespace tlsscope::relay::test
