// tlsscope-server: the page, the WebSocket-to-TCP relay and the demo HTTPS origin, in one
// process. Wiring only; each part lives in its own file.
#include "config.hpp"
#include "demo_origin.hpp"
#include "http_session.hpp"
#include "listener.hpp"
#include "log.hpp"
#include "policy.hpp"
#include "tunnel_registry.hpp"

#include <sys/resource.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace relay = tlsscope::relay;
namespace net = relay::net;
using relay::tcp;

namespace {

std::filesystem::path program_path(const char* argv0) {
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) return self;
  return std::filesystem::absolute(argv0, ec);
}

// Each tunnel holds two descriptors; the usual soft limit of 1024 would cap the relay near
// 500 tunnels long before memory does.
void raise_fd_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

// The page's folder is served to anyone: the state folder (the demo leaf key) must not be
// inside it, whatever the paths look like (.., symlinks).
void check_folders(const relay::config& cfg) {
  std::error_code ec;
  const auto web = std::filesystem::weakly_canonical(cfg.web_dir, ec);
  const auto state = std::filesystem::weakly_canonical(cfg.state_dir, ec);
  if (!cfg.demo_origin_enabled || ec) return;
  auto rel = state.lexically_relative(web);
  if (!rel.empty() && *rel.begin() != "..")
    throw std::runtime_error("--state " + cfg.state_dir.string() + " is inside --web " +
                             cfg.web_dir.string() +
                             ": the demo origin's private key would be served to anyone");
}

tcp::endpoint resolve_listen(const relay::host_port& hp) {
  boost::system::error_code ec;
  auto address = net::ip::make_address(hp.host == "localhost" ? "127.0.0.1" : hp.host, ec);
  if (ec) throw std::runtime_error("listen address must be an IP address, got '" + hp.host + "'");
  return {address, hp.port};
}

std::string url(const char* scheme, const tcp::endpoint& e) {
  const auto a = e.address();
  return std::string(scheme) + "://" + (a.is_v6() ? "[" + a.to_string() + "]" : a.to_string()) +
         ":" + std::to_string(e.port());
}

// What a server reachable from other machines exposes, said once at start. Without --public
// such a server gets a warning instead: the defaults are made for one learner on loopback.
void describe_exposure(const relay::config& cfg, const tcp::endpoint& page) {
  const bool loopback = page.address().is_loopback();
  if (!cfg.public_mode) {
    if (!loopback)
      relay::log_note(
          "WARNING: listening on " + page.address().to_string() +
          ", reachable from other machines, without --public: pages are served under IP "
          "literals and localhost names only, every client counts as itself (no --trusted-proxy), "
          "and /relay needs no token. For a class or the internet, see docs/deploy.md.");
    return;
  }
  auto join = [](const auto& items, auto text) {
    std::string out;
    for (const auto& i : items)
      out += (out.empty() ? "" : ", ") + text(i);
    return out.empty() ? std::string("none") : out;
  };
  auto same = [](const std::string& s) { return s; };
  relay::log_note("public mode: page and /relay on " + url("http", page) + " for host(s) " +
                  join(cfg.public_hosts, same));
  relay::log_note("public mode: pages allowed to open tunnels: " + join(cfg.allowed_origins, same) +
                  "; /relay token " + (cfg.relay_token.empty() ? "not required" : "required"));
  relay::log_note("public mode: client address from Forwarded/X-Forwarded-For of " +
                  join(cfg.trusted_proxies, [](const auto& r) { return r.to_string(); }) +
                  "; limits per client (IPv4 address or IPv6 /64): " +
                  std::to_string(cfg.max_tunnels_per_client) + " tunnels, " +
                  std::to_string(cfg.max_connections_per_client) + " connections");
  std::string ports;
  for (const auto& [lo, hi] : cfg.allowed_ports)
    ports += (ports.empty() ? "" : ",") + std::to_string(lo) + (lo == hi ? "" : "-" + std::to_string(hi));
  relay::log_note("public mode: tunnels reach public addresses on port(s) " + ports +
                  (cfg.allowed_host_patterns.empty() ? ", any name"
                                                     : ", names " + join(cfg.allowed_host_patterns, same)) +
                  "; exceptions (--allow): " +
                  join(cfg.allowed_targets, [](const auto& t) { return t.to_string(); }) +
                  "; denied (--deny): " +
                  join(cfg.denied_addresses, [](const auto& r) { return r.to_string(); }));
}

// Stops in two steps: refuse new tunnels and let open ones run for the grace period, then
// tell them to deliver what the target already sent and close with 1001. The event loop is
// stopped once they are gone (or a little later at most). A second signal stops at once.
class shutdown_sequence {
 public:
  shutdown_sequence(net::io_context& ioc, relay::tunnel_registry& tunnels,
                    relay::tunnel_registry& connections,
                    std::vector<std::shared_ptr<relay::listener>> listeners,
                    std::chrono::milliseconds grace)
      : ioc_(ioc),
        tunnels_(tunnels),
        connections_(connections),
        listeners_(std::move(listeners)),
        grace_(grace),
        signals_(ioc, SIGINT, SIGTERM),
        timer_(ioc) {}

  void arm() {
    signals_.async_wait([this](boost::system::error_code ec, int signal) {
      if (!ec) on_signal(signal);
    });
  }

 private:
  void on_signal(int signal) {
    if (started_) {
      relay::log_note("second signal: stopping now");
      return ioc_.stop();
    }
    started_ = true;
    relay::log_note(std::string("signal ") + (signal == SIGINT ? "SIGINT" : "SIGTERM") +
                    ": no new connections; " + std::to_string(tunnels_.open_count()) +
                    " open tunnel(s) get " + std::to_string(grace_.count()) + " ms to finish");
    for (auto& l : listeners_)
      l->stop();
    tunnels_.refuse_new();
    // Tunnels opened ahead of a run hold a connection's place until their target comes: they
    // end now (relay_session::shutdown_started), having no run to finish.
    connections_.refuse_new();
    arm();
    deadline_ = std::chrono::steady_clock::now() + grace_;
    wait_for_tunnels();
  }

  void wait_for_tunnels() {
    const auto now = std::chrono::steady_clock::now();
    // (Tunnels still waiting for a target were told to end at the signal: their SHUTTING_DOWN
    // and close are let out too.)
    const bool gone = tunnels_.open_count() == 0 && connections_.attached_count() == 0;
    if (gone || (stopped_tunnels_ && now >= deadline_)) {
      relay::log_note("stopped");
      return ioc_.stop();
    }
    if (!stopped_tunnels_ && now >= deadline_) {
      stopped_tunnels_ = true;
      tunnels_.stop_all();
      // Closing handshakes are bounded by the sessions' own 5 s close deadline.
      deadline_ = now + std::chrono::seconds(6);
    }
    timer_.expires_after(std::chrono::milliseconds(20));
    timer_.async_wait([this](boost::system::error_code ec) {
      if (!ec) wait_for_tunnels();
    });
  }

  net::io_context& ioc_;
  relay::tunnel_registry& tunnels_;
  relay::tunnel_registry& connections_;
  std::vector<std::shared_ptr<relay::listener>> listeners_;
  std::chrono::milliseconds grace_;
  net::signal_set signals_;
  net::steady_timer timer_;
  bool started_ = false;
  bool stopped_tunnels_ = false;
  std::chrono::steady_clock::time_point deadline_;
};

}  // namespace

int main(int argc, char** argv) {
  auto parsed = relay::parse_command_line(argc, argv, program_path(argv[0]));
  if (!parsed.cfg) {
    std::fputs(parsed.message.c_str(), parsed.exit_code == 0 ? stdout : stderr);
    return parsed.exit_code;
  }
  const relay::config cfg = std::move(*parsed.cfg);
  relay::set_log_format(cfg.log_json ? relay::log_format::json : relay::log_format::text);
  raise_fd_limit();

  try {
    check_folders(cfg);
    // Everything sessions refer to is declared before the io_context, so it outlives the
    // handlers the io_context destroys when it goes.
    std::unique_ptr<relay::demo_origins> demo;
    std::optional<relay::policy> pol;
    relay::tunnel_registry tunnels(cfg.max_tunnels, cfg.max_tunnels_per_client);
    // Connections are counted like tunnels, in a registry of their own.
    relay::tunnel_registry connections(cfg.max_connections, cfg.max_connections_per_client);
    std::optional<relay::http_context> http_ctx;

    net::io_context ioc(static_cast<int>(cfg.threads));
    // After the io_context, so it is joined (and its late answers posted) while the
    // io_context still exists.
    relay::resolver dns({cfg.static_answers, cfg.dns_servers, cfg.dns_timeout,
                         cfg.max_tunnels_per_client, cfg.max_tunnels});
    std::vector<std::shared_ptr<relay::listener>> listeners;

    std::optional<tcp::endpoint> demo_endpoint;
    std::vector<tcp::endpoint> variant_endpoints;
    if (cfg.demo_origin_enabled) {
      demo = std::make_unique<relay::demo_origins>(ioc, cfg, resolve_listen(cfg.demo_origin));
      demo_endpoint = demo->endpoint();
      variant_endpoints = demo->variant_endpoints();
      for (auto& l : demo->listeners())
        listeners.push_back(l);
    }

    pol.emplace(cfg, demo_endpoint, variant_endpoints);
    http_ctx.emplace(relay::http_context{cfg, *pol, tunnels, connections, dns,
                                         demo ? demo->root_pem() : "", demo.get()});
    auto main_listener = std::make_shared<relay::listener>(
        ioc, resolve_listen(cfg.listen), [&](tcp::socket&& socket) {
          std::make_shared<relay::http_session>(std::move(socket), *http_ctx)->run();
        });
    listeners.insert(listeners.begin(), main_listener);

    // Signals are caught before anyone learns the ports, so a SIGTERM sent right after
    // start-up already takes the graceful path.
    shutdown_sequence stopper(ioc, tunnels, connections, listeners, cfg.shutdown_grace);
    stopper.arm();
    for (auto& l : listeners)
      l->run();

    // Machine-readable first lines: tests and scripts started with port 0 read them.
    const auto page_url = url("http", main_listener->local_endpoint());
    std::printf("listening %s\n", page_url.c_str());
    if (demo_endpoint)
      std::printf("demo-origin %s\n", url("https", *demo_endpoint).c_str());
    else
      std::printf("demo-origin off\n");
    std::fflush(stdout);
    describe_exposure(cfg, main_listener->local_endpoint());
    if (demo) relay::log_note("demo origin: main port served by " + demo->main_stack());
    relay::log_note("tlsscope-server: open " + page_url + "/ in a browser (page from " +
                    cfg.web_dir.string() + ")");

    std::vector<std::thread> extra;
    for (unsigned i = 1; i < cfg.threads; ++i)
      extra.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : extra)
      t.join();
    // `demo` outlives the io_context (its sessions use its TLS contexts), but its listeners
    // must not: an acceptor or timer destroyed after its service crashed at exit.
    if (demo)
      demo->release_listeners();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tlsscope-server: %s\n", e.what());
    return 1;
  }
  return 0;
}
