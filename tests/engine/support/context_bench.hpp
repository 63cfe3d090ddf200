// Everything a handshake Context (handshake/context.hpp) refers to, owned in one place, so a
// handler or the dispatcher can be run in-process on hand-made messages, and what it sent
// (records), reported (events) and hashed (transcript) can be read back.
#pragma once
#include <memory>
#include <string>

#include "handshake/context.hpp"
#include "record/record_layer.hpp"

namespace tlsscope::test {

struct Bench {
  Config config;
  Offer offer;
  std::shared_ptr<const TrustStore> trust;
  EventSink events;
  RecordLayer records{events};
  Transcript transcript;
  HandshakeReassembler reassembler;
  std::string keylog;
  Context ctx{config, offer, trust, events, records, transcript, reassembler, keylog};
};

/// A RandomSource that counts from `start`, so a run's keys and randoms are the same each time.
inline RandomSource counting(std::uint8_t start = 0) {
  return [n = start](std::uint8_t* out, std::size_t len) mutable {
    for (std::size_t i = 0; i < len; ++i) out[i] = n++;
  };
}

}  // namespace tlsscope::test
