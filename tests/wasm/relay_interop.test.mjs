// The engine as WebAssembly, under Node, through the real relay (tlsscope-server) to a real
// `openssl s_server` on loopback: the handshake completes, the HTTP response arrives, the master
// secret equals the server's key log, and the events are the native CLI's, randoms aside.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { env, requireWebSetup, makePki, startSServer, startRelayAllowing, relayUrlOf, stop, cliEvents, read, loadEngine } from './harness.mjs';

requireWebSetup();
const { tlsscope, WebSocket } = await loadEngine();

let pki;
let relayServer;
const servers = {};

before(async () => {
  pki = makePki();
  for (const leaf of ['rsa-leaf', 'ec256-leaf', 'expired-leaf']) {
    const keylog = path.join(env.work, `${leaf}.keylog`);
    rmSync(keylog, { force: true });
    // TLS 1.2 here: the test follows the ECDHE ServerKeyExchange and the CLIENT_RANDOM key-log
    // line; TLS 1.3 runs are covered by the browser tests and the native interop matrix.
    servers[leaf] = { ...(await startSServer(pki, leaf, { keylog, extra: ['-tls1_2'] })), keylog };
  }
  // The relay blocks loopback targets; these exact ones are the test's exceptions.
  relayServer = await startRelayAllowing(Object.values(servers).map((s) => s.port));
});

after(async () => {
  await stop(relayServer?.proc);
  await Promise.all(Object.values(servers).map((s) => stop(s.proc)));
});

const relayUrl = () => relayUrlOf(relayServer);

async function run(leaf, options = {}) {
  return tlsscope.connect(`https://127.0.0.1:${servers[leaf].port}/`, {
    relay: relayUrl(),
    WebSocket,
    trustAnchorsPem: read(path.join(pki, 'roots.pem')),
    timeoutMs: 5000,
    ...options,
  });
}

// What must agree between two runs against the same server: the order and kind of every engine
// event (randoms, keys and timings differ by design).
const shape = (events) => events.filter((e) => e.seq !== undefined)
  .map((e) => [e.type, e.step, e.dir ?? '', e.name ?? '', e.content_type ?? '', e.ok ?? ''].join(' '));

for (const leaf of ['rsa-leaf', 'ec256-leaf']) {
  test(`${leaf}: handshake, HTTP response, key log, same events as the native CLI`, async () => {
    const result = await run(leaf);
    assert.equal(result.error, null, JSON.stringify(result.error));
    assert.equal(result.response?.status, 200, 'an HTTP 200 from s_server -www');

    const steps = result.events.map((e) => e.step);
    for (const s of ['url', 'dns', 'tcp', 'client_hello', 'server_hello', 'certificate',
      'server_key_exchange', 'server_hello_done', 'client_key_exchange', 'change_cipher_spec',
      'finished', 'handshake_complete', 'application_data', 'closed'])
      assert.ok(steps.includes(s), `a ${s} event`);
    const relayEvents = result.events.filter((e) => e.source === 'relay' && e.type !== 'ws_frame').map((e) => e.type);
    assert.deepEqual(relayEvents, ['dns', 'tcp', 'tcp_closed'], 'the relay reports DNS, TCP and the close');
    const times = result.events.map((e) => e.t);
    assert.deepEqual(times, [...times].sort((a, b) => a - b), 'one ordered stream');

    // The master secret the engine derived is the one the server logged for this client random.
    const hello = result.events.find((e) => e.type === 'message' && e.step === 'client_hello');
    const master = result.events.find((e) => e.type === 'secret' && e.name === 'master_secret');
    const random = hello.summary.random;
    const line = read(servers[leaf].keylog).split('\n')
      .find((l) => l.startsWith(`CLIENT_RANDOM ${random} `) || l.startsWith(`CLIENT_RANDOM ${random.toUpperCase()} `));
    assert.ok(line, `s_server logged CLIENT_RANDOM ${random}`);
    assert.equal(line.split(' ')[2].toLowerCase(), master.value);
    assert.ok(result.keylog.toLowerCase().includes(master.value), 'the module\'s own key log has it too');

    // TLS 1.2: the request waits for the server's Finished, so it leaves in a frame after the
    // client's flight (in TLS 1.3 the two share one: wasm.pq).
    const out = result.events.filter((e) => e.type === 'record' && e.dir === 'out');
    const request = out.findIndex((e) => e.content_type === 'application_data');
    assert.ok(request > 0, 'the request went in a record of its own');
    assert.equal(out[request - 1].content_type, 'handshake', 'the Finished just before it');
    assert.equal(out[request].frame, out[request - 1].frame + 1, 'the request in the next frame');

    const native = cliEvents(`https://127.0.0.1:${servers[leaf].port}/`, path.join(pki, 'roots.pem'));
    assert.ok(native.some((e) => e.type === 'handshake_complete'), 'the native CLI completed too');
    assert.deepEqual(shape(result.events), shape(native));
  });
}

test('expired certificate: CERT_EXPIRED as an event with its sentence', async () => {
  const result = await run('expired-leaf');
  assert.equal(result.state, 'failed');
  assert.equal(result.error?.code, 'CERT_EXPIRED');
  const error = result.events.find((e) => e.type === 'error');
  assert.match(error.message, /\w+/, 'a sentence for the learner');
  assert.ok(!result.events.some((e) => e.type === 'handshake_complete'));
});

test('a target the relay refuses: its error code in the stream, never an exception', async () => {
  const result = await tlsscope.connect('https://127.0.0.1:9/', { relay: relayUrl(), WebSocket, timeoutMs: 5000 });
  assert.equal(result.state, 'failed');
  assert.equal(result.error?.code, 'TARGET_FORBIDDEN');
  // The ClientHello the driver built ahead while the relay worked was never sent, and is not
  // reported: no message, no record, no frame of the page's.
  assert.deepEqual(result.events.filter((e) => ['message', 'record', 'trust_store'].includes(e.type) ||
    (e.type === 'ws_frame' && e.dir === 'out')), []);
});

test('not an https URL: BAD_URL from the engine\'s error table', async () => {
  const result = await tlsscope.connect('http://example.org/', { relay: relayUrl(), WebSocket });
  assert.equal(result.error?.code, 'BAD_URL');
  assert.ok(result.events.find((e) => e.type === 'error').message_zh, 'both languages, from the one table');
});

// The events' JSON is ASCII (wasm/result.hpp json_text): every other character is escaped by
// nlohmann's serializer through the wasm's own snprintf (wasm/no_printf.cpp). A detail the engine
// is given comes back exactly, control characters, CJK and characters past U+FFFF included.
test('a string given to the engine comes back through its events\' JSON exactly', async () => {
  const client = await tlsscope.createClient({ serverName: 'example.org' });
  const detail = 'control \u0001\u001f\t, 中文 ü, past U+FFFF 😀𝄞, ASCII "quoted" \\ end';
  client.fail('TIMEOUT', detail);
  const error = client.takeEvents().find((e) => e.type === 'error');
  client.dispose();
  assert.equal(error?.detail, detail);
});

test('createClient: bytes split one at a time give the same events as whole records', async () => {
  const fixed = (n) => new Uint8Array(n).fill(7);
  const events = [];
  for (const split of [false, true]) {
    const a = await tlsscope.createClient({ serverName: 'localhost', random: fixed, now: 1e9,
      trustAnchorsPem: read(path.join(pki, 'roots.pem')) });
    a.start();
    const hello = a.takeOutput();
    assert.equal(hello[0], 22, 'a handshake record');
    assert.equal(a.state, 'handshaking');
    // A server that answers with an alert record: handshake_failure.
    const alert = new Uint8Array([21, 3, 3, 0, 2, 2, 40]);
    if (split) for (const b of alert) a.receive(new Uint8Array([b]));
    else a.receive(alert);
    assert.equal(a.state, 'failed');
    events.push(a.takeEvents().map((e) => `${e.type}:${e.step}`));
    a.dispose();
  }
  assert.deepEqual(events[0], events[1]);
  assert.ok(events[0].includes('error:error'));
});

test('trust-anchors.der is the system bundle\'s certificates back to back, and the engine loads it as DER', async () => {
  const der = readFileSync(path.join(env.site, 'trust-anchors.der'));
  const b64 = (text) => [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END/g)]
    .map((m) => m[1].replace(/\s+/g, ''));
  const system = [...new Set(b64(read('/etc/ssl/certs/ca-certificates.crt')))];
  assert.ok(der.equals(Buffer.concat(system.map((c) => Buffer.from(c, 'base64')))), 'each certificate once, in order');
  const anchors = await tlsscope.loadTrustAnchors(der);
  assert.equal(anchors.anchors + anchors.skipped, system.length);
  assert.ok(anchors.anchors > 100, `${anchors.anchors} anchors usable`);
  const client = await tlsscope.createClient({ serverName: 'example.org', trustAnchors: anchors });
  client.start();
  const store = client.takeEvents().find((e) => e.type === 'trust_store');
  assert.equal(store.anchors, anchors.anchors);
  client.dispose();
  anchors.dispose();
});

test('PEM text is loaded as trust anchors once, as trustAnchorsPem would be read for each client', async () => {
  const pem = read('/etc/ssl/certs/ca-certificates.crt');
  const fromPem = await tlsscope.loadTrustAnchors(pem);
  assert.equal(fromPem.anchors + fromPem.skipped, pem.match(/-----BEGIN CERTIFICATE-----/g).length);
  assert.ok(fromPem.anchors > 100, `${fromPem.anchors} anchors usable`);
  for (const config of [{ trustAnchors: fromPem }, { trustAnchorsPem: pem }]) {
    const client = await tlsscope.createClient({ serverName: 'example.org', ...config });
    client.start();
    assert.equal(client.takeEvents().find((e) => e.type === 'trust_store').anchors, fromPem.anchors);
    client.dispose();
  }
  const broken = await tlsscope.loadTrustAnchors(`${pem.slice(0, 4000)}\n-----BEGIN CERTIFICATE-----\n!!\n-----END CERTIFICATE-----\n`);
  assert.ok(broken.anchors >= 1 && broken.anchors < fromPem.anchors, `${broken.anchors} anchors before the bad block`);
  assert.equal(broken.skipped, 1, 'the malformed block counts as skipped');
  for (const a of [fromPem, broken]) a.dispose();
});

test('trust anchors shared by runs: a later run\'s chain signatures are an earlier run\'s answers, and say so in both languages', async () => {
  const anchors = await tlsscope.loadTrustAnchors(read(path.join(pki, 'roots.pem')));
  const chainOf = (r) => r.events.find((e) => e.type === 'check' && e.step === 'certificate_chain');
  const signatureChecks = (r) => chainOf(r).links.flatMap((l) => l.checks).filter((c) => c.check === 'signature');
  try {
    for (const leaf of ['ec256-leaf', 'rsa-leaf']) {
      const first = await run(leaf, { trustAnchors: anchors });
      const second = await run(leaf, { trustAnchors: anchors });
      const alone = await run(leaf);  // trustAnchorsPem: a store of this client's own
      for (const r of [first, second, alone]) {
        assert.equal(r.error, null, JSON.stringify(r.error));
        assert.equal(chainOf(r).verdict, 'trusted');
        assert.equal(signatureChecks(r).length, 2, `${leaf}: leaf by intermediate, intermediate by root`);
        // The handshake's own signature is checked every run.
        const handshake = r.events.find((e) => e.type === 'check' && e.step === 'server_key_exchange_signature');
        assert.equal(handshake?.ok, true);
        assert.equal(handshake.remembered, undefined);
      }
      for (const r of [first, alone]) {
        for (const c of signatureChecks(r)) assert.equal(c.remembered, undefined, `${leaf}: computed: ${c.detail}`);
      }
      for (const c of signatureChecks(second)) {
        assert.equal(c.ok, true);
        assert.equal(c.remembered, true, `${leaf}: ${c.detail}`);
        assert.match(c.detail, /an earlier connection of this page made this very check/);
        assert.match(c.detail_zh, /本页之前的一次连接已做过完全相同的这项检查/);
      }
    }
  } finally {
    anchors.dispose();
  }
});
