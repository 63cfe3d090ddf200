// Hostile clients before the upgrade: requests that break HTTP or the WebSocket handshake,
// a header sent one byte at a time, half-closed connections. Each gets the answer the RFCs
// give it (or a closed connection), opens no tunnel, and leaves the server as it found it
// while the witness tunnel keeps flowing.
#include "raw_client.hpp"
#include "relay_under_attack.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace tlsscope::relay::test {
namespace {

using namespace std::string_view_literals;

// The answer to `request` on a fresh connection; the relay must close that connection.
http_answer answer_to(const relay_under_attack& scene, const std::string& request) {
  raw_client c(scene.port());
  EXPECT_TRUE(c.send(request));
  auto answer = c.read_http_answer();
  if (!answer) {
    ADD_FAILURE() << "no answer to: " << request.substr(0, 80);
    return {};
  }
  EXPECT_TRUE(c.wait_for_end()) << "the relay keeps a refused connection open";
  return *answer;
}

// A JSON refusal with the relay's code, as docs/relay-protocol.md promises.
void expect_json_refusal(const http_answer& a, unsigned status, const std::string& message_part) {
  EXPECT_EQ(a.status, status) << a.head;
  auto body = nlohmann::json::parse(a.body, nullptr, false);
  ASSERT_TRUE(body.is_object()) << a.body;
  EXPECT_EQ(body["code"], "BAD_REQUEST") << a.body;
  EXPECT_NE(body["message"].get<std::string>().find(message_part), std::string::npos) << a.body;
}

TEST(HostileHttp, MalformedRequestsGet400AndAClose) {
  relay_under_attack scene;
  const std::string target = scene.echo_target();
  for (const std::string& request : {
           std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n"sv),  // TLS hello
           std::string("GET /relay HTTP/1.1\nHost: a\n\n"),                      // bare LF
           "GET " + target + " HTTP/1.1\r\nHost: a\r\nno colon here\r\n\r\n",
           "GET " + target + " HTTP/1.1\r\nHo st: a\r\n\r\n",
           "GET " + target + " HTTP/1.1\r\nHost: a\r\nContent-Length: x\r\n\r\n",
           "GET " + target + " HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
           "GET " + target + " HTTP/1.1\r\nHost: a\r\nContent-Length: 1073741824\r\n\r\nxyz",
           "GET " + target + " HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nz\r\n",
           std::string("GET /relay\0 HTTP/1.1\r\nHost: a\r\n\r\n"sv),
       }) {
    const auto a = answer_to(scene, request);
    EXPECT_EQ(a.status, 400u) << request << "\n" << a.head;
  }
  EXPECT_EQ(scene.echo().accepted(), 1u) << "only the witness tunnel reached the target";
  scene.expect_witness_flows("after malformed requests");
  scene.expect_back_to_baseline();
}

TEST(HostileHttp, OversizedHeadersGet431) {
  relay_under_attack scene;
  const std::string big(64 * 1024, 'a');
  // RFC 6585 section 5, for one huge field, a huge target or many fields; the answer must
  // arrive even though the client is still sending when the relay gives up reading.
  const auto one_field = answer_to(scene, upgrade_request(scene.echo_target(), {{"X-Big", big}}));
  EXPECT_EQ(one_field.status, 431u) << one_field.head;
  const auto long_target = answer_to(scene, upgrade_request(scene.echo_target() + "&pad=" + big));
  EXPECT_EQ(long_target.status, 431u) << long_target.head;
  raw_headers many;
  for (int i = 0; i < 2000; ++i)
    many.emplace_back("X-F" + std::to_string(i), "v");
  const auto many_fields = answer_to(scene, upgrade_request(scene.echo_target(), many));
  EXPECT_EQ(many_fields.status, 431u) << many_fields.head;

  EXPECT_EQ(scene.echo().accepted(), 1u);
  scene.expect_witness_flows("after oversized requests");
  scene.expect_back_to_baseline();
}

TEST(HostileHttp, WrongWebSocketVersionsGet426NamingVersion13) {
  relay_under_attack scene;
  for (const char* version : {"8", "14", "garbage"}) {
    const auto a =
        answer_to(scene, upgrade_request(scene.echo_target(), {{"Sec-WebSocket-Version", version}}));
    // RFC 6455 section 4.4: 426 and the versions the server speaks.
    expect_json_refusal(a, 426, "version 13");
    EXPECT_EQ(a.header("Sec-WebSocket-Version"), "13") << version;
  }
  const auto missing =
      answer_to(scene, upgrade_request(scene.echo_target(), {}, {"Sec-WebSocket-Version"}));
  expect_json_refusal(missing, 426, "version 13");
  EXPECT_EQ(missing.header("Sec-WebSocket-Version"), "13");

  EXPECT_EQ(scene.echo().accepted(), 1u);
  scene.expect_witness_flows("after wrong versions");
  scene.expect_back_to_baseline();
}

TEST(HostileHttp, MissingOrMalformedKeyGets400) {
  relay_under_attack scene;
  expect_json_refusal(
      answer_to(scene, upgrade_request(scene.echo_target(), {}, {"Sec-WebSocket-Key"})), 400,
      "Sec-WebSocket-Key");
  for (const char* key : {"abc", "AAAAAAAAAAAAAAAAAAAA", "not base64 at all!!!!!=="})
    expect_json_refusal(
        answer_to(scene, upgrade_request(scene.echo_target(), {{"Sec-WebSocket-Key", key}})), 400,
        "16 random bytes");
  expect_json_refusal(answer_to(scene, upgrade_request(scene.echo_target(), {}, {"Host"})), 400,
                      "Host");

  EXPECT_EQ(scene.echo().accepted(), 1u);
  scene.expect_witness_flows("after bad keys");
  scene.expect_back_to_baseline();
}

// Slowloris: connections that send their upgrade one byte a second. The header deadline
// (--header-timeout) is for the whole header, so each is cut off after it however it
// trickles, and past --max-connections-per-client the rest are turned away at once (429).
TEST(HostileHttp, SlowlorisIsCutOffAtTheHeaderDeadline) {
  constexpr int attackers = 24;
  constexpr int per_client = 8;
  relay_under_attack scene({"--header-timeout", "2", "--max-connections-per-client",
                            std::to_string(per_client)});
  const auto request = upgrade_request(scene.echo_target());

  std::vector<std::unique_ptr<raw_client>> slow;
  for (int i = 0; i < attackers; ++i) {
    slow.push_back(std::make_unique<raw_client>(scene.port(), "127.0.0.3"));
    slow.back()->send(request.substr(0, 1));
  }
  // A shed connection is answered and closed at once; an admitted one hears nothing.
  std::this_thread::sleep_for(300ms);
  std::vector<bool> ended(attackers, false);
  int turned_away = 0;
  for (int i = 0; i < attackers; ++i) {
    auto a = slow[i]->read_http_answer(1ms);
    if (!a) continue;
    EXPECT_EQ(a->status, 429u) << a->head;
    EXPECT_NE(a->body.find("LIMIT_REACHED"), std::string::npos) << a->body;
    ended[i] = true;
    ++turned_away;
  }
  EXPECT_EQ(turned_away, attackers - per_client);

  // One byte a second from every admitted connection, until the relay has ended them all.
  std::size_t sent = 1;
  int alive = per_client;
  while (alive > 0 && sent < request.size()) {
    std::this_thread::sleep_for(1s);
    scene.expect_witness_flows("during the slowloris attack");
    EXPECT_EQ(http_get(scene.port(), "/healthz").result_int(), 200u)
        << "another client is served meanwhile";
    alive = 0;
    for (int i = 0; i < attackers; ++i) {
      if (ended[i]) continue;
      ended[i] = !slow[i]->send(request.substr(sent, 1)) || slow[i]->wait_for_end(10ms);
      if (!ended[i]) ++alive;
    }
    ++sent;
  }
  EXPECT_EQ(alive, 0);
  EXPECT_LT(sent, request.size()) << "the relay waited for a whole trickled header";
  std::printf("[ figures  ] slowloris: the relay ended every connection after %zu of %zu bytes\n",
              sent, request.size());
  EXPECT_EQ(scene.echo().accepted(), 1u);
  slow.clear();
  scene.expect_back_to_baseline();
}

TEST(HostileHttp, HalfClosedClientsStillGetTheirAnswer) {
  relay_under_attack scene;
  {
    // The whole request, then FIN: HTTP lets the client read the answer after that.
    raw_client c(scene.port());
    ASSERT_TRUE(c.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
    c.shutdown_write();
    auto a = c.read_http_answer();
    ASSERT_TRUE(a);
    EXPECT_EQ(a->status, 200u);
    EXPECT_EQ(a->body, "ok\n");
    EXPECT_TRUE(c.wait_for_end());
  }
  {
    // Half an upgrade, then FIN: the request can never complete.
    raw_client c(scene.port());
    ASSERT_TRUE(c.send(upgrade_request(scene.echo_target()).substr(0, 40)));
    c.shutdown_write();
    auto a = c.read_http_answer();
    ASSERT_TRUE(a);
    EXPECT_EQ(a->status, 400u) << a->head;
    EXPECT_TRUE(c.wait_for_end());
  }
  {
    // A whole upgrade, then FIN: the tunnel opens, and ends when the relay reads the end.
    raw_client c(scene.port());
    ASSERT_TRUE(c.send(upgrade_request(scene.echo_target())));
    c.shutdown_write();
    auto a = c.read_http_answer();
    ASSERT_TRUE(a);
    EXPECT_EQ(a->status, 101u);
    EXPECT_TRUE(c.wait_for_end());
  }
  scene.expect_witness_flows("after half-closed clients");
  scene.expect_back_to_baseline();
}

}  // namespace
}  // namespace tlsscope::relay::test
