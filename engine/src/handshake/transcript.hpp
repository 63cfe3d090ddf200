// The handshake transcript (RFC 5246 §7.4.9, RFC 8446 §4.4.1): every handshake message so far,
// as sent and received, and its running hash.
#pragma once
#include <bearssl.h>

#include "crypto/hash.hpp"
#include "tlsscope/bytes.hpp"

namespace tlsscope {

class Transcript {
 public:
  void append(ByteView message);
  std::size_t size() const { return bytes_.size(); }
  /// The hash of everything appended so far.
  Bytes hash(Hash h) const { return hash_upto(h, bytes_.size()); }
  /// The hash of everything before the message appended last (what a server's Finished or
  /// CertificateVerify covers).
  Bytes hash_before_last(Hash h) const { return hash_upto(h, bytes_.size() - last_len_); }
  /// RFC 8446 §4.4.1: after a HelloRetryRequest the transcript restarts from
  /// message_hash(ClientHello1), followed by the HelloRetryRequest (the message appended last).
  void restart_after_hello_retry(Hash h);

 private:
  Bytes hash_upto(Hash h, std::size_t upto) const;

  Bytes bytes_;
  std::size_t last_len_ = 0;
  // The hash state after the first `done` bytes. The transcript is only appended to, except
  // that a HelloRetryRequest restarts it (which resets this), so each call hashes only what
  // was added since the last one instead of the whole transcript (3–6 calls over ~4 KB per
  // handshake).
  struct RunningHash {
    const br_hash_class* vt = nullptr;
    br_hash_compat_context ctx;
    std::size_t done = 0;
  };
  mutable RunningHash running_;
};

}  // namespace tlsscope
