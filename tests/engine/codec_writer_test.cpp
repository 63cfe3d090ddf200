// codec/writer: back-patched length prefixes, nested, of each width. The bytes to reach are
// RFC 8448 §3's ClientHello: its key_share extension (a u16 extension length around a u16
// client_shares length around a u16 key length) and its 24-bit handshake length, written here
// with open()/close() alone and compared with the RFC's bytes.
#include <gtest/gtest.h>

#include "codec/writer.hpp"
#include "support/rfc8448.hpp"

namespace tlsscope {
namespace {

using namespace test::rfc8448;

TEST(CodecWriter, NestedU16PrefixesMakeRfc8448sKeyShareExtension) {
  Writer w;
  w.u16(51);  // key_share
  auto ext = w.open(2);
  auto shares = w.open(2);
  w.u16(0x001d);
  auto key = w.open(2);
  w.bytes(h(kClientPublic));
  w.close(key);
  w.close(shares);
  w.close(ext);
  EXPECT_EQ(to_hex(w.data()), x("00 33 00 26 00 24 00 1d 00 20") + x(kClientPublic));
  const std::string hello = x(kClientHello);
  EXPECT_NE(hello.find(to_hex(w.data())), std::string::npos) << "the RFC's ClientHello holds it";
}

TEST(CodecWriter, A24BitPrefixMakesTheHandshakeHeader) {
  const Bytes hello = h(kClientHello);
  Writer w;
  w.u8(1);  // client_hello
  auto body = w.open(3);
  w.bytes(ByteView(hello).subspan(4));
  w.close(body);
  EXPECT_EQ(w.take(), hello);
}

TEST(CodecWriter, EmptyAndU8PrefixesAndFixedWidthNumbers) {
  Writer w;
  auto empty = w.open(1);
  w.close(empty);
  auto versions = w.open(1);  // supported_versions in a ClientHello: u8 list of u16
  w.u16(0x0304);
  w.close(versions);
  w.u24(0x010203);
  EXPECT_EQ(to_hex(w.data()), "0002030401" "0203");
}

}  // namespace
}  // namespace tlsscope
