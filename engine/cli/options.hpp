// Command-line options of build/bin/tlsscope.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "narrate.hpp"

namespace tlsscope::cli {

struct Options {
  std::string url;
  std::string ca_file = "/etc/ssl/certs/ca-certificates.crt";
  std::string connect;  // HOST:PORT overriding where TCP goes
  std::uint16_t only_version = 0;  // 0x0303 or 0x0304 when forced; 0 offers both
  bool post_quantum = true;        // offer X25519MLKEM768 (--no-pq turns it off)
  std::vector<std::uint16_t> groups;  // --groups, in order; empty: the engine's default
  bool json = false;
  std::string keylog_file;
  Lang lang = Lang::en;
  std::chrono::milliseconds timeout{10000};
};

extern const char* const kUsage;

/// The options, or nothing with `why` set (or empty `why` for --help).
std::optional<Options> parse_options(int argc, char** argv, std::string& why);

}  // namespace tlsscope::cli
