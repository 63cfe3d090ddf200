// tables/protocol_names: the names of extensions, alerts, content types, handshake types and
// versions, against the registries and RFCs that define them. Every alert RFC 8446 §6 defines
// (its _RESERVED ones aside) has its name, since a server may send any of them and the learner
// must read which; unknown values are spelled "unknown (0x..)" with the field's width.
#include <gtest/gtest.h>

#include "tlsscope/names.hpp"

namespace tlsscope {
namespace {

// RFC 8446 §6, enum AlertDescription, without the _RESERVED values.
TEST(TablesProtocolNames, EveryTls13AlertIsNamed) {
  const std::pair<std::uint8_t, const char*> alerts[] = {
      {0, "close_notify"},          {10, "unexpected_message"},
      {20, "bad_record_mac"},       {22, "record_overflow"},
      {40, "handshake_failure"},    {42, "bad_certificate"},
      {43, "unsupported_certificate"}, {44, "certificate_revoked"},
      {45, "certificate_expired"},  {46, "certificate_unknown"},
      {47, "illegal_parameter"},    {48, "unknown_ca"},
      {49, "access_denied"},        {50, "decode_error"},
      {51, "decrypt_error"},        {70, "protocol_version"},
      {71, "insufficient_security"}, {80, "internal_error"},
      {86, "inappropriate_fallback"}, {90, "user_canceled"},
      {109, "missing_extension"},   {110, "unsupported_extension"},
      {112, "unrecognized_name"},   {113, "bad_certificate_status_response"},
      {115, "unknown_psk_identity"}, {116, "certificate_required"},
      {120, "no_application_protocol"},
  };
  for (auto [value, name] : alerts) EXPECT_EQ(alert_name(value), name) << int(value);
  // TLS 1.2's no_renegotiation (RFC 5246 §7.2), which this client itself sends.
  EXPECT_EQ(alert_name(100), "no_renegotiation");
  EXPECT_EQ(alert_name(255), "unknown (0xff)");
  EXPECT_EQ(alert_name(1), "unknown (0x01)");
}

// RFC 8446 §4 and RFC 5246 §7.4, enum HandshakeType.
TEST(TablesProtocolNames, HandshakeTypes) {
  const std::pair<std::uint8_t, const char*> types[] = {
      {0, "hello_request"},        {1, "client_hello"},         {2, "server_hello"},
      {4, "new_session_ticket"},   {5, "end_of_early_data"},    {8, "encrypted_extensions"},
      {11, "certificate"},         {12, "server_key_exchange"}, {13, "certificate_request"},
      {14, "server_hello_done"},   {15, "certificate_verify"},  {16, "client_key_exchange"},
      {20, "finished"},            {24, "key_update"},          {254, "message_hash"},
  };
  for (auto [value, name] : types) EXPECT_EQ(handshake_type_name(value), name) << int(value);
  EXPECT_EQ(handshake_type_name(3), "unknown (0x03)");  // hello_verify_request is DTLS's
}

// IANA "TLS ExtensionType Values", the ones the client sends or may receive.
TEST(TablesProtocolNames, Extensions) {
  const std::pair<std::uint16_t, const char*> exts[] = {
      {0, "server_name"},            {10, "supported_groups"},
      {11, "ec_point_formats"},      {13, "signature_algorithms"},
      {16, "application_layer_protocol_negotiation"},
      {23, "extended_master_secret"}, {35, "session_ticket"},
      {41, "pre_shared_key"},        {43, "supported_versions"},
      {44, "cookie"},                {45, "psk_key_exchange_modes"},
      {51, "key_share"},             {0xff01, "renegotiation_info"},
  };
  for (auto [value, name] : exts) EXPECT_EQ(extension_name(value), name) << value;
  EXPECT_EQ(extension_name(0xfe0d), "unknown (0xfe0d)");
}

TEST(TablesProtocolNames, ContentTypesAndVersions) {
  EXPECT_EQ(content_type_name(20), "change_cipher_spec");
  EXPECT_EQ(content_type_name(21), "alert");
  EXPECT_EQ(content_type_name(22), "handshake");
  EXPECT_EQ(content_type_name(23), "application_data");
  EXPECT_EQ(content_type_name(24), "unknown (0x18)");  // heartbeat (RFC 6520) is not spoken here
  EXPECT_EQ(version_name(0x0300), "SSL 3.0");
  EXPECT_EQ(version_name(0x0301), "TLS 1.0");
  EXPECT_EQ(version_name(0x0302), "TLS 1.1");
  EXPECT_EQ(version_name(0x0303), "TLS 1.2");
  EXPECT_EQ(version_name(0x0304), "TLS 1.3");
  EXPECT_EQ(version_name(0x7f1c), "unknown (0x7f1c)");  // a TLS 1.3 draft
}

}  // namespace
}  // namespace tlsscope
