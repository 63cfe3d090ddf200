// The TLS record layer (RFC 5246 §6.2): frames outgoing payloads into records (fragmented
// at 2^14, protected once keys are installed) and cuts incoming bytes into records, checking
// each header before trusting its length. Every record in and out becomes a "record" event.
#pragma once
#include <cstdint>
#include <optional>
#include <variant>

#include "crypto/aead.hpp"
#include "events/event_sink.hpp"
#include "tlsscope/errors.hpp"

namespace tlsscope {

enum class ContentType : std::uint8_t {
  change_cipher_spec = 20,
  alert = 21,
  handshake = 22,
  application_data = 23,
};

constexpr std::size_t kRecordHeaderLen = 5;
constexpr std::size_t kMaxPlaintext = 1u << 14;           // RFC 5246 §6.2.1
constexpr std::size_t kMaxCiphertext = kMaxPlaintext + 2048;  // RFC 5246 §6.2.3
constexpr std::size_t kMaxCiphertext13 = kMaxPlaintext + 256;  // RFC 8446 §5.2

struct Record {
  ContentType type;
  Bytes payload;  // plaintext (decrypted if protection was on)
};

class RecordLayer {
 public:
  explicit RecordLayer(EventSink& events) : events_(events) {}

  /// Appends bytes read from the transport.
  void feed(ByteView bytes) { in_.insert(in_.end(), bytes.begin(), bytes.end()); }
  /// The next complete record, nothing if more bytes are needed, or an error. Under TLS 1.3
  /// protection the record's type is the inner one; an unprotected ChangeCipherSpec passes
  /// through (RFC 8446 §5: the handshake decides whether to drop it).
  std::variant<std::monostate, Record, Error> next();
  /// True if bytes of an unfinished record are waiting.
  bool has_partial_record() const { return in_pos_ < in_.size(); }

  /// Frames (and protects, if on) `payload` into records appended to the output.
  void write(ContentType type, ByteView payload);
  Bytes take_output() { return std::exchange(out_, {}); }

  void protect_writes(RecordProtection p) { write_protection_.emplace(std::move(p)); }
  void protect_reads(RecordProtection p) { read_protection_.emplace(std::move(p)); }
  bool reads_protected() const { return read_protection_.has_value(); }

 private:
  void record_event(std::string_view dir, ByteView wire, bool is_protected,
                    std::optional<ContentType> inner_type, std::size_t plaintext_len,
                    std::uint64_t seq, bool opened = true);

  EventSink& events_;
  Bytes in_;
  std::size_t in_pos_ = 0;
  Bytes out_;
  std::optional<RecordProtection> write_protection_;
  std::optional<RecordProtection> read_protection_;
};

}  // namespace tlsscope
