#include "relay_under_attack.hpp"

#include "bytes.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <thread>

namespace tlsscope::relay::test {

namespace {

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TLSSCOPE_UNDER_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define TLSSCOPE_UNDER_ASAN 1
#endif

// Under AddressSanitizer (scripts/test) freed memory sits in a 256 MB quarantine, to catch a
// use after free, instead of going back to the allocator: a relay that released everything
// would still look 50 MB bigger after 10,000 sockets. The relay these tests measure runs
// without the quarantine (it inherits this process's environment); every other check stays.
void quarantine_off_for_the_relay() {
#ifdef TLSSCOPE_UNDER_ASAN
  const char* now = std::getenv("ASAN_OPTIONS");
  std::string options = now ? now : "";
  ::setenv("ASAN_OPTIONS", (options + (options.empty() ? "" : ":") + "quarantine_size_mb=0").c_str(), 1);
#endif
}

std::vector<std::string> with_echo_allowed(std::vector<std::string> args, std::uint16_t port) {
  quarantine_off_for_the_relay();
  args.insert(args.begin(), {"--allow", "127.0.0.1:" + std::to_string(port), "--no-demo-origin"});
  return args;
}

}  // namespace

relay_under_attack::relay_under_attack(std::vector<std::string> args)
    : server_(with_echo_allowed(std::move(args), echo_.port())) {
  witness_ = std::make_unique<ws_client>(port(), echo_target());
  if (!witness_->is_open()) {
    ADD_FAILURE() << "the witness tunnel did not open: " << witness_->refusal_body();
    return;
  }
  EXPECT_EQ(witness_->read_event()["type"], "dns");
  EXPECT_EQ(witness_->read_event()["type"], "tcp");
  // One round trip first, so buffers the first bytes allocate are part of the baseline.
  expect_witness_flows("before the attack");
  baseline_fds_ = open_fds_of(server_.pid());
  baseline_rss_kib_ = memory_of(server_.pid()).rss_kib;
}

std::string relay_under_attack::echo_target() const {
  return "/relay?host=127.0.0.1&port=" + std::to_string(echo_.port());
}

void relay_under_attack::expect_witness_flows(const std::string& when) {
  ASSERT_TRUE(witness_ && witness_->is_open()) << when;
  const auto payload = random_bytes(16 * 1024, ++round_);
  try {
    witness_->send_binary(payload);
    EXPECT_EQ(witness_->read_bytes(payload.size()), payload) << "witness tunnel " << when;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "the witness tunnel stopped " << when << ": " << e.what();
  }
}

void relay_under_attack::expect_back_to_baseline(long rss_slack_kib) {
  const auto pid = server_.pid();
  // Sessions end on their own strands after the client is gone: give them a moment.
  int fds = open_fds_of(pid);
  for (int i = 0; i < 250 && fds != baseline_fds_; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    fds = open_fds_of(pid);
  }
  EXPECT_EQ(fds, baseline_fds_) << "descriptors left open after the attack";
  const long rss = memory_of(pid).rss_kib;
  EXPECT_LE(rss, baseline_rss_kib_ + rss_slack_kib)
      << "resident memory " << rss << " KiB, " << baseline_rss_kib_ << " KiB before the attack";
}

}  // namespace tlsscope::relay::test
