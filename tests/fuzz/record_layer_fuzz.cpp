// Fuzz target: the record layer (RFC 5246 §6.2, RFC 8446 §5) and the handshake reassembler
// above it. The first input byte picks the read protection (low 2 bits: none, TLS 1.2
// AES-128-GCM, TLS 1.3 AES-128-GCM, with fixed keys: a fuzzer seldom forges a tag, but every
// header and length check before the AEAD runs) and the size of each read (the other 6 bits;
// 0 = all at once); the rest is what the server sent.
#include "fuzz_support.hpp"
#include "record/record_layer.hpp"
#include "tables/suites.hpp"

using namespace tlsscope;

namespace {

void check_events(EventSink& events) {
  for (const json& e : events.take()) {
    Bytes wire;
    fuzz::require(from_hex(e["bytes"].get<std::string>(), wire), "record bytes are hex");
    fuzz::check_fields(e["fields"], wire.size());
    e.dump(-1, ' ', false, json::error_handler_t::replace);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  EventSink events;
  RecordLayer records(events);
  if (int mode = data[0] & 3; mode == 1 || mode == 2) {
    const SuiteInfo& suite = *find_suite(mode == 1 ? 0xc02b : 0x1301);
    records.protect_reads(RecordProtection(suite, Bytes(suite.key_len, 0x11),
                                           Bytes(mode == 1 ? 4 : 12, 0x22)));
  }
  const std::size_t step = data[0] >> 2;
  HandshakeReassembler reassembler;
  ByteView wire(data + 1, size - 1);
  for (std::size_t off = 0; off < wire.size();) {
    std::size_t n = step ? std::min(step, wire.size() - off) : wire.size();
    records.feed(wire.subspan(off, n));
    off += n;
    for (;;) {
      auto next = records.next();
      check_events(events);
      if (std::holds_alternative<std::monostate>(next)) break;
      if (std::holds_alternative<Error>(next)) return 0;  // the connection ends here
      auto& rec = std::get<Record>(next);
      fuzz::require(rec.payload.size() <= kMaxPlaintext, "a record's plaintext fits 2^14 bytes");
      if (rec.type != ContentType::handshake) continue;
      reassembler.feed(rec.payload, rec.event_seq);
      for (;;) {
        auto msg = reassembler.next();
        if (std::holds_alternative<std::monostate>(msg)) break;
        if (std::holds_alternative<Error>(msg)) return 0;
        const auto& m = std::get<HandshakeMessage>(msg);
        fuzz::require(m.bytes.size() >= kHandshakeHeaderLen &&
                          m.bytes.size() - kHandshakeHeaderLen <= kMaxHandshakeMessage,
                      "a reassembled message has its header and fits the limit");
      }
    }
  }
  return 0;
}
