// The error table: stable code, the alert the client sends (RFC 5246 §7.2, RFC 8446 §6.2),
// and what it means for a learner. The CLI prints "error: CODE: sentence"; the page shows the
// same sentence; docs/events.md lists them all.
#include <array>

#include "tlsscope/errors.hpp"

namespace tlsscope {
namespace {

using E = ErrorCode;
constexpr int kNoAlert = -1;

constexpr std::array kErrors = {
    ErrorInfo{E::bad_url, "BAD_URL", kNoAlert,
              "The address is not a valid https:// URL, so there is nothing to connect to.",
              "这个地址不是有效的 https:// 网址，因此无法连接。"},
    ErrorInfo{E::dns_failed, "DNS_FAILED", kNoAlert,
              "The name could not be resolved to an IP address: DNS has no answer for it.",
              "无法把这个域名解析成 IP 地址：DNS 没有给出答案。"},
    ErrorInfo{E::connect_refused, "CONNECT_REFUSED", kNoAlert,
              "The server's machine answered, but nothing accepts TCP connections on that port.",
              "服务器所在的机器有回应，但该端口上没有程序接受 TCP 连接。"},
    ErrorInfo{E::timeout, "TIMEOUT", kNoAlert,
              "The server did not answer in time, so the client gave up.",
              "服务器没有在规定时间内回应，客户端放弃了连接。"},
    ErrorInfo{E::connection_closed, "CONNECTION_CLOSED", kNoAlert,
              "The server closed the TCP connection before the TLS handshake finished.",
              "TLS 握手完成之前，服务器就关闭了 TCP 连接。"},
    ErrorInfo{E::bad_record_type, "BAD_RECORD_TYPE", 10,
              "The server sent a TLS record of a type that does not exist.",
              "服务器发来的 TLS 记录类型并不存在。"},
    ErrorInfo{E::bad_record_version, "BAD_RECORD_VERSION", 70,
              "The server sent a record whose header does not carry a TLS version number.",
              "服务器发来的记录头里没有合法的 TLS 版本号。"},
    ErrorInfo{E::record_overflow, "RECORD_OVERFLOW", 22,
              "The server sent a record longer than TLS allows.",
              "服务器发来的记录超过了 TLS 允许的最大长度。"},
    ErrorInfo{E::bad_record_mac, "BAD_RECORD_MAC", 20,
              "An encrypted record failed its integrity check: it was altered or sent with the wrong key.",
              "一条加密记录没有通过完整性校验：它被篡改了，或者用错了密钥。"},
    ErrorInfo{E::truncated, "TRUNCATED", kNoAlert,
              "The TCP connection ended in the middle of a TLS record: the data was cut short.",
              "TCP 连接在一条 TLS 记录的中途断开了：数据被截断。"},
    ErrorInfo{E::decode_error, "DECODE_ERROR", 50,
              "A message from the server is malformed: a length or field does not add up.",
              "服务器发来的消息格式错误：某个长度或字段对不上。"},
    ErrorInfo{E::unexpected_message, "UNEXPECTED_MESSAGE", 10,
              "The server sent a message that does not belong at this point of the handshake.",
              "服务器在握手的这个阶段发来了不该出现的消息。"},
    ErrorInfo{E::handshake_too_large, "HANDSHAKE_TOO_LARGE", 50,
              "A handshake message from the server is larger than the client accepts.",
              "服务器发来的握手消息太大，超过了客户端愿意接受的上限。"},
    ErrorInfo{E::unsupported_version, "UNSUPPORTED_VERSION", 70,
              "The server chose a TLS version the client did not offer.",
              "服务器选择了客户端没有提供的 TLS 版本。"},
    ErrorInfo{E::unoffered_choice, "UNOFFERED_CHOICE", 47,
              "The server chose a cipher suite, TLS version, curve or option the client never offered.",
              "服务器选择了客户端从未提供过的密码套件、TLS 版本、曲线或选项。"},
    ErrorInfo{E::unsolicited_extension, "UNSOLICITED_EXTENSION", 110,
              "The server answered with an extension the client did not ask for.",
              "服务器回复了一个客户端并没有请求的扩展。"},
    ErrorInfo{E::renegotiation_info_invalid, "RENEGOTIATION_INFO_INVALID", 40,
              "The server's renegotiation_info is not empty on a first handshake, which RFC 5746 forbids.",
              "服务器在首次握手中发送的 renegotiation_info 不为空，这是 RFC 5746 禁止的。"},
    ErrorInfo{E::bad_key_share, "BAD_KEY_SHARE", 47,
              "The server's key share is not valid for the chosen group: not a point on the curve, or the wrong length.",
              "服务器的密钥共享对所选命名组无效：不是曲线上的合法点，或者长度不对。"},
    ErrorInfo{E::version_or_cipher_mismatch, "VERSION_OR_CIPHER_MISMATCH", kNoAlert,
              "Client and server have no TLS version or cipher suite in common, so the server refused.",
              "客户端和服务器没有共同支持的 TLS 版本或密码套件，服务器拒绝了连接。"},
    ErrorInfo{E::downgrade_detected, "DOWNGRADE_DETECTED", 47,
              "The server chose an older TLS version although its random says it supports TLS 1.3: someone may have tampered with the handshake.",
              "服务器选择了较旧的 TLS 版本，但它的随机数表明它支持 TLS 1.3：可能有人篡改了握手。"},
    ErrorInfo{E::cert_expired, "CERT_EXPIRED", 45,
              "The server's certificate has expired: today is after its 'not after' date.",
              "服务器证书已经过期：今天晚于证书的“有效期截止”日期。"},
    ErrorInfo{E::cert_not_yet_valid, "CERT_NOT_YET_VALID", 45,
              "The server's certificate is not valid yet: today is before its 'not before' date.",
              "服务器证书尚未生效：今天早于证书的“有效期起始”日期。"},
    ErrorInfo{E::cert_name_invalid, "CERT_NAME_INVALID", 42,
              "The certificate is valid, but for another name: it does not cover the host you typed.",
              "证书本身有效，但属于别的名字：它不包含你输入的主机名。"},
    ErrorInfo{E::cert_authority_invalid, "CERT_AUTHORITY_INVALID", 48,
              "The certificate chain does not lead to a certificate authority the client trusts.",
              "证书链无法追溯到客户端信任的证书颁发机构。"},
    ErrorInfo{E::cert_self_signed, "CERT_SELF_SIGNED", 48,
              "The server's certificate is signed by itself, so no trusted authority vouches for it.",
              "服务器证书是自己给自己签名的，没有任何受信任的机构为它担保。"},
    ErrorInfo{E::cert_weak_key, "CERT_WEAK_KEY", 42,
              "The server's certificate has a key too small to be safe (RSA below 2048 bits): with enough computing power its signatures can be forged.",
              "服务器证书的密钥太短，已不安全（RSA 少于 2048 位）：算力足够的人可以伪造它的签名。"},
    ErrorInfo{E::cert_weak_signature, "CERT_WEAK_SIGNATURE", 42,
              "A certificate in the chain is signed over a SHA-1 hash, which is broken: a forger can make two certificates with the same hash, so a signature on one fits the other.",
              "证书链中有一张证书的签名基于已被攻破的 SHA-1 哈希：伪造者可以做出两张哈希相同的证书，其中一张的签名同样适用于另一张。"},
    ErrorInfo{E::cert_invalid, "CERT_INVALID", 42,
              "The server's certificate chain is broken: a certificate is malformed or not allowed to sign.",
              "服务器的证书链有问题：某张证书格式错误，或者无权签发下一级证书。"},
    ErrorInfo{E::bad_signature, "BAD_SIGNATURE", 51,
              "The server's signature does not verify with its certificate's key: someone may be impersonating it.",
              "服务器的签名无法用证书中的公钥验证：可能有人在冒充它。"},
    ErrorInfo{E::bad_finished, "BAD_FINISHED", 51,
              "The server's Finished message is wrong: the two sides did not see the same handshake or keys.",
              "服务器的 Finished 消息不正确：双方看到的握手内容或密钥不一致。"},
    ErrorInfo{E::alert_received, "ALERT_RECEIVED", kNoAlert,
              "The server sent a fatal alert and ended the connection.",
              "服务器发送了致命警报并结束了连接。"},
    ErrorInfo{E::internal_error, "INTERNAL_ERROR", 80,
              "Something went wrong inside the client itself.",
              "客户端内部出了问题。"},
};

}  // namespace

const ErrorInfo& error_info(ErrorCode code) {
  for (const auto& e : kErrors)
    if (e.code == code) return e;
  return kErrors.back();
}

std::optional<ErrorCode> error_code_from_name(std::string_view name) {
  for (const auto& e : kErrors)
    if (e.name == name) return e.code;
  return std::nullopt;
}

}  // namespace tlsscope
