// Every step of an HTTPS connection, in the order a TLS 1.2 ECDHE connection meets them.
// Explanations are our own words, checked against RFC 5246, 7627, 8422 and 5280.
#include <array>

#include "tlsscope/steps.hpp"

namespace tlsscope {
namespace {

constexpr std::array kSteps = {
    StepInfo{"url", "URL", "网址",
             "The scheme https means HTTP inside TLS; with no port in the URL it means port 443.",
             "https 方案表示在 TLS 之上运行 HTTP；网址里没有写端口时，默认使用 443 端口。"},
    StepInfo{"dns", "DNS lookup", "DNS 查询",
             "The host name is looked up in DNS to find the IP addresses of the server.",
             "通过 DNS 查询主机名，得到服务器的 IP 地址。"},
    StepInfo{"tcp", "TCP connect", "TCP 连接",
             "The client opens a TCP connection (SYN, SYN-ACK, ACK): a reliable byte stream that TLS runs over.",
             "客户端建立 TCP 连接（SYN、SYN-ACK、ACK 三次握手），得到一条可靠的字节流，TLS 就在它上面运行。"},
    StepInfo{"record", "TLS record", "TLS 记录",
             "Everything TLS sends travels in records: a 5-byte header (content type, version, length) and a payload, encrypted once keys are in use.",
             "TLS 发送的一切都装在记录里：5 字节的头部（内容类型、版本、长度）加上负载，启用密钥之后负载是加密的。"},
    StepInfo{"client_hello", "ClientHello", "ClientHello（客户端问候）",
             "The client proposes: the TLS versions and cipher suites it supports, the curves for key exchange, and 32 fresh random bytes (Client Random) that make this connection's keys unique.",
             "客户端提出方案：支持的 TLS 版本、密码套件、用于密钥交换的曲线，以及 32 字节新的随机数（Client Random），保证这次连接的密钥独一无二。"},
    StepInfo{"server_hello", "ServerHello", "ServerHello（服务器问候）",
             "The server picks one version and one cipher suite from the client's offer and sends its own 32 random bytes (Server Random).",
             "服务器从客户端的提议中选定一个版本和一个密码套件，并发送自己的 32 字节随机数（Server Random）。"},
    StepInfo{"certificate", "Certificate", "Certificate（证书）",
             "The server sends its certificate chain: its own certificate first, then the intermediate authorities that signed it.",
             "服务器发送证书链：先是它自己的证书，然后是为它签名的中间证书颁发机构。"},
    StepInfo{"certificate_chain", "Chain check", "证书链校验",
             "The client checks each link: every certificate is signed by the next one, all are within their dates, the last is signed by an authority it already trusts, and the first names the host.",
             "客户端逐环检查：每张证书都由下一张签名，都在有效期内，最后一张由它本来就信任的机构签名，第一张证书包含所访问的主机名。"},
    StepInfo{"server_key_exchange", "ServerKeyExchange", "ServerKeyExchange（服务器密钥交换）",
             "The server sends a fresh ECDHE public key (the Server Params) and signs it, together with both randoms, with its certificate's private key, proving the key comes from the certificate's owner.",
             "服务器发送一个新生成的 ECDHE 公钥（Server Params），并用证书对应的私钥连同双方随机数一起签名，证明这个公钥确实来自证书的持有者。"},
    StepInfo{"server_key_exchange_signature", "Signature check", "签名校验",
             "The client verifies the ServerKeyExchange signature with the public key from the certificate. Without this check an attacker could swap in its own key.",
             "客户端用证书中的公钥验证 ServerKeyExchange 的签名。如果不做这一步，攻击者就能把自己的公钥换进来。"},
    StepInfo{"server_hello_done", "ServerHelloDone", "ServerHelloDone（服务器问候结束）",
             "The server has said everything for this flight and waits for the client.",
             "服务器这一轮要说的话已经说完，等待客户端回应。"},
    StepInfo{"client_key_exchange", "ClientKeyExchange", "ClientKeyExchange（客户端密钥交换）",
             "The client sends its own fresh ECDHE public key (the Client Params). Only public keys ever cross the network.",
             "客户端发送自己新生成的 ECDHE 公钥（Client Params）。在网络上传输的始终只有公钥。"},
    StepInfo{"pre_master_secret", "Pre-Master Secret", "预主密钥",
             "Each side combines its own private key with the other side's public key (ECDHE) and gets the same shared secret. An eavesdropper sees both public keys but cannot compute it.",
             "双方各自用自己的私钥和对方的公钥做 ECDHE 运算，得到同一个共享秘密。窃听者虽然看到了两个公钥，却算不出它。"},
    StepInfo{"master_secret", "Master Secret", "主密钥",
             "Both sides feed the Pre-Master Secret and the handshake so far (or the two randoms) into the TLS PRF to get the 48-byte Master Secret.",
             "双方把预主密钥与到目前为止的握手内容（或双方随机数）输入 TLS PRF，得到 48 字节的主密钥。"},
    StepInfo{"key_block", "Key block", "密钥块",
             "The Master Secret and both randoms are expanded by the PRF into the keys and IVs each direction encrypts with.",
             "主密钥与双方随机数经 PRF 扩展，得到两个方向各自加密所用的密钥和 IV。"},
    StepInfo{"traffic_keys", "Traffic keys", "通信密钥",
             "The key block is cut into the client write key and IV and the server write key and IV.",
             "密钥块被切分成客户端写密钥与 IV、服务器写密钥与 IV。"},
    StepInfo{"change_cipher_spec", "ChangeCipherSpec", "ChangeCipherSpec（切换密码规格）",
             "A one-byte message that says: from the next record on, everything I send is encrypted with the new keys.",
             "只有一个字节的消息，意思是：从下一条记录开始，我发送的一切都用新密钥加密。"},
    StepInfo{"finished", "Finished", "Finished（握手完成）",
             "The first encrypted message: a MAC over the whole handshake. If anyone altered a message, the two sides' Finished values differ and the connection stops.",
             "第一条加密消息：对整个握手过程计算的校验值。只要有人篡改过任何一条消息，双方的 Finished 就会不同，连接随即终止。"},
    StepInfo{"handshake_complete", "Handshake complete", "握手完成",
             "Both Finished messages checked out: the connection is authenticated and encrypted.",
             "双方的 Finished 都验证通过：连接已经认证并加密。"},
    StepInfo{"application_data", "Application data", "应用数据",
             "HTTP travels inside encrypted records; shown here decrypted, because the client holds the keys.",
             "HTTP 在加密记录中传输；这里显示的是解密后的内容，因为客户端持有密钥。"},
    StepInfo{"alert", "Alert", "警报",
             "An alert reports an error or the end of the connection (close_notify); a fatal alert ends it at once.",
             "警报用于报告错误或连接结束（close_notify）；致命警报会立即终止连接。"},
    StepInfo{"closed", "Closed", "连接关闭",
             "The connection is over.",
             "连接已经结束。"},
    StepInfo{"keylog", "Key log", "密钥日志",
             "A line in the NSS key-log format that lets Wireshark decrypt a capture of this connection.",
             "NSS 密钥日志格式的一行，Wireshark 可以用它解密这次连接的抓包。"},
    StepInfo{"error", "Error", "错误",
             "The connection failed; the code and sentence say why and at which step.",
             "连接失败；错误代码和说明指出了原因和发生在哪一步。"},
};

}  // namespace

std::span<const StepInfo> steps() { return kSteps; }

const StepInfo* find_step(std::string_view name) {
  for (const auto& s : kSteps)
    if (s.name == name) return &s;
  return nullptr;
}

}  // namespace tlsscope
