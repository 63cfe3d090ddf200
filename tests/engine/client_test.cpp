// client: the public face of the engine (tlsscope/client.hpp) — the state names the page and
// CLI print, and what each call does outside a handshake: before start, after a failure, and
// the caller's own fail().
#include <gtest/gtest.h>

#include "support/context_bench.hpp"
#include "support/messages.hpp"
#include "tlsscope/client.hpp"

namespace tlsscope {
namespace {

TEST(Client, StateNames) {
  EXPECT_EQ(state_name(State::idle), "idle");
  EXPECT_EQ(state_name(State::handshaking), "handshaking");
  EXPECT_EQ(state_name(State::open), "open");
  EXPECT_EQ(state_name(State::closed), "closed");
  EXPECT_EQ(state_name(State::failed), "failed");
}

Config config() {
  Config c;
  c.server_name = "localhost";
  c.random = test::counting();
  return c;
}

TEST(Client, BeforeStartNothingIsSentOrRead) {
  Client c(config());
  EXPECT_EQ(c.state(), State::idle);
  c.receive(std::vector<std::uint8_t>{22, 3, 3, 0, 1, 0});
  EXPECT_EQ(c.state(), State::idle) << "bytes before start are ignored";
  EXPECT_FALSE(c.send(as_bytes("GET /")));
  c.close();
  EXPECT_TRUE(c.take_output().empty());
  EXPECT_TRUE(c.take_events().empty());
  EXPECT_FALSE(c.error().has_value());
  EXPECT_TRUE(c.keylog().empty());
}

TEST(Client, StartWritesOneClientHelloAndReportsIt) {
  Client c(config());
  c.start();
  Bytes out = c.take_output();
  ASSERT_GT(out.size(), 5u);
  EXPECT_EQ(out[0], 22);
  EXPECT_EQ(out[5], 1) << "client_hello";
  c.start();  // a second start does nothing
  EXPECT_TRUE(c.take_output().empty());
  auto events = c.take_events();
  ASSERT_FALSE(events.empty());
  std::uint64_t seq = 0;
  bool hello = false;
  for (const auto& e : events) {
    EXPECT_EQ(e["seq"], seq++) << "events are numbered from 0, in order";
    hello = hello || (e["type"] == "message" && e["step"] == "client_hello" && e["dir"] == "out");
  }
  EXPECT_TRUE(hello);
  EXPECT_FALSE(c.send(as_bytes("GET /"))) << "no application data before the handshake";
}

// Key shares made ahead (Config::key_shares_ahead) go into the first ClientHello that offers
// their groups, each once: its summary counts them, and its bytes carry them; a second client
// given the same shares makes its own. A classical offer takes only the X25519 share.
TEST(Client, KeySharesMadeAheadAreTakenOnceByAFirstClientHello) {
  auto hello_of = [](Client& c) {
    c.start();
    for (auto& e : c.take_events())
      if (e["type"] == "message" && e["step"] == "client_hello") return e;
    return json();
  };
  Bytes made_ahead;  // the randomness the shares were made from, in order
  auto ahead = make_key_shares_ahead([&](std::uint8_t* out, std::size_t len) {
    for (std::size_t i = 0; i < len; ++i) out[i] = static_cast<std::uint8_t>(0xa0 + i * 7);
    made_ahead.insert(made_ahead.end(), out, out + len);
  });
  ASSERT_FALSE(made_ahead.empty());
  Config first = config();
  first.key_shares_ahead = ahead;
  Client a(first);
  const json hello_a = hello_of(a);
  EXPECT_EQ(hello_a["summary"].value("key_shares_made_ahead", 0), 2) << "the hybrid's and X25519's";
  Client b(first);
  const json hello_b = hello_of(b);
  EXPECT_FALSE(hello_b["summary"].contains("key_shares_made_ahead")) << "taken once";
  // The same client randomness, so the hellos differ only where the shares were made.
  Client c(config());
  const json hello_c = hello_of(c);
  EXPECT_EQ(hello_b["bytes"], hello_c["bytes"]) << "the second client made its own, as one without";
  EXPECT_NE(hello_a["bytes"], hello_c["bytes"]);
  EXPECT_EQ(hello_a["summary"]["random"], hello_c["summary"]["random"]);

  Config classical = config();
  classical.hybrid_key_exchange = false;
  classical.key_shares_ahead = make_key_shares_ahead(test::counting());
  Client d(classical);
  EXPECT_EQ(hello_of(d)["summary"].value("key_shares_made_ahead", 0), 1) << "X25519's only";
}

// What a ClientHello's length prefixes cannot hold is refused before anything is sent: a
// 254-byte host name (253 is DNS's limit) and ALPN names outside 1..255 bytes.
TEST(Client, AHostOrAlpnNameTooLongForTheClientHelloIsRefusedBeforeSending) {
  Config longest = config();
  longest.server_name = std::string(63, 'a') + "." + std::string(63, 'b') + "." +
                        std::string(63, 'c') + "." + std::string(61, 'd');  // 253 bytes
  Client fits(longest);
  fits.start();
  EXPECT_EQ(fits.state(), State::handshaking);

  Config host = config();
  host.server_name = std::string(254, 'a');
  Config empty_alpn = config();
  empty_alpn.alpn = {"http/1.1", ""};
  Config long_alpn = config();
  long_alpn.alpn = {std::string(256, 'h')};
  for (const auto& [cfg, code] : {std::pair{host, ErrorCode::bad_url},
                                  std::pair{empty_alpn, ErrorCode::internal_error},
                                  std::pair{long_alpn, ErrorCode::internal_error}}) {
    Client c(cfg);
    c.start();
    EXPECT_EQ(c.state(), State::failed);
    EXPECT_TRUE(test::is_error(c.error(), code, "a ClientHello cannot carry this"));
    EXPECT_TRUE(c.take_output().empty()) << "nothing is sent, not even an alert";
  }
}

// The caller's failures (DNS, TCP) take the engine's path: the error, its event, and the
// alert when the code has one and a handshake is under way.
TEST(Client, TheCallersFailureIsReportedWithItsAlert) {
  Client c(config());
  c.start();
  c.take_output();
  c.fail(ErrorCode::internal_error, "the caller broke", "调用方出错");
  EXPECT_EQ(c.state(), State::failed);
  EXPECT_TRUE(test::is_error(c.error(), ErrorCode::internal_error, "the caller broke"));
  EXPECT_EQ(to_hex(c.take_output()), "1503030002" "0250");  // fatal internal_error (80)
  c.fail(ErrorCode::timeout, "again");
  EXPECT_EQ(c.error()->code, ErrorCode::internal_error) << "the first failure stands";

  Client idle(config());
  idle.fail(ErrorCode::dns_failed, "no such name");
  EXPECT_EQ(idle.state(), State::failed);
  EXPECT_TRUE(idle.take_output().empty());
}

}  // namespace
}  // namespace tlsscope
