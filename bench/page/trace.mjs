// Where the renderer main thread's time goes during one page run: a Chromium performance trace
// (DevTools protocol Tracing) of a run of the demo origin, as bench/page/page.mjs takes it, summed
// per trace event name (self time: a child's time is not counted again in its parent).
//
//   node bench/page/trace.mjs [ROUNDS] [--idle] [--click] [--after-done] [--out trace.json]
//
// --idle waits for the page's idle warm-up (window.tlsscope.warmedUp) before Enter, as a learner
// typing a URL would. --click traces instead, after the run, a click on the diagram's
// certificate step and the 300 ms after it (bench/page/page.mjs's click row). --after-done
// presses Enter in the address field (as page.mjs does; the automation API's run shows every
// panel of the tools) and counts only what follows the run's `done` until the tools are drawn
// (page.mjs's page_cpu_all − page_cpu), with the layout objects and styled elements of that
// time. Prints one JSON line per round: the top entries {name: ms} and the total.
import { writeFileSync } from 'node:fs';
import { startTlsscopeServer, stop } from '../../tests/wasm/harness.mjs';
import { openPage, pressEnter } from '../../tests/browser/support.mjs';

const args = process.argv.slice(2);
const rounds = Number(args.find((a) => /^\d+$/.test(a)) ?? 1);
const idle = args.includes('--idle');
const click = args.includes('--click');
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : null;
const afterDone = args.includes('--after-done');
const CATEGORIES = ['devtools.timeline', 'v8', 'v8.wasm', 'disabled-by-default-v8.compile', 'blink', 'toplevel', 'blink.user_timing',
  'disabled-by-default-devtools.timeline'];

/** Self time per event name on the renderer main thread (complete 'X' and B/E pairs). */
function selfTimes(events, from = -Infinity) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const spans = [];
  const open = [];
  for (const e of events) {
    if (!main || e.pid !== main.pid || e.tid !== main.tid) continue;
    if (e.ph === 'X') spans.push({ name: e.name, ts: e.ts, end: e.ts + (e.dur ?? 0) });
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') { const b = open.pop(); if (b) spans.push({ name: b.name, ts: b.ts, end: e.ts }); }
  }
  spans.sort((a, b) => a.ts - b.ts || b.end - a.end);
  const self = {};
  const stack = [];
  for (const s of spans) {
    if (s.ts < from) continue;
    while (stack.length && stack.at(-1).end <= s.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self[parent.name] = (self[parent.name] ?? 0) - (Math.min(s.end, parent.end) - s.ts);
    self[s.name] = (self[s.name] ?? 0) + (s.end - s.ts);
    stack.push(s);
  }
  return self;
}

const server = await startTlsscopeServer();
const { browser, page } = await openPage(server);
const cdp = await page.context().newCDPSession(page);
try {
  for (let i = 0; i < rounds; i++) {
    await page.goto(`${server.page}/`);
    await page.evaluate(() => window.tlsscope.ready);
    if (idle) await page.evaluate(() => window.tlsscope.warmedUp);
    if (click) await page.evaluate((u) => window.tlsscope.run(u), server.demoOrigin + '/');
    if (afterDone) {
      await page.fill('#url', server.demoOrigin + '/');
      await page.evaluate(() => new MutationObserver((_, seen) => {
        if (document.documentElement.dataset.state === 'done') { performance.mark('bench-done'); seen.disconnect(); }
      }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-state'] }));
    }
    const events = [];
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: CATEGORIES } });
    if (click) {
      await page.locator('#diagram [data-step="certificate"][data-kind="message"] a').first().click();
      await page.waitForTimeout(300);
    } else if (afterDone) {
      await pressEnter(cdp);
      await page.waitForFunction(() => document.documentElement.dataset.state === 'done' &&
        !document.getElementById('tools').hidden && !document.getElementById('tools').hasAttribute('aria-busy'));
    } else await page.evaluate((u) => window.tlsscope.run(u), server.demoOrigin + '/');
    await cdp.send('Tracing.end');
    await complete;
    cdp.removeAllListeners('Tracing.dataCollected');
    if (out) writeFileSync(out, JSON.stringify({ traceEvents: events }));
    const from = afterDone ? events.find((e) => e.name === 'bench-done')?.ts ?? Infinity : -Infinity;
    const self = Object.entries(selfTimes(events, from)).filter(([, us]) => us > 500).sort((a, b) => b[1] - a[1]);
    const total = self.reduce((n, [, us]) => n + us, 0);
    const counts = afterDone ? { layout_objects: 0, styled_elements: 0 } : {};
    for (const e of afterDone ? events : []) {
      if (e.ts < from) continue;
      if (e.name === 'Layout') counts.layout_objects += e.args?.beginData?.dirtyObjects ?? 0;
      if (e.name === 'UpdateLayoutTree') counts.styled_elements += e.args?.elementCount ?? 0;
    }
    console.log(JSON.stringify({ total_ms: Math.round(total / 100) / 10, ...counts,
      top: Object.fromEntries(self.slice(0, 25).map(([n, us]) => [n, Math.round(us / 100) / 10])) }));
  }
} finally {
  await browser.close();
  await stop(server.proc);
}
