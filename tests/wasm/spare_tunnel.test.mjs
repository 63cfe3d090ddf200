// Tunnels opened ahead of their run (connection.js openSpareTunnel, the relay's
// /relay?target=later): a run given `spare: true` names its target in the open tunnel's first
// message, through the real relay to a real `openssl s_server` on loopback. A spare the relay
// has closed is never a run's failure: the run opens a WebSocket of its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { requireWebSetup, makePki, startSServer, startTlsscopeServer, relayUrlOf, stop, read, loadEngine } from './harness.mjs';

requireWebSetup();
const { tlsscope, WebSocket } = await loadEngine();

let pki;
let origin;
let relay;       // allows the origin
let quickRelay;  // the same, with a 0.3 s idle timeout
before(async () => {
  pki = makePki();
  origin = await startSServer(pki, 'ec256-leaf');
  const allow = ['--allow', `127.0.0.1:${origin.port}`];
  relay = await startTlsscopeServer(allow);
  quickRelay = await startTlsscopeServer([...allow, '--idle-timeout', '0.3']);
});
after(async () => {
  await stop(relay?.proc);
  await stop(quickRelay?.proc);
  await stop(origin?.proc);
});

const url = () => `https://127.0.0.1:${origin.port}/`;
const run = (relayUrl, target = url()) => tlsscope.connect(target, {
  relay: relayUrl, WebSocket, spare: true, trustAnchorsPem: read(path.join(pki, 'roots.pem')), timeoutMs: 5000,
});
const frames = (result) => result.events.filter((e) => e.type === 'ws_frame');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('a run takes the open spare: its first frame names the target, then the relay reports as usual', async () => {
  assert.equal(await tlsscope.openSpareTunnel(relayUrlOf(relay), WebSocket), true);
  const result = await run(relayUrlOf(relay));
  assert.equal(result.error, null, JSON.stringify(result.error));
  assert.equal(result.response?.status, 200);
  const [connect, ...rest] = frames(result);
  const message = JSON.stringify({ type: 'connect', host: '127.0.0.1', port: origin.port });
  assert.deepEqual([connect.dir, connect.opcode, connect.step, connect.length], ['out', 'text', 'dns', message.length]);
  assert.deepEqual(rest.slice(0, 2).map((f) => [f.dir, f.opcode, f.step]), [['in', 'text', 'dns'], ['in', 'text', 'tcp']]);
  const order = result.events.map((e) => e.type);
  assert.ok(order.indexOf('dns') < order.indexOf('tcp') && order.indexOf('tcp') < order.findIndex((e) => e === 'message'),
    'the ClientHello after the TCP report');
  // The driver opened the next one after the run: the second run takes it too.
  await sleep(400);
  const again = await run(relayUrlOf(relay));
  assert.equal(again.response?.status, 200);
  assert.equal(frames(again)[0].opcode, 'text', 'the second run went through a spare as well');
});

test('key shares made with the spare go into its run\'s ClientHello, once; a run with test randomness leaves them', async () => {
  const hello = (result) => result.events.find((e) => e.type === 'message' && e.step === 'client_hello');
  await sleep(400);  // the tunnel the last test's driver opened after its run
  assert.equal(await tlsscope.openSpareTunnel(relayUrlOf(relay), WebSocket), true);
  // Test randomness makes the whole ClientHello from it: the shares made ahead stay.
  const seeded = await tlsscope.connect(url(), {
    relay: relayUrlOf(relay), WebSocket, spare: true, trustAnchorsPem: read(path.join(pki, 'roots.pem')),
    timeoutMs: 5000, random: (n) => new Uint8Array(n).fill(7),
  });
  assert.equal(seeded.response?.status, 200, JSON.stringify(seeded.error));
  assert.equal(hello(seeded).summary.key_shares_made_ahead, undefined);
  assert.equal(hello(seeded).shares_ahead_ms, undefined);
  const result = await run(relayUrlOf(relay));
  assert.equal(result.error, null, JSON.stringify(result.error));
  assert.equal(result.response?.status, 200, 'the server accepted a share made before the run');
  assert.equal(hello(result).summary.key_shares_made_ahead, 2, 'the hybrid\'s and X25519\'s');
  assert.ok(hello(result).shares_ahead_ms >= 0 && hello(result).shares_ahead_ms < 5000, `${hello(result).shares_ahead_ms} ms`);
  // The next run, with no tunnel opened (nor shares made) since, makes its own.
  const own = await tlsscope.connect(url(), {
    relay: relayUrlOf(relay), WebSocket, trustAnchorsPem: read(path.join(pki, 'roots.pem')), timeoutMs: 5000,
  });
  assert.equal(own.response?.status, 200);
  assert.equal(hello(own).summary.key_shares_made_ahead, undefined);
  const shares = (r) => JSON.stringify(hello(r).fields).match(/"key_exchange"[^}]*"value":"([0-9a-f]+)/)?.[1];
  assert.notEqual(shares(own), shares(result), 'fresh shares, not the ones already used');
});

test('a spare the relay closed for its idle timeout is forgotten: the run opens its own', async () => {
  assert.equal(await tlsscope.openSpareTunnel(relayUrlOf(quickRelay), WebSocket), true);
  await sleep(700);
  const result = await run(relayUrlOf(quickRelay));
  assert.equal(result.error, null, JSON.stringify(result.error));
  assert.equal(result.response?.status, 200);
  assert.equal(frames(result)[0].dir, 'in', 'no connect message: the WebSocket named its target in its URL');
});

test('a target the relay refuses, named in a spare: its error code, after the connect frame', async () => {
  assert.equal(await tlsscope.openSpareTunnel(relayUrlOf(relay), WebSocket), true);
  const result = await run(relayUrlOf(relay), 'https://127.0.0.1:9/');
  assert.equal(result.error?.code, 'TARGET_FORBIDDEN');
  assert.equal(frames(result)[0].opcode, 'text');
  assert.equal(frames(result)[0].dir, 'out');
});

// A relay that ends a spare just as its connect message arrives (the idle timeout's race, or a
// restart): a small real WebSocket server in front of the real relay that answers a
// target=later tunnel's connect message with `ending` and passes every other tunnel through.
async function staleSpareRelay(ending) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (p) => [...p][0] });
  server.on('connection', (page, request) => {
    const query = new URL(request.url, 'http://x').search;
    if (query.includes('target=later')) {
      page.once('message', () => ending(page));
      return;
    }
    const upstream = new WebSocket(relayUrlOf(relay) + query, ['tlsscope.relay.v1']);
    const queued = [];
    upstream.on('open', () => queued.splice(0).forEach((m) => upstream.send(m.data, { binary: m.binary })));
    page.on('message', (data, binary) => (upstream.readyState === 1 ? upstream.send(data, { binary }) : queued.push({ data, binary })));
    upstream.on('message', (data, binary) => page.send(data, { binary }));
    upstream.on('close', () => page.close());
    page.on('close', () => upstream.close());
  });
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, url: `ws://127.0.0.1:${server.address().port}/relay` };
}

for (const [how, ending] of [
  ['its IDLE_TIMEOUT error', (ws) => {
    ws.send(JSON.stringify({ type: 'error', code: 'IDLE_TIMEOUT', message: 'no connect message within 60 s' }));
    ws.close(1008, 'IDLE_TIMEOUT');
  }],
  ['a close without a word', (ws) => ws.close(1001)],
]) {
  test(`a spare ended by ${how} as its target is named: the run goes on in a WebSocket of its own`, async () => {
    const stale = await staleSpareRelay(ending);
    try {
      assert.equal(await tlsscope.openSpareTunnel(stale.url, WebSocket), true);
      const result = await run(stale.url);
      assert.equal(result.error, null, JSON.stringify(result.error));
      assert.equal(result.response?.status, 200);
      assert.ok(!result.events.some((e) => e.type === 'error' || e.type === 'relay_error'));
      assert.equal(frames(result)[0].dir, 'in', 'the dead spare left no frame in the run');
    } finally {
      stale.server.close();
      for (const c of stale.server.clients) c.terminate();
    }
  });
}
