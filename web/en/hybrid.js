// The words of web/hybrid.js in English; their Chinese, under the same keys, is web/zh/hybrid.js.
// Fetched only for a page in English (i18n.js loadLang).
export default {
  title: 'Hybrid encryption in this run: what each part did',
  agree: ['Key agreement — ', ': client and server each made a one-time key pair for this connection and sent only the public half; each combined its own private half with the other\u2019s public half and got the same '],
  agreeKem: ['Key agreement — ', ': the client sent one-time public keys (X25519, and an ML-KEM encapsulation key); the server answered with its own X25519 public key and an ML-KEM ciphertext that encapsulates a fresh secret to the client\u2019s key. The client decapsulated it, and both parts together give both sides the same '],
  value: [' (', ', ', ' bytes). It never crossed the wire.'],
  stop: '. It never crossed the wire.',
  auth: ['Authentication — a ', ' signature by ', ' (the key in the certificate of ', '): the server signed ', '. The client checked it: only the holder of that certificate\u2019s private key could have made it. This key only signs; it encrypts nothing.'],
  signed12: 'both randoms and its ECDHE parameters (ServerKeyExchange)',
  signed13: 'the transcript hash of the handshake so far (CertificateVerify)',
  protect: ['Record protection — ', ': fast symmetric authenticated encryption (AEAD), with keys derived from that secret, protects every record from here on: it hides the data and detects any change.'],
  secret12: 'pre-master secret',
  secret13: 'shared secret',
};
