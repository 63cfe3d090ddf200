// Where the page's run spends its time, read from the driver's own event stamps (`t`, ms since
// connect() began; docs/events.md): headless Chromium, a fresh page each round, a run of the
// demo origin on loopback through the real tlsscope-server, as bench/page/page.mjs.
//
//   node bench/page/phases.mjs ROUNDS [1.2|1.3]    (paths from TLSSCOPE_SITE / TLSSCOPE_SERVER)
//
// Prints one JSON line: each phase's ms per round, and the renderer main thread's CPU ms per run:
//   relay_open     url → the relay's first report (WebSocket opened, the relay resolved the host)
//   relay_dns, relay_tcp   what the relay reports it spent on DNS and on the TCP connect
//   client_hello   TCP connected → the ClientHello written (the engine: key share, ClientHello)
//   server_wait    ClientHello written → the server's first bytes back (relay, origin, loopback)
//   server_flight  the server's first bytes → the client's next flight written (the engine:
//                  chain and signature checks, ECDH, key schedule, the events of all of it)
//   response_wait  the client's last flight before the response → the response decrypted
//   close          the response → the relay's report that TCP closed
//   cpu            the renderer main thread's CPU time for the whole run (ThreadTime)
import { loadavg } from 'node:os';
import { startTlsscopeServer, stop } from '../../tests/wasm/harness.mjs';
import { openPage } from '../../tests/browser/support.mjs';

const rounds = Number(process.argv[2] ?? 5);
const version = process.argv[3];
const server = await startTlsscopeServer();
const { browser, page } = await openPage(server);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
const threadTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value * 1000;

/** The phases of one run's events (ms), as listed above. */
function phases(events) {
  const first = (pred, from = 0) => events.find((e, i) => i >= from && pred(e));
  const at = (e) => events.indexOf(e);
  const binary = (dir) => (e) => e.type === 'ws_frame' && e.opcode === 'binary' && e.dir === dir;
  const url = first((e) => e.type === 'url');
  const report = first((e) => e.type === 'ws_frame' && e.opcode === 'text' && e.dir === 'in');
  const dns = first((e) => e.type === 'dns');
  const tcp = first((e) => e.type === 'tcp');
  const hello = first(binary('out'));
  const answer = first(binary('in'));
  const flight = first(binary('out'), at(answer));
  const response = first((e) => e.type === 'http_response');
  const lastOut = events.slice(0, at(response)).findLast(binary('out'));
  const closed = first((e) => e.type === 'tcp_closed');
  return {
    relay_open: report.t - url.t, relay_dns: dns.ms, relay_tcp: tcp.ms,
    client_hello: hello.t - tcp.t, server_wait: answer.t - hello.t, server_flight: flight.t - answer.t,
    response_wait: response.t - lastOut.t, close: closed ? closed.t - response.t : null,
  };
}

const result = { load: [], cpu: [] };
try {
  for (let i = 0; i < rounds; i++) {
    result.load.push(loadavg()[0]);
    await page.goto(`${server.page}/`);
    await page.evaluate(() => window.tlsscope.ready);
    await page.evaluate(() => window.tlsscope.warmedUp);  // as page.mjs: Enter after the idle warm-up
    const cpu0 = await threadTime();
    const events = await page.evaluate(([u, v]) => window.tlsscope.run(u, { version: v }), [server.demoOrigin + '/', version]);
    result.cpu.push(await threadTime() - cpu0);
    for (const [k, v] of Object.entries(phases(events))) (result[k] ??= []).push(v);
  }
} finally {
  await browser.close();
  await stop(server.proc);
}
console.log(JSON.stringify(result));
