// Hostile clients after the upgrade: frames that break RFC 6455 sent into an open tunnel. The
// relay fails the WebSocket connection with the close code section 7.4.1 gives (1002
// protocol error, 1007 bad payload, 1009 too big), closes the TCP connection and the one to
// the target, and the witness tunnel goes on as if nothing happened.
#include "raw_client.hpp"
#include "relay_under_attack.hpp"

#include <gtest/gtest.h>

namespace tlsscope::relay::test {
namespace {

// Sends `frames`, then expects the relay's close frame with `code`; answers it as a client
// does (a close frame, then FIN) and expects the relay to end the TCP connection. Returns the
// frames that came before the close.
std::vector<server_frame> expect_failed_with(relay_under_attack& scene,
                                             const std::vector<frame_spec>& frames,
                                             std::uint16_t code) {
  raw_client c(scene.port());
  std::string bytes;
  for (const auto& f : frames)
    bytes += encode_frame(f);
  std::vector<server_frame> got;
  try {
    c.open_tunnel(scene.echo_target());
    c.send(bytes);
    got = c.read_until_close();
  } catch (const std::exception& e) {
    ADD_FAILURE() << e.what();
    return {};
  }
  EXPECT_EQ(got.back().close_code(), code);
  c.send(encode_frame({.opcode = op(ws_opcode::close), .payload = got.back().payload.substr(0, 2)}));
  c.shutdown_write();
  EXPECT_TRUE(c.wait_for_end()) << "the relay keeps the failed connection open";
  got.pop_back();
  return got;
}

void expect_clean_after(relay_under_attack& scene, const std::string& attack) {
  scene.expect_witness_flows("after " + attack);
  scene.expect_back_to_baseline();
}

TEST(HostileFrames, UnmaskedClientFrameIs1002) {
  relay_under_attack scene;
  // Section 5.1: "a server MUST close the connection upon receiving a frame that is not masked".
  expect_failed_with(scene, {{.payload = "hello", .masked = false}}, 1002);
  expect_clean_after(scene, "an unmasked frame");
}

TEST(HostileFrames, ReservedBitsWithoutAnExtensionAre1002) {
  relay_under_attack scene;
  // Section 5.2: RSV1-3 MUST be 0 unless an extension says otherwise; none was negotiated.
  for (int rsv : {4, 2, 1})
    expect_failed_with(scene, {{.payload = "hello", .rsv = static_cast<std::uint8_t>(rsv)}}, 1002);
  expect_clean_after(scene, "reserved bits");
}

TEST(HostileFrames, ReservedOpcodesAre1002) {
  relay_under_attack scene;
  for (int reserved : {0x3, 0x7, 0xB, 0xF})
    expect_failed_with(scene, {{.opcode = static_cast<std::uint8_t>(reserved), .payload = "hello"}},
                       1002);
  expect_clean_after(scene, "reserved opcodes");
}

TEST(HostileFrames, ControlFramesOver125BytesOrFragmentedAre1002) {
  relay_under_attack scene;
  // Section 5.5: control frames carry at most 125 bytes and MUST NOT be fragmented.
  expect_failed_with(scene, {{.opcode = op(ws_opcode::ping), .payload = std::string(126, 'p')}},
                     1002);
  expect_failed_with(scene, {{.opcode = op(ws_opcode::ping), .payload = "p", .fin = false}}, 1002);
  expect_failed_with(scene, {{.opcode = op(ws_opcode::close), .payload = std::string(200, 'c')}},
                     1002);
  expect_clean_after(scene, "bad control frames");
}

TEST(HostileFrames, BrokenFragmentationAndCloseFramesAre1002) {
  relay_under_attack scene;
  // Section 5.4: a continuation with no message to continue, a new message inside one.
  expect_failed_with(scene, {{.opcode = op(ws_opcode::continuation), .payload = "x"}}, 1002);
  expect_failed_with(scene,
                     {{.payload = "a", .fin = false}, {.opcode = op(ws_opcode::binary), .payload = "b"}},
                     1002);
  // Section 7.4: a close code that may not be sent (1005), one out of range, a 1-byte body.
  expect_failed_with(scene, {{.opcode = op(ws_opcode::close), .payload = "\x03\xed"}}, 1002);
  expect_failed_with(scene, {{.opcode = op(ws_opcode::close), .payload = "\x03\xe7"}}, 1002);
  expect_failed_with(scene, {{.opcode = op(ws_opcode::close), .payload = "\x03"}}, 1002);
  expect_clean_after(scene, "broken fragmentation");
}

TEST(HostileFrames, InvalidUtf8InATextFrameIs1007) {
  relay_under_attack scene;
  // Section 8.1: text MUST be UTF-8; an overlong encoding, a lone continuation byte, a
  // surrogate, and a sequence cut at the end of the message.
  for (const std::string text : {"\xc0\xaf", "\x80", "\xed\xa0\x80", "{\"type\":\"\xe2\x82"})
    expect_failed_with(scene, {{.opcode = op(ws_opcode::text), .payload = text}}, 1007);
  expect_clean_after(scene, "invalid UTF-8");
}

TEST(HostileFrames, AFrameAnnouncing1GiBIs1009BeforeAnyOfItIsRelayed) {
  relay_under_attack scene({"--max-message", "64K"});
  const auto before = scene.echo().accepted();
  // The header says 1 GiB; 1000 bytes follow. The relay knows at the first bytes that the
  // message is over --max-message, and none of them reach the target.
  auto got = expect_failed_with(
      scene, {{.payload = std::string(1000, 'x'), .announced_length = 1ull << 30}}, 1009);
  ASSERT_FALSE(got.empty());
  EXPECT_EQ(got.back().opcode, op(ws_opcode::text)) << "the error event comes before the close";
  EXPECT_NE(got.back().payload.find("MESSAGE_TOO_BIG"), std::string::npos) << got.back().payload;
  for (const auto& f : got)
    EXPECT_NE(f.opcode, op(ws_opcode::binary)) << "no byte of the message went to the target";
  // The tunnel's connection reached the target (the relay's "tcp" event said so), though the
  // echo server's thread may take it from the accept queue only after the test gets here.
  EXPECT_EQ(scene.echo().wait_for_accepted(before + 1), before + 1);
  expect_clean_after(scene, "a 1 GiB frame header");
}

TEST(HostileFrames, FragmentsThatNeverEndAre1009AtTheMessageLimit) {
  relay_under_attack scene({"--max-message", "64K"});
  // A message of 4 KiB fragments with no final one: the seventeenth crosses 64 KiB. What
  // came before the limit may have been relayed (and echoed), nothing after it.
  std::vector<frame_spec> frames{{.payload = std::string(4096, 'a'), .fin = false}};
  for (int i = 0; i < 40; ++i)
    frames.push_back({.opcode = op(ws_opcode::continuation), .payload = std::string(4096, 'b'),
                      .fin = false});
  auto got = expect_failed_with(scene, frames, 1009);
  std::size_t echoed = 0;
  std::string error;
  for (const auto& f : got) {
    if (f.opcode == op(ws_opcode::binary)) echoed += f.payload.size();
    if (f.opcode == op(ws_opcode::text)) error = f.payload;
  }
  EXPECT_NE(error.find("MESSAGE_TOO_BIG"), std::string::npos) << error;
  EXPECT_LE(echoed, 64u * 1024) << "bytes beyond the limit reached the target";
  expect_clean_after(scene, "endless fragments");
}

}  // namespace
}  // namespace tlsscope::relay::test
