// The page figures: Enter in the URL bar → the decrypted HTTP response on screen, headless
// Chromium against a real tlsscope-server and its demo HTTPS origin on loopback, next to `curl`
// fetching the same origin (its own time_total); and the bytes Chromium fetched for that.
// Each round loads the page afresh (a learner's first request) and runs curl right after.
//
//   node bench/page/page.mjs ROUNDS [--at-ready] [--first N] [--lang zh]   (paths from TLSSCOPE_SITE /
//                                                                TLSSCOPE_SERVER, as the tests)
//
// Enter is pressed once the page's idle warm-up is over (window.tlsscope.warmedUp, web/warmup.js),
// as after a learner has read the page and typed a URL; --at-ready presses it the moment the
// engine is loaded instead, which stops the warm-up (the case of a shared ?url= link).
//
// Prints one JSON line, times in ms, one value per round:
//   page       the figure: from the Enter keydown's own timestamp (when Chromium received the
//              key) to the first frame painted after the decrypted response was put on screen
//   page_shown the same Enter to the moment the response was put on screen, before that frame:
//              `page` less the frame that paints it (what the main thread runs before it, its
//              style, layout and paint; headless Chromium begins a frame when one is asked
//              for, ~2 ms after a change in an idle page, rather than at a 60 Hz tick)
//   page_done  the same Enter to html[data-state="done"] (the TCP close reported, the secrets
//              panel and both-sides proof drawn, the relay view built)
//   page_wall  Node's wall clock from before the key is sent to the page saying it is done and
//              the response painted (adds the DevTools protocol round trips of the driver,
//              which a learner never waits for)
//   page_own   the page's own Enter → response timer (data-response-ms)
//   page_first the figure for the first visit below (a fresh browser context: nothing cached,
//              the wasm compiled for the first time in this browser), once per first visit
//              (--first N of them, default 1; the later rounds reuse the wasm code the browser
//              compiled in the earlier ones, a first visit does not)
//   page_cpu   the renderer main thread's CPU time from before the key to done (the DevTools
//              protocol's ThreadTime): the page's own work, which load on the machine inflates
//              far less than it does wall time
//   page_cpu_all the same from before the key to the tools below the run drawn too (#tools no
//              longer aria-busy: web/run-view.js draws them when the page is idle after the run's
//              end), so work moved past `done` is still counted here
//   curl       curl's time_total to the same URL
//   bare       yardstick: the same connection through tlsscope.js in the same tab with nothing
//              drawn (connect() with no onEvent; the demo CA as trust anchor), call → the
//              response in hand (its head and body decrypted: the later of its http_response and
//              last incoming application_data events, by their `t`), where curl's time_total
//              ends too; one per round after an unmeasured one: what the engine, the relay and
//              the network take without the page's drawing; through a tunnel opened ahead, as
//              the page's runs go (wasm/connection.js openSpareTunnel)
//   bare_done  the same runs, call → connect() resolved: after the server's close_notify and
//              the relay's report that the TCP connection closed (~1 ms more), which neither
//              curl's figure nor the page's waits for
//   bare_own   as bare, each run opening its own WebSocket at its start (as before tunnels
//              were opened ahead)
//   floor      yardstick for `page`: the bare connection (a tunnel opened ahead, the engine warm),
//              started by an Enter (the bench's own, as `page`'s, in an input of its own) after a
//              300 ms pause, then its response's status line put into one element and the frame
//              painted after it (the line put in at the http_response event, as the page shows
//              its response), taken as `page` is, from the keydown's timestamp; each run with
//              the demo CA parsed afresh, so that it checks the chain's links in full as a page's
//              first run does: what a page drawing nothing but one line of this engine's response
//              takes, with none of the page's drawing or its V8's first calls. (Started by a
//              call instead of a key it was 1–2 ms less: a key press has the browser make a
//              frame, and the compositor then ticks at 60 Hz for a while. With the chain's
//              answers remembered, ~2 ms less. Back to back, each round's frame waited 5–6 ms
//              for that tick, which a page that has been still for a while does not: its first
//              frame begins at once.)
//   click      after each round's run: a click on the diagram's certificate step (its
//              mouse-up's own timestamp) → the first frame painted after the detail pane shows
//              that step (the goal: within one frame, 16 ms)
//   click_all  the same click → the first frame painted once the whole detail is drawn (a step
//              picked draws what the window shows of it, the rest in a task after that frame:
//              web/run-view.js drawDetail; click_all = click when nothing was left for later)
//   visit_first  a first visit (fresh browser context: nothing cached) from navigation start to
//              window.tlsscope.ready (the engine fetched, compiled and instantiated, the step
//              table read: Enter can run), one per first visit
//   visit_repeat the same page visited again in the same context (its HTTP cache and the
//              browser's compiled code warm), navigation start → ready, one per first visit
//   load       the 1-minute load average before each round (the machine is shared)
//   warm_up    the warm-up's self-check on the first visit (its ms in all, slice_max_ms: the
//              longest one slice kept the main thread, which an Enter during it would wait for)
//   fetched    [{url, bytes, gzip}] every file Chromium received for one first visit (a
//              fresh browser context, nothing cached: the page load and one run): bytes as
//              sent (tlsscope-server does not compress), gzip = `gzip -9` of the site's file
//   shipped_gzip_kib  gzip -9 of the .js and .wasm among `fetched` (the "wasm + js shipped"
//              row: what a learner's browser downloads for a run, not every file in the folder)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { env, startTlsscopeServer, stop } from '../../tests/wasm/harness.mjs';
import { openPage, pressEnter } from '../../tests/browser/support.mjs';

const rounds = Number(process.argv[2] ?? 5);
const atReady = process.argv.includes('--at-ready');
const firstVisits = process.argv.includes('--first') ? Number(process.argv[process.argv.indexOf('--first') + 1]) : 1;
// --lang zh: the first visits open the page in 中文 (?lang=zh), which fetches its Chinese words too.
const firstLang = process.argv.includes('--lang') ? process.argv[process.argv.indexOf('--lang') + 1] : 'en';
const server = await startTlsscopeServer();
const { browser, page } = await openPage(server);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
const threadTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value * 1000;
const result = { page: [], page_shown: [], page_done: [], page_wall: [], page_own: [], page_cpu: [], page_cpu_all: [], curl: [], load: [], page_first: [],
  click: [], click_all: [], visit_first: [], visit_repeat: [], enter: atReady ? 'at ready' : 'after the warm-up' };

/** In every page of a context, before its scripts: the moment window.tlsscope.ready resolves,
 *  in ms since navigation start (performance.now()), as window.__readyAt. */
function stampReady() {
  let api;
  Object.defineProperty(window, 'tlsscope', {
    configurable: true,
    get: () => api,
    set: (value) => {
      api = value;
      value.ready.then(() => { window.__readyAt = performance.now(); });
    },
  });
}
const readyAt = (tab) => tab.waitForFunction(() => window.__readyAt).then((h) => h.jsonValue());

/** Clicks the diagram's certificate step after a run; ms from the click to the frame painted
 *  after the detail pane shows it ({first}), and to the frame painted once all of it is drawn
 *  ({all}: no part of the pane aria-busy, i.e. the hex view's lines past its first screen too). */
async function clickStep(tab) {
  const link = tab.locator('#diagram [data-step="certificate"][data-kind="message"] a').first();
  await tab.evaluate(() => {
    const marks = {};
    const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - marks.click))));
    window.__clickDrawn = new Promise((resolve) => {
      document.addEventListener('click', (ev) => { marks.click ??= ev.timeStamp; }, { capture: true, once: true });
      const detail = document.getElementById('detail');
      let first;
      const seen = new MutationObserver(() => {
        if (marks.click === undefined) return;
        first ??= painted();
        if (detail.matches('[aria-busy="true"]') || detail.querySelector('[aria-busy="true"]')) return;
        seen.disconnect();
        Promise.all([first, painted()]).then(([f, all]) => resolve({ first: f, all }));
      });
      seen.observe(detail, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
      setTimeout(() => resolve(null), 5000);
    });
  });
  await link.click();
  const ms = await tab.evaluate(() => window.__clickDrawn);
  if (ms === null) throw new Error('clicking the certificate step drew no detail within 5 s');
  return ms;
}

/** The page loaded and the engine ready; unless --at-ready, its idle warm-up over too. */
async function loaded(tab) {
  await tab.evaluate(() => window.tlsscope.ready);
  return atReady ? null : tab.evaluate(() => window.tlsscope.warmedUp);
}

/** Marks in the page: the Enter keydown's timestamp, the response put on screen and the frame
 *  painted after it, the run done. Installed on each fresh page, before the key is pressed.
 *  window.__benchFinished resolves to the marks once the run ended and its response was painted
 *  (or the run failed): waiting on it adds no polling to the page's main thread, as
 *  waitForSelector would. */
function installMarks() {
  const marks = {};
  let finish;
  window.__benchFinished = new Promise((resolve) => { finish = resolve; });
  setTimeout(() => finish({ ...marks, state: marks.state ?? 'still running after 20 s' }), 20000);
  const check = () => { if (marks.state === 'failed' || (marks.done !== undefined && marks.painted !== undefined)) finish(marks); };
  document.getElementById('url').addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && marks.enter === undefined) marks.enter = ev.timeStamp;
  }, { capture: true });
  const response = document.getElementById('response');
  new MutationObserver(() => {
    if (!response.hidden && marks.shown === undefined) {
      marks.shown = performance.now();
      // rAF runs before the frame's paint; the task it posts runs after that frame.
      requestAnimationFrame(() => setTimeout(() => { marks.painted = performance.now(); check(); }));
    }
  }).observe(response, { attributes: true, attributeFilter: ['hidden'] });
  new MutationObserver(() => {
    const s = document.documentElement.dataset.state;
    if ((s === 'done' || s === 'failed') && marks.done === undefined) {
      marks.done = performance.now();
      marks.state = s;
      check();
    }
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-state'] });
}

/** Every response Chromium receives for a first visit and one run, in a context with an empty
 *  cache: its body size as sent, and gzip -9 of it for the files of the site folder. */
async function firstVisit(url) {
  const context = await browser.newContext({ locale: firstLang === 'zh' ? 'zh-CN' : 'en-US' });
  await context.addInitScript(stampReady);
  const visitor = await context.newPage();
  const done = [];
  let recording = true;
  visitor.on('requestfinished', (request) => {
    if (!recording || !request.url().startsWith('http')) return;
    done.push(request.sizes().then(({ responseBodySize }) => {
      const name = new URL(request.url()).pathname;
      const file = path.join(env.site, name === '/' ? 'index.html' : name);
      const gzip = existsSync(file) && statSync(file).isFile() ? gzipSync(readFileSync(file), { level: 9 }).length : null;
      return { url: request.url().replace(server.page, ''), bytes: responseBodySize, gzip };
    }));
  });
  await visitor.goto(`${server.page}/${firstLang === 'en' ? '' : `?lang=${firstLang}`}`);
  result.visit_first.push(await readyAt(visitor));
  result.warm_up = await loaded(visitor);
  await visitor.fill('#url', url);
  await visitor.evaluate(installMarks);
  await pressEnter(await context.newCDPSession(visitor));
  const marks = await visitor.evaluate(() => window.__benchFinished);
  if (marks.state !== 'done') throw new Error(`the first visit's run ended ${marks.state}`);
  result.page_first.push(marks.painted - marks.enter);
  // Each URL once: the connection worker (wasm/connection-worker.js) asks again for chunks the
  // page has already fetched (answered from the cache or with a 304, no body); a file is one
  // download however many threads import it.
  const out = [...new Map((await Promise.all(done)).map((f) => [f.url, f])).values()];
  recording = false;
  // The same page again, in the same context: what a learner's second visit waits for.
  await visitor.goto(`${server.page}/`);
  result.visit_repeat.push(await readyAt(visitor));
  await loaded(visitor);
  await context.close();
  return out;
}

try {
  const url = server.demoOrigin + '/';
  result.fetched = await firstVisit(url);
  for (let i = 1; i < firstVisits; i++) await firstVisit(url);
  const ca = path.join(env.work, 'state', 'ca.pem');
  for (let i = 0; i < rounds; i++) {
    result.load.push(loadavg()[0]);
    // Not reload(): the page writes its controls into the address bar (?url=…), and such a link
    // runs at once, so a reload would start a run before the Enter being timed.
    await page.goto(`${server.page}/`);
    await loaded(page);
    await page.fill('#url', url);
    await page.evaluate(installMarks);
    const cpu0 = await threadTime();
    const t0 = performance.now();
    await pressEnter(cdp);
    const marks = await page.evaluate(() => window.__benchFinished);
    const wall = performance.now() - t0;
    result.page_cpu.push(await threadTime() - cpu0);
    await page.evaluate(() => new Promise((resolve) => {
      const tools = document.getElementById('tools');
      const drawn = () => !tools.hidden && !tools.hasAttribute('aria-busy');
      if (drawn()) { resolve(); return; }
      const seen = new MutationObserver(() => { if (drawn()) { seen.disconnect(); resolve(); } });
      seen.observe(tools, { attributes: true, attributeFilter: ['aria-busy', 'hidden'] });
    }));
    result.page_cpu_all.push(await threadTime() - cpu0);
    if (marks.state !== 'done') throw new Error(`the page ended ${marks.state}: ${await page.textContent('#status')}`);
    result.page.push(marks.painted - marks.enter);
    result.page_shown.push(marks.shown - marks.enter);
    result.page_done.push(marks.done - marks.enter);
    result.page_wall.push(wall);
    result.page_own.push(Number(await page.getAttribute('html', 'data-response-ms')));
    const click = await clickStep(page);
    result.click.push(click.first);
    result.click_all.push(click.all);
    const total = execFileSync('curl', ['-s', '-o', '/dev/null', '--cacert', ca, '-w', '%{time_total}', url],
      { encoding: 'utf8' });
    result.curl.push(Number(total) * 1000);
  }
  // The bare connection in this tab: window.__bare(spare, paint, t0) → {response, done}, ms
  // from t0 (now if not given) to the response in hand (with paint: to the frame painted after
  // its status line) and to connect() resolved. spare: through a tunnel opened ahead
  // (window.__spare() opens it).
  await page.evaluate(async (target) => {
    const { connect, loadTrustAnchors, openSpareTunnel } = await import('./tlsscope.js');
    const relay = new URL('relay', location.href);
    relay.protocol = 'ws:';
    // The demo CA parsed once, as the page's trust.js does for every run. It keeps the answers
    // of the chain's link checks for the runs after the first (a browser keeps certificates it
    // has verified); the floor's runs each get the CA parsed afresh instead, before their Enter,
    // so that each checks the chain in full, as every `page` round (a page's first run) does.
    const pem = await (await fetch('ca.pem')).text();
    const trustAnchors = await loadTrustAnchors(pem);
    let floorAnchors = null;
    window.__freshAnchors = async () => {
      floorAnchors?.dispose();
      floorAnchors = await loadTrustAnchors(pem);
    };
    // The floor's one line, on top of the page, and the input its Enter is pressed in.
    const line = document.body.appendChild(document.createElement('output'));
    const key = document.body.appendChild(document.createElement('input'));
    key.id = 'floor-enter';
    line.style.cssText = 'position: fixed; inset: 0 auto auto 0; z-index: 9; background: Canvas';
    key.style.cssText = 'position: fixed; inset: 2em auto auto 0; z-index: 9';
    let runs = 0;
    // As the page does: a tunnel opened ahead of the run (the driver opens the next one 200 ms
    // after a run; a learner takes longer than that to press Enter again).
    window.__spare = async () => {
      if (!(await openSpareTunnel(relay.href))) throw new Error('no tunnel could be opened ahead');
    };
    window.__bare = async (spare, paint, t0 = performance.now()) => {
      // The floor's status line, put in as the page shows its response: at its http_response
      // event. The frame that paints it is awaited as installMarks awaits the page's (rAF runs
      // before the paint, the task it posts after).
      let painted = null;
      const onEvent = paint ? (e) => {
        if (e.type !== 'http_response') return;
        line.textContent = `${e.status} ${e.reason} (${++runs})`;
        painted = new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()))));
      } : undefined;
      const called = performance.now();
      const r = await connect(target, { relay: relay.href, trustAnchors: paint ? floorAnchors : trustAnchors, spare, onEvent });
      const done = performance.now() - t0;
      if (r.state === 'failed' || !r.response || (paint && !painted)) throw new Error(`bare run ended ${r.state}: ${r.error?.code}`);
      if (spare && r.events.find((e) => e.type === 'ws_frame')?.opcode !== 'text') throw new Error('the bare run did not take its spare');
      if (paint && JSON.stringify(r.events).includes('"remembered":true')) throw new Error('the floor\'s chain was not checked in full');
      if (paint) return { response: (await painted) - t0, done };
      // Each event's t is ms since connect() began.
      const inHand = Math.max(...r.events.filter((e) => e.type === 'http_response' || (e.type === 'application_data' && e.dir === 'in')).map((e) => e.t));
      return { response: called - t0 + inHand, done };
    };
    // The floor's Enter: its run starts in the keydown, timed from the key's own timestamp.
    key.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') window.__floorRun = window.__bare(true, true, ev.timeStamp);
    });
  }, url);
  /** One run per round after an unmeasured one, each started by a call (floor: by an Enter,
   *  after a 300 ms pause): {response, done} as window.__bare's, each a list. */
  const bare = async (spare, floor = false) => {
    const times = { response: [], done: [] };
    for (let i = 0; i <= rounds; i++) {
      if (spare) await page.evaluate(() => window.__spare());
      let ms;
      if (floor) {
        await page.evaluate(() => { window.__floorRun = null; return window.__freshAnchors(); });
        await page.focus('#floor-enter');
        await page.waitForTimeout(300);
        await pressEnter(cdp);
        ms = await page.evaluate(() => window.__floorRun ?? Promise.reject(new Error('the floor\'s Enter started no run')));
      } else {
        ms = await page.evaluate((s) => window.__bare(s, false), spare);
      }
      if (i > 0) for (const k of ['response', 'done']) times[k].push(ms[k]);
    }
    return times;
  };
  ({ response: result.bare, done: result.bare_done } = await bare(true));
  result.bare_own = (await bare(false)).response;
  result.floor = (await bare(true, true)).response;
} finally {
  await browser.close();
  await stop(server.proc);
}
const shipped = result.fetched.filter((f) => /\.(m?js|wasm)(\?|$)/.test(f.url));
result.shipped_gzip_kib = Math.round(shipped.reduce((n, f) => n + f.gzip, 0) / 102.4) / 10;
result.fetched_bytes_kib = Math.round(result.fetched.reduce((n, f) => n + f.bytes, 0) / 102.4) / 10;
console.log(JSON.stringify(result));
