// Fuzz target: the whole client, fed hostile server bytes at every state of a real exchange.
// The first input byte picks a recorded transcript and a point in it (after N of the server's
// records, one handshake message each; fuzz_support.hpp); the client is replayed up to there,
// then the rest of the input is read as records: type (1 byte), length (2), content. The
// content is protected with the server's current keys whenever the client expects protection,
// so fuzzed bytes reach EncryptedExtensions, Certificate, CertificateVerify, Finished,
// NewSessionTicket, KeyUpdate and application data as well. A type byte with its top bit set
// sends the content as raw wire bytes instead (headers, lengths, tags, truncation).
#include "fuzz_support.hpp"

using namespace tlsscope;

namespace {

std::vector<fuzz::Transcript> transcripts;
std::vector<std::pair<std::size_t, std::size_t>> points;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  transcripts = fuzz::load_transcripts(fuzz::seeds_dir() / "transcripts.json");
  points = fuzz::replay_points(transcripts);
  fuzz::require(!points.empty() && points.size() <= 256, "1 to 256 replay points");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  auto [t, n] = points[data[0] % points.size()];
  fuzz::Session session(transcripts[t]);
  for (std::size_t i = 0; i < n; ++i)
    session.feed(transcripts[t].records[i].type, transcripts[t].records[i].content);
  fuzz::require(!session.client.error(), "a recorded exchange replays without error");

  Reader in(ByteView(data, size).subspan(1));
  while (!in.empty()) {
    std::uint8_t type = in.u8();
    std::size_t len = in.u16();
    if (!in.ok()) break;  // a cut-off chunk header ends the input
    ByteView content = in.bytes(std::min(len, in.remaining()));
    if (type & 0x80) session.feed_raw(content);
    else session.feed(type, content);
  }
  session.finish();
  return 0;
}
