// The hostile-server cases: one scripted misbehaviour each, with what the client must make of
// it. The same table drives the server (tlsscope-hostile-server --case NAME) and the test.
#pragma once
#include <span>
#include <string_view>

#include "tls_server.hpp"

namespace tlsscope::hostile {

struct HostileCase {
  std::string_view name;
  /// Where the RFCs say what the client must do.
  std::string_view rfc;
  /// What the server does, in a sentence.
  std::string_view server_does;
  /// The error code the client must report ("error: CODE: …"), or empty: the exchange succeeds.
  std::string_view error;
  /// The alert the client must send, "<level> <name>" (e.g. "fatal decrypt_error"), or empty
  /// when it must send none. For a successful exchange: an alert it must send on the way
  /// (e.g. "warning no_renegotiation"), besides its close_notify.
  std::string_view alert;
  /// The script: plays the case on an accepted connection. It may throw ClientStopped when the
  /// client gives up; the caller then reads what the client still sends.
  void (*play)(Session&);
  /// The client's alert is encrypted under keys the server cannot have (their shared secrets
  /// differ): the server sees an unreadable record instead, and only the client's error event
  /// names the alert.
  bool alert_unreadable = false;
};

std::span<const HostileCase> hostile_cases();
const HostileCase* find_case(std::string_view name);

}  // namespace tlsscope::hostile
