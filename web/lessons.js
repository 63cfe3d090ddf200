// Failures as lessons: for every error code the engine (engine/src/tables/errors.cpp) and the
// relay (docs/relay-protocol.md, relay/relay_error.cpp) can report, a failure card's words in
// English and Chinese:
//   title   — the card's heading;
//   what    — what went wrong, in plain words (the step it happened at comes from the event);
//   means   — what it means: is someone attacking, is the server misconfigured, is it us;
//   browser — what a real browser would show for the same failure (Chrome's and Firefox's
//             error page and code), so the learner recognises it next time.
// tests/wasm/lessons.test.mjs checks that every code of both tables has all fields in both
// languages; docs/review.md records who checked the words against which RFC section.

// The error pages browsers share between many codes, named once.
const PAGE = {
  protocol: {
    en: 'Chrome: "This site can\'t provide a secure connection" (ERR_SSL_PROTOCOL_ERROR). Firefox: "Secure Connection Failed".',
    zh: 'Chrome：“此网站无法提供安全连接”（ERR_SSL_PROTOCOL_ERROR）。Firefox：“建立安全连接失败”。',
  },
  privacy: {
    en: 'Chrome: "Your connection is not private"',
    zh: 'Chrome：“您的连接不是私密连接”',
  },
  risk: {
    en: 'Firefox: "Warning: Potential Security Risk Ahead"',
    zh: 'Firefox：“警告：面临潜在的安全风险”',
  },
  unreachable: {
    en: 'Chrome: "This site can\'t be reached"',
    zh: 'Chrome：“无法访问此网站”',
  },
  noPage: {
    en: 'A browser connects by itself, without a relay, so it has no page for this: only the tutorial\'s own plumbing failed.',
    zh: '浏览器自己直接连接，不经过中继，所以没有对应的错误页面：出问题的只是本教程自己的管道。',
  },
};

/** A lesson whose browser line is one of the shared pages, plus an optional tail. */
function withPage(page, lesson, tail = { en: '', zh: '' }) {
  return {
    en: { ...lesson.en, browser: PAGE[page].en + tail.en },
    zh: { ...lesson.zh, browser: PAGE[page].zh + tail.zh },
  };
}

/** A certificate lesson: Chrome's privacy page with its code, Firefox's risk page with its code. */
function certLesson(lesson, chrome, firefox) {
  return {
    en: { ...lesson.en, browser: `${PAGE.privacy.en} (${chrome}). ${PAGE.risk.en} (${firefox}).` },
    zh: { ...lesson.zh, browser: `${PAGE.privacy.zh}（${chrome}）。${PAGE.risk.zh}（${firefox}）。` },
  };
}

/** A malformed or misbehaving server: the protocol page, and what it means is always the same. */
function protocolLesson(en, zh) {
  return withPage('protocol', {
    en: { ...en, means: en.means ?? 'The server (or something between you and it) does not speak TLS correctly. The client must stop: guessing what a broken message meant is how security bugs start. Nothing secret has been sent yet.' },
    zh: { ...zh, means: zh.means ?? '服务器（或你与它之间的某个设备）没有正确地使用 TLS。客户端必须停下：去猜一条损坏的消息本来想表达什么，正是安全漏洞的开端。此时还没有发送任何秘密。' },
  });
}

export const LESSONS = {
  // ── Before TLS: the address, DNS, TCP ────────────────────────────────────────────────────
  BAD_URL: {
    en: {
      title: 'Not a valid address',
      what: 'The text typed is not an https:// URL with a host name, so there is nothing to connect to.',
      means: 'Nothing was sent anywhere. Check the spelling: it must start with https:// and contain a host, such as https://example.org/.',
      browser: 'Chrome treats it as a search and sends it to the search engine; Firefox says "The address isn\'t valid".',
    },
    zh: {
      title: '不是有效的地址',
      what: '输入的文字不是带主机名的 https:// 网址，因此无处可连。',
      means: '没有向任何地方发送数据。请检查拼写：它必须以 https:// 开头，并包含主机名，例如 https://example.org/。',
      browser: 'Chrome 会把它当作搜索词交给搜索引擎；Firefox 提示“该地址无效”。',
    },
  },
  DNS_FAILED: {
    en: {
      title: 'The name does not exist (DNS)',
      what: 'The DNS lookup of the host name returned no IP address, or no answer came in time.',
      means: 'Either the name is misspelled, the domain does not exist (any more), or the resolver is unreachable. TLS never started: there is no server to talk to.',
      browser: `${PAGE.unreachable.en} with ERR_NAME_NOT_RESOLVED (often shown as DNS_PROBE_FINISHED_NXDOMAIN). Firefox: "Hmm. We're having trouble finding that site."`,
    },
    zh: {
      title: '域名不存在（DNS）',
      what: '对主机名的 DNS 查询没有返回 IP 地址，或者没有及时得到应答。',
      means: '可能是域名拼错了、该域名（已经）不存在，或者 DNS 解析服务器无法访问。TLS 根本没有开始：没有可以对话的服务器。',
      browser: `${PAGE.unreachable.zh}，错误代码 ERR_NAME_NOT_RESOLVED（常显示为 DNS_PROBE_FINISHED_NXDOMAIN）。Firefox：“嗯……无法找到此网站。”`,
    },
  },
  CONNECT_REFUSED: {
    en: {
      title: 'Connection refused',
      what: 'The server\'s machine answered the TCP connection attempt with a reset: nothing listens on that port.',
      means: 'The machine exists but no web server runs on this port (wrong port, or the server is down). TLS never started.',
      browser: `${PAGE.unreachable.en}: "refused to connect" (ERR_CONNECTION_REFUSED). Firefox: "Unable to connect".`,
    },
    zh: {
      title: '连接被拒绝',
      what: '服务器所在的机器用 RST 回应了 TCP 连接请求：该端口上没有程序在监听。',
      means: '机器存在，但这个端口上没有运行 Web 服务器（端口写错了，或者服务器没有启动）。TLS 根本没有开始。',
      browser: `${PAGE.unreachable.zh}：“拒绝了我们的连接请求”（ERR_CONNECTION_REFUSED）。Firefox：“无法连接”。`,
    },
  },
  TIMEOUT: {
    en: {
      title: 'No answer in time',
      what: 'The server stopped answering: no byte arrived for too long, so the client gave up.',
      means: 'The server may be overloaded, a firewall may silently drop the packets, or, in step mode, the server lost patience while the tutorial waited for you: real servers do not wait forever in the middle of a handshake.',
      browser: `${PAGE.unreachable.en}: "took too long to respond" (ERR_CONNECTION_TIMED_OUT or ERR_TIMED_OUT). Firefox: "The connection has timed out".`,
    },
    zh: {
      title: '没有及时回应',
      what: '服务器不再回应：太久没有收到任何字节，客户端放弃了。',
      means: '服务器可能负载过高，防火墙可能在悄悄丢弃数据包；或者在单步模式下，教程等你操作时服务器失去了耐心：真实的服务器不会在握手中途无限等待。',
      browser: `${PAGE.unreachable.zh}：“响应时间过长”（ERR_CONNECTION_TIMED_OUT 或 ERR_TIMED_OUT）。Firefox：“连接超时”。`,
    },
  },
  CONNECTION_CLOSED: {
    en: {
      title: 'The server hung up',
      what: 'The TCP connection closed before the TLS handshake finished, without a TLS alert saying why.',
      means: 'The server gave up on the handshake: often it does not like something in the ClientHello (no common version or suite) and closes instead of sending an alert, or it is not a TLS server at all.',
      browser: `${PAGE.unreachable.en}: "unexpectedly closed the connection" (ERR_CONNECTION_CLOSED), or ERR_SSL_PROTOCOL_ERROR. Firefox: "Secure Connection Failed" (PR_END_OF_FILE_ERROR).`,
    },
    zh: {
      title: '服务器挂断了',
      what: 'TLS 握手完成之前，TCP 连接就关闭了，也没有 TLS 警报说明原因。',
      means: '服务器放弃了这次握手：常见的原因是它不接受 ClientHello 里的某些内容（没有共同的版本或密码套件），于是直接关闭而不发送警报；也可能它根本不是 TLS 服务器。',
      browser: `${PAGE.unreachable.zh}：“意外终止了连接”（ERR_CONNECTION_CLOSED），或 ERR_SSL_PROTOCOL_ERROR。Firefox：“建立安全连接失败”（PR_END_OF_FILE_ERROR）。`,
    },
  },

  // ── The record layer ─────────────────────────────────────────────────────────────────────
  BAD_RECORD_TYPE: protocolLesson(
    { title: 'Unknown record type', what: 'A record\'s first byte names a content type TLS does not have (only alert, handshake, change_cipher_spec and application_data exist).', means: 'What arrived is probably not TLS at all, for example a plain-HTTP server answering on this port, or the bytes were damaged.' },
    { title: '未知的记录类型', what: '一条记录的第一个字节表示的内容类型在 TLS 中并不存在（只有 alert、handshake、change_cipher_spec 和 application_data）。', means: '收到的很可能根本不是 TLS，例如在这个端口上回应的是普通 HTTP 服务器，或者字节在途中损坏了。' },
  ),
  BAD_RECORD_VERSION: protocolLesson(
    { title: 'Not a TLS record', what: 'A record header does not carry a TLS version number (bytes 2–3 should be 0x03 0x0X).', means: 'The server is probably not speaking TLS on this port (plain HTTP, SSH, …).' },
    { title: '不是 TLS 记录', what: '记录头里没有 TLS 版本号（第 2–3 个字节应为 0x03 0x0X）。', means: '服务器在这个端口上说的很可能不是 TLS（普通 HTTP、SSH 等）。' },
  ),
  RECORD_OVERFLOW: withPage('protocol', {
    en: { title: 'Record too long', what: 'A record claims to be longer than TLS allows (16 KiB of data plus the encryption overhead).', means: 'Usually not TLS at all: a plain-HTTP answer read as a TLS header gives an absurd length. Firefox famously calls this "record too long".' },
    zh: { title: '记录过长', what: '一条记录声称的长度超过了 TLS 允许的上限（16 KiB 数据加上加密开销）。', means: '通常收到的根本不是 TLS：把普通 HTTP 的回应当作 TLS 头部读，就会得到一个离谱的长度。Firefox 对此的著名提示就是“记录过长”。' },
  }, { en: ' Firefox\'s code: SSL_ERROR_RX_RECORD_TOO_LONG.', zh: 'Firefox 的错误代码：SSL_ERROR_RX_RECORD_TOO_LONG。' }),
  BAD_RECORD_MAC: withPage('protocol', {
    en: { title: 'An encrypted record was altered', what: 'An encrypted record failed its authentication tag: it was changed on the way, or the two sides do not have the same keys.', means: 'Encryption in TLS also proves integrity: a single flipped bit is detected and the connection is closed rather than handing over damaged or forged data.' },
    zh: { title: '加密记录被改动', what: '一条加密记录没有通过认证标签校验：它在途中被改动了，或者双方的密钥不一致。', means: 'TLS 的加密同时保证完整性：哪怕只翻转了一个比特也会被发现，连接随即关闭，而不会交出损坏或伪造的数据。' },
  }, { en: ' Firefox\'s code: SSL_ERROR_BAD_MAC_READ.', zh: 'Firefox 的错误代码：SSL_ERROR_BAD_MAC_READ。' }),

  TRUNCATED: protocolLesson(
    { title: 'Data cut short', what: 'After the handshake, the TCP connection ended in the middle of a TLS record, without close_notify.', means: 'A record that stops halfway cannot be checked or decrypted. Whatever arrived before it is intact, but the rest may be missing: an attacker who can cut the connection must not be able to make a shortened answer look complete.' },
    { title: '数据被截断', what: '握手完成之后，TCP 连接在一条 TLS 记录的中途断开了，也没有 close_notify。', means: '只到一半的记录无法校验，也无法解密。之前收到的数据是完整的，但后面的内容可能丢失了：能切断连接的攻击者不应该能让被截短的回应看起来是完整的。' },
  ),

  // ── Handshake messages ───────────────────────────────────────────────────────────────────
  DECODE_ERROR: protocolLesson(
    { title: 'Malformed message', what: 'A message from the server is malformed: a length field does not match the bytes that follow, or a field is missing.' },
    { title: '消息格式错误', what: '服务器发来的消息格式错误：某个长度字段与后面的字节对不上，或者缺少字段。' },
  ),
  UNEXPECTED_MESSAGE: protocolLesson(
    { title: 'Message out of order', what: 'The server sent a message that does not belong at this point of the handshake (the order of messages is fixed by the RFC).', means: 'Skipping or reordering messages is a classic attack (for example leaving out the key exchange); the client accepts only the exact order the protocol allows.' },
    { title: '消息顺序错误', what: '服务器在握手的这个阶段发来了不该出现的消息（消息的顺序由 RFC 规定）。', means: '跳过或调换消息是经典的攻击手法（例如省掉密钥交换）；客户端只接受协议允许的严格顺序。' },
  ),
  HANDSHAKE_TOO_LARGE: protocolLesson(
    { title: 'Handshake message too large', what: 'A handshake message from the server is larger than the client is willing to buffer.', means: 'Real certificate chains are a few kilobytes. A huge message is a misconfiguration or an attempt to exhaust the client\'s memory, so the client refuses it.' },
    { title: '握手消息过大', what: '服务器发来的握手消息大于客户端愿意缓存的上限。', means: '真实的证书链只有几 KB。巨大的消息要么是配置错误，要么是想耗尽客户端的内存，所以客户端拒绝接收。' },
  ),
  UNSUPPORTED_VERSION: withPage('protocol', {
    en: { title: 'Version not offered', what: 'The server chose a TLS version the client did not offer.', means: 'A server must choose from the client\'s list. Picking something else is a broken server, or an attempt to push the connection to an older, weaker version.' },
    zh: { title: '未提供的版本', what: '服务器选择了客户端没有提供的 TLS 版本。', means: '服务器只能从客户端的列表中选择。选了别的，要么是服务器有问题，要么是有人想把连接推向更旧、更弱的版本。' },
  }, { en: ' Chrome may also show ERR_SSL_VERSION_OR_CIPHER_MISMATCH; Firefox\'s code: SSL_ERROR_UNSUPPORTED_VERSION.', zh: 'Chrome 也可能显示 ERR_SSL_VERSION_OR_CIPHER_MISMATCH；Firefox 的错误代码：SSL_ERROR_UNSUPPORTED_VERSION。' }),
  UNOFFERED_CHOICE: protocolLesson(
    { title: 'Choice not offered', what: 'The server chose a cipher suite, TLS version, curve or option the client never offered.', means: 'The client offers only what it considers safe; a server that picks something else is broken, or someone changed the messages on the way (which Finished would reveal later).' },
    { title: '选择了未提供的选项', what: '服务器选择了客户端从未提供过的密码套件、TLS 版本、曲线或选项。', means: '客户端只提供它认为安全的选项；服务器选了别的，要么是服务器有问题，要么是有人在途中篡改了消息（稍后的 Finished 也会暴露这一点）。' },
  ),
  UNSOLICITED_EXTENSION: protocolLesson(
    { title: 'Extension not asked for', what: 'The server answered with an extension the client did not send.', means: 'A server may only answer extensions the client sent (RFC 5246 §7.4.1.4, RFC 8446 §4.2); anything else means the server is broken or the messages were altered.' },
    { title: '未请求的扩展', what: '服务器回复了一个客户端没有发送过的扩展。', means: '服务器只能回应客户端发送过的扩展（RFC 5246 §7.4.1.4，RFC 8446 §4.2）；否则说明服务器有问题，或者消息被篡改了。' },
  ),
  RENEGOTIATION_INFO_INVALID: protocolLesson(
    { title: 'Bad renegotiation_info', what: 'On a first handshake the server\'s renegotiation_info extension must be empty, and it is not.', means: 'RFC 5746 ties a renegotiation to the handshake before it, to stop an attacker from splicing its own data in front of yours. A non-empty value on a first handshake means the server believes it is renegotiating a connection the client never had: exactly that attack.' },
    { title: 'renegotiation_info 错误', what: '在首次握手中，服务器的 renegotiation_info 扩展必须为空，但它不是。', means: 'RFC 5746 把重新协商与之前的握手绑定，防止攻击者把自己的数据拼接在你的数据前面。首次握手中出现非空值，说明服务器以为自己在为一条客户端从未建立过的连接重新协商：这正是那种攻击。' },
  ),
  BAD_KEY_SHARE: protocolLesson(
    { title: 'Invalid key share', what: 'The server\'s key share is not valid for the chosen group: not a point on the curve, or the wrong length.', means: 'Computing with an invalid point can leak the client\'s private key (an invalid-curve attack), and an X25519 point of low order makes an all-zero secret, so the client checks every point first (RFC 8422 §5.11, RFC 8446 §4.2.8.2, §7.4.2); an X25519MLKEM768 share must be exactly an ML-KEM-768 ciphertext (1088 bytes) and an X25519 key (32). It refused this one.' },
    { title: '无效的密钥共享', what: '服务器的密钥共享对所选命名组无效：不是曲线上的合法点，或者长度不对。', means: '用非法点做运算可能泄露客户端的私钥（无效曲线攻击），低阶的 X25519 点会得到全零的秘密值，所以客户端会先检查每个点（RFC 8422 §5.11，RFC 8446 §4.2.8.2、§7.4.2）；X25519MLKEM768 的密钥共享必须正好是一个 ML-KEM-768 密文（1088 字节）加一个 X25519 公钥（32 字节）。客户端拒绝了这一个。' },
  ),
  VERSION_OR_CIPHER_MISMATCH: {
    en: {
      title: 'No common version or cipher suite',
      what: 'The server refused the handshake: it and the client have no TLS version or cipher suite in common.',
      means: 'Usually the server is old (only TLS 1.0/1.1 or weak suites that clients no longer offer), or it is configured for a single version the client did not offer. Nothing secret was exchanged.',
      browser: 'Chrome: "This site can\'t provide a secure connection … uses an unsupported protocol" (ERR_SSL_VERSION_OR_CIPHER_MISMATCH). Firefox: "Secure Connection Failed" (SSL_ERROR_NO_CYPHER_OVERLAP).',
    },
    zh: {
      title: '没有共同的版本或密码套件',
      what: '服务器拒绝了握手：它和客户端没有共同支持的 TLS 版本或密码套件。',
      means: '通常是服务器太旧（只支持 TLS 1.0/1.1，或客户端已不再提供的弱密码套件），或者它只配置了客户端没有提供的某一个版本。没有交换任何秘密。',
      browser: 'Chrome：“此网站无法提供安全连接……使用了不受支持的协议”（ERR_SSL_VERSION_OR_CIPHER_MISMATCH）。Firefox：“建立安全连接失败”（SSL_ERROR_NO_CYPHER_OVERLAP）。',
    },
  },
  DOWNGRADE_DETECTED: {
    en: {
      title: 'Downgrade detected',
      what: 'The server chose an older TLS version, but the last 8 bytes of its Server Random say it supports TLS 1.3.',
      means: 'A TLS 1.3 server that agrees to an older version marks its random (RFC 8446 §4.1.3) exactly so that a client can detect someone in the middle removing TLS 1.3 from the offer. The random is covered by the server\'s signature, so the mark cannot be erased.',
      browser: 'Chrome: "This site can\'t provide a secure connection" (ERR_TLS13_DOWNGRADE_DETECTED). Firefox: "Secure Connection Failed".',
    },
    zh: {
      title: '检测到降级',
      what: '服务器选择了较旧的 TLS 版本，但它的 Server Random 的最后 8 个字节表明它支持 TLS 1.3。',
      means: '支持 TLS 1.3 的服务器在同意使用旧版本时会在随机数里做标记（RFC 8446 §4.1.3），正是为了让客户端发现有人在中间把 TLS 1.3 从提议中删掉了。随机数受服务器签名保护，这个标记无法被抹去。',
      browser: 'Chrome：“此网站无法提供安全连接”（ERR_TLS13_DOWNGRADE_DETECTED）。Firefox：“建立安全连接失败”。',
    },
  },

  // ── The certificate ──────────────────────────────────────────────────────────────────────
  CERT_EXPIRED: certLesson({
    en: { title: 'Certificate expired', what: 'Today is after the server certificate\'s "not after" date (or that of a certificate in its chain).', means: 'Certificates are valid for a limited time, so a stolen key or outdated information cannot be used forever. Most often the operator forgot to renew it; it can also mean your computer\'s clock is wrong.' },
    zh: { title: '证书已过期', what: '今天晚于服务器证书（或证书链中某张证书）的“有效期截止”日期。', means: '证书只在有限时间内有效，这样被盗的私钥或过时的信息不能被永远使用。最常见的原因是运维人员忘了续期；也可能是你电脑的时钟不对。' },
  }, 'NET::ERR_CERT_DATE_INVALID', 'SEC_ERROR_EXPIRED_CERTIFICATE'),
  CERT_NOT_YET_VALID: certLesson({
    en: { title: 'Certificate not yet valid', what: 'Today is before the server certificate\'s "not before" date.', means: 'Either the certificate was just issued with a start date in the future, or, more often, your computer\'s clock is behind.' },
    zh: { title: '证书尚未生效', what: '今天早于服务器证书的“有效期起始”日期。', means: '要么证书刚签发且起始日期在未来，要么（更常见）是你电脑的时钟慢了。' },
  }, 'NET::ERR_CERT_DATE_INVALID', 'MOZILLA_PKIX_ERROR_NOT_YET_VALID_CERTIFICATE'),
  CERT_NAME_INVALID: certLesson({
    en: { title: 'Certificate for another name', what: 'The certificate is valid, but none of its names (subjectAltName) matches the host you typed.', means: 'A certificate vouches for names, not for machines. A valid certificate for another site proves nothing about this one: it could be an attacker\'s own genuine certificate. Often the server is simply misconfigured (for example serving example.com\'s certificate for www.example.com).' },
    zh: { title: '证书属于别的名字', what: '证书本身有效，但它的名字（subjectAltName）中没有一个与你输入的主机名匹配。', means: '证书担保的是名字，而不是机器。为别的网站签发的有效证书，对这个网站什么也证明不了：它可能是攻击者自己合法申请的证书。常见情况只是服务器配置错误（例如给 www.example.com 用了 example.com 的证书）。' },
  }, 'NET::ERR_CERT_COMMON_NAME_INVALID', 'SSL_ERROR_BAD_CERT_DOMAIN'),
  CERT_AUTHORITY_INVALID: certLesson({
    en: { title: 'Unknown certificate authority', what: 'The certificate chain does not lead to a root certificate authority the client trusts.', means: 'Anyone can make a certificate for any name; only a trusted authority\'s signature makes it believable. This is what an interception proxy\'s certificate looks like, though it is also common for internal servers with a private CA or a missing intermediate certificate.' },
    zh: { title: '未知的证书颁发机构', what: '证书链无法追溯到客户端信任的根证书颁发机构。', means: '任何人都能为任何名字制作证书；只有受信任机构的签名才让它可信。拦截代理的证书正是这个样子，不过内部服务器使用私有 CA 或缺少中间证书时也常出现这种情况。' },
  }, 'NET::ERR_CERT_AUTHORITY_INVALID', 'SEC_ERROR_UNKNOWN_ISSUER'),
  CERT_SELF_SIGNED: certLesson({
    en: { title: 'Self-signed certificate', what: 'The server\'s certificate is signed by its own key, not by an authority.', means: 'A self-signed certificate says "trust me because I say so": an attacker can make one just as easily. Fine for a test machine you control and have pinned, never as proof for a public site.' },
    zh: { title: '自签名证书', what: '服务器证书是用它自己的私钥签名的，而不是由证书颁发机构签名。', means: '自签名证书等于说“相信我，因为我这么说”：攻击者同样可以轻易做一张。用在你自己掌控并已固定信任的测试机上没问题，但绝不能作为公开网站的身份证明。' },
  }, 'NET::ERR_CERT_AUTHORITY_INVALID', 'MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT'),
  CERT_WEAK_KEY: certLesson({
    en: { title: 'Certificate key too weak', what: 'The server\'s certificate has an RSA key shorter than 2048 bits.', means: 'A short RSA key can be factored with enough computing power, and whoever factors it can sign as the server. Browsers and authorities stopped accepting such keys years ago; the certificate must be replaced.' },
    zh: { title: '证书密钥太弱', what: '服务器证书的 RSA 密钥短于 2048 位。', means: '较短的 RSA 密钥在算力足够时可以被分解，分解出私钥的人就能以服务器的名义签名。浏览器和证书颁发机构多年前就不再接受这样的密钥；必须更换证书。' },
  }, 'NET::ERR_CERT_WEAK_KEY', 'MOZILLA_PKIX_ERROR_INADEQUATE_KEY_SIZE'),
  CERT_WEAK_SIGNATURE: certLesson({
    en: { title: 'Certificate signed with SHA-1', what: 'A certificate in the chain is signed over a SHA-1 hash.', means: 'SHA-1 collisions can be made in practice: a forger can prepare two certificates with the same hash, have the harmless one signed, and the signature fits the forged one too. So a SHA-1 signature no longer proves anything.' },
    zh: { title: '证书使用 SHA-1 签名', what: '证书链中有一张证书的签名基于 SHA-1 哈希。', means: 'SHA-1 碰撞在实际中已经可以制造：伪造者可以准备两张哈希相同的证书，让机构为无害的那张签名，这个签名同样适用于伪造的那张。因此 SHA-1 签名已经证明不了任何东西。' },
  }, 'NET::ERR_CERT_WEAK_SIGNATURE_ALGORITHM', 'SEC_ERROR_CERT_SIGNATURE_ALGORITHM_DISABLED'),
  CERT_INVALID: certLesson({
    en: { title: 'Broken certificate chain', what: 'A certificate in the chain is malformed, uses an algorithm that is not accepted, has a signature that does not verify, or is not allowed to sign other certificates.', means: 'Every link must be a well-formed certificate correctly signed by an authority that may issue certificates (RFC 5280 path validation). A leaf certificate posing as an authority is a classic forgery.' },
    zh: { title: '证书链有问题', what: '证书链中的某张证书格式错误、使用了不被接受的算法、签名无法验证，或者无权签发其他证书。', means: '每一环都必须是格式正确、并由有权签发证书的机构正确签名的证书（RFC 5280 证书路径验证）。让一张叶证书冒充证书颁发机构，是经典的伪造手法。' },
  }, 'NET::ERR_CERT_INVALID', 'SEC_ERROR_BAD_SIGNATURE or SEC_ERROR_CA_CERT_INVALID'),

  // ── Proofs of possession and of an untouched handshake ───────────────────────────────────
  BAD_SIGNATURE: withPage('protocol', {
    en: { title: 'Signature does not verify', what: 'The server\'s signature over its key exchange (ServerKeyExchange in TLS 1.2, CertificateVerify in TLS 1.3) does not verify with the public key in its certificate.', means: 'The signature is the proof that whoever sent the key exchange holds the certificate\'s private key. Failing it means the key may have been swapped by a man in the middle: continuing would hand the keys to an impostor.' },
    zh: { title: '签名验证失败', what: '服务器对密钥交换的签名（TLS 1.2 的 ServerKeyExchange，TLS 1.3 的 CertificateVerify）无法用其证书中的公钥验证。', means: '这个签名证明了发送密钥交换的一方持有证书的私钥。验证失败说明公钥可能被中间人换掉了：继续下去就等于把密钥交给冒充者。' },
  }),
  BAD_FINISHED: withPage('protocol', {
    en: { title: 'Finished does not match', what: 'The server\'s Finished value differs from the one the client computed over the same handshake.', means: 'Finished is a check value computed from the secret the two sides just derived (TLS 1.2: the master secret; TLS 1.3: the handshake traffic secret) over a hash of every handshake message so far. A mismatch means the two sides did not see the same messages (someone altered, added or removed one) or did not derive the same secrets.' },
    zh: { title: 'Finished 不一致', what: '服务器的 Finished 值与客户端对同一握手计算出的值不同。', means: 'Finished 是用双方刚推导出的秘密（TLS 1.2 为主密钥，TLS 1.3 为握手流量秘密值）对此前全部握手消息的哈希计算出的校验值。不一致说明双方看到的消息不同（有人修改、添加或删除了消息），或者没有推导出相同的秘密。' },
  }, { en: ' Firefox\'s code: SSL_ERROR_BAD_HANDSHAKE_HASH_VALUE.', zh: 'Firefox 的错误代码：SSL_ERROR_BAD_HANDSHAKE_HASH_VALUE。' }),
  ALERT_RECEIVED: withPage('protocol', {
    en: { title: 'The server sent an alert', what: 'The server ended the handshake with a fatal alert; its description (for example handshake_failure or protocol_version) says what it objected to.', means: 'The server did not like something the client sent: a missing or unsupported option, a version it refuses, or it wanted a client certificate.' },
    zh: { title: '服务器发来警报', what: '服务器用致命警报结束了握手；警报的描述（例如 handshake_failure 或 protocol_version）说明了它反对什么。', means: '服务器不接受客户端发送的某些内容：缺少或不支持的选项、它拒绝的版本，或者它要求客户端证书。' },
  }, { en: ' Firefox names the alert, for example SSL_ERROR_HANDSHAKE_FAILURE_ALERT.', zh: 'Firefox 会给出警报的名字，例如 SSL_ERROR_HANDSHAKE_FAILURE_ALERT。' }),
  INTERNAL_ERROR: {
    en: {
      title: 'The client failed',
      what: 'Something went wrong inside tlsscope itself, not in the server or the network.',
      means: 'This is a bug in the tutorial: the detail line says where. Please report it with the exported transcript.',
      browser: 'A browser would show its own generic error page; this one is ours to fix.',
    },
    zh: {
      title: '客户端出错',
      what: 'tlsscope 自身内部出了问题，与服务器和网络无关。',
      means: '这是本教程的缺陷：详细信息一行指出了出错位置。请附上导出的记录报告它。',
      browser: '浏览器会显示它自己的通用错误页面；这个问题由我们来修复。',
    },
  },

  // ── The relay (only the tutorial has one) ───────────────────────────────────────────────
  TARGET_FORBIDDEN: {
    en: {
      title: 'Target not allowed',
      what: 'The relay refused to connect to this host or port: by default it connects only to port 443 of public internet addresses.',
      means: 'The relay runs on someone\'s server; without this rule, any web page could use it to reach machines on that server\'s private network or to attack other ports. Run tlsscope-server yourself (with --allow HOST:PORT) to reach private targets.',
      browser: 'A browser connects by itself and has no such rule for ordinary sites; the nearest is an administrator\'s block (Chrome: ERR_BLOCKED_BY_ADMINISTRATOR) or Chrome\'s protections that stop public pages from reaching private network addresses.',
    },
    zh: {
      title: '不允许的目标',
      what: '中继拒绝连接这个主机或端口：默认情况下，它只连接公网地址的 443 端口。',
      means: '中继运行在某人的服务器上；如果没有这条规则，任何网页都可以借它访问该服务器所在私有网络中的机器，或攻击其他端口。自己运行 tlsscope-server（加上 --allow HOST:PORT）即可访问私有目标。',
      browser: '浏览器自己直接连接，对普通网站没有这种规则；最接近的是管理员的封锁（Chrome：ERR_BLOCKED_BY_ADMINISTRATOR），或 Chrome 阻止公网页面访问私有网络地址的保护措施。',
    },
  },
  CONNECT_TIMEOUT: {
    en: {
      title: 'Connection timed out',
      what: 'The TCP connection attempt got no answer within the relay\'s time limit.',
      means: 'The host may be down, or a firewall silently drops the connection attempt instead of refusing it. TLS never started.',
      browser: `${PAGE.unreachable.en}: "took too long to respond" (ERR_CONNECTION_TIMED_OUT). Firefox: "The connection has timed out".`,
    },
    zh: {
      title: '连接超时',
      what: 'TCP 连接请求在中继的时限内没有得到回应。',
      means: '主机可能已关闭，或者防火墙悄悄丢弃了连接请求，而不是拒绝它。TLS 根本没有开始。',
      browser: `${PAGE.unreachable.zh}：“响应时间过长”（ERR_CONNECTION_TIMED_OUT）。Firefox：“连接超时”。`,
    },
  },
  CONNECT_FAILED: {
    en: {
      title: 'Could not connect',
      what: 'The TCP connection failed for another reason, for example the network or host is unreachable.',
      means: 'There is no route from the relay to the server (a network problem, or an IPv6 address on a machine without IPv6). TLS never started.',
      browser: `${PAGE.unreachable.en} (for example ERR_ADDRESS_UNREACHABLE). Firefox: "Unable to connect".`,
    },
    zh: {
      title: '无法连接',
      what: 'TCP 连接因其他原因失败，例如网络或主机不可达。',
      means: '从中继到服务器没有可用的路由（网络故障，或在没有 IPv6 的机器上连接 IPv6 地址）。TLS 根本没有开始。',
      browser: `${PAGE.unreachable.zh}（例如 ERR_ADDRESS_UNREACHABLE）。Firefox：“无法连接”。`,
    },
  },
  TARGET_ERROR: {
    en: {
      title: 'Connection reset',
      what: 'The established TCP connection to the server broke (for example the server reset it).',
      means: 'The server or something on the way aborted the connection. If it happened during the handshake, the server may have rejected the ClientHello without an alert.',
      browser: `${PAGE.unreachable.en}: "The connection was reset" (ERR_CONNECTION_RESET). Firefox: "The connection was reset".`,
    },
    zh: {
      title: '连接被重置',
      what: '与服务器之间已建立的 TCP 连接中断了（例如服务器重置了连接）。',
      means: '服务器或途中的某个设备中止了连接。如果发生在握手期间，可能是服务器没有发送警报就拒绝了 ClientHello。',
      browser: `${PAGE.unreachable.zh}：“连接已重置”（ERR_CONNECTION_RESET）。Firefox：“连接被重置”。`,
    },
  },
  IDLE_TIMEOUT: {
    en: {
      title: 'Idle for too long',
      what: 'No byte went either way for the relay\'s idle limit (60 s by default), so the relay closed the tunnel.',
      means: 'In step mode the tutorial waited for you while nothing moved. Servers behave the same way: an idle connection is eventually closed.',
      browser: 'Browsers close idle connections silently and open a new one when needed, so no page is shown.',
    },
    zh: {
      title: '空闲时间过长',
      what: '在中继的空闲时限内（默认 60 秒），两个方向都没有任何字节传输，于是中继关闭了隧道。',
      means: '在单步模式下，教程在等你操作，期间没有任何数据流动。服务器也会这样做：空闲的连接最终会被关闭。',
      browser: '浏览器会悄悄关闭空闲连接，需要时再新建一条，所以不会显示任何页面。',
    },
  },
  LIMIT_REACHED: {
    en: {
      title: 'Relay limit reached',
      what: 'The relay refused or ended the tunnel because a limit was reached: too many tunnels, too many bytes, or too long a lifetime.',
      means: 'A public relay shares its capacity between everyone. Wait a moment and try again, or run tlsscope-server yourself.',
      browser: 'A browser has no relay; the nearest is a server or proxy answering "429 Too Many Requests" or "503 Service Unavailable".',
    },
    zh: {
      title: '达到中继的限制',
      what: '中继因为达到某项限制而拒绝或结束了隧道：隧道太多、字节太多，或者持续时间太长。',
      means: '公共中继的容量由所有人共享。稍等片刻再试，或者自己运行 tlsscope-server。',
      browser: '浏览器没有中继；最接近的是服务器或代理回应状态码 429（请求过多）或 503（服务不可用）。',
    },
  },
  SHUTTING_DOWN: {
    en: {
      title: 'Relay is restarting',
      what: 'The relay server is shutting down and closed the tunnel (or refused a new one).',
      means: 'Nothing is wrong with the target site. Try again in a moment.',
      browser: 'A browser has no relay; the nearest is a site answering "503 Service Unavailable" during maintenance.',
    },
    zh: {
      title: '中继正在重启',
      what: '中继服务器正在关闭，于是关闭了隧道（或拒绝了新的隧道）。',
      means: '目标网站没有问题。稍后再试即可。',
      browser: '浏览器没有中继；最接近的是网站在维护期间回应“503 Service Unavailable”。',
    },
  },
  ORIGIN_FORBIDDEN: {
    en: { title: 'Page not allowed to use this relay', what: 'The relay refused a request from a page on another origin.', means: 'By default a relay serves only its own page, so other web sites cannot use it (and your network position) behind your back. Start the relay with --allowed-origin to allow another page.' },
    zh: { title: '该页面不允许使用此中继', what: '中继拒绝了来自其他源（origin）页面的请求。', means: '默认情况下，中继只为它自己的页面服务，这样其他网站就不能背着你利用它（以及你所在的网络位置）。启动中继时加上 --allowed-origin 即可允许其他页面。' },
  },
  BAD_REQUEST: {
    en: { title: 'Bad relay request', what: 'The relay did not understand the request: a missing or bad host or port, or an unknown control message.', means: 'The page and the relay disagree about the relay protocol (docs/relay-protocol.md), usually a version mismatch between them.' },
    zh: { title: '无效的中继请求', what: '中继无法理解这个请求：主机或端口缺失或无效，或者是未知的控制消息。', means: '页面和中继对中继协议（docs/relay-protocol.md）的理解不一致，通常是二者版本不匹配。' },
  },
  MESSAGE_TOO_BIG: {
    en: { title: 'Message too big for the relay', what: 'The page sent a single WebSocket message larger than the relay accepts.', means: 'A limit that protects the relay\'s memory; TLS records are at most about 16 KiB, so the page should never hit it.' },
    zh: { title: '消息超出中继上限', what: '页面发送的单条 WebSocket 消息超过了中继接受的上限。', means: '这个限制用来保护中继的内存；TLS 记录最多约 16 KiB，页面本不应触及它。' },
  },
  INTERNAL: {
    en: { title: 'Relay failed', what: 'Something went wrong inside the relay server.', means: 'This is a bug in the relay, not in the target site; its log has the details.' },
    zh: { title: '中继出错', what: '中继服务器内部出了问题。', means: '这是中继的缺陷，与目标网站无关；中继的日志里有详细信息。' },
  },
};

// The relay's own bookkeeping failures have no browser page; add that line once.
for (const code of ['ORIGIN_FORBIDDEN', 'BAD_REQUEST', 'MESSAGE_TOO_BIG', 'INTERNAL']) {
  LESSONS[code].en.browser = PAGE.noPage.en;
  LESSONS[code].zh.browser = PAGE.noPage.zh;
}

export const LESSON_FIELDS = ['title', 'what', 'means', 'browser'];

/**
 * The lesson for `code` in `lang` ('en' | 'zh'); an unknown code gets a lesson built from the
 * error event's own sentence, so a new code still gets a card.
 */
export function lessonFor(code, lang = 'en', fallbackMessage = '') {
  return LESSONS[code]?.[lang] ?? { title: code, what: fallbackMessage, means: '', browser: '' };
}
