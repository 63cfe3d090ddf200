// The codec of each table row (handshake/table.cpp): the message type it yields, the step name
// its event carries, and how it is parsed — a thin face over the msgs/ codec files, so the
// dispatcher can treat every message alike. decode() may look at the state the message
// arrived in (TLS 1.3's Finished is as long as the suite's hash).
#pragma once
#include <vector>

#include "msgs/certificate.hpp"
#include "msgs/certificate_request.hpp"
#include "msgs/change_cipher_spec.hpp"
#include "msgs/finished.hpp"
#include "msgs/hello_request.hpp"
#include "msgs/server_hello.hpp"
#include "msgs/server_hello_done.hpp"
#include "msgs/server_key_exchange.hpp"
#include "msgs/tls13_messages.hpp"
#include "states.hpp"
#include "tables/notes.hpp"
#include "tls12/states.hpp"
#include "tls13/states.hpp"

namespace tlsscope::codec {

using Result = std::optional<Error>;

struct ServerHelloCodec {
  using Message = ServerHello;
  static std::string_view step(const Message& m) {
    return m.is_hello_retry_request() ? "hello_retry_request" : "server_hello";
  }
  static Result decode(ByteView b, Message& m, json& f, json& s, const auto&) {
    return decode_server_hello(b, m, f, s);
  }
};

struct CertificateList {
  std::vector<Certificate> chain;  // leaf first
};

struct Certificate12Codec {
  using Message = CertificateList;
  static std::string_view step(const Message&) { return "certificate"; }
  static Result decode(ByteView b, Message& m, json& f, json& s, const auto&) {
    return decode_certificate(b, m.chain, f, s);
  }
};

struct ServerKeyExchangeCodec {
  using Message = ServerKeyExchange;
  static std::string_view step(const Message&) { return "server_key_exchange"; }
  static Result decode(ByteView b, Message& m, json& f, json& s, const auto&) {
    return decode_server_key_exchange(b, m, f, s);
  }
};

struct CertificateRequest12 {};
struct CertificateRequest12Codec {
  using Message = CertificateRequest12;
  static std::string_view step(const Message&) { return "certificate_request"; }
  static Result decode(ByteView b, Message&, json& f, json& s, const auto&) {
    return decode_certificate_request(b, f, s);
  }
};

struct ServerHelloDoneCodec {
  using Message = ServerHelloDone;
  static std::string_view step(const Message&) { return "server_hello_done"; }
  static Result decode(ByteView b, Message& m, json& f, json& s, const auto&) {
    return decode_server_hello_done(b, m, f, s);
  }
};

struct HelloRequestCodec {
  using Message = HelloRequest;
  static std::string_view step(const Message&) { return "hello_request"; }
  static Result decode(ByteView b, Message& m, json& f, json& s, const auto&) {
    return decode_hello_request(b, m, f, s);
  }
};

struct ChangeCipherSpecCodec {
  using Message = ChangeCipherSpec;
  static std::string_view step(const Message&) { return "change_cipher_spec"; }
  static Result decode(ByteView b, Message& m, json& f, json& s, const auto&) {
    return decode_change_cipher_spec(b, m, f, s);
  }
};

struct CompatChangeCipherSpecCodec {
  using Message = ChangeCipherSpec;
  static std::string_view step(const Message&) { return "change_cipher_spec"; }
  static Result decode(ByteView b, Message& m, json& f, json& s, const auto&) {
    return decode_compat_change_cipher_spec(b, m, f, s);
  }
  /// RFC 8446 §5: before the first ServerHello there is nothing to be compatible with; only a
  /// HelloRetryRequest (always TLS 1.3) makes a second ServerHello, and a CCS before it, legal.
  static Result decode(ByteView b, Message& m, json& f, json& s, const ExpectServerHello& st) {
    if (st.after_hello_retry) return decode_compat_change_cipher_spec(b, m, f, s);
    f = json::array();
    s = json::object();
    return noted_error(ErrorCode::unexpected_message,
                       note(NoteId::err_message_out_of_order, {"ChangeCipherSpec", "server_hello"}));
  }
};

struct Finished {
  Bytes verify_data;
};

/// TLS 1.2's verify_data is 12 bytes (RFC 5246 §7.4.9); TLS 1.3's is as long as the suite's
/// hash (RFC 8446 §4.4.4).
struct FinishedCodec {
  using Message = Finished;
  static std::string_view step(const Message&) { return "finished"; }
  static Result decode(ByteView b, Message& m, json& f, json& s, const tls12::ExpectFinished& st) {
    return decode_finished(b, kVerifyDataLen, m.verify_data, f, s,
                           verify_data_note(false, false, st.n.suite->prf_hash));
  }
  static Result decode(ByteView b, Message& m, json& f, json& s, const tls13::ExpectFinished& st) {
    const Hash h = st.k.suite->prf_hash;
    return decode_finished(b, hash_len(h), m.verify_data, f, s, verify_data_note(true, false, h));
  }
};

struct EncryptedExtensions {
  std::vector<Extension> extensions;  // views into the message bytes
};
struct EncryptedExtensionsCodec {
  using Message = EncryptedExtensions;
  static std::string_view step(const Message&) { return "encrypted_extensions"; }
  static Result decode(ByteView b, Message& m, json& f, json& s, const auto&) {
    return tls13::decode_encrypted_extensions(b, m.extensions, f, s);
  }
};

struct CertificateRequest13 {
  Bytes context;
};
struct CertificateRequest13Codec {
  using Message = CertificateRequest13;
  static std::string_view step(const Message&) { return "certificate_request"; }
  static Result decode(ByteView b, Message& m, json& f, json& s, const auto&) {
    return tls13::decode_certificate_request(b, m.context, f, s);
  }
};

struct Certificate13Codec {
  using Message = CertificateList;
  static std::string_view step(const Message&) { return "certificate"; }
  static Result decode(ByteView b, Message& m, json& f, json& s, const auto&) {
    return tls13::decode_certificate(b, m.chain, f, s);
  }
};

struct CertificateVerifyCodec {
  using Message = tls13::CertificateVerify;
  static std::string_view step(const Message&) { return "certificate_verify"; }
  static Result decode(ByteView b, Message& m, json& f, json& s, const auto&) {
    return tls13::decode_certificate_verify(b, m, f, s);
  }
};

struct NewSessionTicket {};
struct NewSessionTicketCodec {
  using Message = NewSessionTicket;
  static std::string_view step(const Message&) { return "new_session_ticket"; }
  static Result decode(ByteView b, Message&, json& f, json& s, const auto&) {
    return tls13::decode_new_session_ticket(b, f, s);
  }
};

struct KeyUpdate {
  bool update_requested = false;
};
struct KeyUpdateCodec {
  using Message = KeyUpdate;
  static std::string_view step(const Message&) { return "key_update"; }
  static Result decode(ByteView b, Message& m, json& f, json& s, const auto&) {
    return tls13::decode_key_update(b, m.update_requested, f, s);
  }
};

}  // namespace tlsscope::codec
