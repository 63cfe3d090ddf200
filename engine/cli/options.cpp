#include "options.hpp"

#include <algorithm>
#include <string_view>

#include "tlsscope/names.hpp"

namespace tlsscope::cli {

const char* const kUsage =
    "usage: tlsscope URL [options]\n"
    "Makes a real HTTPS request and explains every step: DNS, TCP, each TLS message,\n"
    "each secret, the encrypted HTTP exchange.\n"
    "\n"
    "  --ca FILE           trust anchors (PEM); default /etc/ssl/certs/ca-certificates.crt\n"
    "  --connect HOST:PORT connect TCP here instead; the URL's host is still the name checked\n"
    "  --tls1.2            offer TLS 1.2 only (default: TLS 1.3 and 1.2, the server chooses)\n"
    "  --tls1.3            offer TLS 1.3 only\n"
    "  --no-pq             offer classical key exchange only (no X25519MLKEM768)\n"
    "  --groups LIST       key-exchange groups to offer, best first, comma-separated\n"
    "                      (X25519MLKEM768,x25519,P-256,P-384); the first gets a key share\n"
    "  --json              print the events as JSON Lines (schema: docs/events.md)\n"
    "  --keylog FILE       append NSS key-log lines (for Wireshark) to FILE\n"
    "  --lang en|zh        language of the explanations (default en)\n"
    "  --timeout SEC       give up after SEC seconds without progress (default 10)\n"
    "  --help              this text\n";

std::optional<Options> parse_options(int argc, char** argv, std::string& why) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= argc) {
        why = std::string(a) + " needs a value";
        return std::nullopt;
      }
      return std::string(argv[++i]);
    };
    if (a == "--help" || a == "-h") {
      why.clear();
      return std::nullopt;
    } else if (a == "--ca") {
      auto v = value();
      if (!v) return std::nullopt;
      o.ca_file = *v;
    } else if (a == "--connect") {
      auto v = value();
      if (!v) return std::nullopt;
      o.connect = *v;
    } else if (a == "--tls1.2") {
      o.only_version = 0x0303;
    } else if (a == "--tls1.3") {
      o.only_version = 0x0304;
    } else if (a == "--no-pq") {
      o.post_quantum = false;
    } else if (a == "--groups") {
      auto v = value();
      if (!v) return std::nullopt;
      for (std::size_t at = 0; at <= v->size();) {
        std::size_t end = std::min(v->find(',', at), v->size());
        auto id = group_by_name(std::string_view(*v).substr(at, end - at));
        if (!id) {
          why = "--groups: unknown group " + v->substr(at, end - at);
          return std::nullopt;
        }
        o.groups.push_back(*id);
        at = end + 1;
      }
    } else if (a == "--json") {
      o.json = true;
    } else if (a == "--keylog") {
      auto v = value();
      if (!v) return std::nullopt;
      o.keylog_file = *v;
    } else if (a == "--lang") {
      auto v = value();
      if (!v) return std::nullopt;
      if (*v != "en" && *v != "zh") {
        why = "--lang is en or zh";
        return std::nullopt;
      }
      o.lang = *v == "zh" ? Lang::zh : Lang::en;
    } else if (a == "--timeout") {
      auto v = value();
      if (!v) return std::nullopt;
      char* end = nullptr;
      double sec = std::strtod(v->c_str(), &end);
      if (*end || sec <= 0 || sec > 3600) {
        why = "--timeout is a number of seconds";
        return std::nullopt;
      }
      o.timeout = std::chrono::milliseconds(static_cast<long>(sec * 1000));
    } else if (!a.empty() && a[0] == '-') {
      why = "unknown option " + std::string(a);
      return std::nullopt;
    } else if (o.url.empty()) {
      o.url = a;
    } else {
      why = "only one URL, please";
      return std::nullopt;
    }
  }
  if (o.url.empty()) {
    why = "no URL given";
    return std::nullopt;
  }
  return o;
}

}  // namespace tlsscope::cli
