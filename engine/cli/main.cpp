// tlsscope: a real HTTPS request, explained step by step. This file is the I/O around the
// sans-I/O engine: URL → DNS → TCP → engine ↔ socket → HTTP response.
#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>

#include <sys/random.h>

#include "net.hpp"
#include "options.hpp"
#include "tlsscope/client.hpp"
#include "url.hpp"

using namespace tlsscope;
using namespace tlsscope::cli;
using json = nlohmann::json;

namespace {

class Output {
 public:
  Output(const Options& o) : opts_(o), narrator_(std::cout, o.lang) {}

  void event(const json& e) {
    if (opts_.json)
      std::cout << e.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    else
      narrator_.event(e);
  }

  // A failure outside the engine (or reported by it): the event, then the stderr line.
  int fail(ErrorCode code, const std::string& detail, const std::string& detail_zh = {}) {
    const ErrorInfo& info = error_info(code);
    json e = {{"type", "error"}, {"step", "error"}, {"code", info.name},
              {"message", info.sentence_en}, {"message_zh", info.sentence_zh}, {"detail", detail}};
    if (!detail_zh.empty()) e["detail_zh"] = detail_zh;
    event(e);
    return report(code, detail, detail_zh);
  }

  int report(ErrorCode code, const std::string& detail, const std::string& detail_zh = {}) {
    const ErrorInfo& info = error_info(code);
    std::cout.flush();
    const bool zh = opts_.lang == Lang::zh;
    std::cerr << (zh ? "错误" : "error") << ": " << info.name << ": "
              << (zh ? info.sentence_zh : info.sentence_en) << "\n";
    const std::string& shown = zh && !detail_zh.empty() ? detail_zh : detail;
    if (!shown.empty()) std::cerr << "  " << narrator_.word("detail") << ": " << shown << "\n";
    return 1;
  }

 private:
  const Options& opts_;
  Narrator narrator_;
};

void os_random(std::uint8_t* out, std::size_t len) {
  while (len > 0) {
    ssize_t n = getrandom(out, len, 0);
    if (n <= 0) continue;
    out += n;
    len -= static_cast<std::size_t>(n);
  }
}

// Where the response's headers end, if they have arrived.
std::size_t header_end(const std::string& s) {
  auto p = s.find("\r\n\r\n");
  return p == std::string::npos ? std::string::npos : p + 4;
}

}  // namespace

int main(int argc, char** argv) {
  std::string why;
  auto opts = parse_options(argc, argv, why);
  if (!opts) {
    if (why.empty()) {
      std::cout << kUsage;
      return 0;
    }
    std::cerr << "tlsscope: " << why << "\n\n" << kUsage;
    return 2;
  }
  Output out(*opts);

  auto url = parse_url(opts->url, why);
  if (!url) return out.fail(ErrorCode::bad_url, opts->url + ": " + why);
  out.event({{"type", "url"}, {"step", "url"}, {"url", opts->url}, {"host", url->host},
             {"port", url->port}, {"port_from_scheme", url->port_from_scheme}, {"path", url->path}});

  std::string tcp_host = url->host;
  std::uint16_t tcp_port = url->port;
  if (!opts->connect.empty() && !parse_host_port(opts->connect, tcp_host, tcp_port))
    return out.fail(ErrorCode::bad_url, "--connect wants HOST:PORT, got " + opts->connect,
                    "--connect 需要 HOST:PORT 形式，收到的是 " + opts->connect);

  std::ifstream ca(opts->ca_file);
  if (!ca) {
    std::cerr << "tlsscope: cannot read trust anchors from " << opts->ca_file << "\n";
    return 2;
  }
  std::stringstream pem;
  pem << ca.rdbuf();

  Error err;
  auto lookup = resolve(tcp_host, tcp_port, err);
  if (!lookup) return out.fail(err.code, err.detail, err.detail_zh);
  json addrs = json::array();
  for (const auto& a : lookup->addresses) addrs.push_back(a.ip());
  out.event({{"type", "dns"}, {"step", "dns"}, {"host", tcp_host}, {"addresses", addrs},
             {"ms", lookup->ms}});

  auto conn = connect_any(lookup->addresses, opts->timeout, err);
  if (!conn) return out.fail(err.code, err.detail, err.detail_zh);
  out.event({{"type", "tcp"}, {"step", "tcp"}, {"remote", conn->remote.text()},
             {"local", conn->local.text()}, {"ms", conn->ms}});
  Socket sock(conn->fd);

  Config cfg;
  cfg.server_name = url->host;
  cfg.trust_anchors_pem = pem.str();
  cfg.now = static_cast<std::int64_t>(std::time(nullptr));
  cfg.random = os_random;
  if (opts->only_version) cfg.versions = {opts->only_version};
  cfg.groups = opts->groups;
  cfg.hybrid_key_exchange = opts->post_quantum;
  Client client(cfg);

  std::string response;
  bool request_sent = false;
  auto pump = [&] {
    for (auto& e : client.take_events()) out.event(e);
    Bytes o = client.take_output();
    if (!o.empty() && !sock.write_all(o)) client.transport_closed();
    Bytes p = client.take_plaintext();
    response.append(p.begin(), p.end());
  };

  client.start();
  pump();
  while (client.state() == State::handshaking || client.state() == State::open) {
    if (client.state() == State::open && !request_sent) {
      std::string req = "GET " + url->path + " HTTP/1.1\r\nHost: " + url->host +
                        (url->port_from_scheme ? "" : ":" + std::to_string(url->port)) +
                        "\r\nUser-Agent: tlsscope/0.1\r\nAccept: */*\r\nConnection: close\r\n\r\n";
      client.send(as_bytes(req));
      request_sent = true;
      pump();
      continue;
    }
    auto bytes = sock.read_some(opts->timeout);
    if (!bytes) {
      if (client.state() == State::handshaking) {
        const std::string ms = std::to_string(opts->timeout.count());
        client.fail(ErrorCode::timeout, "no answer from the server for " + ms + " ms",
                    "服务器 " + ms + " 毫秒内没有应答");
      } else {
        client.close();  // the response is in; the server keeps the connection open
        pump();
        break;
      }
    } else if (bytes->empty()) {
      client.transport_closed();
    } else {
      client.receive(*bytes);
    }
    pump();
  }
  pump();

  if (!opts->keylog_file.empty()) std::ofstream(opts->keylog_file, std::ios::app) << client.keylog();

  if (client.error())
    return out.report(client.error()->code, client.error()->detail, client.error()->detail_zh);
  std::size_t end = header_end(response);
  if (!request_sent || response.rfind("HTTP/", 0) != 0)
    return out.report(ErrorCode::connection_closed, "the server sent no HTTP response",
                      "服务器没有发来 HTTP 响应");
  if (!opts->json) {
    std::cout << "\n" << (opts->lang == Lang::zh ? "HTTP 响应（已解密）:" : "HTTP response (decrypted):")
              << "\n" << response.substr(0, end == std::string::npos ? response.size() : end);
  }
  return 0;
}
