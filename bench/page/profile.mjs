// Where the page's main-thread script time goes during runs of the demo origin: a V8 CPU
// profile (DevTools protocol Profiler, 50 µs sampling) of ROUNDS runs, self time summed per
// function (name, file), largest first. The engine's wasm functions show as wasm-function[N]
// unless the site was built with names.
//
//   node bench/page/profile.mjs [ROUNDS] [--top N]   (paths from TLSSCOPE_SITE / TLSSCOPE_SERVER)
import { startTlsscopeServer, stop } from '../../tests/wasm/harness.mjs';
import { openPage } from '../../tests/browser/support.mjs';

const args = process.argv.slice(2);
const rounds = Number(args.find((a) => /^\d+$/.test(a)) ?? 3);
const top = args.includes('--top') ? Number(args[args.indexOf('--top') + 1]) : 40;

const server = await startTlsscopeServer();
const { browser, page } = await openPage(server);
const cdp = await page.context().newCDPSession(page);
const self = new Map();
let total = 0;
try {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  for (let i = 0; i < rounds; i++) {
    await page.goto(`${server.page}/`);
    await page.evaluate(() => window.tlsscope.ready);
    await page.evaluate(() => window.tlsscope.warmedUp);
    await cdp.send('Profiler.start');
    await page.evaluate((u) => window.tlsscope.run(u), server.demoOrigin + '/');
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
      const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
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
