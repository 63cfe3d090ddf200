// Exports: a real run (engine as wasm → real relay → real `openssl s_server`, TLS 1.2 and 1.3)
// saved as pcapng + key log is opened by tshark, which decrypts it and finds the HTTP request and
// response, with no malformed packet, bad checksum or TCP sequence problem; the run saved as a
// transcript replays to exactly the same events and result.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env, requireWebSetup, makePki, startSServer, startRelayAllowing, relayUrlOf, stop, read, loadEngine } from './harness.mjs';

requireWebSetup();
const { tlsscope, WebSocket } = await loadEngine();
const { toPcapng } = await import(path.join(env.site, 'pcapng.js'));
const { toTranscript, replay } = await import(path.join(env.site, 'transcript.js'));

let pki;
let relayServer;
const servers = {};
const runs = {};

before(async () => {
  pki = makePki();
  mkdirSync(env.work, { recursive: true });
  for (const version of ['1.2', '1.3'])
    servers[version] = await startSServer(pki, 'ec256-leaf', { extra: [`-tls${version.replace('.', '_')}`] });
  relayServer = await startRelayAllowing(Object.values(servers).map((s) => s.port));
  for (const version of ['1.2', '1.3']) {
    const live = [];
    const result = await tlsscope.connect(`https://localhost:${servers[version].port}/export?v=${version}`, {
      relay: relayUrlOf(relayServer), WebSocket,
      trustAnchorsPem: read(path.join(pki, 'roots.pem')), timeoutMs: 5000, onEvent: (e) => live.push(e),
    });
    runs[version] = { result, live };
  }
});

after(async () => {
  await stop(relayServer?.proc);
  await Promise.all(Object.values(servers).map((s) => stop(s.proc)));
});

function tshark(file, args) {
  return execFileSync('tshark', ['-n', '-r', file, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

const WARNING = 0x600000;  // tshark's expert severity: chat 0x200000, note 0x400000, warning, error
const COLUMNS = ['frame.number', 'tcp.len', 'ip.checksum.status', 'tcp.checksum.status', '_ws.expert.severity',
  '_ws.malformed', 'tcp.analysis.flags', 'http.request.uri', 'http.response.code'];

// One tshark pass over the capture, decrypting with the key log: per frame, the columns above.
// (http.desegment_body off: s_server's HTTP/1.0 body has no length, and tshark cannot end
// such a body at a FIN under TLS, so it would hold the response back.)
function dissect(file, keylog) {
  const out = tshark(file, ['-o', `tls.keylog_file:${keylog}`, '-o', 'http.desegment_body:FALSE',
    '-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-T', 'fields',
    ...COLUMNS.flatMap((c) => ['-e', c])]);
  return out.split('\n').map((line) => {
    const values = line.split('\t');
    return Object.fromEntries(COLUMNS.map((c, i) => [c, values[i] ?? '']));
  });
}

// Frames tshark finds fault with: malformed, a bad checksum (status 2), a TCP sequence/ack
// problem, or any expert note of warning level or worse.
const problems = (frames) => frames.filter((f) => f['_ws.malformed'] || f['tcp.analysis.flags'] ||
  f['ip.checksum.status'] !== '1' || f['tcp.checksum.status'] !== '1' ||
  f['_ws.expert.severity'].split(',').some((v) => Number(v) >= WARNING));

function save(name, result, events) {
  const file = path.join(env.work, `${name}.pcapng`);
  const keylog = path.join(env.work, `${name}.keylog`);
  writeFileSync(file, toPcapng(events, { start: new Date(result.transcript.created) }));
  writeFileSync(keylog, result.keylog);
  return { file, keylog };
}

for (const version of ['1.2', '1.3']) {
  test(`TLS ${version}: the pcapng + key log decrypts in tshark to the HTTP request and response`, () => {
    const { result } = runs[version];
    assert.equal(result.response?.status, 200, JSON.stringify(result.error));
    const { file, keylog } = save(`run-${version}`, result, result.events);
    const frames = dissect(file, keylog);
    assert.deepEqual(frames.map((f) => f['http.request.uri']).filter(Boolean), [`/export?v=${version}`]);
    assert.deepEqual(frames.map((f) => f['http.response.code']).filter(Boolean), ['200']);
    assert.deepEqual(problems(frames), [], 'no malformed packet, bad checksum or TCP analysis warning');

    // Every TLS record the engine reported is one TCP segment, and they hold every byte the
    // relay forwarded, both ways.
    const segments = frames.filter((f) => Number(f['tcp.len']) > 0).map((f) => Number(f['tcp.len']));
    const records = result.events.filter((e) => e.type === 'record');
    assert.deepEqual(segments, records.map((e) => e.bytes.length / 2));
    const closed = result.events.find((e) => e.type === 'tcp_closed');
    const sum = (dir) => records.filter((e) => e.dir === dir).reduce((n, e) => n + e.bytes.length / 2, 0);
    assert.equal(sum('out'), closed.bytes_up, 'the capture holds every byte the relay forwarded up');
    assert.equal(sum('in'), closed.bytes_down, 'and every byte it forwarded down');

    // Without the key log only ciphertext is there: no HTTP at all.
    assert.equal(tshark(file, ['-Y', 'http', '-T', 'fields', '-e', 'frame.number']), '');
  });
}

test('the checks above can fail: one byte changed inside the capture is flagged by tshark', () => {
  const { result } = runs['1.2'];
  const { file, keylog } = save('run-1.2-corrupt', result, result.events);
  const bytes = readFileSync(file);
  const record = Buffer.from(result.events.find((e) => e.type === 'record' && e.dir === 'in').bytes, 'hex');
  const at = bytes.indexOf(record) + 20;  // inside the server's first record, after the TCP checksum was made
  bytes[at] ^= 0xff;
  writeFileSync(file, bytes);
  assert.ok(problems(dissect(file, keylog)).length > 0, 'tshark reports the bad checksum');
});

test('the key log can travel inside the pcapng (Decryption Secrets Block): tshark decrypts with no setting', () => {
  const { result } = runs['1.3'];
  const file = path.join(env.work, 'run-1.3-dsb.pcapng');
  writeFileSync(file, toPcapng(result.events, { keylog: result.keylog }));
  assert.equal(tshark(file, ['-Y', 'http.request', '-T', 'fields', '-e', 'http.request.method']), 'GET');
});

for (const version of ['1.2', '1.3']) {
  test(`TLS ${version}: a saved transcript replays to exactly the live run`, async () => {
    const { result, live } = runs[version];
    const saved = JSON.parse(JSON.stringify(toTranscript(result, { created: new Date(0) })));
    assert.equal(saved.format, 'tlsscope-transcript');
    assert.equal(saved.version, 1);
    assert.equal(saved.url, `https://localhost:${servers[version].port}/export?v=${version}`);
    assert.equal(saved.created, '1970-01-01T00:00:00.000Z');
    const replayed = [];
    const again = await replay(saved, { onEvent: (e) => replayed.push(e) });
    assert.deepEqual(replayed, live, 'onEvent sees the live stream again, in order, with its times');
    assert.deepEqual(again.events, result.events);
    for (const member of ['state', 'error', 'response', 'keylog', 'ms'])
      assert.deepEqual(again[member], result[member], member);
  });
}

test('replay refuses what is not a transcript, saying why', async () => {
  await assert.rejects(replay({ format: 'har' }), /not a tlsscope transcript/);
  await assert.rejects(replay({ format: 'tlsscope-transcript', version: 2, events: [] }), /version 2/);
  await assert.rejects(replay({ format: 'tlsscope-transcript', version: 1, events: [{}] }), /type and a step/);
});
