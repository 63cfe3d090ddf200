// The TLS client engine, sans I/O: bytes in (receive), bytes out (take_output), structured
// events out (take_events). The caller moves bytes between the engine and a socket (the CLI)
// or a WebSocket (the page), and passes time, trust anchors and randomness in Config.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tlsscope/bytes.hpp"
#include "tlsscope/config.hpp"
#include "tlsscope/errors.hpp"

namespace tlsscope {

enum class State { idle, handshaking, open, closed, failed };
std::string_view state_name(State s);

class Client {
 public:
  explicit Client(Config config);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  /// Builds the ClientHello; its record is then in take_output(). Call once.
  void start();
  /// Feeds bytes read from the server, split anywhere: one byte at a time and many records at
  /// once give the same events. Ignored once the state is closed or failed.
  void receive(ByteView bytes);
  /// Bytes to write to the server, in order; the buffer is emptied.
  Bytes take_output();
  /// Queues application data (only when state() == open): it is encrypted into records.
  bool send(ByteView plaintext);
  /// Sends close_notify; the state becomes closed once the server's close_notify arrives.
  void close();
  /// Tells the engine the transport ended (EOF). Before the handshake is done this fails it.
  void transport_closed();
  /// Fails the connection with a caller-side error (timeout, …) so it appears in the events;
  /// `detail_zh` is the detail in Chinese (docs/events.md).
  void fail(ErrorCode code, std::string detail, std::string detail_zh = {});
  /// Events since the last call, oldest first (schema: docs/events.md).
  std::vector<nlohmann::json> take_events();
  /// Decrypted application data since the last call.
  Bytes take_plaintext();

  State state() const;
  /// The first error (sticky), if the state is failed.
  const std::optional<Error>& error() const;
  /// NSS key-log lines (SSLKEYLOGFILE format) for the secrets derived so far.
  std::string keylog() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace tlsscope
