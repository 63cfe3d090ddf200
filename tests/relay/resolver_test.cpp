// The resolver: the answers it gives without asking DNS (IP literals in every spelling,
// --resolve, localhost names), real answers through c-ares from a DNS server on loopback, and
// what a hostile client cannot do to it — fill it with slow names, or keep it from stopping.
#include "dns_server.hpp"
#include "resolver.hpp"

#include <gtest/gtest.h>

namespace tlsscope::relay {
namespace {

using test::dns_server;
using namespace std::chrono_literals;

const auto learner = net::ip::make_address("192.0.2.1");

lookup_result resolve(resolver& r, const std::string& host,
                      const net::ip::address& client = learner) {
  net::io_context ioc;
  // The answer is posted from the resolver's thread: until then the io_context must not run dry.
  auto busy = net::make_work_guard(ioc);
  lookup_result got;
  bool done = false;
  r.resolve(host, client, ioc.get_executor(), [&](lookup_result result) {
    got = std::move(result);
    done = true;
    busy.reset();
  });
  ioc.run_for(std::chrono::seconds(10));
  EXPECT_TRUE(done) << host;
  return got;
}

std::vector<std::string> texts(const lookup_result& r) {
  std::vector<std::string> out;
  for (const auto& a : r.addresses)
    out.push_back(a.to_string());
  return out;
}

using strings = std::vector<std::string>;

resolver::options with(std::vector<static_answer> answers = {},
                       std::vector<host_port> servers = {}) {
  resolver::options o;
  o.static_answers = std::move(answers);
  o.servers = std::move(servers);
  o.timeout = 1000ms;
  return o;
}

TEST(Resolver, StaticAnswersComeFirstInTheOrderGiven) {
  resolver r(with({{"Meta.Test", "169.254.169.254"},
                   {"two.test.", "10.0.0.1"},
                   {"two.test", "::1"},
                   {"localhost", "192.0.2.1"}}));
  EXPECT_EQ(texts(resolve(r, "meta.test")), strings{"169.254.169.254"});
  EXPECT_EQ(texts(resolve(r, "META.TEST.")), strings{"169.254.169.254"})
      << "case and a trailing dot do not matter";
  EXPECT_EQ(texts(resolve(r, "two.test")), (strings{"10.0.0.1", "::1"}));
  EXPECT_EQ(texts(resolve(r, "localhost")), strings{"192.0.2.1"})
      << "--resolve is the operator's word, even for localhost";
}

TEST(Resolver, LocalhostNamesAreLoopbackWithoutALookup) {
  resolver r(with());
  for (const char* name : {"localhost", "localhost.", "LocalHost", "a.b.localhost."}) {
    const auto result = resolve(r, name);
    EXPECT_TRUE(result.error.empty()) << name;
    EXPECT_EQ(texts(result), (strings{"127.0.0.1", "::1"})) << name;
  }
}

// Every IPv4 spelling the system resolver reads, without any lookup.
TEST(Resolver, LiteralsResolveToThemselves) {
  dns_server hole(dns_server::behaviour::black_hole);
  resolver r(with({}, {{"127.0.0.1", hole.port()}}));
  EXPECT_EQ(texts(resolve(r, "192.0.2.7")), strings{"192.0.2.7"});
  EXPECT_EQ(texts(resolve(r, "::ffff:127.0.0.1")), strings{"::ffff:127.0.0.1"});
  for (const char* spelling : {"2130706433", "0x7f.1", "0177.0.0.1", "127.1", "0x7f000001"})
    EXPECT_EQ(texts(resolve(r, spelling)), strings{"127.0.0.1"}) << spelling;
  EXPECT_EQ(hole.questions(), 0u) << "literals never reach DNS";
}

TEST(Resolver, NamesAreAskedOfTheDnsServer) {
  dns_server dns(dns_server::behaviour::answer, "203.0.113.5");
  resolver r(with({}, {{"127.0.0.1", dns.port()}}));
  const auto result = resolve(r, "learner.example");
  EXPECT_TRUE(result.error.empty()) << result.error;
  EXPECT_EQ(texts(result), strings{"203.0.113.5"});
  EXPECT_GE(dns.questions(), 1u);
}

// Issue 18, item 2: slow names hold no thread. A client's lookups in progress are capped (the
// over-limit ones fail at once), other clients' lookups and literals go on meanwhile, and the
// resolver stops at once with lookups in progress.
TEST(Resolver, SlowNamesStarveNobody) {
  dns_server hole(dns_server::behaviour::black_hole);
  auto o = with({}, {{"127.0.0.1", hole.port()}});
  o.max_per_client = 4;
  o.timeout = 3000ms;
  auto r = std::make_unique<resolver>(o);
  const auto attacker = net::ip::make_address("2001:db8:bad::1");

  net::io_context ioc;
  std::size_t answered = 0, refused_at_once = 0;
  for (int i = 0; i < 6; ++i)
    r->resolve("slow" + std::to_string(i) + ".example",
               // Another address in the same /64: the same client.
               net::ip::make_address("2001:db8:bad::" + std::to_string(i + 1)),
               ioc.get_executor(), [&](lookup_result result) {
                 ++answered;
                 if (result.error.find("in progress") != std::string::npos) ++refused_at_once;
               });
  ioc.run_for(300ms);
  EXPECT_EQ(refused_at_once, 2u) << "the attacker's /64 has 4 lookups at most";
  EXPECT_EQ(answered, 2u) << "the 4 others are still waiting for the black hole";

  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(texts(resolve(*r, "2130706433", attacker)), strings{"127.0.0.1"});
  EXPECT_LT(std::chrono::steady_clock::now() - start, 200ms) << "a literal waits for nothing";

  const auto stop = std::chrono::steady_clock::now();
  r.reset();
  EXPECT_LT(std::chrono::steady_clock::now() - stop, 500ms)
      << "stopping does not wait for the slow lookups";
  ioc.restart();
  ioc.run_for(100ms);
  EXPECT_EQ(answered, 2u) << "the dropped lookups never answer";
}

TEST(Resolver, ACancelledLookupNeverAnswers) {
  dns_server dns(dns_server::behaviour::answer);
  resolver r(with({}, {{"127.0.0.1", dns.port()}}));
  net::io_context ioc;
  bool called = false;
  auto lookup = r.resolve("a.example", learner, ioc.get_executor(),
                          [&](lookup_result) { called = true; });
  lookup->cancel();
  ioc.run_for(500ms);
  EXPECT_FALSE(called);
}

}  // namespace
}  // namespace tlsscope::relay
