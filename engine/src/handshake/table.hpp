// The handshake as data (s2n-tls's handshakes[][], rustls's state types): for each version, one
// table of (state, message) → codec → handler → next states. The dispatcher
// (handshake/dispatch.cpp) finds the row for the current state and the message that arrived;
// no row means the message does not belong here (unexpected_message). The row's codec parses
// the message, the dispatcher reports it (the one place incoming message events are born),
// hashes it into the transcript if the row says so, and hands the typed message to the
// handler, whose next state must be one the row lists. Tests walk the table
// (tests/engine/handshake_table_test.cpp) and the page draws its sequence legend from
// describe_handshake_table() (wasm: handshakeTable()).
//
//                      ┌─ TLS 1.2 (RFC 5246 §7.3) ───────────────────────────────────────┐
// Idle → ExpectServerHello ─ServerHello→ Certificate → ServerKeyExchange → ServerHelloDone
//        │    ↑ HelloRetryRequest (once)        → ChangeCipherSpec → Finished → Open
//        │    └──┘
//        └─ServerHello→ EncryptedExtensions → [CertificateRequest] Certificate
//                      → CertificateVerify → Finished → Open   └─ TLS 1.3 (RFC 8446 §2) ─┘
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include <nlohmann/json.hpp>

#include "states.hpp"
#include "tables/notes.hpp"

namespace tlsscope {

struct Context;

/// Every state of HandshakeState, in the variant's order.
enum class StateId : std::uint8_t {
  idle,
  expect_server_hello,
  tls12_expect_certificate,
  tls12_expect_server_key_exchange,
  tls12_expect_server_hello_done,
  tls12_expect_change_cipher_spec,
  tls12_expect_finished,
  tls13_expect_encrypted_extensions,
  tls13_expect_certificate,
  tls13_expect_certificate_verify,
  tls13_expect_finished,
  open,
  closed,
  failed,
};
inline constexpr std::size_t kStateCount = std::variant_size_v<HandshakeState>;

namespace detail {
template <class T, class V>
struct IndexIn;
template <class T, class... Ts>
struct IndexIn<T, std::variant<Ts...>> {
  static constexpr std::size_t value = [] {
    constexpr bool same[] = {std::is_same_v<T, Ts>...};
    std::size_t i = 0;
    while (!same[i]) ++i;
    return i;
  }();
};
}  // namespace detail

/// The StateId of state type S.
template <class S>
inline constexpr StateId state_id = static_cast<StateId>(detail::IndexIn<S, HandshakeState>::value);
inline StateId state_id_of(const HandshakeState& s) { return static_cast<StateId>(s.index()); }

/// Which table a state's rows are in.
enum class Flow : std::uint8_t {
  hello,  // before ServerHello decides the version
  tls12,
  tls13,
  none,   // no message is expected (idle, closed, failed); Open's rows depend on the version
};

struct StateInfo {
  StateId id;
  std::string_view name;     // the type's name, e.g. "tls12::ExpectServerKeyExchange"
  std::string_view expects;  // the step it waits for, for errors ("… while expecting certificate")
  Flow flow;
};

inline constexpr std::array<StateInfo, kStateCount> kStates = {{
    {StateId::idle, "Idle", "client_hello", Flow::none},
    {StateId::expect_server_hello, "ExpectServerHello", "server_hello", Flow::hello},
    {StateId::tls12_expect_certificate, "tls12::ExpectCertificate", "certificate", Flow::tls12},
    {StateId::tls12_expect_server_key_exchange, "tls12::ExpectServerKeyExchange",
     "server_key_exchange", Flow::tls12},
    {StateId::tls12_expect_server_hello_done, "tls12::ExpectServerHelloDone", "server_hello_done",
     Flow::tls12},
    {StateId::tls12_expect_change_cipher_spec, "tls12::ExpectChangeCipherSpec",
     "change_cipher_spec", Flow::tls12},
    {StateId::tls12_expect_finished, "tls12::ExpectFinished", "finished", Flow::tls12},
    {StateId::tls13_expect_encrypted_extensions, "tls13::ExpectEncryptedExtensions",
     "encrypted_extensions", Flow::tls13},
    {StateId::tls13_expect_certificate, "tls13::ExpectCertificate", "certificate", Flow::tls13},
    {StateId::tls13_expect_certificate_verify, "tls13::ExpectCertificateVerify",
     "certificate_verify", Flow::tls13},
    {StateId::tls13_expect_finished, "tls13::ExpectFinished", "finished", Flow::tls13},
    {StateId::open, "Open", "application_data", Flow::none},
    {StateId::closed, "Closed", "closed", Flow::none},
    {StateId::failed, "Failed", "error", Flow::none},
}};

constexpr const StateInfo& state_info(StateId id) { return kStates[static_cast<std::size_t>(id)]; }

/// What the state waits for, as a step name (for "unexpected message" errors and events).
inline std::string_view expected_step(const HandshakeState& s) {
  return state_info(state_id_of(s)).expects;
}

/// A message the table is keyed on: a handshake message type (RFC 8446 §4), or
/// kChangeCipherSpecMessage for the ChangeCipherSpec record (RFC 5246 §7.1), which is not a
/// handshake message but moves TLS 1.2's state all the same.
inline constexpr std::uint16_t kChangeCipherSpecMessage = 0x100;
/// "server_hello", "change_cipher_spec", …
std::string message_name(std::uint16_t message);

/// A message as it reaches the dispatcher: its bytes (a handshake message with its header, or
/// a ChangeCipherSpec record's payload) and the records that carried it.
struct Received {
  std::uint16_t message;
  ByteView bytes;
  std::span<const std::uint64_t> records;
};

struct Transition;
/// Parses the message with the row's codec, reports it, and runs the row's handler.
using Run = std::optional<Error> (*)(HandshakeState& hs, const Received& m, Context& ctx,
                                     const Transition& row);

struct Transition {
  Flow flow;
  StateId from;
  std::uint16_t message;
  std::string_view codec;    // the function that parses it (names for the legend and tests)
  std::string_view handler;  // the function that acts on it
  std::array<std::optional<StateId>, 3> to;  // the states the handler may move to
  bool transcript;           // hashed into the transcript (RFC 8446 §4.4.1)
  std::optional<NoteId> note;  // why a row that changes nothing exists ("ignored: …")
  Run run;

  constexpr bool may_enter(StateId s) const {
    for (auto t : to)
      if (t == s) return true;
    return false;
  }
};

/// The rows for the hello flow, TLS 1.2 and TLS 1.3 (handshake/table.cpp).
std::span<const Transition> handshake_table(Flow flow);
/// The row for `message` in `state` (Open's rows are those of the version it negotiated), or
/// nothing if the message does not belong there.
const Transition* find_transition(const HandshakeState& state, std::uint16_t message);
const Transition* find_transition(Flow flow, StateId state, std::uint16_t message);
/// The table as JSON: states (name, what each expects, its flow) and transitions (from,
/// message, codec, handler, to, transcript, note), for the page's legend (docs/events.md).
nlohmann::json describe_handshake_table();

}  // namespace tlsscope
