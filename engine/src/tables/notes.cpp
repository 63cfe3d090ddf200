// The notes table: every learner-facing sentence of the engine's events, English and 中文
// (notes.hpp says how placeholders work). Checked against RFC 5246, 5288, 7627, 7905, 8422 and
// 8446; terms from docs/glossary.md (tests/wasm/glossary.test.mjs rejects retired ones).
#include "tables/notes.hpp"

#include <array>

namespace tlsscope {
namespace {

using N = NoteId;

struct NoteText {
  NoteId id;
  std::string_view en;
  std::string_view zh;
};

constexpr std::array kNotes = {
    NoteText{N::hs_msg_type, "handshake message type {0}", "握手消息类型 {0}"},
    NoteText{N::hs_length, "length of the message body", "消息体的长度"},
    NoteText{N::hs_length_empty, "0: this message has no body; its arrival is all it says",
             "0：这条消息没有消息体，它的到来本身就是全部含义"},

    NoteText{N::ch_version, "the highest TLS version the client offers: {0} ({1})",
             "客户端提供的最高 TLS 版本：{0}（{1}）"},
    NoteText{N::ch_version_legacy,
             "legacy_version, frozen at TLS 1.2 ({0}) so that old servers and middleboxes are not confused; the versions really offered are listed in supported_versions (RFC 8446 §4.1.2, §4.2.1)",
             "legacy_version：固定为 TLS 1.2（{0}），免得旧服务器和中间设备出错；真正提供的版本列在 supported_versions 扩展里（RFC 8446 §4.1.2、§4.2.1）"},
    NoteText{N::ch_random,
             "Client Random: 32 fresh bytes from the client; they go into this connection's key derivation, so its keys are new even with the same server",
             "Client Random：客户端新生成的 32 字节；它们参与这次连接的密钥派生，所以即使连接同一台服务器，密钥也是新的"},
    NoteText{N::ch_session_id_compat,
             "32 random bytes TLS 1.3 does not use: sent only so that middleboxes which expect TLS 1.2 see a familiar shape (RFC 8446 §D.4)",
             "TLS 1.3 并不使用的 32 个随机字节：发送它只是为了让期待 TLS 1.2 的中间设备看到熟悉的样子（RFC 8446 §D.4）"},
    NoteText{N::ch_session_id_empty, "empty: a new session, not a resumption",
             "空：这是新会话，不是会话恢复"},
    NoteText{N::ch_cipher_suites, "the cipher suites the client offers, in order of preference",
             "客户端提供的密码套件，按偏好排序"},
    NoteText{N::ch_compression,
             "null only: no compression (compressing secret data together with data an attacker chooses leaks it: CRIME)",
             "只有 null：不压缩（把机密数据和攻击者可控的数据一起压缩会泄露机密：CRIME 攻击）"},

    NoteText{N::sh_version, "the version the server chose: {0} ({1})", "服务器选定的版本：{0}（{1}）"},
    NoteText{N::sh_version_legacy,
             "legacy_version, frozen at TLS 1.2 ({0}); the version the server chose is in supported_versions, which alone decides in TLS 1.3 (RFC 8446 §4.1.3, §4.2.1)",
             "legacy_version：固定为 TLS 1.2（{0}）；服务器选定的版本在 supported_versions 扩展里，TLS 1.3 只看这个扩展（RFC 8446 §4.1.3、§4.2.1）"},
    NoteText{N::sh_random,
             "Server Random: 32 fresh bytes from the server; they go into this connection's key derivation",
             "Server Random：服务器新生成的 32 字节；它们参与这次连接的密钥派生"},
    NoteText{N::sh_random_downgrade,
             "Server Random; its last 8 bytes spell DOWNGRD 01: a server that also speaks TLS 1.3 marks that it agreed to TLS 1.2 (RFC 8446 §4.1.3). A client that offered TLS 1.3 must stop here; one that offered only TLS 1.2 goes on",
             "Server Random；最后 8 个字节是 DOWNGRD 01：同时支持 TLS 1.3 的服务器用它标明自己同意了 TLS 1.2（RFC 8446 §4.1.3）。提供了 TLS 1.3 的客户端必须就此停止；只提供 TLS 1.2 的客户端则继续"},
    NoteText{N::hrr_random,
             "not random: the fixed value SHA-256(\"HelloRetryRequest\"), which marks this ServerHello as a HelloRetryRequest (RFC 8446 §4.1.3)",
             "不是随机数：固定值 SHA-256(\"HelloRetryRequest\")，它表明这条 ServerHello 其实是 HelloRetryRequest（RFC 8446 §4.1.3）"},
    NoteText{N::sh_session_id, "an identifier the server may use to resume this session later",
             "服务器日后可用来恢复这个会话的标识"},
    NoteText{N::sh_session_id_empty, "empty: the server will not resume this session by its ID",
             "空：服务器不会凭会话 ID 恢复这个会话"},
    NoteText{N::sh_session_id_echo,
             "legacy_session_id_echo: a copy of the client's session_id, nothing more; TLS 1.3 resumes with tickets, not with this (RFC 8446 §4.1.3)",
             "legacy_session_id_echo：只是客户端 session_id 的原样回显；TLS 1.3 用票据恢复会话，不用它（RFC 8446 §4.1.3）"},
    NoteText{N::sh_suite12,
             "{0} ({1}), chosen from the client's list. Its parts: ECDHE key agreement (a fresh key pair on each side, the shared secret itself never sent); {2} signature to authenticate the server (it signs the ECDHE public key, it encrypts nothing); {3} AEAD protects the records (encryption and integrity in one, so no separate HMAC); {4} for the PRF and the handshake hash",
             "{0}（{1}），从客户端的列表中选出。拆开来看：ECDHE 密钥协商（双方各自新生成密钥对，共享秘密值本身从不在网络上传输）；{2} 签名用来认证服务器（它只给 ECDHE 公钥签名，不加密任何东西）；{3} AEAD 保护记录（加密和完整性校验合为一体，所以没有单独的 HMAC）；{4} 用于 PRF 和握手哈希"},
    NoteText{N::sh_suite13,
             "{0} ({1}), chosen from the client's list. A TLS 1.3 suite names only two parts: {2} AEAD protects the records, {3} for HKDF and the transcript hash. The key exchange (key_share) and the signature (signature_algorithms, CertificateVerify) are negotiated apart (RFC 8446 §4.1.3, §B.4)",
             "{0}（{1}），从客户端的列表中选出。TLS 1.3 的密码套件只包含两部分：{2} AEAD 保护记录，{3} 用于 HKDF 和转录哈希。密钥交换（key_share）和签名（signature_algorithms、CertificateVerify）另行协商（RFC 8446 §4.1.3、§B.4）"},
    NoteText{N::sh_compression, "null: no compression", "null：不压缩"},

    NoteText{N::ext_block, "optional features, each a type and a body",
             "可选功能，每个扩展由类型和内容组成"},
    NoteText{N::ext_host_name, "the name the client wants (SNI)", "客户端要访问的主机名（SNI）"},
    NoteText{N::ext_versions_offered,
             "the TLS versions the client really offers, best first; in TLS 1.3 this list, not legacy_version, counts (RFC 8446 §4.2.1)",
             "客户端真正提供的 TLS 版本，最好的在前；TLS 1.3 看的是这个列表，而不是 legacy_version（RFC 8446 §4.2.1）"},
    NoteText{N::ext_selected_version,
             "{0} ({1}): the version the server chose; in TLS 1.3 this extension, not legacy_version, decides (RFC 8446 §4.2.1)",
             "{0}（{1}）：服务器选定的版本；TLS 1.3 由这个扩展决定，而不是 legacy_version（RFC 8446 §4.2.1）"},
    NoteText{N::ext_key_exchange, "an ephemeral public key on that group",
             "该命名组上的临时公钥"},
    NoteText{N::ext_key_exchange_hybrid,
             "X25519MLKEM768: two key shares in one, the ML-KEM-768 part first, then X25519 (draft-ietf-tls-ecdhe-mlkem)",
             "X25519MLKEM768：两个密钥共享合在一起，先是 ML-KEM-768 部分，后是 X25519（draft-ietf-tls-ecdhe-mlkem）"},
    NoteText{N::ext_mlkem_encapsulation_key,
             "ML-KEM-768 encapsulation key, 1184 bytes: the public half of a fresh ML-KEM key pair; the server encapsulates a secret to it",
             "ML-KEM-768 封装密钥，1184 字节：新生成的 ML-KEM 密钥对中公开的一半；服务器用它封装一个秘密值"},
    NoteText{N::ext_mlkem_ciphertext,
             "ML-KEM-768 ciphertext, 1088 bytes: a fresh secret the server encapsulated to the client's encapsulation key; only the client's decapsulation key opens it",
             "ML-KEM-768 密文，1088 字节：服务器用客户端的封装密钥封装的一个新秘密值；只有客户端的解封装密钥能打开它"},
    NoteText{N::ext_x25519_client, "the client's ephemeral X25519 public key, 32 bytes",
             "客户端的临时 X25519 公钥，32 字节"},
    NoteText{N::ext_x25519_server, "the server's ephemeral X25519 public key, 32 bytes",
             "服务器的临时 X25519 公钥，32 字节"},
    NoteText{N::ext_selected_group,
             "the group the server wants a key share on; the client must send a new ClientHello with one",
             "服务器希望使用的命名组；客户端必须在新的 ClientHello 里附上该组的密钥共享"},
    NoteText{N::ext_cookie, "state the server asked the client to send back",
             "服务器要求客户端原样送回的状态数据"},
    NoteText{N::ext_renegotiated_connection, "empty on a first handshake (RFC 5746 §3.4)",
             "首次握手时为空（RFC 5746 §3.4）"},
    NoteText{N::ext_ems_offered,
             "asks that a TLS 1.2 master secret be derived from the session hash, a hash of the handshake up to and including ClientKeyExchange (RFC 7627)",
             "请求 TLS 1.2 的主密钥由会话哈希派生，即到 ClientKeyExchange 为止（包括它）的握手哈希（RFC 7627）"},
    NoteText{N::ext_ems_accepted,
             "accepted: the master secret will be derived from the session hash, binding it to this whole handshake (RFC 7627)",
             "已接受：主密钥将由会话哈希派生，从而与这次完整的握手绑定（RFC 7627）"},

    NoteText{N::cert_list, "the certificate chain: the server's own certificate first, then its issuers",
             "证书链：先是服务器自己的证书，然后是签发它的各级证书"},
    NoteText{N::cert_entry, "issued by {0}; {1}", "签发者 {0}；{1}"},
    NoteText{N::cert_entry_extensions, "per-certificate extensions (e.g. OCSP status)",
             "每张证书自己的扩展（例如 OCSP 状态）"},
    NoteText{N::cert_context_empty, "empty: this chain answers no request",
             "空：这条证书链不是在回应某个请求"},
    NoteText{N::cert_client_none12, "no client certificate: an empty list (RFC 5246 §7.4.6)",
             "没有客户端证书：发送空列表（RFC 5246 §7.4.6）"},
    NoteText{N::cert_client_none13, "no client certificate: an empty list (RFC 8446 §4.4.2)",
             "没有客户端证书：发送空列表（RFC 8446 §4.4.2）"},
    NoteText{N::cr_types, "kinds of client certificate the server accepts",
             "服务器接受的客户端证书类型"},
    NoteText{N::cr_authorities, "names of the CAs whose client certificates it accepts",
             "服务器接受其所签发客户端证书的 CA 名称"},
    NoteText{N::cr_summary, "the server asks for a client certificate; tlsscope sends none",
             "服务器要求客户端证书；tlsscope 不发送"},
    NoteText{N::cv_signature,
             "the server's signature, with the certificate's private key, over the transcript hash of the handshake so far",
             "服务器用证书对应的私钥，对到目前为止握手的转录哈希所做的签名"},

    NoteText{N::ske_params, "ECDHE parameters: the curve and the server's fresh public key",
             "ECDHE 参数：曲线和服务器新生成的公钥"},
    NoteText{N::ske_public_key, "the server's ephemeral public key on {0}, made for this connection only",
             "服务器在 {0} 上的临时公钥，只为这次连接生成"},
    NoteText{N::ske_signature,
             "signed with the certificate's private key over client_random + server_random + server_params",
             "用证书对应的私钥，对 client_random + server_random + server_params 所做的签名"},
    NoteText{N::cke_public_key,
             "the client's ephemeral public key on the server's chosen curve. Nothing here proves who the client is: the client stays anonymous unless the server asks for a client certificate",
             "客户端在服务器所选曲线上的临时公钥。这里没有任何东西证明客户端是谁：除非服务器要求客户端证书，客户端始终是匿名的"},

    NoteText{N::fin_verify_data12,
             "verify_data = PRF(master_secret, \"{0}\", {1}(all handshake messages so far)), first 12 bytes (RFC 5246 §7.4.9)",
             "verify_data = PRF(master_secret, \"{0}\", {1}(到目前为止的全部握手消息))，取前 12 字节（RFC 5246 §7.4.9）"},
    NoteText{N::fin_verify_data13,
             "verify_data = HMAC of the transcript hash, with a key derived from the {0} handshake traffic secret (RFC 8446 §4.4.4)",
             "verify_data = 对转录哈希计算的 HMAC，其密钥由{0}握手流量秘密值派生（RFC 8446 §4.4.4）"},

    NoteText{N::ccs_client,
             "the whole ChangeCipherSpec message: one byte, 1. It is its own content type (20), not a handshake message; from now on the client's records are encrypted",
             "完整的 ChangeCipherSpec 消息：一个字节，值为 1。它有自己的内容类型（20），不是握手消息；从现在起，客户端发出的记录都是加密的"},
    NoteText{N::ccs_server,
             "the whole ChangeCipherSpec message: one byte, 1. It is its own content type (20), not a handshake message; from now on the server's records are encrypted",
             "完整的 ChangeCipherSpec 消息：一个字节，值为 1。它有自己的内容类型（20），不是握手消息；从现在起，服务器发来的记录都是加密的"},
    NoteText{N::ccs13_in, "TLS 1.3 middlebox compatibility only: ignored",
             "仅为兼容 TLS 1.3 的中间设备：忽略"},
    NoteText{N::ccs13_in_summary, "ignored: TLS 1.3 switches keys without it",
             "忽略：TLS 1.3 切换密钥不需要它"},
    NoteText{N::ccs13_out, "TLS 1.3 middlebox compatibility only", "仅为兼容 TLS 1.3 的中间设备"},
    NoteText{N::ccs13_out_summary, "sent only so middleboxes see a familiar TLS 1.2 shape",
             "发送它只是为了让中间设备看到熟悉的 TLS 1.2 样子"},

    NoteText{N::nst_lifetime, "seconds the ticket may be used", "票据可以使用的秒数"},
    NoteText{N::nst_ticket, "opaque to the client; tlsscope does not resume, so it is not kept",
             "对客户端不透明；tlsscope 不做会话恢复，所以不保存它"},
    NoteText{N::hello_request_ignored, "ignored: the handshake is already under way",
             "忽略：握手已经在进行中"},

    NoteText{N::rec_content_type,
             "{0} ({1}): which of TLS's four sub-protocols the payload belongs to — 20 change_cipher_spec, 21 alert, 22 handshake, 23 application_data",
             "{0}（{1}）：负载属于 TLS 四个子协议中的哪一个——20 change_cipher_spec、21 alert、22 handshake、23 application_data"},
    NoteText{N::rec_content_type13,
             "always application_data (23) on the outside of a TLS 1.3 encrypted record; the real type, {0}, is inside the ciphertext (RFC 8446 §5.2)",
             "TLS 1.3 加密记录的外层类型总是 application_data（23）；真正的类型 {0} 在密文里面（RFC 8446 §5.2）"},
    NoteText{N::rec_version,
             "{0} ({1}): the record header's version. TLS 1.3 freezes it at 0x0303 (a first ClientHello may say 0x0301) and ignores it; the hellos decide the version (RFC 8446 §5.1)",
             "{0}（{1}）：记录头中的版本。TLS 1.3 把它固定为 0x0303（第一个 ClientHello 可以是 0x0301）并忽略它；版本由问候消息决定（RFC 8446 §5.1）"},
    NoteText{N::rec_version12, "{0} ({1}): the version this connection uses",
             "{0}（{1}）：这次连接使用的版本"},
    NoteText{N::rec_version13,
             "legacy_record_version, frozen at {1} ({0}) in TLS 1.3 and ignored (RFC 8446 §5.1)",
             "legacy_record_version：在 TLS 1.3 中固定为 {1}（{0}），且被忽略（RFC 8446 §5.1）"},
    NoteText{N::rec_length, "payload length in bytes", "负载长度（字节）"},
    NoteText{N::rec_fragment, "plaintext payload", "明文负载"},
    NoteText{N::rec_explicit_nonce,
             "the explicit 8 bytes of the AES-GCM nonce, sent in each record; nonce = the 4-byte salt {0} from {1} + these 8 bytes = {2} (RFC 5288 §3)",
             "AES-GCM nonce 中显式的 8 个字节，每条记录都带着；nonce = 来自 {1} 的 4 字节盐值 {0} + 这 8 个字节 = {2}（RFC 5288 §3）"},
    NoteText{N::rec_ciphertext_gcm12, "ciphertext, {0} with the nonce above",
             "密文，用上面的 nonce 以 {0} 加密"},
    NoteText{N::rec_ciphertext13,
             "ciphertext of the content and its real type, {0}; nonce = {1} {2} XOR sequence number {3} = {4} (RFC 8446 §5.3)",
             "内容及其真实类型的密文，{0} 加密；nonce = {1} {2} 与序列号 {3} 异或 = {4}（RFC 8446 §5.3）"},
    NoteText{N::rec_ciphertext_chacha12,
             "ciphertext, {0}; nonce = {1} {2} XOR sequence number {3} = {4} (RFC 7905 §2)",
             "密文，{0} 加密；nonce = {1} {2} 与序列号 {3} 异或 = {4}（RFC 7905 §2）"},
    NoteText{N::rec_ciphertext_failed, "ciphertext that failed authentication",
             "未通过认证的密文"},
    NoteText{N::rec_auth_tag,
             "AEAD authentication tag: changing any byte of the record or its header makes decryption fail",
             "AEAD 认证标签：记录或其头部的任何一个字节被改动，解密都会失败"},

    NoteText{N::alert_level, "warning (1) or fatal (2); a fatal alert ends the connection",
             "警告（1）或致命（2）；致命警报会结束连接"},
    NoteText{N::closed_without_notify, "the server closed TCP without close_notify",
             "服务器没有发送 close_notify 就关闭了 TCP 连接"},

    NoteText{N::ms_extended,
             "this run used the extended master secret (both sides sent extended_master_secret): master_secret = PRF(pre_master_secret, \"extended master secret\", session_hash), where session_hash = {0}(ClientHello … ClientKeyExchange) (RFC 7627 §4). The pre-master secret is the ECDHE output, not a third random",
             "这次连接使用了扩展主密钥（双方都发送了 extended_master_secret）：master_secret = PRF(pre_master_secret, \"extended master secret\", session_hash)，其中 session_hash = {0}(ClientHello … ClientKeyExchange)（RFC 7627 §4）。预主密钥是 ECDHE 的输出，不是第三个随机数"},
    NoteText{N::ms_classic,
             "this run used the original formula (the server did not accept extended_master_secret): master_secret = PRF(pre_master_secret, \"master secret\", ClientHello.random + ServerHello.random) (RFC 5246 §8.1). The pre-master secret is the ECDHE output, not a third random",
             "这次连接使用的是原始公式（服务器没有接受 extended_master_secret）：master_secret = PRF(pre_master_secret, \"master secret\", ClientHello.random + ServerHello.random)（RFC 5246 §8.1）。预主密钥是 ECDHE 的输出，不是第三个随机数"},
    NoteText{N::nonce_gcm12,
             "for AES-GCM in TLS 1.2 this IV is 4 bytes: the salt of every nonce, never sent: nonce = salt (4 bytes) + explicit nonce (8 bytes, sent in each record) (RFC 5288 §3)",
             "TLS 1.2 的 AES-GCM 中这个 IV 只有 4 个字节：它是每个 nonce 的盐值，从不发送：nonce = 盐值（4 字节）+ 显式 nonce（8 字节，每条记录都带着）（RFC 5288 §3）"},
    NoteText{N::nonce_iv_xor12,
             "the 12-byte IV; each record's nonce = this IV XOR the record's sequence number (left-padded to 12 bytes), so nothing of the nonce is sent (RFC 7905 §2)",
             "12 字节的 IV；每条记录的 nonce = 这个 IV 与该记录的序列号（左侧补零到 12 字节）异或，所以 nonce 完全不用发送（RFC 7905 §2）"},
    NoteText{N::nonce_iv_xor13,
             "the 12-byte IV; each record's nonce = this IV XOR the record's sequence number (left-padded to 12 bytes), so nothing of the nonce is sent (RFC 8446 §5.3)",
             "12 字节的 IV；每条记录的 nonce = 这个 IV 与该记录的序列号（左侧补零到 12 字节）异或，所以 nonce 完全不用发送（RFC 8446 §5.3）"},

    NoteText{N::chk_validity, "valid from {0} to {1}; now is {2}", "有效期从 {0} 到 {1}；现在是 {2}"},
    NoteText{N::chk_name_ok, "{0} matches {1}", "{0} 与 {1} 匹配"},
    NoteText{N::chk_name_bad, "{0} is not among the names this certificate covers",
             "{0} 不在这张证书涵盖的名字之中"},
    NoteText{N::chk_is_ca, "basicConstraints says this is a CA",
             "basicConstraints 表明这是一个 CA"},
    NoteText{N::chk_not_ca, "basicConstraints does not allow it to sign certificates",
             "basicConstraints 不允许它签发证书"},
    NoteText{N::chk_issuer_name, "issuer \"{0}\" vs next subject \"{1}\"",
             "签发者“{0}”对比下一张证书的主体“{1}”"},
    NoteText{N::chk_signature, "{0} by {1} of \"{2}\"", "{0}，由“{2}”的 {1} 签名"},
    NoteText{N::chk_signature_root, "{0} by the root's {1}", "{0}，由根证书的 {1} 签名"},
    NoteText{N::chk_anchor_ok, "issuer \"{0}\" is a trusted root", "签发者“{0}”是受信任的根证书"},
    NoteText{N::chk_anchor_bad, "issuer \"{0}\" is not among the {1} trusted roots",
             "签发者“{0}”不在 {1} 个受信任的根证书之中"},
    NoteText{N::chk_key_usage_ok,
             "keyUsage (or its absence) allows this key to sign, as TLS needs: it signs the ECDHE key (TLS 1.2) or the handshake (TLS 1.3)",
             "keyUsage（或没有这个扩展）允许这个密钥用于签名，这正是 TLS 所需要的：它给 ECDHE 公钥（TLS 1.2）或握手（TLS 1.3）签名"},
    NoteText{N::chk_key_usage_bad,
             "keyUsage does not allow this key to sign, and TLS needs it to sign the ECDHE key (TLS 1.2) or the handshake (TLS 1.3)",
             "keyUsage 不允许这个密钥用于签名，而 TLS 需要用它给 ECDHE 公钥（TLS 1.2）或握手（TLS 1.3）签名"},
    NoteText{N::chk_extended_key_usage_absent,
             "no extendedKeyUsage: the certificate does not limit what its key is for, so it may identify a TLS server (browsers accept this too)",
             "没有 extendedKeyUsage：证书没有限制它的密钥用于什么，所以可以用来证明 TLS 服务器的身份（浏览器也接受这种情况）"},
    NoteText{N::chk_extended_key_usage_ok,
             "extendedKeyUsage lists {0}, so this certificate may identify a TLS server (which needs serverAuth or anyExtendedKeyUsage)",
             "extendedKeyUsage 列出了 {0}，所以这张证书可以用来证明 TLS 服务器的身份（这需要 serverAuth 或 anyExtendedKeyUsage）"},
    NoteText{N::chk_extended_key_usage_bad,
             "extendedKeyUsage lists only {0}: serverAuth is missing, so this certificate may not identify a TLS server",
             "extendedKeyUsage 只列出了 {0}：缺少 serverAuth，所以这张证书不能用来证明 TLS 服务器的身份"},
    NoteText{N::path_reordered,
             "The server did not send its certificates in the order leaf, its issuer, that issuer's issuer. The client put the path together itself, as browsers do and as RFC 8446 §4.4.2 asks of every TLS client: the order changes nothing that the signatures prove.",
             "服务器发送证书的顺序不是“叶证书、它的签发者、签发者的签发者”。客户端像浏览器一样自己把证书路径拼接起来，RFC 8446 §4.4.2 也要求每个 TLS 客户端这样做：顺序不会改变签名所证明的任何内容。"},
    NoteText{N::path_unused_duplicate,
             "A second copy of a certificate already on the path: it adds nothing and is ignored.",
             "与路径上某张证书完全相同的副本：它没有带来任何新内容，因此被忽略。"},
    NoteText{N::path_unused_trusted_root,
             "A root the client already trusts. Sending it is allowed but changes nothing: trust comes from the client's own copy, never from the one a server sends (RFC 8446 §4.4.2 lets the server leave it out).",
             "客户端本来就信任的根证书。服务器可以发送它，但这不改变任何结果：信任来自客户端自己保存的那一份，而不是服务器发来的这一份（RFC 8446 §4.4.2 允许服务器省略它）。"},
    NoteText{N::path_unused_not_on_path,
             "It issued no certificate on the path from the leaf to a trusted root: an extra certificate, often left over from an old configuration or belonging to another chain. Browsers ignore such certificates, since only the signatures along the path count, and RFC 8446 §4.4.2 asks clients to be prepared for them.",
             "它没有签发从叶证书到受信任根证书的路径上的任何一张证书：这是一张多余的证书，常常是旧配置的遗留，或属于另一条证书链。浏览器会忽略这样的证书，因为只有路径上的签名才算数；RFC 8446 §4.4.2 也要求客户端对此有所准备。"},

    NoteText{N::err_expired, "\"{0}\" expired on {1}", "“{0}”已于 {1} 过期"},
    NoteText{N::err_not_yet_valid, "\"{0}\" is valid only from {1}", "“{0}”要到 {1} 才生效"},
    NoteText{N::err_name, "{0} is not among the names the certificate covers ({1})",
             "{0} 不在证书涵盖的名字（{1}）之中"},
    NoteText{N::err_weak_key, "the key of \"{0}\" is {1}; at least {2} bits are required",
             "“{0}”的密钥是 {1}；至少需要 {2} 位"},
    NoteText{N::err_self_signed, "\"{0}\" signed itself", "“{0}”是自己给自己签名的"},
    NoteText{N::err_untrusted, "no trusted root issued \"{0}\"", "没有受信任的根证书签发“{0}”"},
    NoteText{N::err_sha1, "\"{0}\" is signed with {1}", "“{0}”的签名算法是 {1}"},
    NoteText{N::err_no_certificate, "the server sent no certificate", "服务器没有发送证书"},
    NoteText{N::err_extended_key_usage,
             "\"{0}\" is for {1} only: its extendedKeyUsage lacks serverAuth, so it may not identify a TLS server (RFC 5280 §4.2.1.12)",
             "“{0}”只能用于 {1}：它的 extendedKeyUsage 中没有 serverAuth，所以不能用来证明 TLS 服务器的身份（RFC 5280 §4.2.1.12）"},
    NoteText{N::err_bad_ske_signature,
             "the ServerKeyExchange signature ({0}) does not verify with the certificate's key",
             "ServerKeyExchange 的签名（{0}）无法用证书中的公钥验证"},
    NoteText{N::err_bad_cv_signature,
             "the CertificateVerify signature ({0}) does not verify with the certificate's key",
             "CertificateVerify 的签名（{0}）无法用证书中的公钥验证"},
    NoteText{N::err_bad_finished, "the server's verify_data is {0}, expected {1}",
             "服务器的 verify_data 是 {0}，应为 {1}"},
    NoteText{N::err_fatal_alert, "the server sent the fatal alert {0}",
             "服务器发送了致命警报 {0}"},
    NoteText{N::err_downgrade,
             "the server random ends in DOWNGRD: a TLS 1.3 server was made to speak TLS 1.2",
             "Server Random 以 DOWNGRD 结尾：一台支持 TLS 1.3 的服务器被迫使用了 TLS 1.2"},
    NoteText{N::err_closed_during_handshake, "the TCP connection ended while expecting {0}",
             "在等待 {0} 时 TCP 连接就结束了"},
    NoteText{N::err_truncated, "the TCP connection ended in the middle of a record",
             "TCP 连接在一条记录的中途就结束了"},
    NoteText{N::err_no_share_for_group,
             "the server's key share is for {0}, for which the client sent no key share",
             "服务器的密钥共享属于 {0}，而客户端没有为这个命名组发送密钥共享"},
    NoteText{N::err_share_invalid, "the server's {0} key share is not a valid public key",
             "服务器的 {0} 密钥共享不是合法的公钥"},
    NoteText{N::err_hybrid_share_length,
             "the server's X25519MLKEM768 key share is {0} bytes; it must be 1120 (an ML-KEM-768 ciphertext of 1088 and an X25519 public key of 32)",
             "服务器的 X25519MLKEM768 密钥共享有 {0} 字节；它必须是 1120 字节（1088 字节的 ML-KEM-768 密文加 32 字节的 X25519 公钥）"},
    NoteText{N::err_hybrid_x25519_zero,
             "the X25519 half of the server's X25519MLKEM768 key share is a low-order point: the X25519 shared secret would be all zeros",
             "服务器 X25519MLKEM768 密钥共享中的 X25519 部分是一个低阶点：X25519 共享秘密值会是全零"},
};

static_assert(kNotes.size() == static_cast<std::size_t>(NoteId::count_),
              "every NoteId has exactly one entry in kNotes");

const NoteText& note_text(NoteId id) {
  for (const auto& n : kNotes)
    if (n.id == id) return n;
  return kNotes.front();  // unreachable: tests/engine/tables_notes_test.cpp covers every id
}

std::string fill_values(std::string_view text, std::initializer_list<std::string_view> args) {
  std::string out;
  out.reserve(text.size() + 64);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 2 < text.size() && text[i + 2] == '}' && text[i + 1] >= '0' &&
        text[i + 1] <= '9') {
      auto k = static_cast<std::size_t>(text[i + 1] - '0');
      if (k < args.size()) out += *(args.begin() + k);
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

// The few English words the engine's secret functions are built from.
struct Phrase {
  std::string_view en, zh;
};
constexpr std::array kFunctionPhrases = {
    Phrase{"slice of the key block", "密钥块中的一段"},
    Phrase{"concatenation: ML-KEM-768 shared secret || X25519 shared secret",
           "拼接：ML-KEM-768 共享秘密值 || X25519 共享秘密值"},
    Phrase{"ML-KEM-768 decapsulation", "ML-KEM-768 解封装"},
    Phrase{" with ", "，使用 "},
    Phrase{" over ", "，基于 "},
};

}  // namespace

std::string secret_function_zh(std::string_view function) {
  std::string out(function);
  for (const auto& p : kFunctionPhrases)
    for (auto at = out.find(p.en); at != std::string::npos; at = out.find(p.en, at + p.zh.size()))
      out.replace(at, p.en.size(), p.zh);
  return out;
}

Note note(NoteId id, std::initializer_list<std::string_view> args) {
  const NoteText& n = note_text(id);
  return {fill_values(n.en, args), fill_values(n.zh, args)};
}

Note note(NoteId id, std::initializer_list<std::string_view> args_en,
          std::initializer_list<std::string_view> args_zh) {
  const NoteText& n = note_text(id);
  return {fill_values(n.en, args_en), fill_values(n.zh, args_zh)};
}

std::string_view note_template_en(NoteId id) { return note_text(id).en; }
std::string_view note_template_zh(NoteId id) { return note_text(id).zh; }

}  // namespace tlsscope
