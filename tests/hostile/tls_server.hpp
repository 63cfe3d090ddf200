// A minimal, real TLS 1.2 server for the hostile-server harness: one connection, the suite
// TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, built from the engine's own crypto wrappers and
// BearSSL (ECDSA signing with the PKI's ec256-leaf key). It does everything a server does —
// ServerHello, Certificate, a signed ServerKeyExchange, ServerHelloDone, the key schedule,
// ChangeCipherSpec and Finished both ways, application data — one building block at a time,
// so that each scripted case can lie at exactly one point and be honest everywhere else.
// It also has a minimal TLS 1.3 path (TLS_AES_128_GCM_SHA256, x25519, the same ECDSA P-256
// certificate with CertificateVerify over RFC 8446 §4.4.3's content, HelloRetryRequest,
// KeyUpdate both ways), built on the engine's tls13 key schedule and its 1.3 RecordProtection.
//
// What the client sends back is read and reported on the session's output, one line each:
//   client-alert <warning|fatal> <name>    an alert (decrypted once the client's keys are on)
//   client-record-unreadable <why>         a record the server could not decrypt or frame
//   client-closed                          the client closed the TCP connection
#pragma once
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "crypto/aead.hpp"
#include "tables/groups.hpp"
#include "tables/suites.hpp"
#include "tlsscope/bytes.hpp"
#include "tlsscope/config.hpp"
#include "wire.hpp"

namespace tlsscope::hostile {

// Wire constants (RFC 5246 §6.2.1, §7.4; RFC 8422; RFC 7627; RFC 5746).
namespace content {
constexpr std::uint8_t change_cipher_spec = 20, alert = 21, handshake = 22,
                       application_data = 23;
}
namespace hs {
constexpr std::uint8_t hello_request = 0, client_hello = 1, server_hello = 2, certificate = 11,
                       server_key_exchange = 12, certificate_request = 13,
                       server_hello_done = 14, client_key_exchange = 16, finished = 20,
                       encrypted_extensions = 8, certificate_verify = 15, key_update = 24;
}
namespace ext {
constexpr std::uint16_t ec_point_formats = 0x000b, alpn = 0x0010, extended_master_secret = 0x0017,
                        session_ticket = 0x0023, renegotiation_info = 0xff01;
}
constexpr std::uint16_t kTls12 = 0x0303;
constexpr std::uint16_t kSuite = 0xc02b;  // TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
constexpr std::uint16_t kTls13 = 0x0304;
constexpr std::uint16_t kTls13Suite = 0x1301;  // TLS_AES_128_GCM_SHA256
constexpr std::uint16_t kSupportedVersions = 0x002b, kKeyShare = 0x0033;
constexpr std::uint16_t kX25519 = 0x001d, kSecp256r1 = 0x0017, kX25519MLKEM768 = 0x11ec;
constexpr std::uint16_t kEcdsaSecp256r1Sha256 = 0x0403;
constexpr std::size_t kMaxPlaintext = 1u << 14;

/// The server's certificate chain and signing key, read from the throwaway PKI.
struct ServerIdentity {
  std::filesystem::path pki_dir;
  std::vector<Bytes> chain;  ///< DER, leaf first
  int curve = 0;             ///< BearSSL curve id of the signing key
  Bytes private_key;         ///< the EC private scalar

  /// ec256-leaf-chain.pem and ec256-leaf.key from `pki_dir`; throws std::runtime_error.
  static ServerIdentity load(const std::filesystem::path& pki_dir);
};

/// Every CERTIFICATE in a PEM file, as DER; throws std::runtime_error if there is none.
std::vector<Bytes> read_pem_chain(const std::filesystem::path& path);

/// The client stopped the script: it sent a fatal alert or close_notify, or closed TCP.
struct ClientStopped : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// One record as read from the client (decrypted if the client's keys are on).
struct InRecord {
  std::uint8_t type = 0;
  Bytes payload;
};

/// What the server took from the ClientHello.
struct ClientHelloInfo {
  Bytes random;
  std::vector<std::uint16_t> suites;
  std::vector<std::uint16_t> groups;
  std::vector<std::uint16_t> extensions;
  Bytes session_id;
  std::vector<std::pair<std::uint16_t, Bytes>> key_shares;  ///< key_share entries (group, key)
};

/// Where the TLS 1.3 server flight lies (tls13_send_server_flight).
struct Tls13FlightSpec {
  bool flip_signature_byte = false;  ///< CertificateVerify: the signature's last byte flipped
  bool flip_verify_data = false;     ///< Finished: a wrong verify_data, correctly encrypted
};

/// The TLS 1.3 ServerHello's key share (tls13_send_server_hello): the honest x25519 one by
/// default; for X25519MLKEM768 an ML-KEM-768 ciphertext to the client's encapsulation key
/// followed by an X25519 public key, and the ways it can lie.
struct Tls13ShareSpec {
  std::uint16_t group = kX25519;  // kX25519 or 0x11ec (X25519MLKEM768)
  bool drop_last_byte = false;    // key_exchange one byte short
  bool zero_x25519 = false;       // hybrid: the X25519 half all zeros (a low-order point)
  bool ciphertext_for_another_key = false;  // hybrid: encapsulated to a key of the server's own
  std::uint16_t selected_version = 0x0304;  // what supported_versions names
};

/// The ServerHello to send; `Session::server_hello_spec()` gives the honest one.
struct ServerHelloSpec {
  std::uint16_t version = kTls12;
  Bytes session_id;
  std::uint16_t suite = kSuite;
  std::uint8_t compression = 0;
  std::vector<std::pair<std::uint16_t, Bytes>> extensions;
};

/// The ServerKeyExchange to send; the defaults are the honest x25519 one.
struct KeyExchangeSpec {
  std::uint8_t curve_type = 3;  // named_curve
  std::uint16_t group = kX25519;
  std::optional<Bytes> point;   // replaces the real public key on the wire (and in the signature)
  std::uint16_t scheme = kEcdsaSecp256r1Sha256;
  std::optional<Bytes> signed_client_random;  // sign over this instead of the real one
  std::optional<Bytes> signature;             // send this instead of the real signature
};

class Session {
 public:
  /// `random` draws the server random and ephemeral keys (default: the operating system's);
  /// the in-process test seeds it, so that two runs of a case send the same bytes.
  Session(Wire& wire, const ServerIdentity& identity, std::ostream& out, RandomSource random = {});

  // ---- the wire -------------------------------------------------------------------------
  /// Writes bytes to the client. Long writes go in 16 KiB pieces and stop early once the
  /// client has something to say (it gave up): the rest would only be refused.
  void send_raw(ByteView bytes);
  /// A record framed as given, protected with the server's keys once they are on.
  Bytes record(std::uint8_t type, ByteView payload, std::uint16_t version = kTls12);
  void send_record(std::uint8_t type, ByteView payload, std::uint16_t version = kTls12);
  /// A handshake message in its own record; it joins the transcript.
  void send_handshake(ByteView message);
  /// Several handshake messages in one record (as real servers send a flight).
  void send_flight(const std::vector<Bytes>& messages);
  /// Adds a message to the transcript without sending it (for cases that frame it themselves).
  void add_to_transcript(ByteView message);
  void send_alert(std::uint8_t level, std::uint8_t description);
  /// Half-closes: the client sees the end of the stream.
  void close_write();

  /// The next record from the client, or nothing once it closed (or after `timeout`).
  /// Alerts are reported on the output as they arrive.
  std::optional<InRecord> read_record(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  /// The next handshake message (header + body) from the client. Throws ClientStopped on a
  /// fatal alert, close_notify or the end of the stream; skips warning alerts.
  Bytes read_handshake();
  /// Reads (and reports) whatever the client still sends until it closes or `timeout` passes.
  void drain(std::chrono::milliseconds timeout = std::chrono::seconds(8));

  // ---- the honest server, one step at a time ----------------------------------------------
  void read_client_hello();
  ServerHelloSpec server_hello_spec() const;
  /// Also records whether extended_master_secret was agreed (it is in the spec's extensions).
  Bytes server_hello(const ServerHelloSpec& spec);
  Bytes server_hello() { return server_hello(server_hello_spec()); }
  Bytes certificate(const std::vector<Bytes>& chain) const;
  Bytes certificate() const { return certificate(identity_.chain); }
  /// Generates the server's ephemeral key on spec.group (when the engine knows the group).
  Bytes server_key_exchange(const KeyExchangeSpec& spec);
  Bytes server_key_exchange() { return server_key_exchange(KeyExchangeSpec{}); }
  Bytes server_hello_done() const;
  Bytes certificate_request() const;
  /// Sends ServerHello, Certificate, ServerKeyExchange, ServerHelloDone in one record.
  void send_first_flight();
  /// Reads [Certificate] ClientKeyExchange, ChangeCipherSpec, Finished; derives the keys and
  /// checks the client's Finished (throws std::runtime_error if it is wrong).
  void read_client_flight();
  /// The server's Finished over the transcript so far.
  Bytes finished() const;
  /// ChangeCipherSpec (switching on the server's write keys), then Finished.
  void send_change_cipher_spec();
  void send_ccs_and_finished();
  /// The whole honest handshake: read_client_hello … send_ccs_and_finished.
  void handshake();
  /// After the handshake: reads the HTTP request, answers 200, sends close_notify.
  void serve_http();
  /// Reads application data until an HTTP request's header block is complete.
  std::string read_http_request();
  void send_http_response();

  // ---- the honest TLS 1.3 server (TLS_AES_128_GCM_SHA256, x25519, ECDSA P-256) -----------
  /// A HelloRetryRequest selecting `group`, sent in the clear; ClientHello1 in the transcript
  /// becomes its message_hash (RFC 8446 §4.4.1).
  void send_hello_retry_request(std::uint16_t group);
  /// ServerHello with supported_versions 1.3 and a key_share as `spec` says; derives the
  /// handshake traffic secrets and switches on the server's handshake write key.
  void tls13_send_server_hello(const Tls13ShareSpec& spec = {});
  /// EncryptedExtensions, Certificate, CertificateVerify, Finished (one record each); derives
  /// the application traffic secrets and switches on the client's handshake read key.
  void tls13_send_server_flight(const Tls13FlightSpec& spec = {});
  /// Reads the client's Finished (skipping its compatibility ChangeCipherSpec), checks it, and
  /// switches both directions to the application traffic keys.
  void tls13_read_client_finished();
  /// The whole honest TLS 1.3 handshake.
  void tls13_handshake();
  /// KeyUpdate under the current write key, then the server's next write key (RFC 8446 §4.6.3).
  void tls13_send_key_update(bool update_requested);
  /// KeyUpdates read from the client (each switched the read key).
  int client_key_updates() const { return client_key_updates_; }

  // ---- what a case may need ---------------------------------------------------------------
  const ClientHelloInfo& client_hello_info() const { return client_hello_; }
  const ServerIdentity& identity() const { return identity_; }
  const Bytes& server_random() const { return server_random_; }
  void set_server_random(Bytes random) { server_random_ = std::move(random); }
  /// An ECDSA-SHA256 signature (DER) with the certificate's key.
  Bytes sign(ByteView data) const;
  /// Traffic protection with the client's / server's keys (after read_client_flight).
  RecordProtection client_protection() const;
  RecordProtection server_protection() const;
  /// Reports a line on the output ("server-step …" notes go here too).
  void say(const std::string& line);

  static Bytes frame(std::uint8_t type, ByteView body);

 private:
  RandomSource random_;
  Wire& wire_;
  const ServerIdentity& identity_;
  std::ostream& out_;
  const SuiteInfo& suite_;
  ClientHelloInfo client_hello_;
  Bytes server_random_;
  Bytes transcript_;
  bool extended_master_secret_ = false;
  const GroupInfo* group_ = nullptr;
  Bytes ecdhe_private_;
  Bytes master_secret_;
  Bytes client_key_, client_iv_, server_key_, server_iv_;
  std::optional<RecordProtection> write_protection_;
  std::optional<RecordProtection> read_protection_;
  Bytes handshake_buffer_;
  bool closed_reported_ = false;
  // TLS 1.3
  bool tls13_ = false;
  Bytes handshake_secret_, client_hs_secret_, server_hs_secret_;
  Bytes client_app_secret_, server_app_secret_;
  int client_key_updates_ = 0;
  bool plain_alerts_allowed_ = false;  ///< until the client's first protected 1.3 record
};

}  // namespace tlsscope::hostile
