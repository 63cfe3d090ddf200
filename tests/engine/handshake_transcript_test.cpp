// handshake/transcript: the running hash of the handshake messages, the hash before the last
// one, and TLS 1.3's restart after a HelloRetryRequest (RFC 8446 §4.4.1).
#include <gtest/gtest.h>

#include "crypto/hash.hpp"
#include "handshake/transcript.hpp"

namespace tlsscope {
namespace {

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes all;
  for (const auto& p : parts) all.insert(all.end(), p.begin(), p.end());
  return all;
}

TEST(HandshakeTranscript, HashesAreOfEverythingAppendedOrAllButTheLast) {
  const Bytes a(100, 1), b(7, 2), c(3000, 3);
  Transcript t;
  t.append(a);
  EXPECT_EQ(t.hash(Hash::sha256), digest(Hash::sha256, a));
  t.append(b);
  EXPECT_EQ(t.hash(Hash::sha256), digest(Hash::sha256, cat({a, b})));
  t.append(c);
  EXPECT_EQ(t.hash(Hash::sha384), digest(Hash::sha384, cat({a, b, c})));
  EXPECT_EQ(t.hash_before_last(Hash::sha256), digest(Hash::sha256, cat({a, b})));
  // Asking again, or for another hash, or for less, gives the same answers (the running state
  // is an optimisation, never a change of meaning).
  EXPECT_EQ(t.hash(Hash::sha256), digest(Hash::sha256, cat({a, b, c})));
  EXPECT_EQ(t.hash_before_last(Hash::sha384), digest(Hash::sha384, cat({a, b})));
  EXPECT_EQ(t.size(), a.size() + b.size() + c.size());
}

TEST(HandshakeTranscript, AfterAHelloRetryRequestClientHello1BecomesItsMessageHash) {
  // RFC 8446 §4.4.1: Transcript-Hash(ClientHello1, HelloRetryRequest, …) =
  // Hash(message_hash || 00 00 Hash.length || Hash(ClientHello1) || HelloRetryRequest || …)
  const Bytes ch1(512, 0x11), hrr(90, 0x22), ch2(520, 0x33);
  Transcript t;
  t.append(ch1);
  t.append(hrr);
  t.hash(Hash::sha256);  // a running state from before the restart must not survive it
  t.restart_after_hello_retry(Hash::sha256);
  t.append(ch2);
  const Bytes h1 = digest(Hash::sha256, ch1);
  const Bytes message_hash = cat({Bytes{254, 0, 0, 32}, h1});
  EXPECT_EQ(t.hash(Hash::sha256), digest(Hash::sha256, cat({message_hash, hrr, ch2})));
  EXPECT_EQ(t.hash_before_last(Hash::sha256), digest(Hash::sha256, cat({message_hash, hrr})));
}

TEST(HandshakeTranscript, TheRestartUsesTheSuitesHash) {
  const Bytes ch1(200, 0x44), hrr(60, 0x55);
  Transcript t;
  t.append(ch1);
  t.append(hrr);
  t.restart_after_hello_retry(Hash::sha384);
  const Bytes message_hash = cat({Bytes{254, 0, 0, 48}, digest(Hash::sha384, ch1)});
  EXPECT_EQ(t.hash(Hash::sha384), digest(Hash::sha384, cat({message_hash, hrr})));
}

}  // namespace
}  // namespace tlsscope
