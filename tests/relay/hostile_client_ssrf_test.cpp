// Server-side request forgery through the real relay: every way of writing a loopback,
// private, link-local or otherwise non-public address — numeric forms the resolver reads
// (decimal, octal, hex, short), IPv6 forms that wrap IPv4 (mapped, compatible, NAT64, 6to4),
// unspecified addresses, scoped link-local, localhost names with and without the trailing
// dot — and names that resolve to such addresses. Each ends in TARGET_FORBIDDEN (close 1008)
// with no tcp event, and a listener on the target port, on 127.0.0.1 and ::1, sees no
// connection. A control run with --allow shows that listener does catch a connect.
//
// Names that resolve to blocked addresses come from --resolve NAME=ADDRESS rather than from
// a hosts file in a mount namespace: `unshare -m` needs CAP_SYS_ADMIN, and unprivileged user
// namespaces are often switched off on CI machines, while --resolve works anywhere and takes
// the same path after the lookup (the policy judges each resolved address).
#include "server_process.hpp"
#include "ws_client.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace tlsscope::relay::test {
namespace {

// Listens on 127.0.0.1:P and, where the machine has IPv6, [::1]:P; counts connections. A
// connect to 0.0.0.0 or :: reaches it too (Linux sends those to loopback).
class trap {
 public:
  trap() : v4_(ioc_, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)), v6_(ioc_) {
    port_ = v4_.local_endpoint().port();
    boost::system::error_code ec;
    v6_.open(tcp::v6(), ec);
    if (!ec) v6_.bind(tcp::endpoint(net::ip::address_v6::loopback(), port_), ec);
    if (!ec) v6_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) v6_.close(ec);
    accept(v4_);
    if (v6_.is_open()) accept(v6_);
    thread_ = std::thread([this] { ioc_.run(); });
  }
  ~trap() {
    ioc_.stop();
    thread_.join();
  }
  std::uint16_t port() const { return port_; }
  std::size_t caught() const { return caught_; }

 private:
  void accept(tcp::acceptor& a) {
    a.async_accept([this, &a](boost::system::error_code ec, tcp::socket) {
      if (ec) return;
      ++caught_;
      accept(a);
    });
  }

  net::io_context ioc_;
  tcp::acceptor v4_;
  tcp::acceptor v6_;
  std::uint16_t port_ = 0;
  std::atomic<std::size_t> caught_{0};
  std::thread thread_;
};

struct blocked_form {
  const char* host;   // as it goes in the query string (%-encoded where needed)
  const char* kind;   // what the relay's message must call the address
};

// A name none of whose addresses may be used gets no answer: not its addresses (no dns event),
// not their kind — the relay must not tell anyone what internal names resolve to.
constexpr const char* no_usable_address = "is one this relay connects to";

// The relay's answer to one form: TARGET_FORBIDDEN naming `kind`, no tcp event, close 1008.
void expect_forbidden(std::uint16_t relay_port, std::uint16_t target_port, const blocked_form& f) {
  ws_client ws(relay_port, "/relay?host=" + std::string(f.host) + "&port=" +
                               std::to_string(target_port));
  ASSERT_TRUE(ws.is_open()) << f.host << ": " << ws.refusal_body();
  std::optional<ws_message> m;
  const bool name = std::string_view(f.kind) == no_usable_address;
  while ((m = ws.read())) {
    auto event = nlohmann::json::parse(m->data);
    ASSERT_NE(event["type"], "tcp") << f.host << " was connected to";
    if (name) {
      EXPECT_NE(event["type"], "dns") << f.host << ": the refused addresses were told";
      for (const char* a : {"127.", "::1", "169.254", "10.1.2.3", "fd12", "100.100", "ffff", "64:ff9b"})
        EXPECT_EQ(event.dump().find(a), std::string::npos) << f.host << ": " << event.dump();
    }
    if (event["type"] != "error") continue;
    EXPECT_EQ(event["code"], "TARGET_FORBIDDEN") << f.host << ": " << event.dump();
    EXPECT_NE(event["message"].get<std::string>().find(f.kind), std::string::npos)
        << f.host << ": " << event.dump();
    EXPECT_TRUE(ws.read_until_close().empty());
    EXPECT_EQ(ws.close_code(), 1008) << f.host;
    return;
  }
  ADD_FAILURE() << f.host << ": closed (" << ws.close_code() << ") without an error event";
}

constexpr blocked_form literal_forms[] = {
    // IPv4 as the resolver reads it (inet_aton): decimal, octal, hex, short forms.
    {"127.0.0.1", "loopback"},
    {"2130706433", "loopback"},
    {"0177.0.0.1", "loopback"},
    {"017700000001", "loopback"},
    {"0x7f.1", "loopback"},
    {"0x7f000001", "loopback"},
    {"127.1", "loopback"},
    {"0", "unspecified"},
    {"0.0.0.0", "unspecified"},
    // IPv6, and IPv6 that wraps IPv4.
    {"::1", "loopback"},
    {"%5B::1%5D", "loopback"},
    {"%5B::%5D", "unspecified"},
    {"::", "unspecified"},
    {"::ffff:127.0.0.1", "loopback (IPv4-mapped)"},
    {"::ffff:7f00:1", "loopback (IPv4-mapped)"},
    {"::127.0.0.1", "loopback (IPv4-compatible)"},
    {"64:ff9b::127.0.0.1", "loopback (NAT64)"},
    {"64:ff9b::a9fe:a9fe", "link-local (NAT64)"},
    {"64:ff9b:1::a00:1", "private"},
    {"2002:7f00:1::1", "loopback (6to4)"},
    {"2002:a9fe:a9fe::1", "link-local (6to4)"},
    {"2001:0:4136:e378:8000:63bf:3fff:fdd2", "reserved"},  // Teredo
    // Private, shared, multicast, broadcast, cloud metadata (also in decimal and hex).
    {"10.0.0.1", "private"},
    {"172.16.0.1", "private"},
    {"192.168.0.1", "private"},
    {"fd00::1", "private"},
    {"fd00:ec2::254", "private"},
    {"100.64.0.1", "shared (CGNAT)"},
    {"224.0.0.1", "multicast"},
    {"ff02::1", "multicast"},
    {"255.255.255.255", "broadcast"},
    {"169.254.169.254", "link-local"},
    {"2852039166", "link-local"},
    {"0xa9.0xfe.0xa9.0xfe", "link-local"},
};

constexpr blocked_form name_forms[] = {
    // RFC 6761 section 6.3: localhost names are loopback, trailing dot or not.
    {"localhost", no_usable_address},
    {"localhost.", no_usable_address},
    {"LOCALHOST.", no_usable_address},
    {"api.localhost", no_usable_address},
    // Names that resolve to blocked addresses (--resolve below), trailing dot or not.
    {"metadata.test", no_usable_address},
    {"metadata.test.", no_usable_address},
    {"rebind.test", no_usable_address},
    {"mapped.test", no_usable_address},
    {"nat64.test", no_usable_address},
    {"intranet.test", no_usable_address},
    {"cgnat.test", no_usable_address},
};

std::vector<std::string> ssrf_server_args(std::uint16_t target_port) {
  // The port is allowed, so only the address decides.
  return {"--no-demo-origin",
          "--allow-port", std::to_string(target_port),
          "--max-tunnels-per-client", "1000",
          "--resolve", "metadata.test=169.254.169.254",
          "--resolve", "rebind.test=127.0.0.1",
          "--resolve", "rebind.test=::1",
          "--resolve", "mapped.test=::ffff:127.0.0.1",
          "--resolve", "nat64.test=64:ff9b::7f00:1",
          "--resolve", "intranet.test=10.1.2.3",
          "--resolve", "intranet.test=fd12::1",
          "--resolve", "cgnat.test=100.100.100.100"};
}

TEST(Ssrf, EveryFormOfABlockedAddressIsForbiddenWithoutAConnect) {
  trap target;
  server_process server(ssrf_server_args(target.port()));
  for (const auto& f : literal_forms)
    expect_forbidden(server.port(), target.port(), f);
  for (const auto& f : name_forms)
    expect_forbidden(server.port(), target.port(), f);
  EXPECT_EQ(target.caught(), 0u) << "the relay connected to a blocked address";
}

TEST(Ssrf, SmuggledNamesAreRefusedBeforeTheUpgrade) {
  trap target;
  server_process server(ssrf_server_args(target.port()));
  const auto port = std::to_string(target.port());
  for (const std::string& host : std::vector<std::string>{
           "127.0.0.1%00.example.com", "127.0.0.1%0d%0aHost:x", "127.0.0.1%20", "%5B127.0.0.1%5D",
           "http://127.0.0.1", "127.0.0.1:" + port, "user@127.0.0.1", "127.0.0.1%2f",
           // Zone ids: no use in a target, and a way to dress an address as a name.
           "fe80::1%25lo", "%5Bfe80::1%25lo%5D", "::ffff:127.0.0.1%25.example.com"}) {
    ws_client ws(server.port(), "/relay?host=" + host + "&port=" + port);
    EXPECT_FALSE(ws.is_open()) << host;
    EXPECT_EQ(ws.refusal_status(), 400u) << host;
    EXPECT_EQ(nlohmann::json::parse(ws.refusal_body())["code"], "BAD_REQUEST") << host;
  }
  ws_client address_form(server.port(), "/relay?address=2130706433:" + port);
  ASSERT_TRUE(address_form.is_open());
  EXPECT_EQ(address_form.read_event()["type"], "dns");
  EXPECT_EQ(address_form.read_event()["code"], "TARGET_FORBIDDEN");
  EXPECT_EQ(target.caught(), 0u);
}

// The control: with an exception for 127.0.0.1 on the trap's port, the decimal form does
// connect, and the trap sees it. So the zero above means "no connect", not "a deaf trap".
TEST(Ssrf, TheTrapCatchesAnAllowedConnect) {
  trap target;
  server_process server({"--no-demo-origin", "--allow",
                         "127.0.0.1:" + std::to_string(target.port())});
  ws_client ws(server.port(), "/relay?host=2130706433&port=" + std::to_string(target.port()));
  ASSERT_TRUE(ws.is_open());
  auto dns = ws.read_event();
  EXPECT_EQ(dns["addresses"][0], "127.0.0.1") << "the resolver reads the decimal form";
  EXPECT_EQ(ws.read_event()["type"], "tcp");
  for (int i = 0; i < 200 && target.caught() == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(target.caught(), 1u);
}

// Issue 18, item 1: name patterns are about names. An address, however it is dressed, never
// matches '*.example.com' — in --allow-host, --deny-host or --allow.
TEST(Ssrf, NamePatternsNeverMatchAddresses) {
  trap target;
  const auto port = std::to_string(target.port());
  server_process server({"--no-demo-origin", "--allow-port", port, "--allow-host", "*.example.com",
                         "--allow", "good.example.com:" + port, "--resolve",
                         "good.example.com=127.0.0.1"});
  for (const std::string host : {"::ffff:127.0.0.1%25.example.com", "::ffff:1.1.1.1%25.example.com"}) {
    ws_client ws(server.port(), "/relay?host=" + host + "&port=" + port);
    EXPECT_EQ(ws.refusal_status(), 400u) << host;
  }
  for (const std::string host : {"127.0.0.1", "2130706433", "::ffff:7f00:1", "1.1.1.1"}) {
    ws_client ws(server.port(), "/relay?host=" + host + "&port=" + port);
    ASSERT_TRUE(ws.is_open()) << host;
    auto e = ws.read_event();
    EXPECT_EQ(e["code"], "TARGET_FORBIDDEN") << host << " " << e.dump() << ": no lookup, no dns";
    EXPECT_NE(e["message"].get<std::string>().find("is an IP address"), std::string::npos);
  }
  // The control: the allowed name does reach the trap.
  ws_client ok(server.port(), "/relay?host=good.example.com&port=" + port);
  ASSERT_TRUE(ok.is_open());
  EXPECT_EQ(ok.read_event()["type"], "dns");
  EXPECT_EQ(ok.read_event()["type"], "tcp");
  for (int i = 0; i < 200 && target.caught() == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(target.caught(), 1u);
}

// --deny takes addresses and catches every spelling of them, even where an exception
// (--allow) would let the address through.
TEST(Ssrf, TheDenyListCatchesEverySpellingOfAnAddress) {
  trap target;
  const auto port = std::to_string(target.port());
  server_process server({"--no-demo-origin", "--allow-port", port, "--max-tunnels-per-client",
                         "100", "--allow", "127.0.0.1:" + port, "--allow", "[::1]:" + port,
                         "--deny", "127.0.0.0/8", "--deny", "::1", "--resolve",
                         "sneaky.test=::ffff:127.0.0.9"});
  for (const std::string host :
       {"127.0.0.1", "2130706433", "0x7f.1", "0177.0.0.1", "127.1", "::ffff:127.0.0.1",
        "::ffff:7f00:1", "::127.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::1", "::1"}) {
    ws_client ws(server.port(), "/relay?host=" + host + "&port=" + port);
    ASSERT_TRUE(ws.is_open()) << host;
    nlohmann::json e;
    while ((e = ws.read_event())["type"] == "dns") {
    }
    EXPECT_EQ(e["code"], "TARGET_FORBIDDEN") << host << " " << e.dump();
    EXPECT_NE(e["message"].get<std::string>().find("deny list"), std::string::npos) << e.dump();
  }
  ws_client name(server.port(), "/relay?host=sneaky.test&port=" + port);
  ASSERT_TRUE(name.is_open());
  EXPECT_EQ(name.read_event()["code"], "TARGET_FORBIDDEN");
  EXPECT_EQ(target.caught(), 0u);
}

// Issue 18, item 4: the dns event lists the addresses the tunnel may use, and the tcp event
// keeps the relay's own address to itself unless it is loopback.
TEST(Ssrf, TheDnsEventTellsOnlyWhatTheTunnelMayUse) {
  trap target;
  const auto port = std::to_string(target.port());
  server_process server({"--no-demo-origin", "--allow-port", port, "--allow",
                         "127.0.0.1:" + port, "--resolve", "mixed.test=10.9.8.7", "--resolve",
                         "mixed.test=127.0.0.1", "--resolve", "mixed.test=fd00::99"});
  ws_client ws(server.port(), "/relay?host=mixed.test&port=" + port);
  ASSERT_TRUE(ws.is_open());
  auto dns = ws.read_event();
  ASSERT_EQ(dns["type"], "dns") << dns.dump();
  EXPECT_EQ(dns["addresses"], nlohmann::json::array({"127.0.0.1"})) << dns.dump();
  auto tcp = ws.read_event();
  ASSERT_EQ(tcp["type"], "tcp");
  EXPECT_TRUE(tcp.contains("local")) << "loopback: nothing to hide";
}

}  // namespace
}  // namespace tlsscope::relay::test
