// Payloads for the tests: reproducible pseudo-random bytes, and a SHA-256 to compare them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace tlsscope::relay::test {

std::string random_bytes(std::size_t n, std::uint64_t seed = 1);
std::string sha256_hex(const std::string& data);

}  // namespace tlsscope::relay::test
