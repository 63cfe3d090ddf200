// Bulk bytes from the target reach the client by splice(), in frames the relay writes past
// Beast (relay_session, gated_stream). Beast still writes frames of its own meanwhile (pongs,
// the close), so these tests send the relay enough to reach that path and check that every
// frame arrives whole, in order, and within the byte limit.
#include "bytes.hpp"
#include "server_process.hpp"
#include "tcp_targets.hpp"
#include "ws_client.hpp"

#include <gtest/gtest.h>

namespace tlsscope::relay::test {
namespace {

const header_list kBinary = {{"Sec-WebSocket-Protocol", "binary"}};

std::string allow(std::uint16_t port) { return "127.0.0.1:" + std::to_string(port); }
std::string relay_target(std::uint16_t port) {
  return "/relay?host=127.0.0.1&port=" + std::to_string(port);
}

// A target that sends `data`, then closes at once (`then_close`) or holds its end open until
// the relay closes it.
scripted_server sending_target(const std::string& data, bool then_close) {
  return scripted_server([&data, then_close](tcp::socket& s) {
    boost::system::error_code ec;
    net::write(s, net::buffer(data), ec);
    char c;
    while (!then_close && !ec) s.read_some(net::buffer(&c, 1), ec);
  });
}

// Every message the client reads is a whole frame: a pong that landed inside one would break
// the stream (Beast's client fails the connection on a malformed frame).
TEST(SplicedFrames, PongsDuringABulkDownloadLandBetweenFrames) {
  const auto data = random_bytes(32u << 20, 11);
  auto target = sending_target(data, false);
  server_process server({"--allow", allow(target.port()), "--max-bytes", "1G"});
  ws_client ws(server.port(), relay_target(target.port()), kBinary);
  ASSERT_TRUE(ws.is_open()) << ws.refusal_body();
  std::string got;
  std::size_t pings = 0;
  while (got.size() < data.size()) {
    ws.ping();  // answered while the relay is in the middle of the download
    ++pings;
    auto m = ws.read();
    ASSERT_TRUE(m) << "the tunnel closed after " << got.size() << " bytes: " << ws.close_reason();
    ASSERT_FALSE(m->text);
    got += m->data;
  }
  EXPECT_EQ(got.size(), data.size());
  EXPECT_EQ(sha256_hex(got), sha256_hex(data));
  // The pongs of the last pings may still be on their way; most were read between frames.
  EXPECT_GE(ws.pongs(), pings / 2) << pings << " pings sent";
}

// The target closes right after its last byte: the close frame follows the last data frame.
TEST(SplicedFrames, CloseFollowsTheLastFrame) {
  const auto data = random_bytes(8u << 20, 12);
  auto target = sending_target(data, true);
  server_process server({"--allow", allow(target.port()), "--max-bytes", "1G"});
  ws_client ws(server.port(), relay_target(target.port()), kBinary);
  ASSERT_TRUE(ws.is_open()) << ws.refusal_body();
  std::string got;
  for (const auto& m : ws.read_until_close(60s)) {
    ASSERT_FALSE(m.text);
    got += m.data;
  }
  EXPECT_EQ(ws.close_code(), 1000);
  EXPECT_EQ(got.size(), data.size());
  EXPECT_EQ(sha256_hex(got), sha256_hex(data));
}

// A client that vanishes in the middle of a download ends its own tunnel only: splice() into
// its dead socket fails (and may raise SIGPIPE, which must not stop the server), and the
// server goes on serving (server_process also checks that it stops cleanly).
TEST(SplicedFrames, ClientVanishingMidDownloadEndsOnlyItsTunnel) {
  const auto data = random_bytes(32u << 20, 14);
  auto target = sending_target(data, false);
  echo_server echo;
  server_process server(
      {"--allow", allow(target.port()), "--allow", allow(echo.port()), "--max-bytes", "1G"});
  {
    ws_client ws(server.port(), relay_target(target.port()), kBinary);
    ASSERT_TRUE(ws.is_open()) << ws.refusal_body();
    for (int i = 0; i < 8; ++i) ASSERT_TRUE(ws.read());
    ws.abort();
  }
  ASSERT_TRUE(server.wait_for_log("client gone")) << server.log();
  ws_client next(server.port(), relay_target(echo.port()), kBinary);
  ASSERT_TRUE(next.is_open()) << next.refusal_body();
  next.send_binary("still here");
  EXPECT_EQ(next.read_bytes(10), "still here");
}

// The byte limit counts spliced bytes as it counts copied ones: exactly the bytes within it.
TEST(SplicedFrames, ByteLimitHoldsInBulk) {
  const auto data = random_bytes(4u << 20, 13);
  auto target = sending_target(data, false);
  server_process server({"--allow", allow(target.port()), "--max-bytes", "1000000"});
  ws_client ws(server.port(), relay_target(target.port()), kBinary);
  ASSERT_TRUE(ws.is_open()) << ws.refusal_body();
  std::string got;
  for (const auto& m : ws.read_until_close(60s)) got += m.data;
  EXPECT_EQ(ws.close_code(), 1008);
  EXPECT_EQ(ws.close_reason(), "LIMIT_REACHED");
  ASSERT_EQ(got.size(), 1000000u);
  EXPECT_EQ(got, data.substr(0, 1000000));
}

}  // namespace
}  // namespace tlsscope::relay::test
