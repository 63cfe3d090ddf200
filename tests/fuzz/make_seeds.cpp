// tlsscope-fuzz-seeds PKI_DIR OUT_DIR: the fuzz targets' seed corpora, from real exchanges.
// For each scenario it starts `openssl s_server -www` on loopback, lets a client with seeded
// randomness fetch a page, and keeps every byte the server sent. It then replays those bytes
// offline, opening each protected record with the harness's ServerRecords (so the harness's
// view of the keys is checked against a real server), cuts the handshake into one message per
// record, and checks that this plaintext transcript, re-protected by the harness, takes a
// fresh client to the same HTTP response. Out: OUT_DIR/transcripts.json and one folder of
// seeds per fuzz target (docs/fuzzing.md).
#include <unistd.h>

#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "fuzz_support.hpp"
#include "live_exchange.hpp"
#include "msgs/certificate.hpp"
#include "msgs/server_hello.hpp"
#include "msgs/tls13_messages.hpp"
#include "net.hpp"
#include "process.hpp"
#include "record/record_layer.hpp"

namespace tlsscope::fuzz {
namespace {

namespace fs = std::filesystem;

struct Scenario {
  std::string name;
  std::vector<std::string> server_args;  // besides -accept and -www
  std::vector<std::uint16_t> versions;   // offered by the client
  bool node26 = false;  // server_args go to Node 26's TLS server (X25519MLKEM768), not s_server
};

// Both versions, both key types; each server asks for a client certificate (so the
// CertificateRequest parsers get seeds); the last makes the server answer x25519 with a
// HelloRetryRequest for P-256. The hybrid X25519MLKEM768 comes from Node 26's OpenSSL 3.5
// (tests/interop/node26_server.mjs), the only server here that speaks it.
std::vector<Scenario> scenarios(const fs::path& pki) {
  auto creds = [&](const std::string& leaf, const std::string& intermediate) {
    return std::vector<std::string>{"-cert", (pki / (leaf + ".pem")).string(), "-key",
                                    (pki / (leaf + ".key")).string(), "-cert_chain",
                                    (pki / (intermediate + ".pem")).string(), "-verify", "1"};
  };
  auto with = [](std::vector<std::string> a, std::vector<std::string> b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  };
  return {
      {"tls12_ecdsa", with({"-tls1_2"}, creds("ec256-leaf", "ec-int")), {0x0303}},
      {"tls12_rsa", with({"-tls1_2"}, creds("rsa-leaf", "rsa-int")), {0x0303}},
      {"tls13_ecdsa", with({"-tls1_3"}, creds("ec256-leaf", "ec-int")), {0x0304, 0x0303}},
      {"tls13_rsa_hrr", with({"-tls1_3", "-groups", "P-256"}, creds("rsa-leaf", "rsa-int")),
       {0x0304, 0x0303}},
      {"tls13_hybrid",
       {(pki / "ec256-leaf-chain.pem").string(), (pki / "ec256-leaf.key").string(), "X25519MLKEM768",
        "/dev/null"},
       {0x0304, 0x0303},
       true},
  };
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_seed(const fs::path& dir, const std::string& name, ByteView bytes) {
  fs::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

// A live exchange with s_server or Node 26 (GET /, until the server closes); every byte it sent.
Bytes record_live(const Scenario& sc, const Transcript& t, const fs::path& log) {
  test::Process server;
  std::uint16_t port = 0;
  for (int attempt = 0; attempt < 5 && !server.running(); ++attempt) {
    port = test::free_loopback_port();
    std::vector<std::string> argv =
        sc.node26 ? std::vector<std::string>{TLSSCOPE_NODE26, TLSSCOPE_NODE26_SERVER, std::to_string(port)}
                  : std::vector<std::string>{"openssl", "s_server", "-accept", "127.0.0.1:" + std::to_string(port)};
    argv.insert(argv.end(), sc.server_args.begin(), sc.server_args.end());
    if (!sc.node26) argv.emplace_back("-www");
    server = test::Process::spawn(argv, {{}, log, log});
    if (!test::wait_for_listen(port, std::chrono::seconds(15), [&] { return server.running(); }))
      server.stop();
  }
  require(server.running(), "the server starts (log: " + log.string() + ")");

  int fd = test::connect_loopback(port);
  require(fd >= 0, "connect to s_server on loopback");
  Client client(client_config(t));
  client.start();
  Bytes from_server = test::get_root_over(client, fd);
  ::close(fd);
  require(!client.error(), sc.name + ": the live exchange succeeds (" +
                               (client.error() ? client.error()->detail : "") + ")");
  return from_server;
}

std::vector<Bytes> split_records(ByteView wire) {
  std::vector<Bytes> out;
  for (std::size_t off = 0; off + kRecordHeaderLen <= wire.size();) {
    std::size_t len = kRecordHeaderLen + (std::size_t{wire[off + 3]} << 8 | wire[off + 4]);
    require(off + len <= wire.size(), "the server's last record is whole");
    out.emplace_back(wire.begin() + static_cast<long>(off), wire.begin() + static_cast<long>(off + len));
    off += len;
  }
  return out;
}

// The plaintext of each record, with the handshake re-cut into one message per record so that
// every message boundary is a point the client target can start from.
std::vector<ServerRecord> plaintext_records(const Transcript& t, const std::vector<Bytes>& wire) {
  Session s(t);
  std::vector<ServerRecord> out;
  Bytes handshake;
  for (const Bytes& w : wire) {
    auto rec = s.server.open(w);
    require(rec.has_value(), t.name + ": the harness opens every record the server protected");
    s.feed_raw(w);
    if (rec->type != static_cast<std::uint8_t>(ContentType::handshake)) {
      out.push_back(std::move(*rec));
      continue;
    }
    handshake.insert(handshake.end(), rec->content.begin(), rec->content.end());
    while (handshake.size() >= kHandshakeHeaderLen) {
      std::size_t len = kHandshakeHeaderLen + (std::size_t{handshake[1]} << 16 |
                                               std::size_t{handshake[2]} << 8 | handshake[3]);
      if (handshake.size() < len) break;
      for (std::size_t off = 0; off < len; off += kMaxPlaintext)
        out.push_back({rec->type, Bytes(handshake.begin() + static_cast<long>(off),
                                        handshake.begin() + static_cast<long>(std::min(len, off + kMaxPlaintext)))});
      handshake.erase(handshake.begin(), handshake.begin() + static_cast<long>(len));
    }
  }
  require(handshake.empty(), t.name + ": no handshake message is left half-read");
  return out;
}

// The seed folder of each message target, by handshake type and version.
std::string message_target(std::uint8_t type, bool tls13) {
  static const std::map<int, std::string> by_type = {
      {2, "server_hello"}, {4, "new_session_ticket"}, {8, "encrypted_extensions"},
      {12, "server_key_exchange"}, {15, "certificate_verify"}, {20, "finished"}, {24, "key_update"}};
  if (type == 11) return tls13 ? "certificate13" : "certificate12";
  if (type == 13) return tls13 ? "certificate_request13" : "certificate_request12";
  auto it = by_type.find(type);
  return it == by_type.end() ? "" : it->second;
}

// The key_share target's seed: a TLS 1.3 ServerHello's key_share (not a HelloRetryRequest's,
// which names a group and holds no share), named for its group.
void write_key_share_seed(const std::string& name, ByteView message, const fs::path& out) {
  ServerHello sh;
  json fields, summary;
  require(!decode_server_hello(message, sh, fields, summary), name + ": the recorded ServerHello parses");
  const Extension* ks = sh.find(ext::key_share);
  if (sh.is_hello_retry_request() || !ks || ks->body.size() < 2) return;
  const unsigned group = unsigned{ks->body[0]} << 8 | ks->body[1];
  std::ostringstream file;
  file << name << "-" << std::hex << group;
  write_seed(out / "key_share", file.str(), ks->body);
}

void write_message_seeds(const Transcript& t, bool tls13, const fs::path& out) {
  int i = 0;
  for (const auto& r : t.records) {
    const std::string seed = t.name + "-" + std::to_string(i++);
    Bytes wire = {0};  // record_layer mode 0: no protection, the whole input at once
    Bytes plain = ServerRecords().record(r.type, r.content);
    wire.insert(wire.end(), plain.begin(), plain.end());
    write_seed(out / "record_layer", seed, wire);
    if (r.type != static_cast<std::uint8_t>(ContentType::handshake)) continue;
    std::string target = message_target(r.content[0], tls13);
    ByteView body = ByteView(r.content).subspan(kHandshakeHeaderLen);
    if (!target.empty()) write_seed(out / target, seed, body);
    if (target == "server_hello" && tls13) write_key_share_seed(t.name, r.content, out);
    if (r.content[0] != static_cast<std::uint8_t>(HandshakeType::certificate)) continue;
    std::vector<Certificate> chain;
    json fields, summary;
    auto err = tls13 ? tls13::decode_certificate(r.content, chain, fields, summary)
                     : decode_certificate(r.content, chain, fields, summary);
    require(!err, t.name + ": the recorded chain parses");
    Bytes all;
    for (std::size_t c = 0; c < chain.size(); ++c) {
      write_seed(out / "x509", seed + "-" + std::to_string(c), chain[c].der);
      all.insert(all.end(), chain[c].der.begin(), chain[c].der.end());
    }
    write_seed(out / "x509", seed + "-chain", all);
  }
}

void write_client_seeds(const std::vector<Transcript>& all, const fs::path& out) {
  auto points = replay_points(all);
  require(points.size() <= 256, "the client target's first byte can pick every point");
  for (std::size_t p = 0; p < points.size(); ++p) {
    auto [t, n] = points[p];
    Bytes seed = {static_cast<std::uint8_t>(p)};
    for (std::size_t i = n; i < all[t].records.size(); ++i)
      append_chunk(seed, all[t].records[i].type, all[t].records[i].content);
    write_seed(out / "client", all[t].name + "-" + std::to_string(n), seed);
  }
}

int run(const fs::path& pki, const fs::path& out) {
  fs::remove_all(out);
  fs::create_directories(out);
  std::vector<Transcript> all;
  for (const Scenario& sc : scenarios(pki)) {
    Transcript t{sc.name, "localhost", static_cast<std::int64_t>(std::time(nullptr)), 0x5eed,
                 sc.versions, read_file(pki / "roots.pem"), {}};
    Bytes wire = record_live(sc, t, out / (sc.name + ".server.log"));
    t.records = plaintext_records(t, split_records(wire));

    Session replay(t);  // the harness, protecting each record itself, must redo the exchange
    for (const auto& r : t.records) replay.feed(r.type, r.content);
    replay.finish();
    std::string page(replay.plaintext.begin(), replay.plaintext.end());
    require(!replay.client.error() && page.rfind("HTTP/1.0 200", 0) == 0,
            sc.name + ": the re-protected transcript replays to the same HTTP response");
    write_message_seeds(t, replay.server.tls13(), out);
    std::cout << sc.name << ": " << t.records.size() << " server records, "
              << (replay.server.tls13() ? "TLS 1.3" : "TLS 1.2") << "\n";
    all.push_back(std::move(t));
  }
  // The hybrid share must be among the key_share target's seeds, or fuzz.key_share would
  // fuzz only the ECDHE shares and still pass.
  require(fs::exists(out / "key_share" / "tls13_hybrid-11ec"),
          "the X25519MLKEM768 exchange gave the key_share target its hybrid seed");
  write_seed(out / "key_update", "not_requested", Bytes{0});
  write_seed(out / "key_update", "requested", Bytes{1});
  write_client_seeds(all, out);
  save_transcripts(out / "transcripts.json", all);
  return 0;
}

}  // namespace
}  // namespace tlsscope::fuzz

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: tlsscope-fuzz-seeds PKI_DIR OUT_DIR\n";
    return 2;
  }
  return tlsscope::fuzz::run(argv[1], argv[2]);
}
