// The words of web/keyshare.js in English; their Chinese, under the same keys, is web/zh/keyshare.js.
// Fetched only for a page in English (i18n.js loadLang).
export default {
  title: 'Key exchange in this run',
  hybrid: ['This run used ', ': ML-KEM-768 and X25519 together, so the secret stays safe as long as either of them holds (the steps after ServerHello show each part).'],
  fallback: ['The client offered ', ' first, with an X25519 share beside it. The server chose ', ' instead: either its TLS library has no ML-KEM (OpenSSL before 3.5, such as Debian 12\u2019s 3.0, which the demo origin falls back to where Node.js 26 is missing) or it prefers that group. The X25519 share the client had already sent was used, so no extra round trip was needed; this handshake has no protection against a future quantum computer.'],
  retry: ['The client offered ', ' first; the server accepted none of the shares it sent and asked for ', ' with a HelloRetryRequest, which cost one extra round trip.'],
  off: ['This run did not offer ', ': the post-quantum key share was turned off, so the ClientHello carried only classical key shares and the run used ', '.'],
  cost: 'Measured on this run:',
  clientShare: ['the client\u2019s hybrid share: ', ' bytes (ML-KEM-768 encapsulation key ', ' + X25519 ', ')'],
  serverShare: ['the server\u2019s hybrid share: ', ' bytes (ML-KEM-768 ciphertext ', ' + X25519 ', ')'],
  hello: ['the first ClientHello: ', ' bytes in a record of ', ' bytes; one TCP segment on an Ethernet path carries ', ' bytes, so ', '.'],
  fits: 'it fits in one segment',
  fitsBarely: 'it fits in one segment there, barely, and not on paths with a smaller MTU (VPNs, tunnels)',
  spans: 'it takes more than one segment there',
  segment: ['on this run\u2019s TCP connection (relay to server) one segment carries ', ' bytes (what the relay\u2019s kernel reports), so ', '.'],
  made: ['making the ClientHello and its key shares took ', ' ms in this page\u2019s engine (WebAssembly), from the TCP connection to the message.'],
  madeAhead: ['making the ClientHello and its key shares took ', ' ms in this page\u2019s engine (WebAssembly), done while the relay looked up the name and connected; it was sent as soon as the TCP connection was up.'],
  // With its key shares made before Enter (shares_ahead_ms): they, then the rest of the ClientHello.
  sharesAhead: ['its ', ' key shares were made before you pressed Enter, while the page waited, in ', ' ms; each private key is used for this connection only.'],
  // …and then madeAhead's sentence begins with this instead (the rest is the same).
  assembled: 'putting the ClientHello together then took ',
};
