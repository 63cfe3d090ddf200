// One page run, millisecond by millisecond: the packets on loopback (dumpcap: browser ↔ relay,
// relay ↔ demo origin) merged with what the page's JavaScript saw (the WebSocket created, each
// message handed to it, each frame it sent, the driver's own events) and, with --trace, what
// the renderer main thread was doing meanwhile (a Chromium trace, the tasks over 0.5 ms). All on
// one clock (the machine's wall clock, ms since the run's `url` event). This is how the table
// in docs/performance.md ("Where a page run's milliseconds go") was taken.
//
//   node bench/page/timeline.mjs [ROUNDS] [--bare [--spare]] [--trace] [--strace] [--version 1.2|1.3]
//                                         (paths from TLSSCOPE_SITE / TLSSCOPE_SERVER; needs root
//                                          or CAP_NET_RAW for dumpcap on lo)
//
// --bare: the same connection through tlsscope.js with nothing drawn (bench/page/page.mjs's
// yardstick; with --spare through a tunnel opened ahead, as page.mjs's bare figure and the page's
// runs go); otherwise window.tlsscope.run, the page with its drawing. Each round loads the
// page afresh and waits for its idle warm-up, as page.mjs does. --strace adds tlsscope-server's
// socket system calls (strace -ttt: each one costs the relay some µs more). Prints the timeline of each
// round, then one JSON line of the gaps (ms) per round:
//   ws_to_syn     WebSocket constructed → its SYN on the wire (the browser's network service)
//   upgrade       SYN → the relay's 101 on the wire (loopback handshake + the relay's accept)
//   relay_report  101 → the relay's dns report on the wire (the relay: policy, literal "DNS")
//   to_page       each relay frame on the wire → its message handed to the page (median, max)
//   engine_flight the last byte of the server's flight handed to the page → the client's
//                 next flight on the wire
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTlsscopeServer, stop } from '../../tests/wasm/harness.mjs';
import { openPage } from '../../tests/browser/support.mjs';

const args = process.argv.slice(2);
const rounds = Number(args.find((a) => /^\d+$/.test(a)) ?? 1);
const bare = args.includes('--bare');
const spare = args.includes('--spare');
const traced = args.includes('--trace');
const straced = args.includes('--strace');
const version = args.includes('--version') ? args[args.indexOf('--version') + 1] : undefined;

const server = await startTlsscopeServer();
const relayPort = Number(new URL(server.page).port);
const originPort = Number(new URL(server.demoOrigin).port);
const { browser, page } = await openPage(server);
const cdp = await page.context().newCDPSession(page);
const scratch = mkdtempSync(path.join(tmpdir(), 'tlsscope-timeline-'));

// In the page: every WebSocket's life on the wall clock (performance.timeOrigin + now(), ms).
await page.addInitScript(() => {
  const log = (window.__wsLog = []);
  const wall = () => performance.timeOrigin + performance.now();
  const Base = window.WebSocket;
  window.WebSocket = class extends Base {
    constructor(...a) {
      const t = wall();
      super(...a);
      log.push({ t, what: 'page: new WebSocket' });
      this.addEventListener('open', () => log.push({ t: wall(), what: 'page: open event' }));
      // Registered before the driver's onmessage, so it runs first: when the page got it.
      this.addEventListener('message', (m) => log.push({ t: wall(),
        what: `page: message ${typeof m.data === 'string' ? m.data.slice(0, 40) : `binary ${m.data.byteLength} B`}` }));
      this.addEventListener('close', () => log.push({ t: wall(), what: 'page: close event' }));
    }
    send(data) {
      log.push({ t: wall(), what: `page: send ${data.byteLength ?? data.length} B` });
      return super.send(data);
    }
  };
});

/** Packets of the capture: [{t (epoch ms), what}], payload-carrying ones and the SYNs/FINs. */
function packets(file) {
  const out = execFileSync('tshark', ['-r', file, '-o', 'tcp.desegment_tcp_streams:FALSE', '-T', 'fields',
    '-E', 'separator=\t', '-e', 'frame.time_epoch', '-e', 'tcp.srcport', '-e', 'tcp.dstport', '-e', 'tcp.len',
    '-e', 'tcp.flags.syn', '-e', 'tcp.flags.fin', '-e', 'tcp.flags.ack',
    '-d', `tcp.port==${originPort},tls`], { encoding: 'utf8' });
  const name = (port) => (port === relayPort ? 'relay' : port === originPort ? 'origin' : null);
  const rows = [];
  for (const line of out.trim().split('\n')) {
    const [t, src, dst, len, syn, fin, ack] = line.split('\t');
    const from = name(Number(src));
    const to = name(Number(dst));
    // Browser ↔ relay is the relay port's traffic; relay ↔ origin the origin port's.
    const who = to === 'relay' ? 'browser → relay' : from === 'relay' ? 'relay → browser'
      : to === 'origin' ? 'relay → origin' : 'origin → relay';
    const flags = syn === '1' ? (ack === '1' ? 'SYN-ACK' : 'SYN') : fin === '1' ? 'FIN' : '';
    if (Number(len) === 0 && !flags) continue;
    rows.push({ t: Number(t) * 1000, what: `wire: ${who} ${flags}${flags && Number(len) ? ' ' : ''}${Number(len) ? `${len} B` : ''}`,
      who, len: Number(len), flags, browserPort: to === 'relay' ? Number(src) : from === 'relay' ? Number(dst) : null });
  }
  return rows;
}

/** tlsscope-server's system calls: [{t, what}] (the ones that moved bytes, and epoll_wait's
 *  returns: when the relay woke up). */
function syscalls(file) {
  const rows = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^(\d+) +(\d+\.\d+) (\w+)\((\d+)?.*?= (-?\d+)/.exec(line);
    if (!m) continue;
    const [, tid, t, call, fd, ret] = m;
    if (call === 'epoll_wait' && ret === '0') continue;
    if (/^(read|recvmsg|recvfrom)$/.test(call) && ret === '-1') continue;
    rows.push({ t: Number(t) * 1000, what: `relay[${tid}]: ${call}(${fd ?? ''}) = ${ret}` });
  }
  return rows;
}

/** The renderer main thread's tasks over 0.5 ms, on the wall clock via a performance.mark. */
async function tracedRun(runIt) {
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'toplevel', 'blink.user_timing', 'v8', 'v8.wasm'] } });
  const anchor = await page.evaluate(() => { performance.mark('timeline-anchor'); return performance.timeOrigin + performance.now(); });
  const result = await runIt();
  await cdp.send('Tracing.end');
  await complete;
  cdp.removeAllListeners('Tracing.dataCollected');
  const mark = events.find((e) => e.name === 'timeline-anchor');
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const tasks = [];
  if (mark && main) {
    const toWall = (ts) => anchor + (ts - mark.ts) / 1000;
    // Top-level tasks and what ran inside them (the largest few children by name).
    const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
    for (const task of onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask')) {
      if (task.dur < 500) continue;
      const inside = {};
      for (const e of onMain) {
        if (e === task || e.ts < task.ts || e.ts + e.dur > task.ts + task.dur || e.name.includes('RunTask')) continue;
        const label = e.name === 'FunctionCall' ? `js ${e.args?.data?.functionName || '(anonymous)'}`
          : e.name === 'EventDispatch' ? `event ${e.args?.data?.type}` : e.name;
        inside[label] = Math.max(inside[label] ?? 0, e.dur);
      }
      const top = Object.entries(inside).sort((a, b) => b[1] - a[1]).slice(0, 4)
        .map(([n, us]) => `${n} ${(us / 1000).toFixed(1)}`).join(', ');
      tasks.push({ t: toWall(task.ts), what: `main: task ${(task.dur / 1000).toFixed(1)} ms (${top})`, end: toWall(task.ts + task.dur) });
    }
  }
  return { result, tasks };
}

const summary = [];
try {
  for (let i = 0; i < rounds; i++) {
    await page.goto(`${server.page}/`);
    await page.evaluate(() => window.tlsscope.ready);
    await page.evaluate(() => window.tlsscope.warmedUp);
    await page.evaluate(() => { window.__wsLog.length = 0; });
    const file = path.join(scratch, `round${i}.pcap`);
    const capture = spawn('dumpcap', ['-q', '-i', 'lo', '-f', `tcp port ${relayPort} or tcp port ${originPort}`, '-w', file],
      { stdio: ['ignore', 'ignore', 'pipe'] });
    await new Promise((resolve) => capture.stderr.once('data', resolve));  // "Capturing on 'Loopback'"
    const straceFile = path.join(scratch, `round${i}.strace`);
    const tracer = straced ? spawn('strace', ['-f', '-ttt', '-qq', '-e', 'trace=accept4,recvmsg,recvfrom,sendmsg,sendto,read,write,readv,writev,connect,splice,epoll_wait,shutdown,close',
      '-o', straceFile, '-p', String(server.proc.pid)], { stdio: 'ignore' }) : null;
    await new Promise((r) => setTimeout(r, straced ? 500 : 200));
    const runIt = () => page.evaluate(async ([target, v, isBare, isSpare]) => {
      const t0 = performance.timeOrigin + performance.now();
      if (!isBare) return { wall0: t0, events: await window.tlsscope.run(target, { version: v }) };
      const { connect, openSpareTunnel } = await import('./tlsscope.js');
      const relay = new URL('relay', location.href);
      relay.protocol = 'ws:';
      const trustAnchorsPem = await (await fetch('ca.pem')).text();
      if (isSpare) await openSpareTunnel(relay.href);
      const t1 = performance.timeOrigin + performance.now();
      const r = await connect(target, { relay: relay.href, trustAnchorsPem, version: v, spare: isSpare });
      return { wall0: t1, events: r.events };
    }, [server.demoOrigin + '/', version, bare, spare]);
    const { result, tasks } = traced ? await tracedRun(runIt) : { result: await runIt(), tasks: [] };
    await new Promise((r) => setTimeout(r, 300));
    capture.kill('SIGINT');
    await new Promise((resolve) => capture.once('exit', resolve));
    if (tracer) {
      tracer.kill('SIGINT');
      await new Promise((resolve) => tracer.once('exit', resolve));
    }
    const wsLog = await page.evaluate(() => window.__wsLog);
    // The driver's events: t is ms since connect() began. --bare calls connect() here, just
    // after wall0; the page's run calls it in the connection worker (whose WebSocket this page's
    // hook does not see), a message after wall0: its events are placed as if it began at wall0,
    // up to ~1 ms early.
    const { events } = result;
    const url = events.find((e) => e.type === 'url');
    const created = wsLog.find((l) => l.what === 'page: new WebSocket');
    const zero = result.wall0 + url.t;
    const driver = events.filter((e) => e.source !== 'relay' || e.type !== 'ws_frame').map((e) => ({
      t: result.wall0 + e.t, what: `event: ${e.type}${e.step && e.step !== e.type ? ` (${e.step})` : ''}${e.ms !== undefined ? ` ms=${e.ms}` : ''}` }));
    const wire = packets(file);
    const all = [...wire, ...wsLog, ...driver, ...tasks, ...(straced ? syscalls(straceFile) : [])].sort((a, b) => a.t - b.t);
    console.log(`\n--- round ${i + 1}${bare ? ' (bare)' : ''}: ms since the url event`);
    for (const row of all) console.log(`${(row.t - zero).toFixed(2).padStart(8)}  ${row.what}`);

    // The gaps (only where this page made the WebSocket in the run: --bare without --spare).
    if (!created || spare) continue;
    // The WebSocket's own TCP connection (the page may have fetched over another one before).
    const syn = wire.find((w) => w.who === 'browser → relay' && w.flags === 'SYN' && w.t >= created.t);
    const fromRelay = wire.filter((w) => w.who === 'relay → browser' && w.len > 0 && w.browserPort === syn.browserPort);
    const upgraded = fromRelay[0];
    const report = fromRelay[1];
    const handed = wsLog.filter((l) => l.what.startsWith('page: message'));
    const delays = handed.map((h, k) => fromRelay[k + 1] ? h.t - fromRelay[k + 1].t : null).filter((d) => d !== null).sort((a, b) => a - b);
    // The server's flight: the origin's packets after the first one carrying data, up to the
    // client's next one upwards.
    const up = wire.filter((w) => w.who === 'browser → relay' && w.len > 0 && w.browserPort === syn.browserPort);
    const sends = wsLog.filter((l) => l.what.startsWith('page: send'));
    const secondSend = sends[1];
    const lastBefore = handed.filter((h) => secondSend && h.t < secondSend.t).at(-1);
    const secondOnWire = secondSend && up.find((w) => w.t >= secondSend.t);
    summary.push({
      ws_to_syn: syn.t - created.t, upgrade: upgraded.t - syn.t, relay_report: report.t - upgraded.t,
      to_page_median: delays[Math.floor(delays.length / 2)], to_page_max: delays.at(-1),
      engine_flight: secondOnWire && lastBefore ? secondOnWire.t - lastBefore.t : null,
    });
  }
} finally {
  await browser.close();
  await stop(server.proc);
  rmSync(scratch, { recursive: true, force: true });
}
const round = (x) => (x === null || x === undefined ? x : Math.round(x * 100) / 100);
if (summary.length) console.log(JSON.stringify(Object.fromEntries(Object.keys(summary[0]).map((k) => [k, summary.map((s) => round(s[k]))]))));
