// AEAD ciphers over BearSSL, and record protection built on them.
// TLS 1.2: AES-GCM with a 4-byte salt and an 8-byte explicit nonce (RFC 5288 §3),
// ChaCha20-Poly1305 with the 12-byte IV XOR the sequence number (RFC 7905 §2); additional
// data is seq_num + type + version + length (RFC 5246 §6.2.3.3).
// TLS 1.3 (RFC 8446 §5.2, §5.3): nonce = IV XOR sequence number, the plaintext carries its
// real content type at its end, and the additional data is the record header itself.
#pragma once
#include <cstdint>
#include <optional>

#include "tables/suites.hpp"
#include "tlsscope/bytes.hpp"

namespace tlsscope {

constexpr std::size_t kAeadTagLen = 16;

/// ciphertext || tag.
Bytes aead_seal(Aead aead, ByteView key, ByteView nonce12, ByteView aad, ByteView plaintext);
/// The plaintext, or nothing if the tag does not match.
std::optional<Bytes> aead_open(Aead aead, ByteView key, ByteView nonce12, ByteView aad,
                               ByteView ciphertext_and_tag);

/// One direction of record protection: its key, IV and sequence number.
class RecordProtection {
 public:
  RecordProtection(const SuiteInfo& suite, Bytes key, Bytes iv);

  /// The protected fragment for a record of `type` (the sequence number then advances). In
  /// TLS 1.3 `type` goes inside; the record is sent as application_data.
  Bytes seal(std::uint8_t type, std::uint16_t version, ByteView plaintext);
  /// The plaintext of a protected fragment (`type` and `version` from the record header), or
  /// nothing if it fails authentication. In TLS 1.3 this is TLSInnerPlaintext: content, type,
  /// zero padding.
  std::optional<Bytes> open(std::uint8_t type, std::uint16_t version, ByteView fragment);
  bool tls13() const { return suite_.tls13; }

  std::uint64_t sequence() const { return seq_; }
  std::size_t overhead() const { return suite_.record_iv_len + kAeadTagLen; }
  /// The explicit nonce part of a fragment (GCM: its first 8 bytes; ChaCha20: none).
  std::size_t explicit_nonce_len() const { return suite_.record_iv_len; }
  const SuiteInfo& suite() const { return suite_; }
  /// The write IV this direction's nonces are made from (TLS 1.2 GCM: the 4-byte salt).
  ByteView iv() const { return iv_; }
  /// The AEAD nonce of the record with sequence number `seq`: TLS 1.2 GCM, salt + the
  /// explicit nonce (RFC 5288 §3); otherwise the IV XOR the sequence number (RFC 7905 §2,
  /// RFC 8446 §5.3). The record events show it.
  Bytes nonce_for(ByteView explicit_nonce, std::uint64_t seq) const;

 private:
  Bytes additional_data(std::uint8_t type, std::uint16_t version, std::size_t len) const;

  SuiteInfo suite_;
  Bytes key_;
  Bytes iv_;
  std::uint64_t seq_ = 0;
};

}  // namespace tlsscope
