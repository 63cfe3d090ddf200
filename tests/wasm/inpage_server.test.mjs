// The in-browser server (web/inpage-server.js + tlsscope-inpage-server.wasm) under Node: the
// engine's wasm client connects to BearSSL's TLS server engine through InPageServerSocket, with
// no relay and no network. The chain the page generated is verified for real (a CA with another
// key under the same name is refused), OpenSSL accepts the certificates, and every load of the
// module makes new keys.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from './harness.mjs';

for (const f of ['tlsscope.js', 'tlsscope-engine.wasm', 'inpage-server.js', 'tlsscope-inpage-server.js',
  'tlsscope-inpage-server.wasm']) {
  if (!existsSync(path.join(env.site, f))) {
    console.error(`FAILED: ${path.join(env.site, f)} is missing: run scripts/build-web before the tests.`);
    process.exit(1);
  }
}

const tlsscope = await import(path.join(env.site, 'tlsscope.js'));
await tlsscope.init({ wasmBinary: readFileSync(path.join(env.site, 'tlsscope-engine.wasm')) });
const serverWasm = readFileSync(path.join(env.site, 'tlsscope-inpage-server.wasm'));
// A page load: a fresh instance of the module, so a fresh CA (the query makes it a new module).
let loads = 0;
async function loadPage(options = {}) {
  const mod = await import(`${path.join(env.site, 'inpage-server.js')}?load=${++loads}`);
  return { mod, info: await mod.inPageServerInfo({ wasmBinary: serverWasm, ...options }) };
}

let page;
before(async () => {
  mkdirSync(env.work, { recursive: true });
  page = await loadPage();
});

const until = (pred) => new Promise((resolve) => {
  const poll = () => (pred() ? resolve() : setTimeout(poll, 1));
  poll();
});

/** connect() to the in-page server; `sockets` collects the sockets the driver opened. */
async function run({ mod, info }, { url = info.url, caPem = info.caPem, ...options } = {}) {
  const sockets = [];
  class Recorded extends mod.InPageServerSocket {
    constructor(...args) { super(...args); sockets.push(this); }
  }
  const result = await tlsscope.connect(url, {
    relay: info.relay, WebSocket: Recorded, trustAnchorsPem: caPem, timeoutMs: 5000, ...options,
  });
  // The driver resolves as it closes the socket; the close (and the server's last error) follows.
  await until(() => sockets[0].readyState === mod.InPageServerSocket.CLOSED);
  return { result, socket: sockets[0] };
}

// DER helpers: the uncompressed P-256 point of a certificate's key (BIT STRING 03 42 00 04 …).
const der = (pem) => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
function pointOffset(bytes) {
  const i = bytes.indexOf(Buffer.from([0x03, 0x42, 0x00, 0x04]));
  assert.ok(i > 0 && bytes.indexOf(Buffer.from([0x03, 0x42, 0x00, 0x04]), i + 1) < 0, 'exactly one P-256 key');
  return i + 3;
}
const publicPoint = (pem) => { const d = der(pem); const i = pointOffset(d); return d.subarray(i, i + 65).toString('hex'); };
const toPem = (bytes) => `-----BEGIN CERTIFICATE-----\n${bytes.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`;

test('a real TLS 1.2 handshake with the in-browser server ends with HTTP 200 saying where it runs', async () => {
  const { result, socket } = await run(page);
  assert.equal(result.error, null, JSON.stringify(result.error));
  assert.equal(result.response?.status, 200);
  assert.match(result.response.body, /in-browser server/);
  assert.match(result.response.body, /BearSSL/);
  assert.equal(socket.serverError, 0, 'BearSSL\'s server saw no error');

  const hello = result.events.find((e) => e.type === 'message' && e.step === 'server_hello');
  assert.equal(hello.summary.version, 'TLS 1.2');
  assert.match(hello.summary.cipher_suite, /^TLS_ECDHE_ECDSA_WITH_/);
  const chain = result.events.find((e) => e.type === 'check' && e.step === 'certificate_chain');
  assert.equal(chain.verdict, 'trusted');
  assert.equal(chain.links[0].subject, 'O=tlsscope, CN=inpage.tlsscope.test');
  assert.deepEqual(chain.links[0].dns_names, ['inpage.tlsscope.test']);
  assert.ok(chain.links[0].checks.every((c) => c.ok), JSON.stringify(chain.links[0].checks));
  const skeSignature = result.events.find((e) => e.step === 'server_key_exchange_signature');
  assert.equal(skeSignature.ok, true, 'the server\'s ECDHE parameters are signed by the fresh leaf key');

  // The relay protocol's frames, in the relay's order, and nothing pretending to be a network.
  const relay = result.events.filter((e) => e.source === 'relay' && e.type !== 'ws_frame');
  assert.deepEqual(relay.map((e) => e.type), ['dns', 'tcp', 'tcp_closed']);
  assert.equal(relay[0].in_browser, true);
  assert.deepEqual(relay[0].addresses, [], 'no address was looked up');
  assert.equal(relay[2].by, 'server');
  const steps = result.events.map((e) => e.step);
  assert.ok(steps.indexOf('tcp') < steps.indexOf('client_hello'), 'the ClientHello goes after the tcp report');
  assert.equal(result.events.at(-1).type, 'tcp_closed', 'the close is the last thing reported');
  const sentUp = result.events.filter((e) => e.type === 'ws_frame' && e.dir === 'out').reduce((n, e) => n + e.length, 0);
  const cameDown = result.events.filter((e) => e.type === 'ws_frame' && e.dir === 'in' && e.opcode === 'binary')
    .reduce((n, e) => n + e.length, 0);
  assert.equal(relay[2].bytes_down, cameDown, 'bytes_down counts every byte the server sent');
  assert.ok(relay[2].bytes_up > 0 && relay[2].bytes_up <= sentUp, 'bytes_up counts what reached the server before it closed');
});

test('the engine verifies the generated chain: the same CA name with another key is an unknown CA', async () => {
  // The CA certificate with its public key swapped for the leaf's (a valid P-256 point): the
  // name still matches the leaf's issuer, so only the signature check can refuse it.
  const ca = der(page.info.caPem);
  const leafPoint = Buffer.from(publicPoint(page.info.leafPem), 'hex');
  leafPoint.copy(ca, pointOffset(ca));
  const { result, socket } = await run(page, { caPem: toPem(ca) });
  assert.equal(result.error?.code, 'CERT_AUTHORITY_INVALID', JSON.stringify(result.error));
  const chain = result.events.find((e) => e.type === 'check' && e.step === 'certificate_chain');
  assert.equal(chain.links[0].checks.find((c) => c.check === 'signature').ok, false);
  assert.equal(socket.serverError, 256 + 48, 'BearSSL\'s server received the client\'s unknown_ca alert');
  assert.equal(result.response, null);
});

test('a certificate for another name is refused (the leaf covers inpage.tlsscope.test only)', async () => {
  const { result } = await run(page, { serverName: 'other.tlsscope.test' });
  assert.equal(result.error?.code, 'CERT_NAME_INVALID', JSON.stringify(result.error));
});

const workDir = () => { const dir = path.join(env.work, 'inpage'); mkdirSync(dir, { recursive: true }); return dir; };
const openssl = (...args) => execFileSync('openssl', args, { encoding: 'utf8' });

test('OpenSSL accepts the generated CA and leaf, valid around now', () => {
  const dir = workDir();
  writeFileSync(path.join(dir, 'ca.pem'), page.info.caPem);
  writeFileSync(path.join(dir, 'leaf.pem'), page.info.leafPem);
  const verify = openssl('verify', '-CAfile', path.join(dir, 'ca.pem'), '-purpose', 'sslserver',
    '-verify_hostname', 'inpage.tlsscope.test', path.join(dir, 'leaf.pem'));
  assert.match(verify, /leaf\.pem: OK/);
  const text = openssl('x509', '-in', path.join(dir, 'leaf.pem'), '-noout', '-text');
  assert.match(text, /DNS:inpage\.tlsscope\.test/);
  assert.match(text, /ecdsa-with-SHA256/);
  assert.match(text, /prime256v1|P-256/);
  const caText = openssl('x509', '-in', path.join(dir, 'ca.pem'), '-noout', '-text');
  assert.match(caText, /CA:TRUE/);
  const dates = openssl('x509', '-in', path.join(dir, 'leaf.pem'), '-noout', '-startdate', '-enddate');
  const notBefore = Date.parse(/notBefore=(.*)/.exec(dates)[1]);
  const notAfter = Date.parse(/notAfter=(.*)/.exec(dates)[1]);
  assert.ok(notBefore <= Date.now() && Date.now() <= notAfter, dates);
});

test('validity that reaches 2050 is written as GeneralizedTime (RFC 5280), read back to the second', async () => {
  const late = await loadPage({ now: Date.UTC(2049, 11, 20, 12, 0, 0) });
  const file = path.join(workDir(), 'leaf-2049.pem');
  writeFileSync(file, late.info.leafPem);
  const dates = openssl('x509', '-in', file, '-noout', '-startdate', '-enddate');
  assert.match(dates, /notBefore=Dec 20 11:00:00 2049 GMT/);  // an hour back, UTCTime
  assert.match(dates, /notAfter=Jan 19 12:00:00 2050 GMT/);   // thirty days on
  const parsed = openssl('asn1parse', '-in', file);
  assert.match(parsed, /UTCTIME\s+:491220110000Z/);
  assert.match(parsed, /GENERALIZEDTIME\s+:20500119120000Z/);
});

test('every page load makes new keys: CA, leaf, and the server\'s ECDHE share per connection', async () => {
  const second = await loadPage();
  assert.notEqual(publicPoint(second.info.caPem), publicPoint(page.info.caPem));
  assert.notEqual(publicPoint(second.info.leafPem), publicPoint(page.info.leafPem));
  const a = await run(second);
  const b = await run(second);
  for (const r of [a, b]) assert.equal(r.result.response?.status, 200, JSON.stringify(r.result.error));
  const serverParams = (r) => r.result.events.find((e) => e.type === 'message' && e.step === 'server_key_exchange').bytes;
  assert.notEqual(serverParams(a), serverParams(b));
  // The first load's CA does not vouch for the second load's server.
  const cross = await run(second, { caPem: page.info.caPem });
  assert.equal(cross.result.error?.code, 'CERT_AUTHORITY_INVALID');
});

test('a target other than the in-browser server is refused like a relay refuses it', async () => {
  const { result } = await run(page, { url: 'https://example.com/' });
  const relay = result.events.filter((e) => e.source === 'relay' && e.type !== 'ws_frame');
  assert.deepEqual(relay.map((e) => e.type), ['relay_error']);
  assert.equal(relay[0].code, 'TARGET_FORBIDDEN');
  assert.equal(result.state, 'failed');
});

test('the socket is asynchronous like a network: nothing arrives inside send() or the constructor', async () => {
  const { mod, info } = page;
  const url = `${info.relay}?host=inpage.tlsscope.test&port=443`;
  const ws = new mod.InPageServerSocket(url, ['tlsscope.relay.v1']);
  const seen = [];
  ws.binaryType = 'arraybuffer';
  ws.onopen = () => seen.push('open');
  ws.onmessage = (m) => seen.push(typeof m.data === 'string' ? JSON.parse(m.data).type : 'binary');
  assert.deepEqual(seen, [], 'no event inside the constructor');
  assert.throws(() => ws.send(new Uint8Array(1)), { name: 'InvalidStateError' });
  await until(() => seen.includes('tcp'));
  assert.deepEqual(seen, ['open', 'dns', 'tcp']);
  // A ClientHello offering only TLS_RSA_WITH_AES_128_CBC_SHA (0x002f), which this server does
  // not speak: BearSSL answers with a handshake_failure alert and ends the connection.
  const random = new Array(32).fill(7);
  ws.send(Uint8Array.from([0x16, 3, 1, 0, 45, 1, 0, 0, 41, 3, 3, ...random, 0, 0, 2, 0x00, 0x2f, 1, 0]));
  assert.deepEqual(seen, ['open', 'dns', 'tcp'], 'no reply inside send()');
  const closed = await new Promise((resolve) => { ws.onclose = resolve; });
  assert.deepEqual(seen, ['open', 'dns', 'tcp', 'binary', 'closed']);
  assert.equal(closed.code, 1000);
  assert.equal(ws.serverError, 512 + 40, 'BearSSL sent handshake_failure');
});
