// Step mode (connect's `gate`): through the real relay to a real `openssl s_server`, with a byte
// counter between the relay and the server. While a gate is pending, the server has received the
// ClientHello and nothing else; once it resolves the flight goes out (the server answers it);
// the no-progress timer sleeps meanwhile; a server that hangs up while the learner reads ends
// the run with CONNECTION_CLOSED saying so, and the held flight is never sent. Outside step mode
// the same timer ends a run whose server says nothing for timeoutMs (TIMEOUT), and only that: a
// server slow in total but never silent that long completes.
import { createServer } from 'node:net';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { requireWebSetup, makePki, startSServer, startRelayAllowing, relayUrlOf, stop, read, loadEngine } from './harness.mjs';
import { startByteCounter } from './byte_counter.mjs';

requireWebSetup();
const { tlsscope, WebSocket } = await loadEngine();

let pki;
let relayServer;
const servers = {};
let slow;    // the TLS 1.2 server, each of its chunks held 300 ms on the way back
let silent;  // a TCP server that reads and never answers

before(async () => {
  pki = makePki();
  for (const version of ['1.2', '1.3']) {
    const s = await startSServer(pki, 'ec256-leaf', { extra: [`-tls${version.replace('.', '_')}`] });
    servers[version] = { ...s, counter: await startByteCounter(s.port) };
  }
  slow = await startByteCounter(servers['1.2'].port, { delayDownMs: 300 });
  silent = createServer((socket) => socket.resume());
  await new Promise((resolve) => silent.listen(0, '127.0.0.1', resolve));
  relayServer = await startRelayAllowing([...Object.values(servers).map((s) => s.counter.port),
    slow.port, silent.address().port]);
});

after(async () => {
  await stop(relayServer?.proc);
  await slow?.close();
  silent?.closeAllConnections?.();
  await new Promise((resolve) => (silent ? silent.close(() => resolve()) : resolve()));
  for (const s of Object.values(servers)) {
    await s.counter.close();
    await stop(s.proc);
  }
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(condition, what) {
  for (let i = 0; i < 250; i++) {
    if (condition()) return;
    await sleep(20);
  }
  assert.fail(`never happened: ${what}`);
}

// A run through the relay to the counted s_server of `version` (or to a port), with the test's
// own options.
function connectTo(version, options = {}) {
  const port = typeof version === 'number' ? version : servers[version].counter.port;
  return tlsscope.connect(`https://localhost:${port}/`, {
    relay: relayUrlOf(relayServer),
    WebSocket,
    trustAnchorsPem: read(path.join(pki, 'roots.pem')),
    timeoutMs: 1500,
    ...options,
  });
}

const recordBytes = (events, dir) => events.filter((e) => e.type === 'record' && e.dir === dir)
  .reduce((n, e) => n + e.bytes.length / 2, 0);

// Runs in step mode; at each gate, waits longer than the no-progress timeout (which must be
// paused), notes what the server has received, then lets the flight go.
async function stepRun(version, { timeoutMs = 1500, linger = 1800 } = {}) {
  const { counter } = servers[version];
  counter.bytesUp = 0;
  const events = [];
  const gates = [];
  const result = await connectTo(version, {
    timeoutMs,
    onEvent: (e) => events.push(e),
    gate: async (info) => {
      await sleep(linger);
      gates.push({
        ...info,
        serverReceived: counter.bytesUp,
        sentBefore: events.filter((e) => e.type === 'ws_frame' && e.dir === 'out')
          .reduce((n, e) => n + e.length, 0),
        framesOut: events.filter((e) => e.type === 'ws_frame' && e.dir === 'out').length,
      });
    },
  });
  return { result, gates, counter };
}

for (const [version, flights] of [
  ['1.2', [['client_key_exchange', 'change_cipher_spec', 'finished'], ['application_data']]],
  // TLS 1.3: the compatibility ChangeCipherSpec (RFC 8446 §D.4) goes with the client's Finished.
  ['1.3', [['change_cipher_spec', 'finished'], ['application_data']]],
]) {
  test(`TLS ${version}: each later client flight waits for its gate, and is sent once it resolves`, async () => {
    const { result, gates, counter } = await stepRun(version);
    assert.equal(result.error, null, JSON.stringify(result.error));
    assert.equal(result.response?.status, 200, 'the run completes: the timer slept while the gates waited');
    assert.deepEqual(gates.map((g) => g.flight), [2, 3]);
    assert.deepEqual(gates.map((g) => g.messages), flights);

    const hello = result.events.find((e) => e.type === 'record' && e.dir === 'out');
    const helloLength = hello.bytes.length / 2;
    // At the first gate: the server has the ClientHello and not one byte more.
    assert.equal(gates[0].serverReceived, helloLength, 'only the ClientHello reached the server');
    assert.equal(gates[0].framesOut, 1, 'one WebSocket frame out: the ClientHello');
    // At the second gate, the held flight had gone out and the server had answered it (the
    // handshake is complete), but the request had not gone.
    assert.equal(gates[1].serverReceived, gates[1].sentBefore, 'the server got exactly what was sent');
    assert.ok(gates[1].serverReceived > helloLength, 'the second flight reached the server after its gate');
    const complete = result.events.find((e) => e.type === 'handshake_complete');
    const request = result.events.find((e) => e.type === 'application_data' && e.dir === 'out');
    assert.ok(complete.t < request.t);
    // The relay's count agrees with the counter's, and with every record the client sent.
    const closed = result.events.find((e) => e.type === 'tcp_closed');
    assert.equal(closed?.bytes_up, counter.bytesUp);
    assert.equal(counter.bytesUp, recordBytes(result.events, 'out'));
  });
}

test('without a gate nothing waits: the same run in live mode sends every flight at once', async () => {
  const { counter } = servers['1.2'];
  counter.bytesUp = 0;
  const result = await connectTo('1.2');
  assert.equal(result.response?.status, 200);
  const frames = result.events.filter((e) => e.type === 'ws_frame');
  assert.ok(frames.length >= 6, 'frames both ways');
  for (const f of frames) {
    assert.equal(f.source, 'relay');
    assert.ok(['record', 'dns', 'tcp', 'closed'].includes(f.step), f.step);
    assert.equal(f.opcode, f.step === 'record' ? 'binary' : 'text');
  }
  const binaryIn = frames.filter((f) => f.dir === 'in' && f.opcode === 'binary').reduce((n, f) => n + f.length, 0);
  assert.equal(binaryIn, result.events.find((e) => e.type === 'tcp_closed').bytes_down,
    'the binary frames in carry exactly the bytes the relay read from the server');
});

test('a server that hangs up while the learner reads: CONNECTION_CLOSED, and the held flight never leaves', async () => {
  const { counter } = servers['1.2'];
  counter.bytesUp = 0;
  const events = [];
  let gateCalls = 0;
  const result = await connectTo('1.2', {
    onEvent: (e) => events.push(e),
    gate: async () => {
      gateCalls += 1;
      counter.hangUp();
      await until(() => events.some((e) => e.type === 'tcp_closed'), 'the relay reports the close');
    },
  });
  assert.equal(gateCalls, 1);
  assert.equal(result.state, 'failed');
  assert.equal(result.error?.code, 'CONNECTION_CLOSED');
  assert.match(result.error.detail, /step mode/);
  const hello = result.events.find((e) => e.type === 'record' && e.dir === 'out');
  const closed = result.events.find((e) => e.type === 'tcp_closed');
  assert.equal(closed.bytes_up, hello.bytes.length / 2, 'the relay forwarded the ClientHello only');
  assert.equal(counter.bytesUp, hello.bytes.length / 2);
  assert.equal(result.events.filter((e) => e.type === 'ws_frame' && e.dir === 'out').length, 1);
  const error = result.events.find((e) => e.type === 'error');
  assert.ok(error.message && error.message_zh, 'the sentence for the learner, in both languages');
});

test('a gate that rejects ends the run: INTERNAL_ERROR saying why, and the held flight never leaves', async () => {
  const { counter } = servers['1.3'];
  counter.bytesUp = 0;
  const result = await connectTo('1.3', {
    gate: async () => { throw new Error('the learner left'); },
  });
  assert.equal(result.error?.code, 'INTERNAL_ERROR');
  assert.match(result.error.detail, /step mode stopped: the learner left/);
  const sent = result.events.filter((e) => e.type === 'ws_frame' && e.dir === 'out');
  const hello = result.events.find((e) => e.type === 'record' && e.dir === 'out');
  const alert = result.events.filter((e) => e.type === 'record' && e.dir === 'out').at(-1);
  // The ClientHello, then only the internal_error alert that tells the server why.
  assert.deepEqual(sent.map((f) => f.length), [hello.bytes.length / 2, alert.bytes.length / 2]);
  assert.equal(result.events.find((e) => e.type === 'alert' && e.dir === 'out')?.description, 'internal_error');
});

test('a server that never answers: the run ends with TIMEOUT once nothing has moved for timeoutMs', async () => {
  const result = await connectTo(silent.address().port, { timeoutMs: 400 });
  assert.equal(result.state, 'failed');
  assert.equal(result.error?.code, 'TIMEOUT', JSON.stringify(result.error));
  assert.match(result.error.detail, /no progress for 400 ms/);
  const error = result.events.find((e) => e.type === 'error');
  assert.ok(error.message && error.message_zh, 'the sentence for the learner, in both languages');
  assert.ok(result.ms >= 400, `ended after ${result.ms} ms, before the timeout`);
  assert.equal(result.events.filter((e) => e.type === 'ws_frame' && e.dir === 'out').length, 1, 'the ClientHello went');
});

test('each message from the server restarts the no-progress time: a server slower in total than timeoutMs completes', async () => {
  // Every chunk back is held 300 ms: the handshake's two answers and the response take longer
  // than 700 ms in all, no gap between them does.
  const result = await connectTo(slow.port, { timeoutMs: 700 });
  assert.equal(result.error, null, JSON.stringify(result.error));
  assert.equal(result.response?.status, 200);
  assert.ok(result.ms > 700, `the run took ${result.ms} ms: not longer than one timeout, so this proves nothing`);
});
