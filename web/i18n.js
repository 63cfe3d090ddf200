// Languages. Step titles and explanations come only from the engine's step table (steps() in
// tlsscope.js, engine/src/tables/steps.cpp): one source of truth for engine, CLI and page. This
// module holds just the page's own words (buttons, headings, status lines) in both languages.
//
// Markup contract, so a language switch can relabel everything already on the page:
//   data-i18n="key"        → textContent = the page string `key` (data-i18n-args: JSON array)
//   data-title-of="step"   → textContent = that step's title
//   data-explain-of="step" → textContent = that step's explanation
//   data-tip-of="step"     → title attribute = that step's explanation (hover)
import { h } from './dom.js';

const UI = {
  en: {
    'page-title': 'tlsscope — watch a real HTTPS connection',
    tagline: 'Type an https:// address and press Enter: a real TLS client, running in this page as WebAssembly, connects to the real server through the relay, and every step is shown as it happens.',
    address: 'Address',
    version: 'TLS version',
    'version.auto': 'auto (server chooses)',
    'version.1.2': 'TLS 1.2',
    'version.1.3': 'TLS 1.3',
    language: 'Language',
    connect: 'Connect',
    compare: 'Compare 1.2 ↔ 1.3',
    failed: 'The connection failed',
    response: 'HTTP response (decrypted)',
    steps: 'Steps',
    'compare.title': 'TLS 1.2 and TLS 1.3 side by side, against the same server',
    'compare.intro': 'The same address, connected twice: first with only TLS 1.2 offered, then with only TLS 1.3. Each message is shown in its flight (the messages one side sends before it must wait for the other); each message is marked clear or encrypted by the record that carried it; ◆ marks a secret or key as the client derives it. Times are milliseconds since the run began.',
    'loading': 'Loading the TLS engine…',
    'ready': 'Ready. Press Enter to connect.',
    'engine-failed': 'The TLS engine failed to load: {0}',
    'connecting': 'Connecting to {0}…',
    'connecting-version': 'Connecting to {0} with {1} only…',
    'done': 'Done: {0}, {1} — decrypted response {2} ms after Enter.',
    'failed-status': 'Failed: {0}',
    'compare-done': 'Compared: TLS 1.2 needed {0} round trips until the response, TLS 1.3 {1}.',
    'compare-failed': 'Compared, with a failure: TLS 1.2 {0}, TLS 1.3 {1}.',
    'no-response': 'The server sent no HTTP response.',
    'no-relay': 'No relay answers at this site, so this page cannot reach {0}: a browser cannot open a TCP connection by itself. Run tlsscope-server (scripts/demo) and open the page it serves, or connect to the in-browser server below.',
    flight: 'Flight {0}',
    'client-to-server': 'client → server',
    'server-to-client': 'server → client',
    'after-handshake': 'after the handshake',
    clear: 'clear',
    encrypted: 'encrypted',
    ignored: 'ignored (compatibility only)',
    'm.negotiated': 'negotiated',
    'm.flights': 'flights until the response',
    'm.round_trips': 'round trips until the response',
    'm.handshake_round_trips': 'round trips before the client may send its request',
    'm.tcp_ms': 'TCP connected at',
    'm.handshake_ms': 'handshake (ClientHello → complete)',
    'm.first_encrypted_ms': 'first encrypted record at',
    'm.response_ms': 'decrypted response at',
    'm.clear': 'handshake messages in clear',
    'm.encrypted': 'handshake messages encrypted',
    'm.secrets': 'secrets and keys derived',
    'm.error': 'failed',
    ms: '{0} ms',
    skip: 'Skip to the steps',
    'theme.dark': 'Dark',
    'theme.light': 'Light',
    'keys-hint': '← / → move between steps; Enter or a click selects one. Each step has its own link.',
    client: 'Client (this page)',
    relay: 'Relay',
    server: 'Server',
    setup: 'Before TLS: address, name lookup, TCP',
    'setup.inpage': 'Before TLS: the address (no name lookup, no TCP: the server is in this page)',
    'round-trip': 'round trip {0}',
    waited: ' · answered {0} ms after the client\u2019s flight',
    'relay-to-server': 'relay → server',
    'server-to-relay': 'server → relay',
    'on-client': 'in the client',
    'on-relay': 'at the relay',
    'at-ms': '{0} ms after Enter',
    tampered: 'tampered',
    'not-sent': 'ready, not sent yet',
    'tamper.done': 'Break it: one byte of this message was flipped (at offset {0}) after it arrived, before the client checked it.',
    bytes: 'Bytes',
    'n-bytes': '({0} bytes)',
    'more-bytes': '… and {0} more bytes, not drawn.',
    'message-bytes': 'The message, field by field',
    'record-bytes': 'The record, as it crossed the wire',
    'alert-bytes': 'The alert, field by field',
    'plaintext-bytes': 'The decrypted bytes',
    'carried-by': 'Record {0}:',
    check: 'Check',
    'secret.derivation': 'See it in the derivation below: its inputs, recompute it in this page, the openssl command',
    'defined-in': 'Defined in',
    passed: 'passed',
    'failed-check': 'failed',
    'chk.validity': 'dates: today is within its validity period',
    'chk.name': 'name: it covers the host you typed',
    'chk.is_ca': 'it is a certificate authority (allowed to sign others)',
    'chk.issuer_name': 'its issuer is the next certificate',
    'chk.signature': 'signature by its issuer verifies',
    'chk.trust_anchor': 'its issuer is a root this client trusts',
    'chk.key_usage': 'key usage: the certificate lets its key sign (keyUsage)',
    'chk.extended_key_usage': 'extended key usage: the certificate may identify a TLS server (extendedKeyUsage serverAuth, or no limit)',
    'cert.leaf': 'Server certificate',
    'cert.issuer': 'Intermediate authority',
    'cert.root': 'Root authority',
    'cert.issuer-name': 'Issued by',
    'cert.not_before': 'Valid from',
    'cert.not_after': 'Valid until',
    'cert.key': 'Public key',
    'cert.signature_algorithm': 'Signed with',
    'cert.dns_names': 'Names (SAN)',
    'cert.ip_addresses': 'IP addresses (SAN)',
    'cert.serial': 'Serial number',
    'chain.title': 'The certificate chain',
    'chain.trusted': 'Trusted: the chain ends at a root this client trusts:',
    'chain.rejected': 'Rejected:',
    'chain.validator': 'Decided by the validator, with {0} trusted roots:',
    'card.what': 'What went wrong',
    'card.where': 'At step:',
    'card.means': 'What it means',
    'card.browser': 'What a browser would show',
    'card.detail': 'Exactly:',
    'card.alert-sent': 'The client told the server with the alert',
    'k.url': 'Address', 'k.host': 'Host', 'k.port': 'Port', 'k.port_from_scheme': 'Port from the scheme (https → 443, http → 80)',
    'k.path': 'Path', 'k.addresses': 'Addresses', 'k.ms': 'Took (ms)', 'k.remote': 'Server address',
    'k.local': 'Relay\u2019s own address', 'k.by': 'Closed by', 'k.bytes_up': 'Bytes to the server',
    'k.bytes_down': 'Bytes from the server', 'k.anchors': 'Trusted roots', 'k.skipped': 'Roots skipped',
    'k.name': 'Name', 'k.value': 'Value', 'k.length': 'Length (bytes)', 'k.function': 'Computed by',
    'k.label': 'Label', 'k.inputs': 'From', 'k.line': 'Key log line', 'k.version': 'Version',
    'k.cipher_suite': 'Cipher suite', 'k.aead': 'Encryption', 'k.group': 'Key-exchange group',
    'k.alpn': 'Application protocol (ALPN)', 'k.extended_master_secret': 'Extended master secret (RFC 7627)',
    'k.hello_retry': 'HelloRetryRequest needed', 'k.level': 'Level', 'k.description': 'Description',
    'k.code': 'Code', 'k.clean': 'Closed cleanly (close_notify)', 'k.message': 'Message', 'k.detail': 'Detail',
    'k.at_step': 'Waiting for', 'k.alert_sent': 'Alert sent', 'k.status': 'Status', 'k.reason': 'Reason',
    'k.status_line': 'Status line', 'k.headers': 'Headers', 'k.text': 'Text', 'k.now': 'Checked at',
    'k.anchor': 'Trusted root', 'k.verdict': 'Verdict', 'k.validator': 'Validator', 'k.scheme': 'Signature scheme',
    'k.key': 'Key', 'k.certificate': 'Certificate', 'k.signed_over': 'Signed over', 'k.signed_data': 'Signed bytes',
    'k.hash': 'Hash', 'k.hash_value': 'Hash value', 'k.transcript_hash': 'Transcript hash',
    'k.expected': 'Expected', 'k.received': 'Received', 'k.client_random': 'Client Random',
    'k.server_random': 'Server Random', 'k.server_params': 'Server params', 'k.sequence': 'sequence',
    'k.target': 'Target', 'k.server_name': 'Server name asked for (SNI)', 'k.note': 'Note', 'k.before': 'Byte before', 'k.after': 'Byte after', 'k.offset': 'Offset', 'k.opcode': 'Opcode',
    mode: 'Mode',
    'mode.live': 'Live: run through',
    'mode.step': 'Step by step: Next sends each flight',
    'break.title': 'Break it',
    'break.intro': 'Change one thing and watch the client\u2019s real checks catch it.',
    'break.tamper': 'Flip one byte of',
    'break.none': 'nothing (a normal run)',
    'break.ske': 'the server\u2019s signature over its key share (ServerKeyExchange, TLS 1.2)',
    'break.cv': 'the server\u2019s signature over the handshake (CertificateVerify, TLS 1.3)',
    'break.cert': 'the signature inside the server\u2019s certificate',
    'break.fin': 'the server\u2019s Finished',
    'break.sni': 'Ask for this server name (SNI) instead of the address\u2019s host',
    pq: 'post-quantum key share (X25519MLKEM768)',
    'step.waiting': 'Step mode: the client has flight {0} ready and holds it until you press Next:',
    'step.giveup': 'A server does not wait forever: if you take too long, it may close the connection, and the page will show it.',
    'step.next': 'Next: send it →',
    'step-held': 'Waiting for you: flight {0} is ready (Next or →).',
    'step-sent': 'Sent. Waiting for the server…',
    'step-gave-up': 'While the client waited for you, the server gave up: {0}',
    'replay.load': 'Open a saved run (JSON transcript):',
    replayed: 'Replayed from a saved transcript: {0}, {1}.',
    'replay-bad': 'This file is not a transcript the page can read: {0}',
    'export.title': 'Take this run with you',
    'export.json': 'Download the transcript (JSON)',
    'export.keylog': 'Download the key log (SSLKEYLOGFILE)',
    'export.pcap': 'Download a capture (pcapng, opens in Wireshark)',
    'export.hint': 'The capture holds the TCP byte streams with made-up IP and TCP headers; with the key log (built into the file) Wireshark decrypts it.',
    'relay.title': 'What the relay saw',
    'relay.intro': 'Every WebSocket frame between this page and the relay, next to the TLS records inside it. The relay forwards bytes it has no key for: it can read each record\u2019s 5-byte header (type, version, length, in bold), and after the handshake only ciphertext. What a record carried (right of the arrow) is known only to the client and the server.',
    'relay.totals': '{0} frames: {1} bytes from the page, {2} bytes to the page.',
    'relay.page-to-relay': 'page → relay',
    'relay.relay-to-page': 'relay → page',
    'relay.report': 'the relay\u2019s own report:',
    'relay.ciphertext': 'ciphertext',
    'relay.plaintext': 'readable',
    'inpage.offer': 'No relay answers for this page, so it cannot reach servers on the network. You can still watch a real TLS handshake with fresh keys: against a TLS server that runs inside this page (BearSSL compiled to WebAssembly).',
    'inpage.run': 'Connect to the in-browser server',
    'inpage.banner': 'This run talks to the in-browser server (BearSSL in WebAssembly, in this page), not to a server on the network: there was no DNS lookup and no TCP connection.',
    'variants.intro': 'Or connect to one of the demo origin\u2019s broken twins:',
    'variant.ok': '(should work)',
    'variant.expect': 'should fail with',
    running: 'running…',
    'inner-type': 'inner type:',
    'm.ccs': 'ChangeCipherSpec records (content type 20, not a handshake message)',
    'card.detail-raw': 'Exactly:',
    'chk.raw': '',
    'inpage.dns.title': 'No name lookup',
    'inpage.dns.explain': 'A network run starts by asking DNS for the host\u2019s IP addresses. This run did not: the server runs inside this page, so there was nothing to look up.',
    'inpage.tcp.title': 'No TCP connection',
    'inpage.tcp.explain': 'A network run opens a TCP connection (SYN, SYN-ACK, ACK) before the first TLS byte. This run did not: the client\u2019s bytes are handed to the in-browser server inside this page, in order and complete, which is what TCP would have guaranteed.',
    'inpage.closed.title': 'The in-browser server is done',
    'inpage.closed.explain': 'The in-browser server has nothing more to send; no TCP connection was open, so none was closed.',
  },
  zh: {
    'page-title': 'tlsscope —— 观看一次真实的 HTTPS 连接',
    tagline: '输入一个 https:// 地址并按回车：在本页面中以 WebAssembly 运行的真实 TLS 客户端，通过中继连接到真实服务器，每一步发生时都会显示出来。',
    address: '地址',
    version: 'TLS 版本',
    'version.auto': '自动（由服务器选择）',
    'version.1.2': 'TLS 1.2',
    'version.1.3': 'TLS 1.3',
    language: '语言',
    connect: '连接',
    compare: '对比 1.2 ↔ 1.3',
    failed: '连接失败',
    response: 'HTTP 响应（已解密）',
    steps: '步骤',
    'compare.title': 'TLS 1.2 与 TLS 1.3 并排对比（同一台服务器）',
    'compare.intro': '同一个地址连接两次：第一次只提供 TLS 1.2，第二次只提供 TLS 1.3。每条消息显示在它所属的“一轮消息”（一方在必须等待对方之前连续发送的消息）中；每条消息按承载它的记录标为明文或加密；◆ 表示客户端派生出的一个秘密值或密钥。时间为从开始运行起的毫秒数。',
    'loading': '正在加载 TLS 引擎…',
    'ready': '准备就绪。按回车连接。',
    'engine-failed': 'TLS 引擎加载失败：{0}',
    'connecting': '正在连接 {0}…',
    'connecting-version': '正在只用 {1} 连接 {0}…',
    'done': '完成：{0}，{1} —— 按下回车后 {2} 毫秒得到解密的响应。',
    'failed-status': '失败：{0}',
    'compare-done': '对比完成：TLS 1.2 需要 {0} 个往返才得到响应，TLS 1.3 需要 {1} 个。',
    'compare-failed': '对比完成，但有失败：TLS 1.2 {0}，TLS 1.3 {1}。',
    'no-response': '服务器没有发送 HTTP 响应。',
    'no-relay': '这个网站上没有中继应答，所以本页面无法连接到 {0}：浏览器自己不能建立 TCP 连接。请运行 tlsscope-server（scripts/demo）并打开它提供的页面，或者连接下面的浏览器内服务器。',
    flight: '第 {0} 轮消息',
    'client-to-server': '客户端 → 服务器',
    'server-to-client': '服务器 → 客户端',
    'after-handshake': '握手之后',
    clear: '明文',
    encrypted: '加密',
    ignored: '被忽略（仅为兼容）',
    'm.negotiated': '协商结果',
    'm.flights': '得到响应前的消息轮数',
    'm.round_trips': '得到响应前的往返次数',
    'm.handshake_round_trips': '客户端可以发送请求前的往返次数',
    'm.tcp_ms': 'TCP 连接建立于',
    'm.handshake_ms': '握手耗时（ClientHello → 完成）',
    'm.first_encrypted_ms': '第一条加密记录出现于',
    'm.response_ms': '解密后的响应出现于',
    'm.clear': '明文传输的握手消息',
    'm.encrypted': '加密传输的握手消息',
    'm.secrets': '派生的秘密值和密钥',
    'm.error': '失败',
    ms: '{0} 毫秒',
    skip: '跳到步骤',
    'theme.dark': '深色',
    'theme.light': '浅色',
    'keys-hint': '← / → 在步骤之间移动；回车或点击选中一步。每一步都有自己的链接。',
    client: '客户端（本页面）',
    relay: '中继',
    server: '服务器',
    setup: 'TLS 之前：地址、域名解析、TCP',
    'setup.inpage': 'TLS 之前：只有地址（没有域名解析，也没有 TCP：服务器就在本页面里）',
    'round-trip': '第 {0} 次往返',
    waited: ' · 客户端发出后 {0} 毫秒得到回应',
    'relay-to-server': '中继 → 服务器',
    'server-to-relay': '服务器 → 中继',
    'on-client': '在客户端内部',
    'on-relay': '在中继',
    'at-ms': '按下回车后 {0} 毫秒',
    tampered: '已篡改',
    'not-sent': '已备好，尚未发送',
    'tamper.done': '动手破坏：这条消息到达后、客户端校验之前，其中一个字节（偏移 {0}）被翻转了。',
    bytes: '字节',
    'n-bytes': '（{0} 字节）',
    'more-bytes': '……还有 {0} 字节未画出。',
    'message-bytes': '消息，逐个字段',
    'record-bytes': '记录，即线路上传输的原样',
    'alert-bytes': '警报，逐个字段',
    'plaintext-bytes': '解密后的字节',
    'carried-by': '记录 {0}：',
    check: '校验',
    'secret.derivation': '在下方的推导图中查看：它的输入、在本页面重新计算、对应的 openssl 命令',
    'defined-in': '定义见',
    passed: '通过',
    'failed-check': '未通过',
    'chk.validity': '日期：今天在它的有效期之内',
    'chk.name': '名称：它包含你输入的主机名',
    'chk.is_ca': '它是证书颁发机构（可以为别的证书签名）',
    'chk.issuer_name': '它的签发者就是下一张证书',
    'chk.signature': '签发者的签名验证通过',
    'chk.trust_anchor': '它的签发者是本客户端信任的根证书',
    'chk.key_usage': '密钥用途：证书允许它的密钥用于签名（keyUsage）',
    'chk.extended_key_usage': '扩展密钥用途：证书可以用来证明 TLS 服务器的身份（extendedKeyUsage 含 serverAuth，或没有限制）',
    'cert.leaf': '服务器证书',
    'cert.issuer': '中间证书颁发机构',
    'cert.root': '根证书颁发机构',
    'cert.issuer-name': '签发者',
    'cert.not_before': '生效时间',
    'cert.not_after': '失效时间',
    'cert.key': '公钥',
    'cert.signature_algorithm': '签名算法',
    'cert.dns_names': '名称（SAN）',
    'cert.ip_addresses': 'IP 地址（SAN）',
    'cert.serial': '序列号',
    'chain.title': '证书链',
    'chain.trusted': '可信：证书链终止于本客户端信任的根证书：',
    'chain.rejected': '被拒绝：',
    'chain.validator': '由验证器判定，信任的根证书共 {0} 个：',
    'card.what': '出了什么问题',
    'card.where': '出错的步骤：',
    'card.means': '这意味着什么',
    'card.browser': '浏览器会显示什么',
    'card.detail': '具体情况：',
    'card.alert-sent': '客户端用这个警报通知了服务器：',
    'k.url': '地址', 'k.host': '主机', 'k.port': '端口', 'k.port_from_scheme': '端口由协议决定（https → 443，http → 80）',
    'k.path': '路径', 'k.addresses': 'IP 地址', 'k.ms': '耗时（毫秒）', 'k.remote': '服务器地址',
    'k.local': '中继自己的地址', 'k.by': '关闭方', 'k.bytes_up': '发往服务器的字节',
    'k.bytes_down': '来自服务器的字节', 'k.anchors': '信任的根证书', 'k.skipped': '跳过的根证书',
    'k.name': '名称', 'k.value': '值', 'k.length': '长度（字节）', 'k.function': '计算方法',
    'k.label': '标签', 'k.inputs': '输入', 'k.line': '密钥日志行', 'k.version': '版本',
    'k.cipher_suite': '密码套件', 'k.aead': '加密算法', 'k.group': '密钥交换组',
    'k.alpn': '应用层协议（ALPN）', 'k.extended_master_secret': '扩展主密钥（RFC 7627）',
    'k.hello_retry': '是否需要 HelloRetryRequest', 'k.level': '级别', 'k.description': '描述',
    'k.code': '代码', 'k.clean': '是否正常关闭（close_notify）', 'k.message': '消息', 'k.detail': '详情',
    'k.at_step': '当时在等待', 'k.alert_sent': '发出的警报', 'k.status': '状态码', 'k.reason': '原因',
    'k.status_line': '状态行', 'k.headers': '头部', 'k.text': '文本', 'k.now': '校验时间',
    'k.anchor': '信任的根证书', 'k.verdict': '结论', 'k.validator': '验证器', 'k.scheme': '签名方案',
    'k.key': '密钥', 'k.certificate': '证书', 'k.signed_over': '签名覆盖的内容', 'k.signed_data': '被签名的字节',
    'k.hash': '哈希算法', 'k.hash_value': '哈希值', 'k.transcript_hash': '转录哈希',
    'k.expected': '预期值', 'k.received': '收到的值', 'k.client_random': 'Client Random',
    'k.server_random': 'Server Random', 'k.server_params': '服务器参数', 'k.sequence': '序号',
    'k.target': '目标', 'k.server_name': '请求的服务器名称（SNI）', 'k.note': '说明', 'k.before': '原来的字节', 'k.after': '翻转后的字节', 'k.offset': '偏移', 'k.opcode': '操作码',
    mode: '模式',
    'mode.live': '实时：一口气跑完',
    'mode.step': '单步：按“下一步”才发送每一轮消息',
    'break.title': '动手破坏',
    'break.intro': '改动一处，看客户端真实的校验如何发现它。',
    'break.tamper': '翻转其中一个字节：',
    'break.none': '不改动（正常运行）',
    'break.ske': '服务器对其密钥交换参数的签名（ServerKeyExchange，TLS 1.2）',
    'break.cv': '服务器对握手内容的签名（CertificateVerify，TLS 1.3）',
    'break.cert': '服务器证书里的签名',
    'break.fin': '服务器的 Finished',
    'break.sni': '请求这个服务器名称（SNI），而不是地址里的主机名',
    pq: '抗量子密钥共享（X25519MLKEM768）',
    'step.waiting': '单步模式：客户端已备好第 {0} 轮消息，在你按“下一步”之前不会发送：',
    'step.giveup': '服务器不会一直等：如果你停留太久，它可能会关闭连接，页面会显示出来。',
    'step.next': '下一步：发送 →',
    'step-held': '等你操作：第 {0} 轮消息已就绪（按“下一步”或 →）。',
    'step-sent': '已发送，正在等待服务器…',
    'step-gave-up': '客户端等你的时候，服务器放弃了：{0}',
    'replay.load': '打开保存的运行记录（JSON 记录）：',
    replayed: '从保存的记录回放：{0}，{1}。',
    'replay-bad': '这个文件不是本页面能读取的记录：{0}',
    'export.title': '把这次运行带走',
    'export.json': '下载完整记录（JSON）',
    'export.keylog': '下载密钥日志（SSLKEYLOGFILE）',
    'export.pcap': '下载抓包文件（pcapng，可用 Wireshark 打开）',
    'export.hint': '抓包文件包含 TCP 字节流，IP 和 TCP 头部是合成的；借助密钥日志（已内嵌在文件中），Wireshark 可以解密它。',
    'relay.title': '中继看到了什么',
    'relay.intro': '本页面与中继之间的每一个 WebSocket 帧，以及帧里装着的 TLS 记录。中继转发的是它没有密钥的字节：它能读到每条记录 5 字节的头部（类型、版本、长度，粗体部分），握手之后就只剩密文。记录里装的是什么（箭头右边）只有客户端和服务器知道。',
    'relay.totals': '共 {0} 帧：来自页面 {1} 字节，发往页面 {2} 字节。',
    'relay.page-to-relay': '页面 → 中继',
    'relay.relay-to-page': '中继 → 页面',
    'relay.report': '中继自己的报告：',
    'relay.ciphertext': '密文',
    'relay.plaintext': '可读',
    'inpage.offer': '本页面连不上中继，因此无法访问网络上的服务器。你仍然可以观看一次真实的、使用新鲜密钥的 TLS 握手：对象是运行在本页面里的 TLS 服务器（BearSSL 编译成 WebAssembly）。',
    'inpage.run': '连接浏览器内的服务器',
    'inpage.banner': '这次运行连接的是浏览器内的服务器（本页面中的 WebAssembly 版 BearSSL），不是网络上的服务器：没有 DNS 查询，也没有 TCP 连接。',
    'variants.intro': '或者连接演示源站的某个“坏掉的双胞胎”：',
    'variant.ok': '（应当成功）',
    'variant.expect': '应当失败，错误为',
    running: '运行中…',
    'inner-type': '内层类型：',
    'm.ccs': 'ChangeCipherSpec 记录（内容类型 20，不是握手消息）',
    'card.detail-raw': '引擎给出的原始信息（英文）：',
    'chk.raw': '原始信息（英文）：',
    'inpage.dns.title': '没有域名解析',
    'inpage.dns.explain': '连接网络上的服务器时，第一步是向 DNS 查询主机的 IP 地址。这次没有：服务器就运行在本页面里，没有什么需要查询。',
    'inpage.tcp.title': '没有 TCP 连接',
    'inpage.tcp.explain': '连接网络上的服务器时，在第一个 TLS 字节之前要先建立 TCP 连接（SYN、SYN-ACK、ACK）。这次没有：客户端的字节直接交给本页面里的服务器，按顺序、不丢失——这正是 TCP 本来要保证的。',
    'inpage.closed.title': '浏览器内的服务器结束了',
    'inpage.closed.explain': '浏览器内的服务器没有更多要发送的内容；本来就没有打开 TCP 连接，所以也没有关闭连接。',
  },
};

/** The page's own words, for tests/wasm/page_words.test.mjs. */
export const PAGE_WORDS = UI;
export const LANGS = ['en', 'zh'];
let lang = 'en';
let table = new Map();

/** The engine's step table: [{name, title_en, title_zh, explain_en, explain_zh}]. */
export function setStepTable(list) {
  table = new Map(list.map((s) => [s.name, s]));
  apply();
}

export const getLang = () => lang;

/** A page string in the current language, {0} {1} … replaced by args. */
export function t(key, ...args) {
  const s = UI[lang][key] ?? UI.en[key] ?? key;
  return s.replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ''));
}

export const stepTitle = (step) => table.get(step)?.[`title_${lang}`] ?? table.get(step)?.title_en ?? step;
export const stepExplain = (step) => table.get(step)?.[`explain_${lang}`] ?? table.get(step)?.explain_en ?? '';
export const hasStep = (step) => table.has(step);

/** A secret event's `function` in the page's language (the engine gives `function_zh`). */
export const functionText = (e) => (lang === 'zh' && e.function_zh ? e.function_zh : e.function ?? '');

/** Switches the language and relabels everything on the page that follows the markup contract. */
export function setLang(next) {
  if (!LANGS.includes(next)) throw new Error(`unknown language ${next}: use ${LANGS.join(' or ')}`);
  lang = next;
  const root = document.documentElement;
  root.lang = next === 'zh' ? 'zh-CN' : 'en';
  root.dataset.lang = next;
  document.title = t('page-title');
  apply();
}

export function apply(scope = document) {
  const all = (sel) => [...(scope.matches?.(sel) ? [scope] : []), ...scope.querySelectorAll(sel)];
  for (const el of all('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n, ...(el.dataset.i18nArgs ? JSON.parse(el.dataset.i18nArgs) : []));
  }
  for (const el of all('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  if (!table.size) return;
  for (const el of all('[data-title-of]')) el.textContent = stepTitle(el.dataset.titleOf);
  for (const el of all('[data-explain-of]')) el.textContent = stepExplain(el.dataset.explainOf);
  for (const el of all('[data-tip-of]')) el.title = stepExplain(el.dataset.tipOf);
}

/** A Chinese text from the engine with the names it holds marked as names (<code translate=no>):
 *  what it quotes (“O=…, CN=…”) and distinguished names written out (O=tlsscope demo, CN=…). */
const NAMES = /\u201c[^\u201d]*\u201d|\b(?:CN|OU|O|C|L|ST|DC)=[^,;\uff1b\uff0c\u3002]*(?:, (?:CN|OU|O|C|L|ST|DC)=[^,;\uff1b\uff0c\u3002]*)*/g;
export function withNames(text) {
  const out = [];
  let at = 0;
  for (const m of text.matchAll(NAMES)) {
    out.push(text.slice(at, m.index));
    const quoted = m[0].startsWith('\u201c');
    const name = h('code', { translate: 'no' }, quoted ? m[0].slice(1, -1) : m[0]);
    out.push(...(quoted ? ['\u201c', name, '\u201d'] : [name]));
    at = m.index + m[0].length;
  }
  out.push(text.slice(at));
  return out;
}

/** A step's title that follows language switches. */
export const titleOf = (step, tag = 'span', cls = 'title') =>
  h(tag, { class: cls, 'data-title-of': step }, stepTitle(step));
/** A step's explanation that follows language switches. */
export const explainOf = (step, tag = 'p', cls = 'explain') =>
  h(tag, { class: cls, 'data-explain-of': step }, stepExplain(step));
