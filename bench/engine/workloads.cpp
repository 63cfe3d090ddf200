#include "workloads.hpp"

#include <cstring>

#include "crypto/aead.hpp"
#include "crypto/mlkem.hpp"
#include "tlsscope/client.hpp"

namespace tlsscope::bench {

Config bench_config(std::uint16_t version, std::string server_name, std::string ca_pem,
                    std::int64_t now, RandomSource random, bool hybrid) {
  Config c;
  c.server_name = std::move(server_name);
  c.trust_anchors_pem = std::move(ca_pem);
  c.now = now;
  c.versions = {version};
  c.cipher_suites = {static_cast<std::uint16_t>(version == 0x0304 ? 0x1301 : 0xc02f)};
  c.groups = hybrid ? std::vector<std::uint16_t>{0x11ec, 0x001d} : std::vector<std::uint16_t>{0x001d};
  c.random = std::move(random);
  return c;
}

RandomSource fixed_random() {
  auto state = std::make_shared<std::uint64_t>(0x9e3779b97f4a7c15ull);
  return [state](std::uint8_t* out, std::size_t len) {
    for (std::size_t i = 0; i < len; ++i) {
      std::uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
      out[i] = static_cast<std::uint8_t>(z ^ (z >> 31));
    }
  };
}

// Format: "tlsscope-bench-transcript 2\n" then "version V\nnow T\nname N\nhybrid 0|1\n", then
// "ca LEN\n" + LEN bytes and "server LEN\n" + LEN bytes.
Bytes serialize(const Transcript& t) {
  std::string head = "tlsscope-bench-transcript 2\nversion " + std::to_string(t.version) +
                     "\nnow " + std::to_string(t.now) + "\nname " + t.server_name +
                     "\nhybrid " + (t.hybrid ? "1" : "0") + "\nca " +
                     std::to_string(t.ca_pem.size()) + "\n";
  Bytes out(head.begin(), head.end());
  out.insert(out.end(), t.ca_pem.begin(), t.ca_pem.end());
  std::string server = "server " + std::to_string(t.server_bytes.size()) + "\n";
  out.insert(out.end(), server.begin(), server.end());
  out.insert(out.end(), t.server_bytes.begin(), t.server_bytes.end());
  return out;
}

namespace {

struct Reader {
  ByteView in;
  std::size_t pos = 0;
  std::optional<std::string> line() {
    std::string s;
    while (pos < in.size() && in[pos] != '\n') s.push_back(static_cast<char>(in[pos++]));
    if (pos >= in.size()) return std::nullopt;
    ++pos;
    return s;
  }
  std::optional<std::string> field(std::string_view key) {
    auto l = line();
    if (!l || l->compare(0, key.size() + 1, std::string(key) + " ") != 0) return std::nullopt;
    return l->substr(key.size() + 1);
  }
  std::optional<Bytes> block(std::string_view key) {
    auto len = field(key);
    if (!len) return std::nullopt;
    std::size_t n = std::stoul(*len);
    if (in.size() - pos < n) return std::nullopt;
    Bytes b(in.begin() + static_cast<long>(pos), in.begin() + static_cast<long>(pos + n));
    pos += n;
    return b;
  }
};

}  // namespace

std::optional<Transcript> parse_transcript(ByteView blob) {
  Reader r{blob};
  if (r.line() != "tlsscope-bench-transcript 2") return std::nullopt;
  auto version = r.field("version"), now = r.field("now"), name = r.field("name");
  auto hybrid = name ? r.field("hybrid") : std::nullopt;
  if (!version || !now || !name || !hybrid) return std::nullopt;
  auto ca = r.block("ca");
  auto server = ca ? r.block("server") : std::nullopt;
  if (!server) return std::nullopt;
  Transcript t;
  t.version = static_cast<std::uint16_t>(std::stoul(*version));
  t.now = std::stoll(*now);
  t.server_name = *name;
  t.hybrid = *hybrid == "1";
  t.ca_pem.assign(ca->begin(), ca->end());
  t.server_bytes = std::move(*server);
  return t;
}

bool replay_handshake(const Transcript& t) {
  Client c(bench_config(t.version, t.server_name, t.ca_pem, t.now, fixed_random(), t.hybrid));
  c.start();
  c.take_output();
  c.receive(t.server_bytes);
  c.take_output();
  c.take_events();
  return c.state() == State::open;
}

namespace {

Bytes pattern(std::size_t n, std::uint8_t seed) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(seed + i * 7);
  return b;
}

}  // namespace

Records make_records(std::uint16_t suite, std::size_t total_bytes) {
  const SuiteInfo* s = find_suite(suite);
  Records r;
  r.suite = suite;
  r.key = pattern(s ? s->key_len : 16, 1);
  r.iv = pattern(12, 2);
  if (!s) return r;
  RecordProtection writer(*s, r.key, r.iv);
  const Bytes plain = pattern(kRecordPlaintext, 3);
  for (std::size_t done = 0; done < total_bytes; done += plain.size())
    r.fragments.push_back(writer.seal(23, 0x0303, plain));
  return r;
}

std::size_t open_records(const Records& r) {
  const SuiteInfo* s = find_suite(r.suite);
  if (!s) return 0;
  RecordProtection reader(*s, r.key, r.iv);
  std::size_t total = 0;
  for (const Bytes& f : r.fragments) {
    auto plain = reader.open(23, 0x0303, f);
    if (!plain) return 0;
    total += plain->size() - 1;  // minus the inner content type
  }
  return total;
}

MlkemRound make_mlkem_round() {
  MlkemRound r{Bytes(mlkem768::kSeedSize, 0x5e), Bytes(mlkem768::kMessageSize, 0x3a), {}, {}};
  auto enc = mlkem768::encapsulate(mlkem768::key_pair_from_seed(r.seed).encapsulation_key, r.message);
  if (enc) r.ciphertext = enc->ciphertext, r.shared_secret = enc->shared_secret;
  return r;
}

bool mlkem_keygen_decaps(const MlkemRound& r) {
  mlkem768::KeyPair kp = mlkem768::key_pair_from_seed(r.seed);
  return mlkem768::decapsulate(kp.decapsulation_key, r.ciphertext) == r.shared_secret;
}

}  // namespace tlsscope::bench
