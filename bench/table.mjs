// Reads the samples bench/run collected (lines "KEY VALUE", one per round) and prints the one
// table: each figure, ours next to its peer from the same rounds, medians with (min–max).
//
//   node bench/table.mjs SAMPLES_FILE [FAILURES_FILE]
//
// FAILURES_FILE: one line per step that failed ("what: its error"), printed under the table;
// the rows that step would have filled say "not measured".
import { readFileSync } from 'node:fs';

const samples = {};
for (const line of readFileSync(process.argv[2], 'utf8').split('\n')) {
  const [key, value] = line.trim().split(/\s+/);
  if (key && value !== undefined) (samples[key] ??= []).push(Number(value));
}

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const digits = (x) => (Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2);
const fmt = (x) => x.toFixed(digits(x));
function cell(key, unit) {
  const v = samples[key];
  if (!v?.length) return '—';
  const m = median(v);
  const spread = v.length > 1 ? ` (${fmt(Math.min(...v))}–${fmt(Math.max(...v))})` : '';
  return `${fmt(m)} ${unit}${spread}`;
}

// One row per figure. `ratio` is ours/peer; `met` judges the medians.
const le = (limit) => ({ text: `≤ ${limit}×`, met: (r) => r <= limit });
const ge = (limit) => ({ text: `≥ ${limit}×`, met: (r) => r >= limit });
// A yardstick row (no relay, or the least a relay can do) says whether the target is in reach.
const reach = (target) => ({ ...target, words: ['reachable', 'OUT OF REACH'] });
// A figure measured for the record, with no target to meet.
const none = { text: 'none', met: () => true, words: ['—', '—'] };
const rows = [
  ['CPU per TLS 1.2 handshake, client, native (s_server, ECDHE-RSA x25519 AES-128-GCM)', 'hs12.engine', 'hs12.openssl', 'µs', le(1.0)],
  ['  the same in instructions (callgrind)', 'ir12.engine', 'ir12.openssl', 'M', le(1.0)],
  ['CPU per TLS 1.3 handshake, client, native (x25519, AES-128-GCM, RSA-PSS)', 'hs13.engine', 'hs13.openssl', 'µs', le(1.0)],
  ['  the same in instructions (callgrind)', 'ir13.engine', 'ir13.openssl', 'M', le(1.0)],
  ['TLS 1.2 handshake, engine in wasm under Node vs native (replayed, µs)', 'replay12.node', 'replay12.native', 'µs', le(1.5)],
  ['TLS 1.3 handshake, engine in wasm under Node vs native (replayed, µs)', 'replay13.node', 'replay13.native', 'µs', le(1.5)],
  ['TLS 1.2 handshake, engine in wasm in headless Chromium vs native', 'replay12.chromium', 'replay12.native', 'µs', le(1.5)],
  ['TLS 1.3 handshake, engine in wasm in headless Chromium vs native', 'replay13.chromium', 'replay13.native', 'µs', le(1.5)],
  // X25519MLKEM768: what the client's ML-KEM half costs it per handshake. No target was set.
  ['ML-KEM-768 key pair + decapsulation, native vs OpenSSL 3.5 (Node 26)', 'mlkem.native', 'mlkem.openssl', 'µs', none],
  ['  the same, wasm under Node vs native', 'mlkem.node', 'mlkem.native', 'µs', none],
  ['  the same, wasm in headless Chromium vs native', 'mlkem.chromium', 'mlkem.native', 'µs', none],
  ['CPU per TLS 1.3 handshake, X25519MLKEM768 vs X25519 (native, replayed, Node 26 server)', 'replay13pq.native', 'replay13x.native', 'µs', none],
  ['bulk decrypt 64 MiB AES-128-GCM, native vs OpenSSL EVP', 'aes.native', 'aes.openssl', 'MiB/s', ge(0.5)],
  ['bulk decrypt 64 MiB ChaCha20-Poly1305, native vs OpenSSL EVP', 'chacha.native', 'chacha.openssl', 'MiB/s', ge(0.5)],
  ['bulk decrypt 64 MiB AES-128-GCM, wasm (Node) vs OpenSSL EVP', 'aes.node', 'aes.openssl', 'MiB/s', ge(0.5)],
  ['bulk decrypt 64 MiB ChaCha20-Poly1305, wasm (Node) vs OpenSSL EVP', 'chacha.node', 'chacha.openssl', 'MiB/s', ge(0.5)],
  ['bulk decrypt 64 MiB AES-128-GCM, wasm (Chromium) vs OpenSSL EVP', 'aes.chromium', 'aes.openssl', 'MiB/s', ge(0.5)],
  ['bulk decrypt 64 MiB ChaCha20-Poly1305, wasm (Chromium) vs OpenSSL EVP', 'chacha.chromium', 'chacha.openssl', 'MiB/s', ge(0.5)],
  ['page: Enter → decrypted response, demo origin, headless Chromium vs curl', 'page.ms', 'curl.ms', 'ms',
    { text: '≤ 100 ms and ≤ 3×', met: (r, ours) => ours <= 100 && r <= 3 }],
  // The same less the frame that paints the response (page.mjs page_shown): the connection and
  // the page's work until the response is on screen.
  ['  the same until the response is put on screen, before its frame is painted', 'pageshown.ms', 'curl.ms', 'ms', none],
  // Call → the response in hand (its head and body decrypted), where curl's time_total ends
  // (page.mjs bare; not the TCP close the relay reports ~1 ms later).
  ['  the same connection through tlsscope.js, nothing drawn, to the response in hand', 'bare.ms', 'curl.ms', 'ms', le(2)],
  // Yardstick for the page row (page.mjs floor): the nothing-drawn connection started by an
  // Enter after a pause as a learner's is, its chain checked whole as in a page's first run,
  // then one line of its response painted. No page that draws this engine's response on an
  // Enter can be faster, so if this is over 3× the page row's target is out of reach with this
  // engine and a relay in the browser's way.
  ['  floor: that connection on an Enter, chain checked whole, one line painted, vs curl', 'floor.ms', 'curl.ms', 'ms', reach(le(3))],
  // The yardstick before tunnels were opened ahead of their run: a WebSocket opened at Enter.
  ['  the same, each run opening its own WebSocket to the relay', 'bareown.ms', 'curl.ms', 'ms', none],
  // Issue 17's goal: half of the 82.7 ms (67.7–106) measured before its changes (docs/performance.md).
  ['  the page\'s main-thread CPU per run (Enter → done)', 'pagecpu.ms', null, 'ms',
    { text: '≤ 41 ms (half of before)', met: (r, ours) => ours <= 41 }],
  // The tools below the run (record layer, relay view, secrets panel) are drawn after `done`:
  // the run's whole CPU, with them, is held to the same goal.
  ['  the same until the tools below the run are drawn', 'pagecpuall.ms', null, 'ms',
    { text: '≤ 41 ms (half of before)', met: (r, ours) => ours <= 41 }],
  ['click a step after a run → its detail painted', 'click.ms', null, 'ms', { text: '≤ 16 ms (a frame)', met: (r, ours) => ours <= 16 }],
  ['first visit: navigation → ready for Enter (wasm fetched + compiled), vs a repeat visit', 'visit.first', 'visit.repeat', 'ms', none],
  ['wasm + js a run downloads (first visit + one run), gzipped', 'size.kib', null, 'KiB', { text: '≤ 200 KiB', met: (r, ours) => ours <= 200 }],
  ['relay throughput, one tunnel, 1 GiB, vs websockify', 'tput.tlsscope', 'tput.websockify', 'MiB/s', ge(5)],
  ['  the same per CPU second of the relay process(es)', 'tputcpu.tlsscope', 'tputcpu.websockify', 'MiB/s', ge(5)],
  ['relay added latency, 64-byte ping-pong, p50, vs websockify', 'lat50.tlsscope', 'lat50.websockify', 'µs', le(0.2)],
  ['relay added latency, 64-byte ping-pong, p99, vs websockify', 'lat99.tlsscope', 'lat99.websockify', 'µs', le(0.2)],
  ['  relay CPU per 64-byte round trip', 'latcpu.tlsscope', 'latcpu.websockify', 'µs', le(0.2)],
  // Yardsticks, not relays (bench/relay/minimal_forwarder): could any relay meet the target here?
  ['ceiling: no relay, the same client reads the target straight, 1 GiB, vs websockify', 'tput.none', 'tput.websockify', 'MiB/s', reach(ge(5))],
  ['yardstick: minimal forwarder (plain TCP, recv + send per 64 KiB), vs websockify', 'tput.forwarder', 'tput.websockify', 'MiB/s', reach(ge(5))],
  ['  the same per CPU second of the forwarder', 'tputcpu.forwarder', 'tputcpu.websockify', 'MiB/s', reach(ge(5))],
  ['yardstick: minimal forwarder, target → client by splice(), vs websockify', 'tput.forwarder-splice', 'tput.websockify', 'MiB/s', reach(ge(5))],
  ['  the same per CPU second of the forwarder', 'tputcpu.forwarder-splice', 'tputcpu.websockify', 'MiB/s', reach(ge(5))],
  ['floor: minimal forwarder added latency, 64-byte ping-pong, p50, vs websockify', 'lat50.forwarder', 'lat50.websockify', 'µs', reach(le(0.2))],
  ['floor: minimal forwarder added latency, 64-byte ping-pong, p99, vs websockify', 'lat99.forwarder', 'lat99.websockify', 'µs', reach(le(0.2))],
  ['  floor: minimal forwarder CPU per 64-byte round trip', 'latcpu.forwarder', 'latcpu.websockify', 'µs', reach(le(0.2))],
  ['relay memory per idle tunnel (ours at 10,000; websockify: see note)', 'mem.tlsscope', 'mem.websockify', 'KiB',
    { text: '≤ 32 KiB and ≤ 0.2×', met: (r, ours) => ours <= 32 && r <= 0.2 }],
  // A classroom at once (issue 18): the burst through websockify goes to `openssl s_server -www`
  // (one connection at a time); its CPU and memory rows count websockify and s_server together,
  // as ours count tlsscope-server with its demo origin.
  ['classroom: 1,000 learners within 1 s, full run, p50 to the response, vs websockify', 'class50.tlsscope', 'class50.websockify', 'ms', none],
  ['  the same, p99', 'class99.tlsscope', 'class99.websockify', 'ms', { text: '≤ 200 ms', met: (r, ours) => ours <= 200 }],
  ['  learners whose run failed', 'classfail.tlsscope', 'classfail.websockify', '', { text: '0', met: (r, ours) => ours === 0 }],
  ['  relay (and origin) CPU seconds over the burst', 'classcpu.tlsscope', 'classcpu.websockify', 's', none],
  ['  relay (and origin) peak memory, PSS', 'classmem.tlsscope', 'classmem.websockify', 'MiB', none],
  ['  load generator CPU seconds (one process, 2 threads)', 'classgen.tlsscope', 'classgen.websockify', 's', none],
  ['tunnel set-ups per second, 1,000 at once (upgrade, connect, 1 byte echoed), vs websockify', 'setups.tlsscope', 'setups.websockify', '/s', ge(10)],
  ['  set-ups that failed', 'setupfail.tlsscope', 'setupfail.websockify', '', { text: '0', met: (r, ours) => ours === 0 }],
  ['relay tunnels held open at once (relay RSS in the next row)', 'capacity.tunnels', null, '',
    { text: '≥ 50,000', met: (r, ours) => ours >= 50000 }],
  ['  relay RSS with them open', 'capacity.rss_mib', null, 'MiB', { text: '≤ 2048 MiB', met: (r, ours) => ours <= 2048 }],
];

const table = [['figure', 'ours', 'peer (same run)', 'ratio', 'target', 'met?']];
for (const [name, ours, peer, unit, target] of rows) {
  const o = samples[ours]?.length ? median(samples[ours]) : null;
  const p = peer && samples[peer]?.length ? median(samples[peer]) : null;
  const ratio = o !== null && p ? o / p : null;
  // A figure is judged only next to its peer from the same run.
  const [yes, no] = target.words ?? ['yes', 'NO'];
  const met = o === null || (peer && p === null) ? 'not measured' : (target.met(ratio, o) ? yes : no);
  table.push([name, cell(ours, unit), peer ? cell(peer, unit) : '—',
    ratio === null ? '—' : `${ratio < 0.1 ? ratio.toPrecision(2) : ratio.toFixed(2)}×`, target.text, met]);
}
const widths = table[0].map((_, i) => Math.max(...table.map((r) => [...r[i]].length)));
const line = (r) => `| ${r.map((c, i) => c + ' '.repeat(widths[i] - [...c].length)).join(' | ')} |`;
console.log(line(table[0]));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of table.slice(1)) console.log(line(r));

const failures = process.argv[3] ? readFileSync(process.argv[3], 'utf8').split('\n').filter(Boolean) : [];
if (failures.length) {
  console.log('\nNot measured, or not every round — these steps failed:');
  for (const f of failures) console.log(`- ${f}`);
}
