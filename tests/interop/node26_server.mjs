// A TLS server on loopback with Node.js 26's OpenSSL 3.5 (build/_deps/node26, scripts/setup), the
// one real server here that speaks X25519MLKEM768 (Debian bookworm's OpenSSL 3.0 has no ML-KEM).
// Like `openssl s_server -www`: answers one HTTP request per connection and closes; appends its
// NSS key-log lines (the `keylog` event) to a file, for interop_pq_test.cpp to compare.
//
//   node node26_server.mjs PORT CHAIN.pem KEY.pem GROUPS KEYLOG [MAX_VERSION]
//   GROUPS: OpenSSL's group list, e.g. X25519MLKEM768:X25519; MAX_VERSION e.g. TLSv1.2
import fs from 'node:fs';
import tls from 'node:tls';

const [port, chain, key, groups, keylog, maxVersion = 'TLSv1.3'] = process.argv.slice(2);
const server = tls.createServer({
  cert: fs.readFileSync(chain),
  key: fs.readFileSync(key),
  ecdhCurve: groups,
  minVersion: 'TLSv1.2',
  maxVersion,
}, (socket) => {
  let request = '';
  socket.on('data', (data) => {
    request += data.toString('latin1');
    if (!request.includes('\r\n\r\n')) return;
    const body = `Node ${process.version}, OpenSSL ${process.versions.openssl}, ${socket.getProtocol()}\n`;
    socket.end(`HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
  });
  socket.on('error', () => {});
});
server.on('keylog', (line) => fs.appendFileSync(keylog, line));
server.on('tlsClientError', (err) => console.error('tls error:', err.message));
server.listen(Number(port), '127.0.0.1', () => console.log(`listening on 127.0.0.1:${port}, groups ${groups}`));
