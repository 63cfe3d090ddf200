// Break it: connect's `tamper` flips one byte of an incoming message inside the engine, and the
// engine's real checks must catch it with their own error codes — through the real relay to real
// `openssl s_server` instances (TLS 1.2 and 1.3, ECDSA and RSA). A wrong SNI (`serverName`)
// against the relay's demo origin fails the name check.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { requireWebSetup, makePki, startSServer, startRelayAllowing, relayUrlOf, stop, read, loadEngine } from './harness.mjs';

requireWebSetup();
const { tlsscope, WebSocket } = await loadEngine();

let pki;
let relayServer;
const servers = {};

before(async () => {
  pki = makePki();
  for (const [name, leaf, version] of [['ec12', 'ec256-leaf', '1_2'], ['rsa12', 'rsa-leaf', '1_2'],
    ['ec13', 'ec256-leaf', '1_3'], ['rsa13', 'rsa-leaf', '1_3']])
    servers[name] = await startSServer(pki, leaf, { extra: [`-tls${version}`] });
  relayServer = await startRelayAllowing(Object.values(servers).map((s) => s.port));
});

after(async () => {
  await stop(relayServer?.proc);
  await Promise.all(Object.values(servers).map((s) => stop(s.proc)));
});

const relay = () => relayUrlOf(relayServer);

function run(server, options) {
  return tlsscope.connect(`https://localhost:${servers[server].port}/`, {
    relay: relay(), WebSocket, trustAnchorsPem: read(path.join(pki, 'roots.pem')), timeoutMs: 5000, ...options,
  });
}

// The tamper event names the byte; the message event that follows shows the altered byte; the
// run ends with `code`, and the client told the server with `alert`.
function assertCaught(result, { target, step, code, alert }) {
  assert.equal(result.state, 'failed');
  assert.equal(result.error?.code, code, JSON.stringify(result.error));
  const tamper = result.events.filter((e) => e.type === 'tamper');
  assert.equal(tamper.length, 1, 'one byte flipped, once');
  const [t] = tamper;
  assert.equal(t.target, target);
  assert.equal(t.step, step);
  assert.equal(parseInt(t.after, 16), parseInt(t.before, 16) ^ 0xff);
  const message = result.events.find((e) => e.type === 'message' && e.dir === 'in' && e.step === step && e.seq > t.seq);
  assert.ok(message, `the ${step} message after the tamper event`);
  assert.equal(message.bytes.substr(2 * t.offset, 2), t.after, 'the message shown is the altered one');
  const error = result.events.find((e) => e.type === 'error');
  assert.equal(error.alert_sent, alert);
  const sent = result.events.find((e) => e.type === 'alert' && e.dir === 'out');
  assert.equal(sent?.description, alert, 'the alert went out on the wire');
  assert.ok(!result.events.some((e) => e.type === 'handshake_complete'));
  return t;
}

for (const server of ['ec12', 'rsa12']) {
  test(`${server}: a flipped ServerKeyExchange signature byte fails the signature check`, async () => {
    const result = await run(server, { tamper: { target: 'server_key_exchange_signature' } });
    assertCaught(result, { target: 'server_key_exchange_signature', step: 'server_key_exchange',
      code: 'BAD_SIGNATURE', alert: 'decrypt_error' });
    const check = result.events.find((e) => e.type === 'check' && e.step === 'server_key_exchange_signature');
    assert.equal(check?.ok, false, 'the signature check is shown failing');
  });
}

for (const server of ['ec12', 'ec13']) {
  test(`${server}: a flipped byte of the leaf certificate's signature breaks the chain`, async () => {
    const result = await run(server, { tamper: { target: 'certificate', index: 10 } });
    assertCaught(result, { target: 'certificate', step: 'certificate', code: 'CERT_INVALID', alert: 'bad_certificate' });
    const chain = result.events.find((e) => e.type === 'check' && e.step === 'certificate_chain');
    assert.equal(chain?.ok, false);
    const leafSignature = chain.links[0].checks.find((c) => c.check === 'signature');
    assert.equal(leafSignature?.ok, false, 'the leaf\'s signature by its issuer is the check that fails');
  });
}

for (const server of ['ec12', 'ec13']) {
  test(`${server}: a flipped byte of the server's Finished: BAD_FINISHED with decrypt_error`, async () => {
    const result = await run(server, { tamper: { target: 'server_finished', index: 0 } });
    const t = assertCaught(result, { target: 'server_finished', step: 'finished', code: 'BAD_FINISHED', alert: 'decrypt_error' });
    assert.equal(t.offset, 4, 'index 0 is the first byte of verify_data');
    const check = result.events.find((e) => e.type === 'check' && e.step === 'finished');
    assert.equal(check?.ok, false);
    assert.notEqual(check.expected, check.received);
  });
}

for (const server of ['ec13', 'rsa13']) {
  test(`${server}: a flipped TLS 1.3 CertificateVerify signature byte fails the signature check`, async () => {
    const result = await run(server, { tamper: { target: 'certificate_verify' } });
    assertCaught(result, { target: 'certificate_verify', step: 'certificate_verify', code: 'BAD_SIGNATURE', alert: 'decrypt_error' });
  });
}

test('a target the negotiated version does not have is left alone: no tamper event, the run succeeds', async () => {
  const result = await run('ec13', { tamper: { target: 'server_key_exchange_signature' } });
  assert.equal(result.error, null);
  assert.equal(result.response?.status, 200);
  assert.ok(!result.events.some((e) => e.type === 'tamper'));
});

test('an unknown tamper target: INTERNAL_ERROR naming the targets, no byte sent', async () => {
  const result = await run('ec12', { tamper: { target: 'server_hello' } });
  assert.equal(result.error?.code, 'INTERNAL_ERROR');
  assert.match(result.error.detail, /unknown tamper target 'server_hello'.*server_finished/);
  assert.ok(!result.events.some((e) => e.type === 'record'));
});

test('serverName: the demo origin by IP with SNI localhost succeeds; a wrong SNI is CERT_NAME_INVALID', async () => {
  const ca = await (await fetch(`${relayServer.page}/ca.pem`)).text();
  const url = new URL('/', relayServer.demoOrigin).href;  // https://127.0.0.1:PORT/
  const ok = await tlsscope.connect(url, { relay: relay(), WebSocket, trustAnchorsPem: ca, timeoutMs: 5000, serverName: 'localhost' });
  assert.equal(ok.error, null, JSON.stringify(ok.error));
  const hello = ok.events.find((e) => e.type === 'message' && e.step === 'client_hello');
  assert.ok(JSON.stringify(hello.fields).includes('"value":"localhost"'), 'SNI localhost was sent');

  const bad = await tlsscope.connect(url, { relay: relay(), WebSocket, trustAnchorsPem: ca, timeoutMs: 5000, serverName: 'wrong.example' });
  assert.equal(bad.error?.code, 'CERT_NAME_INVALID');
  assert.equal(bad.events.find((e) => e.type === 'url').server_name, 'wrong.example');
  const chain = bad.events.find((e) => e.type === 'check' && e.step === 'certificate_chain');
  assert.equal(chain.host, 'wrong.example', 'the certificate was checked against the name sent');
  const sni = bad.events.find((e) => e.type === 'message' && e.step === 'client_hello');
  assert.ok(JSON.stringify(sni.fields).includes('"value":"wrong.example"'), 'SNI wrong.example was sent');
});
