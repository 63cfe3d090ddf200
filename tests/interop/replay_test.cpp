// The engine is sans I/O, so the way bytes arrive must not change what it sees: a real
// server's bytes, recorded once, then replayed into fresh clients with the same injected
// randomness — whole, one byte at a time, and in odd-sized chunks — give identical events.
#include <gtest/gtest.h>

#include <unistd.h>

#include <ctime>

#include "cli.hpp"
#include "live_exchange.hpp"
#include "net.hpp"
#include "servers.hpp"
#include "temp_dir.hpp"
#include "tlsscope/client.hpp"

namespace tlsscope::test {
namespace {

using nlohmann::json;

Config config(std::int64_t now) { return seeded_config(pki_file("roots.pem"), now, 0x5eed); }

// A live exchange with a real server; returns every byte the server sent.
Bytes record_server_bytes(std::uint16_t port, std::int64_t now) {
  int fd = connect_loopback(port);
  EXPECT_GE(fd, 0);
  Client client(config(now));
  client.start();
  Bytes server_bytes = get_root_over(client, fd);
  ::close(fd);
  EXPECT_EQ(client.state(), State::closed) << (client.error() ? client.error()->detail : "");
  return server_bytes;
}

// Replays the server's bytes in chunks of the given sizes (cycled); returns all events.
std::vector<json> replay(const Bytes& server_bytes, std::int64_t now,
                         const std::vector<std::size_t>& chunks) {
  Client client(config(now));
  client.start();
  std::vector<json> events = client.take_events();
  std::size_t off = 0, i = 0;
  while (off < server_bytes.size()) {
    std::size_t n = std::min(chunks[i++ % chunks.size()], server_bytes.size() - off);
    client.receive(ByteView(server_bytes).subspan(off, n));
    off += n;
    for (auto& e : client.take_events()) events.push_back(std::move(e));
  }
  client.transport_closed();
  for (auto& e : client.take_events()) events.push_back(std::move(e));
  return events;
}

std::vector<std::string> steps(const std::vector<json>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e["type"].get<std::string>() + ":" + e["step"].get<std::string>());
  return out;
}

TEST(replay, any_split_gives_the_same_events) {
  TempDir dir("tlsscope-replay-");
  RunningServer server = start_s_server(
      {"-tls1_2", "-cert", pki_file("rsa-leaf.pem"), "-key", pki_file("rsa-leaf.key"),
       "-cert_chain", pki_file("rsa-int.pem")},
      dir / "server.log");
  const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
  Bytes server_bytes = record_server_bytes(server.port, now);
  ASSERT_GT(server_bytes.size(), 1000u);

  auto whole = replay(server_bytes, now, {server_bytes.size()});
  auto bytewise = replay(server_bytes, now, {1});
  auto odd = replay(server_bytes, now, {3, 1, 7, 5, 2, 300, 11});

  // The replay really completed: the handshake, and the server's decrypted HTTP answer.
  auto s = steps(whole);
  EXPECT_NE(std::find(s.begin(), s.end(), "handshake_complete:handshake_complete"), s.end());
  bool saw_http = false;
  for (const auto& e : whole)
    if (e["type"] == "application_data" && e["dir"] == "in" &&
        e["text"].get<std::string>().rfind("HTTP/", 0) == 0)
      saw_http = true;
  EXPECT_TRUE(saw_http);

  ASSERT_EQ(steps(whole), steps(bytewise));
  ASSERT_EQ(steps(whole), steps(odd));
  for (std::size_t i = 0; i < whole.size(); ++i) {
    EXPECT_EQ(whole[i], bytewise[i]) << "event " << i;
    EXPECT_EQ(whole[i], odd[i]) << "event " << i;
  }
}

// Several records in one read, and a record cut just after its header, change nothing either:
// covered above by the whole replay (everything in one call) and the 3/1/7/... chunking.

}  // namespace
}  // namespace tlsscope::test
