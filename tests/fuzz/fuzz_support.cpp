#include "fuzz_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include "codec/writer.hpp"
#include "record/record_layer.hpp"
#include "tables/suites.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope::fuzz {

void require(bool ok, std::string_view what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz check failed: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

std::filesystem::path seeds_dir() {
  if (const char* dir = std::getenv("TLSSCOPE_FUZZ_SEEDS")) return dir;
  return TLSSCOPE_FUZZ_SEEDS_DIR;
}

Bytes message(HandshakeType type, ByteView body) { return frame_handshake(type, body); }

void check_fields(const json& fields, std::size_t size) {
  require(fields.is_array(), "a field tree is an array");
  for (const auto& f : fields) {
    require(f.contains("offset") && f.contains("length"), "a field has an offset and a length");
    auto offset = f["offset"].get<std::size_t>(), length = f["length"].get<std::size_t>();
    require(offset <= size && length <= size - offset,
            "field " + f["name"].dump() + " lies outside its message");
    if (f.contains("children")) check_fields(f["children"], size);
  }
}

namespace {

std::string serialise(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

void check_parse(ByteView msg, const std::optional<Error>& err, const json& fields,
                 const json& summary) {
  serialise(fields);
  serialise(summary);
  if (err) {
    require(!err->detail.empty(), "an error names what was wrong");
    return;
  }
  check_fields(fields, msg.size());
  require(summary.is_object(), "a parsed message has a summary object");
}

std::vector<Transcript> load_transcripts(const std::filesystem::path& file) {
  std::ifstream in(file);
  require(in.good(), "transcripts at " + file.string() +
                         " (made by the fuzz.seeds test; see docs/fuzzing.md)");
  std::stringstream text;
  text << in.rdbuf();
  json all = json::parse(text.str(), nullptr, false);
  require(all.is_array(), "transcripts file is a JSON array");
  std::vector<Transcript> out;
  for (const auto& j : all) {
    Transcript t;
    t.name = j["name"];
    t.server_name = j["server_name"];
    t.now = j["now"];
    t.seed = j["seed"];
    t.versions = j["versions"].get<std::vector<std::uint16_t>>();
    t.roots_pem = j["roots_pem"];
    for (const auto& r : j["records"]) {
      ServerRecord rec{r["type"].get<std::uint8_t>(), {}};
      require(from_hex(r["content"].get<std::string>(), rec.content), "record content is hex");
      t.records.push_back(std::move(rec));
    }
    out.push_back(std::move(t));
  }
  return out;
}

void save_transcripts(const std::filesystem::path& file, const std::vector<Transcript>& all) {
  json out = json::array();
  for (const auto& t : all) {
    json records = json::array();
    for (const auto& r : t.records) records.push_back({{"type", r.type}, {"content", to_hex(r.content)}});
    out.push_back({{"name", t.name}, {"server_name", t.server_name}, {"now", t.now},
                   {"seed", t.seed}, {"versions", t.versions}, {"roots_pem", t.roots_pem},
                   {"records", std::move(records)}});
  }
  std::ofstream(file) << out.dump(1) << "\n";
}

Config client_config(const Transcript& t) {
  Config c;
  c.server_name = t.server_name;
  c.trust_anchors_pem = t.roots_pem;
  c.now = t.now;
  c.versions = t.versions;
  // xorshift64: the same bytes for the same seed, so the client's keys match the recording.
  auto state = std::make_shared<std::uint64_t>(t.seed);
  c.random = [state](std::uint8_t* out, std::size_t len) {
    for (std::size_t i = 0; i < len; ++i) {
      *state ^= *state << 13;
      *state ^= *state >> 7;
      *state ^= *state << 17;
      out[i] = static_cast<std::uint8_t>(*state);
    }
  };
  return c;
}

std::vector<std::pair<std::size_t, std::size_t>> replay_points(const std::vector<Transcript>& all) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t t = 0; t < all.size(); ++t)
    for (std::size_t n = 0; n <= all[t].records.size(); ++n) out.emplace_back(t, n);
  return out;
}

void append_chunk(Bytes& out, std::uint8_t type, ByteView content) {
  out.push_back(type);
  out.push_back(static_cast<std::uint8_t>(content.size() >> 8));
  out.push_back(static_cast<std::uint8_t>(content.size()));
  out.insert(out.end(), content.begin(), content.end());
}

void ServerRecords::observe(const json& e) {
  const std::string type = e.value("type", "");
  const std::string step = e.value("step", "");
  if (type == "message" && e.value("dir", "") == "in" &&
      (step == "server_hello" || step == "hello_retry_request")) {
    // A fuzzed message may leave its summary out or make it something other than an object.
    const auto summary = e.find("summary");
    const bool has = summary != e.end() && summary->is_object();
    auto id = cipher_suite_by_name(has ? summary->value("cipher_suite", "") : "");
    suite_ = id ? find_suite(*id) : nullptr;
  } else if (type == "secret" && e.value("name", "") == "server_write_key") {
    from_hex(e["value"].get<std::string>(), key_);
  } else if (type == "secret" && e.value("name", "") == "server_write_iv") {
    from_hex(e["value"].get<std::string>(), iv_);
    if (tls13()) protection_.emplace(*suite_, key_, iv_);  // RFC 8446 §7: in use at once
  } else if (type == "message" && step == "change_cipher_spec" && e.value("dir", "") == "in" &&
             suite_ && !tls13()) {
    protection_.emplace(*suite_, key_, iv_);  // RFC 5246 §7.1: from the next record on
  }
}

bool ServerRecords::protects(std::uint8_t type) const {
  // TLS 1.3's compatibility ChangeCipherSpec stays in the clear (RFC 8446 §5).
  return protection_ && !(tls13() && type == static_cast<std::uint8_t>(ContentType::change_cipher_spec));
}

Bytes ServerRecords::record(std::uint8_t type, ByteView content) {
  const bool sealed = protects(type);
  Writer w;
  w.u8(sealed && tls13() ? static_cast<std::uint8_t>(ContentType::application_data) : type);
  w.u16(0x0303);
  auto len = w.open(2);
  w.bytes(sealed ? ByteView(protection_->seal(type, 0x0303, content)) : content);
  w.close(len);
  return w.take();
}

std::optional<ServerRecord> ServerRecords::open(ByteView wire) {
  if (wire.size() < kRecordHeaderLen) return std::nullopt;
  ServerRecord out{wire[0], {}};
  ByteView fragment = wire.subspan(kRecordHeaderLen);
  if (!protects(out.type)) {
    out.content.assign(fragment.begin(), fragment.end());
    return out;
  }
  auto plain = protection_->open(wire[0], static_cast<std::uint16_t>(wire[1] << 8 | wire[2]), fragment);
  if (!plain) return std::nullopt;
  if (tls13()) {  // TLSInnerPlaintext: content, type, zero padding
    while (!plain->empty() && plain->back() == 0) plain->pop_back();
    if (plain->empty()) return std::nullopt;
    out.type = plain->back();
    plain->pop_back();
  }
  out.content = std::move(*plain);
  return out;
}

Session::Session(const Transcript& t) : client(client_config(t)) {
  client.start();
  drain();
}

void Session::feed_raw(ByteView wire) {
  const bool was_failed = client.state() == State::failed;
  client.receive(wire);
  if (was_failed) {
    // The first error is sticky: a failed client ignores everything after it.
    require(client.take_events().empty(), "a failed client emits no more events");
    require(client.take_output().empty(), "a failed client writes no more bytes");
  }
  drain();
}

void Session::finish() {
  if (client.state() == State::open) client.close();
  client.transport_closed();
  drain();
}

void Session::drain() {
  client.take_output();
  Bytes p = client.take_plaintext();
  plaintext.insert(plaintext.end(), p.begin(), p.end());
  for (const json& e : client.take_events()) {
    require(e.value("seq", ~std::uint64_t{0}) == next_seq_++, "events are numbered 0, 1, 2, …");
    require(e.contains("type") && e["type"].is_string(), "every event has a type");
    serialise(e);
    if (e["type"] == "message") {
      Bytes bytes;
      require(from_hex(e["bytes"].get<std::string>(), bytes), "message bytes are hex");
      check_fields(e["fields"], bytes.size());
    }
    if (e["type"] == "error")
      require(client.error() && e["code"] == client.error()->name(),
              "the error event names the client's error");
    server.observe(e);
  }
  require((client.state() == State::failed) == client.error().has_value(),
          "a client has an error exactly when it failed");
}

}  // namespace tlsscope::fuzz
