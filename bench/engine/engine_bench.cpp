// The engine's CPU figures, each next to its peer (bench/run runs the rounds and the table):
//
//   engine_bench handshake engine|openssl PORT CA_FILE 1.2|1.3 COUNT
//       COUNT full handshakes with the server on 127.0.0.1:PORT; prints the client's CPU time
//       per handshake (µs, CLOCK_PROCESS_CPUTIME_ID: user + system, socket calls included)
//   engine_bench record PORT CA_FILE 1.2|1.3 OUT [hybrid]
//       one engine handshake saved as a transcript; `hybrid`: X25519MLKEM768 offered first
//   engine_bench replay TRANSCRIPT COUNT             CPU µs per replayed handshake (no I/O)
//   engine_bench decrypt engine|openssl 1301|1303 MIB   MiB/s decrypting MIB of 16 KiB records
//   engine_bench primitives                          every BearSSL implementation, timed here
//
// Under `valgrind --tool=callgrind --toggle-collect=bench_loop` only the measured loop counts.
#include <poll.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>
#include <string>

#include "openssl_peer.hpp"
#include "primitives.hpp"
#include "tlsscope/client.hpp"
#include "workloads.hpp"

using namespace tlsscope;
using namespace tlsscope::bench;

namespace {

const std::string kServerName = "localhost";  // the test PKI's leaves name it

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

int connect_loopback(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

bool write_all(int fd, const Bytes& b) {
  for (std::size_t off = 0; off < b.size();) {
    ssize_t n = send(fd, b.data() + off, b.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return false;
    off += static_cast<std::size_t>(n);
  }
  return true;
}

// Bytes from the server, or empty after 10 s of silence or at EOF: a bench never hangs.
Bytes read_some(int fd) {
  pollfd p{fd, POLLIN, 0};
  if (poll(&p, 1, 10000) != 1) return {};
  Bytes buf(16384);
  ssize_t n = recv(fd, buf.data(), buf.size(), 0);
  buf.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  return buf;
}

void os_random(std::uint8_t* out, std::size_t len) {
  while (len > 0) {
    ssize_t n = getrandom(out, len, 0);
    if (n > 0) out += n, len -= static_cast<std::size_t>(n);
  }
}

// One engine handshake over `fd`; every byte the server sent is appended to `server_bytes`.
bool engine_handshake(int fd, Config cfg, Bytes* server_bytes) {
  Client c(std::move(cfg));
  c.start();
  if (!write_all(fd, c.take_output())) return false;
  while (c.state() == State::handshaking) {
    Bytes in = read_some(fd);
    if (in.empty()) return false;
    if (server_bytes) server_bytes->insert(server_bytes->end(), in.begin(), in.end());
    c.receive(in);
    c.take_events();
    if (!write_all(fd, c.take_output())) return false;
  }
  const bool ok = c.state() == State::open;
  if (!ok && c.error())
    std::fprintf(stderr, "engine_bench: %s: %s\n", std::string(c.error()->name()).c_str(),
                 c.error()->detail.c_str());
  c.close();
  write_all(fd, c.take_output());
  return ok;
}

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

std::uint16_t parse_version(const std::string& v) { return v == "1.3" ? 0x0304 : 0x0303; }

// The measured loop, a named function so callgrind can count only it.
extern "C" __attribute__((noinline)) int bench_loop(const std::function<bool()>* step, int count) {
  int ok = 0;
  for (int i = 0; i < count; ++i) ok += (*step)() ? 1 : 0;
  return ok;
}

// Runs `step` `count` times and prints the CPU time of one, in µs; fails if any step failed.
int report_cpu(const std::function<bool()>& step, int count) {
  const double t0 = cpu_seconds();
  const int ok = bench_loop(&step, count);
  const double t1 = cpu_seconds();
  if (ok != count) {
    std::fprintf(stderr, "engine_bench: %d of %d runs failed\n", count - ok, count);
    return 1;
  }
  std::printf("%.2f\n", (t1 - t0) * 1e6 / count);
  return 0;
}

int handshake(const std::string& impl, int port, const std::string& ca_file, std::uint16_t v,
              int count) {
  const std::string ca = read_file(ca_file);
  OpensslClient openssl(v, ca_file);
  return report_cpu([&] {
    int fd = connect_loopback(port);
    if (fd < 0) return false;
    bool ok = impl == "openssl"
                  ? openssl.handshake(fd, kServerName)
                  : engine_handshake(fd, bench_config(v, kServerName, ca, std::time(nullptr),
                                                      os_random),
                                     nullptr);
    close(fd);
    return ok;
  }, count);
}

int record(int port, const std::string& ca_file, std::uint16_t v, const std::string& out,
           bool hybrid) {
  Transcript t{v, std::time(nullptr), kServerName, hybrid, read_file(ca_file), {}};
  int fd = connect_loopback(port);
  const bool ok = fd >= 0 && engine_handshake(fd, bench_config(v, t.server_name, t.ca_pem, t.now,
                                                               fixed_random(), t.hybrid),
                                              &t.server_bytes);
  if (fd >= 0) close(fd);
  if (!ok || !replay_handshake(t)) {
    std::fprintf(stderr, "engine_bench: could not record a replayable handshake\n");
    return 1;
  }
  Bytes blob = serialize(t);
  std::ofstream(out, std::ios::binary).write(reinterpret_cast<const char*>(blob.data()),
                                              static_cast<std::streamsize>(blob.size()));
  return 0;
}

int replay(const std::string& file, int count) {
  const std::string blob = read_file(file);
  auto t = parse_transcript(as_bytes(blob));
  if (!t) {
    std::fprintf(stderr, "engine_bench: %s is not a transcript\n", file.c_str());
    return 1;
  }
  return report_cpu([&] { return replay_handshake(*t); }, count);
}

int decrypt(const std::string& impl, std::uint16_t suite, std::size_t mib) {
  const Records r = make_records(suite, mib << 20);
  const double t0 = cpu_seconds();
  const std::size_t got = impl == "openssl" ? evp_open_records(r) : open_records(r);
  const double t1 = cpu_seconds();
  if (got != (mib << 20)) {
    std::fprintf(stderr, "engine_bench: decrypted %zu of %zu bytes\n", got, mib << 20);
    return 1;
  }
  std::printf("%.1f\n", static_cast<double>(mib) / (t1 - t0));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> a(argv + 1, argv + argc);
  if (a.size() == 6 && a[0] == "handshake")
    return handshake(a[1], std::stoi(a[2]), a[3], parse_version(a[4]), std::stoi(a[5]));
  if ((a.size() == 5 || (a.size() == 6 && a[5] == "hybrid")) && a[0] == "record")
    return record(std::stoi(a[1]), a[2], parse_version(a[3]), a[4], a.size() == 6);
  if (a.size() == 1 && a[0] == "primitives") {
    print_primitives();
    return 0;
  }
  if (a.size() == 3 && a[0] == "replay") return replay(a[1], std::stoi(a[2]));
  if (a.size() == 2 && a[0] == "mlkem") {
    const MlkemRound r = make_mlkem_round();
    return report_cpu([&] { return mlkem_keygen_decaps(r); }, std::stoi(a[1]));
  }
  if (a.size() == 4 && a[0] == "decrypt")
    return decrypt(a[1], static_cast<std::uint16_t>(std::stoul(a[2], nullptr, 16)),
                   std::stoul(a[3]));
  std::fprintf(stderr,
               "usage: engine_bench handshake engine|openssl PORT CA_FILE 1.2|1.3 COUNT\n"
               "       engine_bench record PORT CA_FILE 1.2|1.3 OUT [hybrid]\n"
               "       engine_bench replay TRANSCRIPT COUNT\n"
               "       engine_bench mlkem COUNT   (µs per ML-KEM-768 key pair + decapsulation)\n"
               "       engine_bench decrypt engine|openssl 1301|1303 MIB\n"
               "       engine_bench primitives\n");
  return 2;
}
