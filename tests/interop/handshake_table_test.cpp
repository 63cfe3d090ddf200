// Walks the handshake table (engine/src/handshake/table.hpp) against the engine itself: a real
// server's handshake (openssl s_server on loopback, fixed client randomness) is recorded once,
// then replayed into fresh clients message by message — re-framed one message per record and
// re-encrypted with the keys the client reported — so every state the handshake passes
// through is reached in-process. In each such state every message kind is tried: a kind the
// table lists for that state must reach its row (its codec and handler run), every other kind
// must end the connection with UNEXPECTED_MESSAGE and the unexpected_message alert.
#include <gtest/gtest.h>

#include <unistd.h>

#include <ctime>
#include <set>

#include "cli.hpp"
#include "crypto/aead.hpp"
#include "handshake/table.hpp"
#include "live_exchange.hpp"
#include "msgs/handshake.hpp"
#include "net.hpp"
#include "servers.hpp"
#include "temp_dir.hpp"
#include "tlsscope/client.hpp"

namespace tlsscope::test {
namespace {

using nlohmann::json;

Config config(std::int64_t now) {
  Config c = seeded_config(pki_file("roots.pem"), now, 0x7ab1e);
  c.groups = {0x001d, 0x0017};  // x25519 first: a P-256-only server answers HelloRetryRequest
  return c;
}

Bytes from_hex(const std::string& h) {
  Bytes out;
  for (std::size_t i = 0; i + 1 < h.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(std::stoi(h.substr(i, 2), nullptr, 16)));
  return out;
}

// One message the server sent, as the client saw it: its bytes, the state it arrived in, the
// server write key it came under (index into Script::keys; -1: in the clear) and the key in
// force for handshake records then (TLS 1.3's ChangeCipherSpec is always in the clear).
struct Item {
  std::uint16_t message;
  Bytes bytes;
  std::string state;
  int key;
  int current;
};

struct Key {
  Bytes key, iv;
};

struct Script {
  const SuiteInfo* suite = nullptr;
  std::vector<Key> keys;
  std::vector<Item> items;
  int final_key = -1;  // the server write key after the last item
};

// Records a live handshake and the client's events, and turns them into a script.
Script record(std::uint16_t port, std::int64_t now) {
  int fd = connect_loopback(port);
  EXPECT_GE(fd, 0);
  Client client(config(now));
  client.start();
  get_root_over(client, fd);
  ::close(fd);
  std::vector<json> events = client.take_events();
  Script s;
  int pending = -1, current = -1;  // TLS 1.2: keys wait for the server's ChangeCipherSpec
  Bytes key;
  for (const json& e : events) {
    if (e["type"] == "handshake_complete") {
      for (const auto& info : supported_suites())
        if (info.name == e["cipher_suite"].get<std::string>()) s.suite = &info;
    }
    if (e["type"] == "secret" && e["name"] == "server_write_key") key = from_hex(e["value"]);
    if (e["type"] == "secret" && e["name"] == "server_write_iv") {
      s.keys.push_back({key, from_hex(e["value"])});
      // TLS 1.3 switches at once (the ServerHello / Finished handlers install the key).
      if (e["function"].get<std::string>().rfind("HKDF", 0) == 0) current = int(s.keys.size()) - 1;
      else pending = int(s.keys.size()) - 1;
    }
    if (e["type"] != "message" || e["dir"] != "in") continue;
    Bytes bytes = from_hex(e["bytes"]);
    bool ccs = e["step"] == "change_cipher_spec";
    std::uint16_t message = ccs ? kChangeCipherSpecMessage : std::uint16_t{bytes[0]};
    s.items.push_back({message, bytes, e["state"], ccs ? -1 : current, current});
    if (ccs && pending >= 0) current = std::exchange(pending, -1);
  }
  s.final_key = current;
  EXPECT_EQ(client.state(), State::closed) << (client.error() ? client.error()->detail : "");
  return s;
}

// Frames items as the server would, one per record, sealing with the script's keys.
class Server {
 public:
  explicit Server(const Script& s) : script_(s) {}
  Bytes frame(std::uint16_t message, ByteView bytes, int key) {
    const bool ccs = message == kChangeCipherSpecMessage;
    std::uint8_t type = ccs ? 20 : 22;
    Bytes fragment(bytes.begin(), bytes.end());
    if (key >= 0) {
      while (int(seals_.size()) <= key)
        seals_.emplace_back(*script_.suite, script_.keys[seals_.size()].key,
                            script_.keys[seals_.size()].iv);
      fragment = seals_[std::size_t(key)].seal(type, 0x0303, bytes);
      if (script_.suite->tls13) type = 23;
    }
    Bytes rec = {type, 3, 3, std::uint8_t(fragment.size() >> 8), std::uint8_t(fragment.size())};
    rec.insert(rec.end(), fragment.begin(), fragment.end());
    return rec;
  }

 private:
  const Script& script_;
  std::vector<RecordProtection> seals_;
};

// The kinds tried in every state: each handshake type the engine knows, one it does not,
// and ChangeCipherSpec.
const std::vector<std::uint16_t> kKinds = {0, 1, 2, 4, 8, 11, 12, 13, 14, 15, 16, 20, 24, 99,
                                           kChangeCipherSpecMessage};

const StateInfo& state_named(const std::string& name) {
  for (const StateInfo& s : kStates)
    if (s.name == name) return s;
  ADD_FAILURE() << "no state " << name;
  return kStates[0];
}

// The flow whose rows apply in a state (Open: the version's).
Flow flow_of(const StateInfo& s, bool tls13) {
  if (s.id == StateId::open) return tls13 ? Flow::tls13 : Flow::tls12;
  return s.flow;
}

void walk(const Script& script, std::int64_t now, std::set<const Transition*>& visited) {
  ASSERT_NE(script.suite, nullptr);
  ASSERT_FALSE(script.items.empty());
  const bool tls13 = script.suite->tls13;
  // The recorded handshake itself follows the table.
  for (const Item& it : script.items) {
    const StateInfo& st = state_named(it.state);
    const Transition* row = find_transition(flow_of(st, tls13), st.id, it.message);
    ASSERT_NE(row, nullptr) << message_name(it.message) << " in " << it.state;
    visited.insert(row);
  }
  for (std::size_t k = 0; k <= script.items.size(); ++k) {
    const std::string state = k < script.items.size() ? script.items[k].state : "Open";
    const StateInfo& st = state_named(state);
    // The key the next server record would use.
    int key = k < script.items.size() ? script.items[k].current : script.final_key;
    for (std::uint16_t kind : kKinds) {
      SCOPED_TRACE(message_name(kind) + " in " + state);
      Client client(config(now));
      client.start();
      Server server(script);
      for (std::size_t i = 0; i < k; ++i)
        client.receive(server.frame(script.items[i].message, script.items[i].bytes, script.items[i].key));
      client.take_events();
      ASSERT_NE(client.state(), State::failed) << client.error()->detail;
      // An empty message of that kind (ChangeCipherSpec: its one byte).
      Bytes injected = kind == kChangeCipherSpecMessage ? Bytes{1} : Bytes{std::uint8_t(kind), 0, 0, 0};
      int inject_key = kind == kChangeCipherSpecMessage && tls13 ? -1 : key;
      client.receive(server.frame(kind, injected, inject_key));
      std::vector<json> events = client.take_events();
      const json* msg = nullptr;
      const json* error = nullptr;
      for (const json& e : events) {
        if (e["type"] == "message" && e["dir"] == "in" && !msg) msg = &e;
        if (e["type"] == "error") error = &e;
      }
      ASSERT_NE(msg, nullptr);
      EXPECT_EQ((*msg)["state"], state);
      const Transition* row = find_transition(flow_of(st, tls13), st.id, kind);
      std::string unexpected =
          st.id == StateId::open
              ? message_name(kind) + " after the handshake finished"
              : message_name(kind) + " arrived while expecting " + std::string(st.expects);
      if (row) {
        visited.insert(row);
        // The row ran: whatever its codec or handler made of an empty message, it is not the
        // table's "does not belong here".
        if (error) {
          EXPECT_NE((*error)["detail"], unexpected);
        }
      } else {
        ASSERT_NE(error, nullptr) << "accepted";
        EXPECT_EQ((*error)["code"], "UNEXPECTED_MESSAGE");
        EXPECT_EQ((*error)["detail"], unexpected);
        EXPECT_EQ((*error)["alert_sent"], "unexpected_message");
      }
    }
  }
}

struct Scenario {
  std::string name;
  std::vector<std::string> args;
};

TEST(handshake_table, every_row_and_every_other_message_in_every_state_a_real_handshake_reaches) {
  TempDir dir("tlsscope-table-");
  const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
  const std::vector<std::string> rsa = {"-cert", pki_file("rsa-leaf.pem"), "-key",
                                        pki_file("rsa-leaf.key"), "-cert_chain",
                                        pki_file("rsa-int.pem")};
  auto with = [&](std::vector<std::string> a) {
    a.insert(a.end(), rsa.begin(), rsa.end());
    return a;
  };
  const std::vector<Scenario> scenarios = {
      {"tls12", with({"-tls1_2"})},
      {"tls12_certificate_request", with({"-tls1_2", "-verify", "1"})},
      {"tls13", with({"-tls1_3"})},
      {"tls13_certificate_request", with({"-tls1_3", "-verify", "1"})},
      {"tls13_hello_retry", with({"-tls1_3", "-groups", "P-256"})},
  };
  std::set<const Transition*> visited;
  for (const Scenario& sc : scenarios) {
    SCOPED_TRACE(sc.name);
    RunningServer server = start_s_server(sc.args, dir / (sc.name + ".log"));
    Script script = record(server.port, now);
    walk(script, now, visited);
  }
  // Every row of the table was reached, by a real message or by the walk.
  for (Flow flow : {Flow::hello, Flow::tls12, Flow::tls13})
    for (const Transition& row : handshake_table(flow))
      EXPECT_TRUE(visited.count(&row)) << state_info(row.from).name << " + " << message_name(row.message);
}

// After the handshake a record cut short by EOF is a truncation (the server authenticated
// itself; only close_notify says the data is complete), while an EOF between records is an
// unclean close.
TEST(handshake_table, an_eof_inside_a_record_after_the_handshake_is_a_truncation) {
  TempDir dir("tlsscope-truncation-");
  const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
  RunningServer server = start_s_server(
      {"-tls1_3", "-cert", pki_file("rsa-leaf.pem"), "-key", pki_file("rsa-leaf.key"),
       "-cert_chain", pki_file("rsa-int.pem")},
      dir / "server.log");
  Script script = record(server.port, now);
  ASSERT_NE(script.suite, nullptr);
  for (bool cut : {true, false}) {
    SCOPED_TRACE(cut ? "cut" : "whole");
    Client client(config(now));
    client.start();
    Server replay(script);
    for (const Item& it : script.items) client.receive(replay.frame(it.message, it.bytes, it.key));
    ASSERT_EQ(client.state(), State::open);
    // A NewSessionTicket-sized record under the application key, whole or all but its last byte.
    Bytes rec = replay.frame(0x04, Bytes(40, 0), script.final_key);
    client.receive(ByteView(rec).first(cut ? rec.size() - 1 : 0));
    client.take_events();
    client.transport_closed();
    if (cut) {
      ASSERT_EQ(client.state(), State::failed);
      EXPECT_EQ(client.error()->code, ErrorCode::truncated);
    } else {
      EXPECT_EQ(client.state(), State::closed);
    }
  }
}

// The table's shape, independent of any server: every handshake state expects something and
// leads on, every next state exists in the row's flow, and Open is reachable from ServerHello.
TEST(handshake_table, every_handshake_state_has_a_row_and_open_is_reachable) {
  std::set<StateId> from, to;
  for (Flow flow : {Flow::hello, Flow::tls12, Flow::tls13})
    for (const Transition& row : handshake_table(flow)) {
      from.insert(row.from);
      for (auto t : row.to)
        if (t) to.insert(*t);
      EXPECT_NE(row.run, nullptr);
    }
  for (const StateInfo& s : kStates)
    if (s.flow != Flow::none) {
      EXPECT_TRUE(from.count(s.id)) << s.name << " has no row";
      EXPECT_TRUE(to.count(s.id)) << s.name << " is never entered";
    }
  EXPECT_TRUE(to.count(StateId::open));
  json j = describe_handshake_table();
  EXPECT_EQ(j["states"].size(), kStateCount);
  std::size_t rows = 0;
  for (Flow flow : {Flow::hello, Flow::tls12, Flow::tls13}) rows += handshake_table(flow).size();
  EXPECT_EQ(j["transitions"].size(), rows);
}

}  // namespace
}  // namespace tlsscope::test
