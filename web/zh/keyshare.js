// The words of web/keyshare.js in 中文, under the same keys as its English table (WORDS).
export default {
  title: '这次运行的密钥交换',
  hybrid: ['这次运行使用了 ', '：ML-KEM-768 和 X25519 一起使用，只要其中之一没被攻破，秘密值就是安全的（ServerHello 之后的步骤分别展示了每一部分）。'],
  fallback: ['客户端首先提供了 ', '，旁边还附上了一个 X25519 密钥共享。服务器没有选它，而是选了 ', '：要么它的 TLS 库没有 ML-KEM（OpenSSL 3.5 之前的版本都没有，例如 Debian 12 的 3.0：缺少 Node.js 26 时演示源站就退回用它），要么它更偏好这个命名组。于是使用了客户端已经发出的 X25519 密钥共享，不需要额外的往返；这次握手对将来的量子计算机没有防护。'],
  retry: ['客户端首先提供了 ', '；它发出的密钥共享服务器都不接受，于是服务器用 HelloRetryRequest 要求使用 ', '，多花了一次往返。'],
  off: ['这次运行没有提供 ', '：抗量子密钥共享已关闭，所以 ClientHello 里只有传统的密钥共享，这次运行使用了 ', '。'],
  cost: '在这次运行中测得：',
  clientShare: ['客户端的混合密钥共享：', ' 字节（ML-KEM-768 封装密钥 ', ' + X25519 ', '）'],
  serverShare: ['服务器的混合密钥共享：', ' 字节（ML-KEM-768 密文 ', ' + X25519 ', '）'],
  hello: ['第一个 ClientHello：', ' 字节，装在 ', ' 字节的记录里；以太网路径上一个 TCP 报文段能装 ', ' 字节，所以', '。'],
  fits: '它装得下一个报文段',
  fitsBarely: '在那里它勉强装得下一个报文段，而在 MTU 更小的路径上（VPN、隧道）就装不下了',
  spans: '在那里它需要不止一个报文段',
  segment: ['在这次运行的 TCP 连接上（中继到服务器），一个报文段能装 ', ' 字节（中继所在系统的内核报告的值），所以', '。'],
  made: ['生成 ClientHello 及其密钥共享用了 ', ' 毫秒（本页的 WebAssembly 引擎，从 TCP 连接建立到这条消息）。'],
  madeAhead: ['生成 ClientHello 及其密钥共享用了 ', ' 毫秒（本页的 WebAssembly 引擎），是在中继查询域名、建立连接的同时完成的；TCP 连接一建立就发了出去。'],
};
