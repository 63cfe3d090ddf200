// What the fuzz targets (docs/fuzzing.md) share: the checks every target makes on what the
// engine gives back, the recorded server transcripts the seeds come from, and the server's
// half of the record layer, so fuzzed bytes can reach the encrypted states too.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "crypto/aead.hpp"
#include "msgs/handshake.hpp"
#include "tlsscope/client.hpp"

namespace tlsscope::fuzz {

using json = nlohmann::json;

/// Stops the run with `what` when `ok` is false: libFuzzer then keeps the input as a crash.
void require(bool ok, std::string_view what);

/// The folder tlsscope-fuzz-seeds filled: $TLSSCOPE_FUZZ_SEEDS, else the build tree's.
std::filesystem::path seeds_dir();

/// The handshake message `type` with `body` (header + body, as the reassembler hands it on).
Bytes message(HandshakeType type, ByteView body);

/// Every node of a field tree points inside a message of `size` bytes (the page highlights
/// these ranges in its hex view).
void check_fields(const json& fields, std::size_t size);

/// What a message parser must give back for any body: on success a field tree inside the
/// message and an object summary; in every case JSON that serialises the way the CLI and the
/// page serialise it.
void check_parse(ByteView msg, const std::optional<Error>& err, const json& fields,
                 const json& summary);

/// One record the server sent, as plaintext: its (inner) content type and content.
struct ServerRecord {
  std::uint8_t type = 0;
  Bytes content;
};

/// A real exchange, recorded once: replaying `records` (re-protected by ServerRecords) into a
/// client built by client_config() repeats it exactly.
struct Transcript {
  std::string name;
  std::string server_name;
  std::int64_t now = 0;
  std::uint64_t seed = 0;
  std::vector<std::uint16_t> versions;
  std::string roots_pem;
  std::vector<ServerRecord> records;  // one handshake message per record
};

std::vector<Transcript> load_transcripts(const std::filesystem::path& file);
void save_transcripts(const std::filesystem::path& file, const std::vector<Transcript>& all);
/// The client of the recording: same name, time, trust anchors, versions and randomness.
Config client_config(const Transcript& t);

/// Where the client target can start fuzzing: (transcript index, records replayed first), for
/// every point of every transcript, in order. The target's first input byte picks one.
std::vector<std::pair<std::size_t, std::size_t>> replay_points(const std::vector<Transcript>& all);
/// The client target's input after that byte: records as type (1), length (2), content.
void append_chunk(Bytes& out, std::uint8_t type, ByteView content);

/// The server's side of the record layer, following the client's events: the suite from
/// ServerHello, the server_write key and IV from the "traffic_keys" secrets, switched on
/// where the client switches them (TLS 1.2: at the server's ChangeCipherSpec; TLS 1.3: at
/// once). record() then protects exactly as the server would.
class ServerRecords {
 public:
  void observe(const json& event);
  /// A wire record of `type` holding `content`, protected if the client expects it to be.
  Bytes record(std::uint8_t type, ByteView content);
  /// The plaintext of one wire record (the recorder's side); nothing if it does not open.
  std::optional<ServerRecord> open(ByteView wire);
  bool tls13() const { return suite_ && suite_->tls13; }

 private:
  bool protects(std::uint8_t type) const;

  const SuiteInfo* suite_ = nullptr;
  Bytes key_, iv_;
  std::optional<RecordProtection> protection_;
};

/// A client under test. Every event it emits is checked (consecutive seq, serialisable, field
/// trees inside their message) and shown to the server side; a failure must be sticky.
class Session {
 public:
  explicit Session(const Transcript& t);
  void feed(std::uint8_t type, ByteView content) { feed_raw(server.record(type, content)); }
  void feed_raw(ByteView wire);
  /// Ends the exchange the way the CLI does: close if open, then the transport ends.
  void finish();

  Client client;
  ServerRecords server;
  Bytes plaintext;

 private:
  void drain();
  std::uint64_t next_seq_ = 0;
};

}  // namespace tlsscope::fuzz
