// record/record_layer: framing out (fragmented at 2^14, protected once keys are on) and cutting
// in (split anywhere, headers checked before the body is awaited, limits, sequence numbers).
#include <gtest/gtest.h>

#include "record/record_layer.hpp"
#include "support/messages.hpp"
#include "tables/suites.hpp"

namespace tlsscope {
namespace {

Bytes header(std::uint8_t type, std::uint16_t version, std::size_t len) {
  return {type, static_cast<std::uint8_t>(version >> 8), static_cast<std::uint8_t>(version),
          static_cast<std::uint8_t>(len >> 8), static_cast<std::uint8_t>(len)};
}

Bytes record(std::uint8_t type, ByteView payload, std::uint16_t version = 0x0303) {
  Bytes r = header(type, version, payload.size());
  r.insert(r.end(), payload.begin(), payload.end());
  return r;
}

Record expect_record(RecordLayer& layer) {
  auto next = layer.next();
  if (auto* e = std::get_if<Error>(&next)) ADD_FAILURE() << e->name() << ": " << e->detail;
  EXPECT_TRUE(std::holds_alternative<Record>(next));
  return std::holds_alternative<Record>(next) ? std::get<Record>(next)
                                              : Record{ContentType::alert, {}};
}

Error expect_error(RecordLayer& layer) {
  auto next = layer.next();
  EXPECT_TRUE(std::holds_alternative<Error>(next));
  return std::holds_alternative<Error>(next) ? std::get<Error>(next) : Error{};
}

bool waits(RecordLayer& layer) { return std::holds_alternative<std::monostate>(layer.next()); }

// One direction's keys, the same on both ends.
RecordProtection protection(std::uint16_t suite) {
  const SuiteInfo& s = *find_suite(suite);
  return RecordProtection(s, Bytes(s.key_len, 0x42), Bytes(s.fixed_iv_len, 0x24));
}

TEST(RecordLayer, ARecordSplitAcrossReadsWaitsForItsLastByte) {
  EventSink events;
  RecordLayer layer(events);
  Bytes r = record(22, Bytes{1, 2, 3, 4, 5});
  for (std::size_t i = 0; i + 1 < r.size(); ++i) {
    layer.feed(ByteView(r).subspan(i, 1));
    EXPECT_TRUE(waits(layer)) << "after " << i + 1 << " bytes";
    EXPECT_TRUE(layer.has_partial_record());
  }
  layer.feed(ByteView(r).last(1));
  Record got = expect_record(layer);
  EXPECT_EQ(got.type, ContentType::handshake);
  EXPECT_EQ(got.payload, (Bytes{1, 2, 3, 4, 5}));
  EXPECT_FALSE(layer.has_partial_record());
  auto ev = events.take();
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0]["type"], "record");
  EXPECT_EQ(ev[0]["dir"], "in");
  EXPECT_EQ(ev[0]["length"], 5);
  EXPECT_EQ(ev[0]["seq"], got.event_seq);
}

TEST(RecordLayer, SeveralRecordsInOneReadComeOutInOrder) {
  EventSink events;
  RecordLayer layer(events);
  Bytes both = record(22, Bytes{1});
  Bytes second = record(21, Bytes{1, 0});
  both.insert(both.end(), second.begin(), second.end());
  layer.feed(both);
  EXPECT_EQ(expect_record(layer).type, ContentType::handshake);
  EXPECT_EQ(expect_record(layer).type, ContentType::alert);
  EXPECT_TRUE(waits(layer));
}

TEST(RecordLayer, AnUnknownContentTypeIsRefusedFromTheHeaderAlone) {
  for (int type : {0, 19, 24, 0x80, 0xff}) {
    EventSink events;
    RecordLayer layer(events);
    layer.feed(header(static_cast<std::uint8_t>(type), 0x0303, 100));  // the body never comes
    EXPECT_TRUE(test::is_error(expect_error(layer), ErrorCode::bad_record_type,
                               std::to_string(type)));
  }
}

TEST(RecordLayer, AVersionThatIsNotTlsIsRefused) {
  EventSink events;
  RecordLayer layer(events);
  layer.feed(header(22, 0x0203, 1));
  EXPECT_TRUE(test::is_error(expect_error(layer), ErrorCode::bad_record_version));
  // Any 3.x is a TLS record version (the ClientHello's may be 0301).
  RecordLayer other(events);
  other.feed(record(22, Bytes{1}, 0x0301));
  expect_record(other);
}

TEST(RecordLayer, PlaintextIsAtMost2To14BytesAndAnOverlongHeaderIsRefusedAtOnce) {
  EventSink events;
  RecordLayer layer(events);
  layer.feed(record(23, Bytes(kMaxPlaintext, 7)));
  EXPECT_EQ(expect_record(layer).payload.size(), kMaxPlaintext);
  layer.feed(header(23, 0x0303, kMaxPlaintext + 1));
  EXPECT_TRUE(test::is_error(expect_error(layer), ErrorCode::record_overflow,
                             std::to_string(kMaxPlaintext + 1)));
}

TEST(RecordLayer, ProtectedRecordsMayBeLongerByTheCipherOverheadOnly) {
  // RFC 5246 §6.2.3: 2^14 + 2048; RFC 8446 §5.2: 2^14 + 256.
  for (auto [suite, limit] : {std::pair{std::uint16_t{0xc02b}, kMaxCiphertext},
                              std::pair{std::uint16_t{0x1301}, kMaxCiphertext13}}) {
    EventSink events;
    RecordLayer layer(events);
    layer.protect_reads(protection(suite));
    layer.feed(header(23, 0x0303, limit + 1));
    EXPECT_TRUE(test::is_error(expect_error(layer), ErrorCode::record_overflow,
                               std::to_string(limit)))
        << std::hex << suite;
  }
}

TEST(RecordLayer, AnEmptyRecordIsADecodeErrorExceptApplicationData) {
  for (int type : {20, 21, 22}) {
    EventSink events;
    RecordLayer layer(events);
    layer.feed(header(static_cast<std::uint8_t>(type), 0x0303, 0));
    EXPECT_TRUE(test::is_error(expect_error(layer), ErrorCode::decode_error, "empty")) << type;
  }
  EventSink events;
  RecordLayer layer(events);
  layer.feed(header(23, 0x0303, 0));
  EXPECT_TRUE(expect_record(layer).payload.empty());
}

TEST(RecordLayer, WritesAreFragmentedAt2To14) {
  EventSink events;
  RecordLayer layer(events);
  const std::size_t len = 2 * kMaxPlaintext + 5;
  Bytes payload(len);
  for (std::size_t i = 0; i < len; ++i) payload[i] = static_cast<std::uint8_t>(i);
  auto seqs = layer.write(ContentType::application_data, payload);
  EXPECT_EQ(seqs.size(), 3u);
  Bytes out = layer.take_output();
  ASSERT_EQ(out.size(), len + 3 * kRecordHeaderLen);
  // Read back with a second layer: the same bytes in 2^14, 2^14, 5.
  RecordLayer reader(events);
  reader.feed(out);
  Bytes back;
  for (std::size_t expected : {kMaxPlaintext, kMaxPlaintext, std::size_t{5}}) {
    Record r = expect_record(reader);
    EXPECT_EQ(r.payload.size(), expected);
    back.insert(back.end(), r.payload.begin(), r.payload.end());
  }
  EXPECT_EQ(back, payload);
}

TEST(RecordLayer, ProtectedRecordsRoundTripAndCountTheirSequenceNumbers) {
  for (std::uint16_t suite : {std::uint16_t{0xc02b}, std::uint16_t{0xcca9}, std::uint16_t{0x1301}}) {
    SCOPED_TRACE(std::to_string(suite));
    EventSink events;
    RecordLayer writer(events), reader(events);
    writer.protect_writes(protection(suite));
    reader.protect_reads(protection(suite));
    for (int i = 0; i < 3; ++i) writer.write(ContentType::handshake, Bytes(10, static_cast<std::uint8_t>(i)));
    reader.feed(writer.take_output());
    events.take();
    for (int i = 0; i < 3; ++i) {
      Record r = expect_record(reader);
      EXPECT_EQ(r.type, ContentType::handshake) << "TLS 1.3: the inner type";
      EXPECT_EQ(r.payload, Bytes(10, static_cast<std::uint8_t>(i)));
    }
    auto ev = events.take();
    ASSERT_EQ(ev.size(), 3u);
    for (int i = 0; i < 3; ++i) {
      EXPECT_EQ(ev[i]["sequence"], i);
      EXPECT_EQ(ev[i]["protected"], true);
    }
  }
}

TEST(RecordLayer, ARecordOutOfSequenceOrAlteredFailsAuthentication) {
  // The sequence number is in the nonce (or the additional data): a dropped, replayed or
  // reordered record cannot open.
  for (std::uint16_t suite : {std::uint16_t{0xc02b}, std::uint16_t{0xcca9}, std::uint16_t{0x1301}}) {
    SCOPED_TRACE(std::to_string(suite));
    EventSink events;
    RecordLayer writer(events);
    writer.protect_writes(protection(suite));
    writer.write(ContentType::handshake, Bytes{1});
    Bytes first = writer.take_output();
    writer.write(ContentType::handshake, Bytes{2});
    Bytes second = writer.take_output();

    RecordLayer skipped(events);
    skipped.protect_reads(protection(suite));
    skipped.feed(second);
    EXPECT_TRUE(test::is_error(expect_error(skipped), ErrorCode::bad_record_mac));

    RecordLayer altered(events);
    altered.protect_reads(protection(suite));
    first.back() ^= 1;
    altered.feed(first);
    EXPECT_TRUE(test::is_error(expect_error(altered), ErrorCode::bad_record_mac));
  }
}

TEST(RecordLayer, Tls13RefusesAnUnencryptedRecordButLetsTheCompatibilityCcsThrough) {
  EventSink events;
  RecordLayer layer(events);
  layer.protect_reads(protection(0x1301));
  layer.feed(record(20, Bytes{1}));
  EXPECT_EQ(expect_record(layer).type, ContentType::change_cipher_spec);
  layer.feed(record(22, Bytes{1, 2, 3}));
  EXPECT_TRUE(test::is_error(expect_error(layer), ErrorCode::unexpected_message));
}

TEST(RecordLayer, Tls13CompatibilityCcsIsWrittenInTheClear) {
  EventSink events;
  RecordLayer layer(events);
  layer.protect_writes(protection(0x1301));
  layer.write(ContentType::change_cipher_spec, Bytes{1});
  EXPECT_EQ(layer.take_output(), record(20, Bytes{1}));
}

}  // namespace
}  // namespace tlsscope
