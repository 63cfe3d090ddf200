// Drives build/bin/tlsscope as a black box and reads what it leaves: exit status, JSON Lines
// events, "error: CODE: sentence" lines, NSS key logs.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "process.hpp"

namespace tlsscope::test {

/// The CLI under test: $TLSSCOPE_CLI, else the one this build makes.
std::filesystem::path cli_path();
/// The throwaway PKI made by tests/pki/make-pki.sh (the `pki` test fixture).
std::filesystem::path pki_dir();
/// A file of the PKI, e.g. pki_file("rsa-root.pem").
std::string pki_file(const std::string& name);

/// Runs the CLI with `args`; kills it if it has not finished after 30 s, so that no test hangs.
RunResult run_cli(const std::vector<std::string>& args);

/// The JSON Lines of a --json run. A line that is not a JSON object is an error, named in `error`.
std::vector<nlohmann::json> json_lines(const std::string& out, std::string& error);

/// The events of a given "type" (in order).
std::vector<nlohmann::json> events_of_type(const std::vector<nlohmann::json>& events,
                                           const std::string& type);

/// The CODEs of every stderr line of the form "error: CODE: sentence" (a non-empty sentence).
std::vector<std::string> error_codes(const std::string& err);

/// CLIENT_RANDOM lines of an NSS key log: client random → master secret, both lower-case hex.
std::map<std::string, std::string> read_keylog(const std::filesystem::path& path);

/// Everything about a run, for a failure message.
std::string describe(const RunResult& run);

/// The whole text of a file ("" if it does not exist).
std::string read_text(const std::filesystem::path& path);

}  // namespace tlsscope::test
