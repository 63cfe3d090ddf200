// The answers the resolver gives without asking DNS: IP literals, --resolve, localhost names.
#include "resolver_pool.hpp"

#include <gtest/gtest.h>

namespace tlsscope::relay {
namespace {

lookup_result resolve(resolver_pool& pool, const std::string& host) {
  net::io_context ioc;
  // The answer is posted from a pool thread: until then the io_context must not run dry.
  auto busy = net::make_work_guard(ioc);
  lookup_result got;
  bool done = false;
  pool.resolve(host, ioc.get_executor(), [&](lookup_result r) {
    got = std::move(r);
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

TEST(ResolverPool, StaticAnswersComeFirstInTheOrderGiven) {
  resolver_pool pool(1, {{"Meta.Test", "169.254.169.254"},
                         {"two.test.", "10.0.0.1"},
                         {"two.test", "::1"},
                         {"localhost", "192.0.2.1"}});
  EXPECT_EQ(texts(resolve(pool, "meta.test")), strings{"169.254.169.254"});
  EXPECT_EQ(texts(resolve(pool, "META.TEST.")), strings{"169.254.169.254"})
      << "case and a trailing dot do not matter";
  EXPECT_EQ(texts(resolve(pool, "two.test")), (strings{"10.0.0.1", "::1"}));
  EXPECT_EQ(texts(resolve(pool, "localhost")), strings{"192.0.2.1"})
      << "--resolve is the operator's word, even for localhost";
}

TEST(ResolverPool, LocalhostNamesAreLoopbackWithoutALookup) {
  resolver_pool pool(1);
  for (const char* name : {"localhost", "localhost.", "LocalHost", "a.b.localhost."}) {
    const auto r = resolve(pool, name);
    EXPECT_TRUE(r.error.empty()) << name;
    EXPECT_EQ(texts(r), (strings{"127.0.0.1", "::1"})) << name;
  }
}

TEST(ResolverPool, LiteralsResolveToThemselves) {
  resolver_pool pool(1);
  EXPECT_EQ(texts(resolve(pool, "192.0.2.7")), strings{"192.0.2.7"});
  EXPECT_EQ(texts(resolve(pool, "fe80::1%lo")).size(), 1u);
  EXPECT_TRUE(resolve(pool, "fe80::1%lo").addresses[0].to_v6().scope_id() != 0)
      << "the zone survives, so the policy sees the scoped address";
}

}  // namespace
}  // namespace tlsscope::relay
