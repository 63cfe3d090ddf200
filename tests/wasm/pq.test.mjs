// X25519MLKEM768 in the engine as WebAssembly (PQClean's ML-KEM-768 compiled by Emscripten),
// under Node, through the real relay to Node 26's TLS server (OpenSSL 3.5,
// tests/interop/node26_server.mjs): the hybrid handshake completes and every traffic secret the
// module logged is the server's; with postQuantum: false the same server is met with X25519.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { connect as tcpConnect } from 'node:net';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { env, requireWebSetup, makePki, freePort, startRelayAllowing, relayUrlOf, stop, read, loadEngine } from './harness.mjs';

requireWebSetup();
const { tlsscope, WebSocket } = await loadEngine();
const node26 = process.env.TLSSCOPE_NODE26 ?? path.join(env.top, 'build/_deps/node26/bin/node');

let pki;
let relayServer;
let server;
const keylog = path.join(env.work, 'node26.keylog');

async function startNode26(groups) {
  const port = await freePort();
  const proc = spawn(node26, [path.join(env.top, 'tests/interop/node26_server.mjs'), String(port),
    path.join(pki, 'ec256-leaf-chain.pem'), path.join(pki, 'ec256-leaf.key'), groups, keylog],
  { stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 200; i++) {
    const up = await new Promise((resolve) => {
      const c = tcpConnect({ host: '127.0.0.1', port });
      c.once('connect', () => { c.destroy(); resolve(true); });
      c.once('error', () => resolve(false));
    });
    if (up) return { proc, port };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('Node 26 TLS server did not listen');
}

before(async () => {
  pki = makePki();
  rmSync(keylog, { force: true });
  server = await startNode26('X25519MLKEM768:X25519');
  relayServer = await startRelayAllowing([server.port]);
});

after(async () => {
  await stop(relayServer?.proc);
  await stop(server?.proc);
});

const run = (options = {}) => tlsscope.connect(`https://127.0.0.1:${server.port}/`, {
  relay: relayUrlOf(relayServer), WebSocket,
  trustAnchorsPem: read(path.join(pki, 'roots.pem')), timeoutMs: 10000, ...options,
});
const completeOf = (result) => result.events.find((e) => e.type === 'handshake_complete');

test('hybrid: the module and OpenSSL 3.5 agree on every traffic secret', async () => {
  const result = await run();
  assert.equal(result.error, null, JSON.stringify(result.error));
  assert.equal(result.response?.status, 200);
  assert.equal(completeOf(result).group, 'X25519MLKEM768');
  const secret = (name) => result.events.find((e) => e.type === 'secret' && e.name === name)?.value;
  assert.equal(secret('shared_secret'), secret('mlkem_shared_secret') + secret('x25519_shared_secret'));
  const lines = result.keylog.trim().split('\n').filter((l) => /TRAFFIC_SECRET/.test(l));
  assert.equal(lines.length, 4);
  // The server writes its key log as its handshake goes; give the last line a moment.
  for (let i = 0; i < 50 && !lines.every((l) => read(keylog).toLowerCase().includes(l.toLowerCase())); i++)
    await new Promise((r) => setTimeout(r, 20));
  for (const l of lines) assert.ok(read(keylog).toLowerCase().includes(l.toLowerCase()), `server logged ${l}`);
  // TLS 1.3: the client's last flight (its Finished) and the HTTP request leave as one frame, one
  // write to the server; the ClientHello went in one before.
  const out = result.events.filter((e) => e.type === 'record' && e.dir === 'out');
  const request = out.findIndex((e) => e.inner_content_type === 'application_data');
  assert.ok(request > 0, 'the request went in a record of its own');
  assert.equal(out[request - 1].inner_content_type, 'handshake', 'the Finished just before it');
  assert.equal(out[request].frame, out[request - 1].frame, 'the Finished and the request share a frame');
  assert.ok(out[request].frame > out[0].frame, 'the ClientHello went in an earlier frame');
  const frames = result.events.filter((e) => e.type === 'ws_frame' && e.dir === 'out' && e.opcode === 'binary');
  const carried = out.filter((r) => r.frame === out[request].frame).reduce((n, r) => n + r.bytes.length / 2, 0);
  assert.equal(frames.find((f) => f.frame === out[request].frame)?.length, carried, 'that frame is exactly its records');
});

test('postQuantum: false offers no hybrid and gets X25519', async () => {
  const result = await run({ postQuantum: false });
  assert.equal(result.error, null, JSON.stringify(result.error));
  assert.equal(completeOf(result).group, 'x25519');
  const hello = result.events.find((e) => e.type === 'message' && e.step === 'client_hello');
  assert.ok(!JSON.stringify(hello.fields).includes('X25519MLKEM768'));
});
