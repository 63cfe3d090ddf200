// A classroom at once, for bench/run: N learners each make a full run (WebSocket upgrade,
// the relay's dns and tcp events, a TLS 1.3 handshake with the real engine, GET / and its
// response) within one second, against one tlsscope-server and its demo origin; the same burst
// through websockify (the Debian package) to `openssl s_server -www` as the peer. The load
// generator is bench/relay/classroom_learners (asynchronous, one process). Loopback only; every
// process started here is stopped again.
//
//   classroom runs tlsscope N                  p50 p99 (ms to the response), failures, CPU
//   classroom runs websockify N PKI_DIR        ms per learner of the relay and its origin
//                                              (their CPU over the burst / N), their peak
//                                              memory (PSS, MiB), CPU ms per learner of the
//                                              load generator
//   classroom setups tlsscope|websockify N     N tunnels at once to an echo target (upgrade,
//                                              connect, one byte there and back): tunnel
//                                              set-ups per second, failures
//
// The learners type what the page prefills, the demo origin's IP literal: the relay's dns event
// comes without a lookup (the demo certificate names only 127.0.0.1 and localhost, and both are
// answered without DNS), so c-ares is not part of this figure.
// PKI_DIR: tests/pki/make-pki.sh's output (s_server's ECDSA P-256 chain, like the demo
// origin's). Learners connect from 127.1.0.1, 127.1.0.2, …, so tlsscope-server's per-client
// limits (left at their defaults) count each learner as one client, as in a classroom.
// The learners share one trust store made with LinkChecks::shared (tlsscope/trust.hpp): the
// chain's link signatures, the same for every learner, are checked once in this process, as a
// browser keeps the certificates it has verified; each learner still runs the whole chain
// validation (path, names, dates, usages) and checks its handshake's CertificateVerify.
// --embedded-origin: tlsscope-server's embedded OpenSSL 3.0 demo origin (--demo-origin-node
// none: X25519, no hybrid) instead of Node 26, to see what the origin costs of the server's CPU.
// --each-checks-its-chain: every learner checks its chain's signatures too (the generator's
// cost before, for comparison).
// Options: --threads T (the generator's event-loop threads, default 2), --spread MS (default
// 1000; setups start all at once).
#include "classroom_learners.hpp"
#include "relay_processes.hpp"
#include "server_process.hpp"
#include "tcp_targets.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <thread>

using namespace tlsscope::bench;
using tlsscope::relay::test::echo_server;
using tlsscope::relay::test::server_process;

namespace {

// `openssl s_server -www` on loopback with an ECDSA P-256 chain, TLS 1.3 only: the peer the
// websockify learners reach. It serves one connection at a time, as it does for everyone.
class s_server_process {
 public:
  explicit s_server_process(const std::string& pki) : port_(free_port()) {
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork() failed");
    if (pid_ == 0) {
      std::freopen("/dev/null", "w", stdout);
      std::freopen("/dev/null", "r", stdin);
      const std::string accept = "127.0.0.1:" + std::to_string(port_);
      const std::string cert = pki + "/ec256-leaf.pem", key = pki + "/ec256-leaf.key",
                        chain = pki + "/ec-int.pem";
      ::execlp("openssl", "openssl", "s_server", "-quiet", "-www", "-tls1_3", "-accept",
               accept.c_str(), "-cert", cert.c_str(), "-key", key.c_str(), "-cert_chain",
               chain.c_str(), nullptr);
      ::_exit(127);
    }
    for (int i = 0; i < 200; ++i) {
      try {
        accepts();
        return;
      } catch (const std::exception&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
    stop();
    throw std::runtime_error("openssl s_server did not start");
  }
  ~s_server_process() { stop(); }
  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }

 private:
  void accepts() const {  // throws until s_server listens
    namespace net = boost::asio;
    net::io_context ioc;
    net::ip::tcp::socket s(ioc);
    s.connect({net::ip::address_v4::loopback(), port_});
  }
  void stop() {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  std::uint16_t port_;
  pid_t pid_ = -1;
};

// The relay side of a burst: its processes' CPU seconds over the burst, each root's own apart
// from what runs below it (tlsscope-server's demo origin is its Node child), and their peak
// memory, sampled every 250 ms (websockify's children come and go; the sampling reads /proc,
// which is not free, and this thread is not the load generator's).
class usage_watch {
 public:
  explicit usage_watch(std::vector<pid_t> roots) : roots_(std::move(roots)) {
    own_start_ = own_cpu();
    cpu_start_ = cpu();
    thread_ = std::thread([this] {
      while (!stop_) {
        long kib = 0;
        for (pid_t p : roots_) kib += usage_of_tree(p).pss_kib;
        peak_kib_ = std::max(peak_kib_.load(), kib);
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
      }
    });
  }
  ~usage_watch() { finish(); }
  void finish() {
    if (thread_.joinable()) {
      stop_ = true;
      thread_.join();
      own_s_ = own_cpu();
      for (std::size_t i = 0; i < roots_.size(); ++i) own_s_[i] -= own_start_[i];
      cpu_s_ = cpu() - cpu_start_;
    }
  }
  /// All the processes, and each root's own threads (the rest of cpu_s() ran below them).
  double cpu_s() const { return cpu_s_; }
  const std::vector<double>& own_cpu_s() const { return own_s_; }
  double peak_mib() const { return static_cast<double>(peak_kib_) / 1024; }

 private:
  double cpu() const {
    double s = 0;
    for (pid_t p : roots_) s += usage_of_tree(p, false).cpu_s;
    return s;
  }
  std::vector<double> own_cpu() const {
    std::vector<double> s;
    for (pid_t p : roots_) s.push_back(cpu_seconds_of(p));
    return s;
  }
  std::vector<pid_t> roots_;
  double cpu_start_ = 0, cpu_s_ = 0;
  std::vector<double> own_start_, own_s_;
  std::atomic<long> peak_kib_{0};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

// A failure without its numbers (times, byte counts), so alike failures are counted together.
std::string kind_of(const std::string& failure) {
  std::string k;
  for (char c : failure)
    if (!(c >= '0' && c <= '9') || k.empty() || k.back() != '#') k += (c >= '0' && c <= '9') ? '#' : c;
  return k;
}

// stderr: how many failed and why (by kind), what was negotiated, the generator's work.
std::size_t report(const classroom_run& run) {
  std::map<std::string, std::size_t> failures, groups;
  for (const auto& l : run.learners) {
    if (!l.ok) ++failures[kind_of(l.failure)];
    if (!l.group.empty()) ++groups[l.group];
  }
  std::size_t failed = 0;
  for (const auto& [why, n] : failures) {
    std::fprintf(stderr, "classroom: %zu learner(s) failed: %s\n", n, why.c_str());
    failed += n;
  }
  for (const auto& [group, n] : groups)
    std::fprintf(stderr, "classroom: %zu handshake(s) with %s\n", n, group.c_str());
  std::fprintf(stderr, "classroom: the load generator's threads ran %.2f CPU s; the last learner "
               "ended %.2f s after the first started\n", run.generator_cpu_s, run.wall_s);
  return failed;
}

std::vector<std::string> tlsscope_args(std::size_t learners) {
  std::vector<std::string> args;
  // The default limits hold for a classroom of 1,000 (each learner its own client); a bigger
  // one needs room for all its tunnels at once.
  if (learners > 1000) args = {"--max-tunnels", std::to_string(learners + 24)};
  return args;
}

int runs(const std::string& relay, std::size_t n, const std::string& pki, classroom_options opt,
         tlsscope::LinkChecks link_checks, bool embedded_origin) {
  opt.learners = n;
  opt.task = learner_task::full_run;
  classroom_target target;
  std::optional<server_process> tlsscope;
  std::optional<s_server_process> peer;
  std::optional<websockify_process> websockify;
  std::vector<pid_t> measured;
  if (relay == "tlsscope") {
    auto args = tlsscope_args(n);
    if (embedded_origin) args.insert(args.end(), {"--demo-origin-node", "none"});
    tlsscope.emplace(args);
    if (!tlsscope->demo_port()) throw std::runtime_error("tlsscope-server did not start");
    std::string flags;
    for (const auto& a : args) flags += " " + a;
    std::fprintf(stderr, "classroom: tlsscope-server%s (default limits otherwise), %zu learners "
                 "from 127.1.0.1 on, %lld ms\n", flags.c_str(), n,
                 static_cast<long long>(opt.spread.count()));
    target.relay_port = tlsscope->port();
    target.relay_path = "/relay?host=127.0.0.1&port=" + std::to_string(*tlsscope->demo_port());
    target.subprotocol = "tlsscope.relay.v1";
    target.relay_events = true;
    target.origin = "http://127.0.0.1:" + std::to_string(tlsscope->port());
    target.anchors = tlsscope::load_trust_store_pem(http_get(tlsscope->port(), "/ca.pem"),
                                                    link_checks);
    measured = {tlsscope->pid()};
  } else if (relay == "websockify") {
    if (pki.empty()) throw std::runtime_error("runs websockify needs the PKI folder");
    peer.emplace(pki);
    websockify.emplace(peer->port());
    std::fprintf(stderr, "classroom: websockify to openssl s_server -www, %zu learners, %lld ms\n",
                 n, static_cast<long long>(opt.spread.count()));
    target.relay_port = websockify->port();
    target.relay_path = "/";
    target.subprotocol = "binary";
    std::ifstream roots(pki + "/roots.pem");
    target.anchors = tlsscope::load_trust_store_pem(
        std::string((std::istreambuf_iterator<char>(roots)), std::istreambuf_iterator<char>()),
        link_checks);
    measured = {websockify->pid(), peer->pid()};
  } else {
    throw std::runtime_error("relay: tlsscope or websockify");
  }
  target.server_name = "127.0.0.1";  // the demo origin's URL as the page prefills it

  usage_watch watch(measured);
  const auto run = run_classroom(target, opt);
  watch.finish();
  const auto failed = report(run);
  const double per_run = 1000.0 / static_cast<double>(n);  // s in all -> ms per learner
  const auto& own = watch.own_cpu_s();
  if (relay == "tlsscope")
    std::fprintf(stderr, "classroom: CPU ms per run: tlsscope-server's own threads %.2f (with the "
                 "embedded origin's), Node %.2f, the load generator %.2f\n", own[0] * per_run,
                 (watch.cpu_s() - own[0]) * per_run, run.generator_cpu_s * per_run);
  else
    std::fprintf(stderr, "classroom: CPU ms per run: websockify %.2f, openssl s_server %.2f, the "
                 "load generator %.2f\n", (watch.cpu_s() - own[1]) * per_run, own[1] * per_run,
                 run.generator_cpu_s * per_run);
  std::vector<double> ms;
  for (const auto& l : run.learners)
    if (l.ok) ms.push_back(l.ms);
  std::printf("%.1f %.1f %zu %.2f %.1f %.2f\n", percentile(ms, 0.5), percentile(ms, 0.99), failed,
              watch.cpu_s() * per_run, watch.peak_mib(), run.generator_cpu_s * per_run);
  return 0;
}

int setups(const std::string& relay, std::size_t n, classroom_options opt) {
  opt.learners = n;
  opt.task = learner_task::tunnel_setup;
  opt.spread = std::chrono::milliseconds(0);
  echo_server echo;
  classroom_target target;
  std::optional<server_process> tlsscope;
  std::optional<websockify_process> websockify;
  if (relay == "tlsscope") {
    auto args = tlsscope_args(n);
    args.insert(args.end(), {"--no-demo-origin", "--allow", "127.0.0.1:" + std::to_string(echo.port())});
    tlsscope.emplace(args);
    target.relay_port = tlsscope->port();
    target.relay_path = "/relay?host=127.0.0.1&port=" + std::to_string(echo.port());
    target.subprotocol = "tlsscope.relay.v1";
    target.relay_events = true;
  } else if (relay == "websockify") {
    websockify.emplace(echo.port());
    target.relay_port = websockify->port();
    target.relay_path = "/";
    target.subprotocol = "binary";
  } else {
    throw std::runtime_error("relay: tlsscope or websockify");
  }
  const auto run = run_classroom(target, opt);
  const auto failed = report(run);
  std::printf("%.0f %zu\n", static_cast<double>(n - failed) / run.wall_s, failed);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> a;
  classroom_options opt;
  opt.threads = 2;
  auto link_checks = tlsscope::LinkChecks::shared;
  bool embedded_origin = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--threads" && i + 1 < argc) opt.threads = static_cast<unsigned>(std::stoul(argv[++i]));
    else if (arg == "--spread" && i + 1 < argc) opt.spread = std::chrono::milliseconds(std::stol(argv[++i]));
    else if (arg == "--each-checks-its-chain") link_checks = tlsscope::LinkChecks::per_connection;
    else if (arg == "--embedded-origin") embedded_origin = true;
    else a.push_back(arg);
  }
  try {
    if (a.size() >= 3 && a.size() <= 4 && a[0] == "runs")
      return runs(a[1], std::stoul(a[2]), a.size() == 4 ? a[3] : "", opt, link_checks,
                  embedded_origin);
    if (a.size() == 3 && a[0] == "setups") return setups(a[1], std::stoul(a[2]), opt);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "classroom: %s\n", e.what());
    return 1;
  }
  std::fprintf(stderr,
               "usage: classroom runs tlsscope N | runs websockify N PKI_DIR\n"
               "       classroom setups tlsscope|websockify N\n"
               "       options: --threads T (default 2), --spread MS (runs; default 1000),\n"
               "                --each-checks-its-chain (runs: no link checks shared)\n");
  return 2;
}
