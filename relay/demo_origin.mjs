// The demo origin's main port served by Node.js 26, whose OpenSSL 3.5 speaks X25519MLKEM768
// (Debian bookworm's OpenSSL 3.0, which tlsscope-server links, has no ML-KEM). tlsscope-server
// starts this script (demo_origin_node.hpp) and stays in charge of everything but the TLS
// and the page:
//
//   fd 3    the listening socket tlsscope-server bound (so the port, port 0 included, is its)
//   stdin   one JSON line of settings: {chain, key, root, max_connections, max_per_network,
//           handshake_timeout_ms, idle_timeout_ms}; its end (tlsscope-server gone) ends this
//   stdout  JSON lines: {"ready": {...}} once listening; {"keylog": LINE} for every NSS key-log
//           line; {"handshake": CLIENT_RANDOM_HEX, "address", "port"} when a handshake is done,
//           with the peer, which tlsscope-server matches to the relay tunnel that made the
//           connection (demo_tunnels.hpp) and binds the secrets to (origin_secrets.hpp)
//
// The page tells what was negotiated like the embedded origin's (demo_origin.cpp). Node has
// no server-side call for the negotiated group, so it is read from the server's own first
// flight: ServerHello's key_share (TLS 1.3) or ServerKeyExchange's named curve (TLS 1.2).
import http from 'node:http';
import net from 'node:net';
import readline from 'node:readline';
import tls from 'node:tls';
import { Duplex } from 'node:stream';

// The same TLS settings as make_demo_tls_context, with the hybrid first: what a 2026 browser
// offers first, and OpenSSL 3.5's own default preference.
const groups = 'X25519MLKEM768:X25519:P-256:P-384';
const ciphers = [
  'TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256',
  'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');
// Named groups by code point, spelled as OpenSSL names them on the embedded origin's page.
const groupNames = new Map([
  [0x11ec, 'X25519MLKEM768'], [0x001d, 'x25519'], [0x0017, 'secp256r1'], [0x0018, 'secp384r1'],
]);

const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

// Reads the server's handshake messages as they leave, until the group is known. Handshake
// messages may span records (a TLS 1.2 Certificate before ServerKeyExchange often does).
class GroupReader {
  constructor() { this.records = Buffer.alloc(0); this.messages = Buffer.alloc(0); this.group = null; this.done = false; }

  feed(bytes) {
    if (this.done) return;
    this.records = Buffer.concat([this.records, bytes]);
    while (!this.done && this.records.length >= 5) {
      const length = this.records.readUInt16BE(3);
      if (this.records.length < 5 + length) return;
      const type = this.records[0];
      const body = this.records.subarray(5, 5 + length);
      this.records = this.records.subarray(5 + length);
      if (type === 22) this.messages = Buffer.concat([this.messages, body]);
      else if (type !== 20) this.done = true;  // encrypted from here on: nothing more to read
      this.readMessages();
    }
  }

  readMessages() {
    while (!this.done && this.messages.length >= 4) {
      const length = this.messages.readUIntBE(1, 3);
      if (this.messages.length < 4 + length) return;
      const type = this.messages[0];
      const body = this.messages.subarray(4, 4 + length);
      this.messages = this.messages.subarray(4 + length);
      if (type === 2) this.serverHello(body);
      // ServerKeyExchange: curve_type named_curve (3), then the group (RFC 8422 §5.4).
      else if (type === 12 && body[0] === 3) { this.group = body.readUInt16BE(1); this.done = true; }
      else if (type === 14) this.done = true;  // ServerHelloDone: no ECDHE at all
    }
  }

  // A TLS 1.3 ServerHello (or HelloRetryRequest, whose group the final one is) names the
  // group in key_share; a TLS 1.2 one has no key_share, and ServerKeyExchange follows.
  serverHello(body) {
    let at = 2 + 32;
    at += 1 + body[at];  // legacy_session_id_echo
    at += 2 + 1;         // cipher_suite, legacy_compression_method
    if (at + 2 > body.length) return;
    const end = Math.min(body.length, at + 2 + body.readUInt16BE(at));
    for (at += 2; at + 4 <= end; at += 4 + body.readUInt16BE(at + 2)) {
      if (body.readUInt16BE(at) === 0x0033 && at + 6 <= end) this.group = body.readUInt16BE(at + 4);
    }
    if (this.group !== null) this.done = true;
  }
}

// The client's TCP connection, passed to OpenSSL as a stream so that the bytes the server
// sends can be read for the group on their way out.
class ReadOutgoing extends Duplex {
  constructor(socket) {
    super();
    this.socket = socket;
    this.reader = new GroupReader();
    // Once this stream is destroyed, what still arrives (the client's close_notify) is read and
    // dropped, not left unread: see _destroy.
    socket.on('data', (data) => { if (!this.destroyed && !this.push(data)) socket.pause(); });
    socket.on('end', () => this.push(null));
    socket.on('error', (error) => this.destroy(error));
    socket.on('close', () => this.destroy());
  }
  _read() { this.socket.resume(); }
  _write(chunk, encoding, callback) { this.reader.feed(chunk); this.socket.write(chunk, callback); }
  _final(callback) { this.socket.end(); callback(); }
  // The end of an exchange closes gently: FIN, then the client's last bytes are read and dropped
  // until it closes too (or the idle timeout ends it). Closing the socket outright while the
  // client's close_notify sits unread makes the kernel answer with a reset (RFC 9293 §3.6.1),
  // which the relay reports as a failed target. An error still ends the connection at once.
  _destroy(error, callback) {
    if (error) this.socket.destroy();
    else { this.socket.end(); this.socket.resume(); }
    callback(error);
  }
}

// The network a peer is counted by, as address_range.hpp's client_network: an IPv4 address
// (IPv4-mapped ones unwrapped) as it is, an IPv6 address by its /64.
function clientNetwork(address) {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (net.isIPv4(address)) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const full = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${full.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}
// Loopback peers are the relay's own tunnels, bounded by the relay's limits (as demo_origin.cpp).
const isLoopbackNetwork = (network) => network.startsWith('127.');

const escapeHtml = (text) => String(text).replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);

function page(socket, group) {
  const name = groupNames.get(group) ?? (group === null ? 'unknown' : `0x${group.toString(16).padStart(4, '0')}`);
  return '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    '<title>tlsscope demo origin</title></head>\n<body>\n' +
    '<h1>Hello from the tlsscope demo origin</h1>\n' +
    `<p>This page came to you over ${escapeHtml(socket.getProtocol())}, cipher suite ` +
    `${escapeHtml(socket.getCipher().name)}, key exchange group ${escapeHtml(name)}.</p>\n` +
    `<p>It was served by Node.js ${escapeHtml(process.version)} with OpenSSL ` +
    `${escapeHtml(process.versions.openssl)}, which offers X25519MLKEM768 first.</p>\n` +
    "<p>The server's certificate was issued for localhost by the tlsscope demo intermediate CA, " +
    'which the tlsscope demo root CA (<a href="/ca.pem">/ca.pem</a>) signed.</p>\n</body></html>\n';
}

function serve(settings) {
  const context = tls.createSecureContext({
    cert: settings.chain, key: settings.key, ecdhCurve: groups, ciphers,
    minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3',
  });
  const web = http.createServer({ maxHeaderSize: 8 * 1024 }, (req, res) => {
    res.setHeader('Server', 'tlsscope demo origin');
    res.setHeader('Cache-Control', 'no-store');
    const path = req.url.split('?')[0];
    const reply = (status, type, body) => {
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      reply(405, 'text/plain; charset=utf-8', 'only GET and HEAD\n');
    } else if (path === '/') {
      reply(200, 'text/html; charset=utf-8', page(req.socket, req.socket.groupReader.group));
    } else if (path === '/ca.pem') {
      reply(200, 'application/x-pem-file', settings.root);
    } else {
      reply(404, 'text/plain; charset=utf-8', 'not found\n');
    }
  });

  let held = 0;
  const perNetwork = new Map();
  const server = net.createServer({ noDelay: true }, (socket) => {
    const network = clientNetwork(socket.remoteAddress ?? '');
    const counted = !isLoopbackNetwork(network);
    if (held >= settings.max_connections ||
        (counted && (perNetwork.get(network) ?? 0) >= settings.max_per_network)) {
      socket.destroy();  // a TLS client learns nothing more from a message than from the close
      return;
    }
    held += 1;
    if (counted) perNetwork.set(network, (perNetwork.get(network) ?? 0) + 1);
    socket.once('close', () => {
      held -= 1;
      if (counted && perNetwork.set(network, perNetwork.get(network) - 1).get(network) === 0) perNetwork.delete(network);
    });
    const { remoteAddress: address, remotePort: port } = socket;
    // A connection that has not finished its handshake by then is let go: an idle one holds
    // a descriptor the relay's tunnels share.
    socket.setTimeout(settings.handshake_timeout_ms, () => socket.destroy());
    socket.on('error', () => {});

    const stream = new ReadOutgoing(socket);
    const secure = new tls.TLSSocket(stream, { isServer: true, secureContext: context });
    secure.groupReader = stream.reader;
    let clientRandom = null;
    secure.on('keylog', (line) => {
      const text = line.toString('latin1').trim();
      clientRandom = text.split(' ')[1];
      send({ keylog: text });
    });
    secure.on('secure', () => {
      socket.setTimeout(settings.idle_timeout_ms, () => socket.destroy());
      if (clientRandom) send({ handshake: clientRandom, address, port });
      web.emit('connection', secure);
    });
    secure.on('error', () => socket.destroy());
  });
  server.on('error', (error) => { console.error(`demo origin (Node): ${error.message}`); process.exit(1); });
  server.listen({ fd: 3 }, () => send({ ready: { node: process.version, openssl: process.versions.openssl } }));
}

// Ctrl-C reaches the whole process group: tlsscope-server lets its tunnels finish first, and
// this origin goes when it does (stdin ends).
process.on('SIGINT', () => {});
const lines = readline.createInterface({ input: process.stdin });
lines.once('line', (line) => serve(JSON.parse(line)));
lines.on('close', () => process.exit(0));
