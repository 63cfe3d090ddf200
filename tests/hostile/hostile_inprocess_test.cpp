// Every hostile-server case again, without a socket or a process (ctest names
// hostile_inprocess.<case>): the same scripts (cases.cpp) write straight into the engine
// (tlsscope::Client, sans I/O) through EngineWire, which plays the CLI's loop around it
// (engine/cli/main.cpp: ask for / once open, give up on silence, report a missing HTTP
// answer), and the test checks what hostile_test.cpp checks over TCP: the error code, the alert
// in the client's error event, and the alerts the server read. Each case runs twice, the
// server's writes handed over whole and one byte at a time, with the same randomness on both
// sides: receive() promises the same events, byte for byte, for any split.
#include <gtest/gtest.h>

#include <ctime>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cases.hpp"
#include "live_exchange.hpp"
#include "server_output.hpp"
#include "tlsscope/client.hpp"
#include "tlsscope/trust.hpp"

namespace tlsscope::hostile {
namespace {

// The client's end of the wire, in process. The engine answers synchronously, so when the
// server wants bytes the client has not produced, the client is waiting for the server: that is
// where the CLI's read times out (a handshake fails with TIMEOUT; an open connection is closed
// with close_notify, the answer being in). Once the CLI's loop would have ended, the server
// reads the rest of what the client wrote and then the end of the stream.
class EngineWire final : public Wire {
 public:
  /// `feed`: how many bytes the client receives at a time (0: each server write whole).
  EngineWire(Config config, std::size_t feed) : client_(std::move(config)), feed_(feed) {
    client_.start();
    pump();
  }

  std::size_t write(ByteView bytes) override {
    // Past the CLI's exit the bytes go nowhere, as into a socket the peer has closed.
    for (std::size_t off = 0; off < bytes.size() && running();) {
      std::size_t n = feed_ == 0 ? bytes.size() - off : std::min(feed_, bytes.size() - off);
      client_.receive(bytes.subspan(off, n));
      off += n;
      pump();
      ask();
    }
    return bytes.size();
  }

  bool readable() override { return unread() > 0 || !running(); }

  bool read_exact(std::uint8_t* out, std::size_t len,
                  std::chrono::steady_clock::time_point) override {
    while (unread() < len) {
      if (!running()) return false;
      silence();
    }
    std::copy_n(to_server_.begin() + static_cast<long>(read_), len, out);
    read_ += len;
    return true;
  }

  void close_write() override {
    if (!running()) return;
    client_.transport_closed();
    pump();
  }

  /// The server is gone (the script and its drain ended): the CLI sees the end of the stream.
  void server_closed() { close_write(); }

  const Client& client() const { return client_; }
  const std::vector<nlohmann::json>& events() const { return events_; }
  /// The CLI's verdict on a run the engine did not fail: an HTTP answer must have come.
  bool got_http_response() const { return request_sent_ && response_.rfind("HTTP/", 0) == 0; }

 private:
  bool running() const {
    return !stopped_ && (client_.state() == State::handshaking || client_.state() == State::open);
  }
  std::size_t unread() const { return to_server_.size() - read_; }

  void pump() {
    for (auto& e : client_.take_events()) events_.push_back(std::move(e));
    Bytes o = client_.take_output();
    to_server_.insert(to_server_.end(), o.begin(), o.end());
    Bytes p = client_.take_plaintext();
    response_.append(p.begin(), p.end());
  }

  // The CLI's request, once the handshake is done.
  void ask() {
    if (client_.state() != State::open || request_sent_) return;
    client_.send(as_bytes("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
    request_sent_ = true;
    pump();
  }

  // The CLI's read timed out.
  void silence() {
    if (client_.state() == State::handshaking) {
      client_.fail(ErrorCode::timeout, "no answer from the server", "服务器没有应答");
    } else {
      client_.close();
      stopped_ = true;
    }
    pump();
  }

  Client client_;
  std::size_t feed_;
  std::vector<nlohmann::json> events_;
  Bytes to_server_;
  std::size_t read_ = 0;
  std::string response_;
  bool request_sent_ = false;
  bool stopped_ = false;
};

struct Outcome {
  std::optional<Error> error;  // the engine's, or the CLI's CONNECTION_CLOSED for no answer
  std::vector<nlohmann::json> events;
  std::string served;  // the server's report lines
};

const ServerIdentity& identity() {
  static const ServerIdentity id = ServerIdentity::load(TLSSCOPE_HOSTILE_PKI_DIR);
  return id;
}

std::shared_ptr<const TrustStore> roots() {
  static const auto store = [] {
    std::ifstream in(std::string(TLSSCOPE_HOSTILE_PKI_DIR) + "/roots.pem", std::ios::binary);
    std::stringstream pem;
    pem << in.rdbuf();
    return load_trust_store_pem(pem.str());
  }();
  return store;
}

// Plays `c` against the engine the way tlsscope-hostile-server plays it against the CLI.
Outcome play(const HostileCase& c, std::size_t feed, std::int64_t now) {
  Config cfg;
  cfg.server_name = "localhost";
  cfg.trust_store = roots();
  cfg.now = now;
  cfg.random = test::seeded_random(0x5eed);
  EngineWire wire(cfg, feed);
  std::ostringstream served;
  {
    Session session(wire, identity(), served, test::seeded_random(0x5e4e4));
    try {
      c.play(session);
    } catch (const ClientStopped& e) {
      session.say(std::string("server-step client-stopped ") + e.what());
    } catch (const std::exception& e) {
      session.say(std::string("server-error ") + e.what());
    }
    session.drain();
  }
  wire.server_closed();
  Outcome run{wire.client().error(), wire.events(), served.str()};
  if (!run.error && !wire.got_http_response())
    run.error = Error{ErrorCode::connection_closed, "the server sent no HTTP response"};
  return run;
}

// Where two runs' event streams first part, and the events from there on ("" when they agree).
std::string first_difference(const std::vector<nlohmann::json>& a,
                             const std::vector<nlohmann::json>& b) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  if (i == a.size() && i == b.size()) return "";
  auto around = [i](const std::vector<nlohmann::json>& events) {
    std::string s;
    for (std::size_t j = i; j < events.size() && j < i + 4; ++j)
      s += events[j].dump().substr(0, 300) + "\n";
    return s;
  };
  return "event " + std::to_string(i) + " differs:\n--- whole:\n" + around(a) +
         "--- one byte at a time:\n" + around(b);
}

void check(const HostileCase& c, const Outcome& run) {
  SCOPED_TRACE("--- server ---\n" + run.served);
  const auto alerts = client_alerts(run.served);
  const std::string alert_name =
      c.alert.empty() ? "" : std::string(c.alert.substr(c.alert.find(' ') + 1));
  nlohmann::json error_event;
  for (const auto& e : run.events)
    if (e.value("type", "") == "error") error_event = e;

  if (c.error.empty()) {
    EXPECT_FALSE(run.error) << run.error->name() << ": " << run.error->detail;
    EXPECT_TRUE(error_event.is_null()) << error_event.dump();
    for (const auto& a : alerts) EXPECT_NE(a.rfind("fatal ", 0), 0u) << "the client sent " << a;
    if (!c.alert.empty()) {
      EXPECT_NE(std::find(alerts.begin(), alerts.end(), std::string(c.alert)), alerts.end())
          << "the server never received \"" << c.alert << "\"";
    }
    if (c.name.rfind("tls13_", 0) == 0) {
      std::string version;
      for (const auto& e : run.events)
        if (e.value("type", "") == "handshake_complete") version = e.value("version", "");
      EXPECT_EQ(version, "TLS 1.3");
    }
    return;
  }

  ASSERT_TRUE(run.error) << "the client accepted it";
  EXPECT_EQ(run.error->name(), c.error) << run.error->detail;
  // No error event: the CLI's own verdict (no HTTP answer), which sends no alert.
  const bool cli_verdict = run.error->code == ErrorCode::connection_closed && error_event.is_null();
  if (!cli_verdict) {
    EXPECT_EQ(error_event.value("code", ""), c.error) << error_event.dump();
    EXPECT_EQ(error_event.value("alert_sent", ""), alert_name) << error_event.dump();
  }
  if (c.alert.empty()) {
    EXPECT_TRUE(alerts.empty()) << "the client must send no alert";
  } else {
    if (c.alert_unreadable) {
      EXPECT_TRUE(alerts.empty());
      EXPECT_NE(run.served.find("client-record-unreadable"), std::string::npos)
          << "the client's encrypted alert must reach the server (which cannot open it)";
    } else {
      EXPECT_EQ(alerts, std::vector<std::string>{std::string(c.alert)});
    }
  }
}

class InProcessCase : public testing::Test {
 public:
  explicit InProcessCase(const HostileCase& c) : case_(c) {}

  void TestBody() override {
    SCOPED_TRACE("case " + std::string(case_.name) + " (" + std::string(case_.rfc) +
                 "): " + std::string(case_.server_does) + "\nexpected: " +
                 (case_.error.empty() ? "success" : std::string(case_.error)) +
                 ", client alert " + (case_.alert.empty() ? "none" : std::string(case_.alert)));
    // One instant for both runs: the chain check's events show it.
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    Outcome whole = play(case_, 0, now);
    {
      SCOPED_TRACE("the server's writes received whole");
      check(case_, whole);
    }
    Outcome bytewise = play(case_, 1, now);
    {
      SCOPED_TRACE("the server's writes received one byte at a time");
      check(case_, bytewise);
    }
    EXPECT_EQ(first_difference(whole.events, bytewise.events), "")
        << "the events differ with how the bytes were split";
  }

 private:
  const HostileCase& case_;
};

}  // namespace
}  // namespace tlsscope::hostile

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  for (const auto& c : tlsscope::hostile::hostile_cases()) {
    testing::RegisterTest("hostile_inprocess", std::string(c.name).c_str(), nullptr, nullptr,
                          __FILE__, __LINE__, [&c]() -> testing::Test* {
                            return new tlsscope::hostile::InProcessCase(c);
                          });
  }
  return RUN_ALL_TESTS();
}
