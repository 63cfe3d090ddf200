// Where the page's main-thread script time goes during runs of the demo origin: a V8 CPU
// profile (DevTools protocol Profiler, 50 µs sampling) of ROUNDS runs, self time summed per
// function (name, file), largest first. The engine's wasm functions are named from the build's
// symbol map (wasm/CMakeLists.txt: tlsscope-engine.js.symbols, TLSSCOPE_ENGINE_SYMBOLS to point
// elsewhere), else shown as wasm-function[N].
//
//   node bench/page/profile.mjs [ROUNDS] [--top N] [--bare]
//                                   (paths from TLSSCOPE_SITE / TLSSCOPE_SERVER)
//
// --bare profiles bench/page/page.mjs's yardstick instead: the same connection through
// tlsscope.js with nothing drawn (after one unprofiled run in the same page).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startTlsscopeServer, stop } from '../../tests/wasm/harness.mjs';
import { openPage } from '../../tests/browser/support.mjs';

const args = process.argv.slice(2);
const rounds = Number(args.find((a) => /^\d+$/.test(a)) ?? 3);
const top = args.includes('--top') ? Number(args[args.indexOf('--top') + 1]) : 40;
const bare = args.includes('--bare');

/** In the page: one connection with nothing drawn (prepared once, then run on each call). */
function bareRun(target) {
  window.__bare ??= (async () => {
    const { connect, loadTrustAnchors } = await import('./tlsscope.js');
    const relay = new URL('relay', location.href);
    relay.protocol = 'ws:';
    const trustAnchors = await loadTrustAnchors(await (await fetch('ca.pem')).text());
    return () => connect(target, { relay: relay.href, trustAnchors });
  })();
  return window.__bare.then(async (run) => {
    const r = await run();
    if (r.state === 'failed' || !r.response) throw new Error(`bare run ended ${r.state}: ${r.error?.code}`);
  });
}

const symbolFile = process.env.TLSSCOPE_ENGINE_SYMBOLS ??
  path.join(process.env.TLSSCOPE_SITE ?? 'build/site', '../wasm/bin/tlsscope-engine.js.symbols');
const symbols = new Map(existsSync(symbolFile) ? readFileSync(symbolFile, 'utf8').split('\n')
  .filter(Boolean).map((l) => [`wasm-function[${l.slice(0, l.indexOf(':'))}]`, l.slice(l.indexOf(':') + 1)]) : []);

const server = await startTlsscopeServer();
const { browser, page } = await openPage(server);
const cdp = await page.context().newCDPSession(page);
const self = new Map();
let total = 0;
try {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  for (let i = 0; i < rounds; i++) {
    if (!bare || i === 0) {
      await page.goto(`${server.page}/`);
      await page.evaluate(() => window.tlsscope.ready);
      await page.evaluate(() => window.tlsscope.warmedUp);
      if (bare) await page.evaluate(bareRun, server.demoOrigin + '/');
    }
    await cdp.send('Profiler.start');
    if (bare) await page.evaluate(bareRun, server.demoOrigin + '/');
    else await page.evaluate((u) => window.tlsscope.run(u), server.demoOrigin + '/');
    const { profile } = await cdp.send('Profiler.stop');
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
    const dt = profile.timeDeltas;
    for (let s = 0; s < profile.samples.length; s++) {
      let n = byId.get(profile.samples[s]);
      // A native or unnamed frame (url-less) is counted as the nearest caller with a script.
      const leaf = n;
      while (!n.callFrame.url && parent.has(n.id)) n = parent.get(n.id);
      if (!n.callFrame.url) n = leaf;
      const f = n.callFrame;
      const name = symbols.get(f.functionName) ?? (f.functionName || '(anon)');
      const key = `${name} ${f.url.split('/').pop()}:${f.lineNumber}`;
      const us = dt[s + 1] ?? 0;
      self.set(key, (self.get(key) ?? 0) + us);
      total += us;
    }
  }
} finally {
  await browser.close();
  await stop(server.proc);
}
const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
console.log(`per run, ms of ${(total / 1000 / rounds).toFixed(1)} sampled:`);
for (const [k, us] of rows) console.log((us / 1000 / rounds).toFixed(2).padStart(7), k);
