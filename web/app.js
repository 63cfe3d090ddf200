// The page's shell: URL bar → connectInWorker() (wasm/connection-proxy.js: connection.js's engine
// in wasm + relay WebSocket, in a module Worker, connection-worker.js) →
// the run store (store.js) → the views (run-view.js: the sequence diagram on the left, the
// selected step in full on the right, the tools after a run), a failure card (failures.js) when
// it fails, the decrypted HTTP response when it works. Also the version and language switches,
// the comparison view (compare.js), the colour scheme toggle, keyboard navigation (←/→ between
// steps, Enter selects) and deep links (#finished). The relay (relay.js) and the trust anchors
// (trust.js) are their own modules.
//
// URL parameters preset the controls and follow them (a link can be shared):
//   ?url=…&lang=en|zh&mode=live|step|compare&version=1.2|1.3&relay=wss://…   (#<step> selects a step)
// A link with ?url= runs at once.
//
// What a successful first run does not need is loaded when it is used (import()): the failure
// cards with their lessons (failures.js, lessons.js: the largest table), the comparison
// (compare.js), the pcapng export (pcapng.js) and the in-browser server (inpage-server.js).
//
// The secrets panel and the both-sides proof come from secrets.js (with the demo origin's own
// secrets from /origin-secrets).
// Step mode holds each client flight after the ClientHello until Next (or →) releases it (the
// driver's `gate`). Break it: the driver's `tamper` and `serverName`. Exports (transcript.js,
// pcapng.js), replay of a saved transcript, and the relay's view of the frames (relayview.js).
//
// The automation API (window.tlsscope.ready is there once the page has loaded; the members below
// are there once it resolves):
//   window.tlsscope.run(url, {mode: 'live'|'step', version, tamper, serverName, postQuantum})
//                                                      → the events (postQuantum: false unticks the
//                                                        X25519MLKEM768 control first), once
//                                                        the tools below the run are drawn too
//   window.tlsscope.run(url, {mode: 'compare'})        → {'1.2': events, '1.3': events}
//   window.tlsscope.next()                             → true if a held flight was released
//   window.tlsscope.replay(transcript)                 → the events, browsed like a live run
//   window.tlsscope.runInPage({mode, version})          → the events of a run against the
//                                                          in-browser server (inpage-server.js)
//   window.tlsscope.relayReachable                     → Promise<boolean> (the probe)
//   window.tlsscope.tunnelAhead()                      → Promise<boolean>: a tunnel to the relay
//                                                          is open for the next run (tunnelAhead)
//   window.tlsscope.warmedUp                           → Promise of the idle warm-up's self-check
//                                                          (warmup.js), stopped: true if a run came first
//   window.tlsscope.setLang('zh' | 'en')               → a Promise, resolved once the page is
//                                                          drawn in it (html[data-lang] says so)
//   window.tlsscope.select(id)                         → the selected id (drawn whole, named in
//                                                        the address bar at once)
//   window.tlsscope.store                              → the run store (store.js): events, model
// and, as this module's exports (import('/app.js') in the page gives the instance the page runs),
// the page's own store.js, diagram.js and relayview.js, which browser.store drives directly:
// imported by name they would be entry points of the site's bundle of their own, each splitting
// a chunk off the first visit's download (docs/performance.md, "The first visit's download").
import { init, connect, connectInWorker, startConnectionWorker, steps as loadSteps } from './tlsscope.js';
import { warmUpWorker, openTunnelAhead, trustAnchorsAhead } from './connection-proxy.js';
import { setStepTable, loadLang, setLang, getLang, t, titleOf, LANGS } from './i18n.js';
import { h } from './dom.js';
import { renderDiagram } from './diagram.js';
import { renderDetail } from './detail.js';
import { replay as replayTranscript } from './transcript.js';
import { fetchOriginSecrets, clientRandomOf, secretsTokenOf } from './secrets.js';
import { warmUpWhenIdle } from './warmup.js';
import { RunStore, modelOf } from './store.js';
import { RunView, loadFailureCards, failureCardsModule } from './run-view.js';
import { trustFor, demoCaPem, hostOf, isLoopback } from './trust.js';
import { relayParam, relayUrl, probeRelay, demoOriginUrl, fetchVariants } from './relay.js';
import { INPAGE_URL, isInPageUrl } from './inpage-address.js';

const root = document.documentElement;
const $ = (id) => document.getElementById(id);
const form = $('go');
const urlInput = $('url');
const versionSelect = $('version');
const langSelect = $('lang');
const statusLine = $('status');
const compareView = $('compare-view');
const compareColumns = $('compare-columns');
const modeSelect = $('mode');
const tamperSelect = $('tamper');
const sniInput = $('sni');
const pqBox = $('pq');  // offer X25519MLKEM768 (connect()'s postQuantum); ?pq=0 turns it off

/** The page's own state. The DOM shows it (root's data-* attributes are written from here for
 *  the style sheet and the tests) and is never read back. */
const page = {
  state: 'idle',        // idle | running | done | failed
  view: 'steps',        // steps | compare
  relay: null,          // true / false once the probe answered
  gaveUp: false,        // step mode: the server stopped waiting for a held flight
  theme: null,          // the learner's pick, else the system's
};
function show(name, value) {
  page[name] = value;
  const shown = name === 'relay' && value !== null ? (value ? 'reachable' : 'unreachable') : value;
  if (shown === null || shown === false) delete root.dataset[name];
  else root.dataset[name] = String(shown);
}

// ---------------------------------------------------------------------------------------------
// URL parameters. The prefilled address is the demo origin of the server that served the page
// (its /demo-origin.json names the port it really listens on), or the in-browser server when no
// relay answers; until the probe answers it shows this host's usual demo port.

const params = new URLSearchParams(location.search);
const MODES = ['live', 'step', 'compare'];
const guessedUrl = `https://${location.hostname || '127.0.0.1'}:8443/`;
urlInput.value = params.get('url') ?? guessedUrl;
if (['1.2', '1.3'].includes(params.get('version'))) versionSelect.value = params.get('version');
if (['live', 'step'].includes(params.get('mode'))) modeSelect.value = params.get('mode');
pqBox.checked = params.get('pq') !== '0';
const browserLang = (navigator.language ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
langSelect.value = LANGS.includes(params.get('lang')) ? params.get('lang') : browserLang;
// The page fetches its language's words (web/en/ or web/zh/) first, so nothing this module draws
// is in the other language; the engine's fetch starts now too, rather than after them.
const engineReady = init();
// The automation API is there from this module's first task, before the words are awaited, so a
// script may read window.tlsscope.ready as soon as the page has loaded; its methods are added
// below, before ready resolves.
let apiInstalled;
window.tlsscope = { ready: new Promise((resolve) => { apiInstalled = resolve; }) };
// Chinese words that did not come (the network failed): the page in English rather than no page.
await loadLang(langSelect.value).catch(() => { langSelect.value = 'en'; return loadLang('en'); });
setLang(langSelect.value);

/** Writes the controls back into the address bar, keeping the selected step's #hash. */
function syncUrl(mode) {
  const p = new URLSearchParams();
  if (urlInput.value) p.set('url', urlInput.value.trim());
  p.set('lang', getLang());
  if (mode && mode !== 'live') p.set('mode', mode);
  if (versionSelect.value) p.set('version', versionSelect.value);
  if (!pqBox.checked) p.set('pq', '0');
  if (relayParam) p.set('relay', relayParam);
  history.replaceState(null, '', `?${p}${location.hash}`);
}

/** The status line: a page string by key, so a language switch relabels it too. */
function setStatus(key, ...args) {
  statusLine.dataset.i18n = key;
  statusLine.dataset.i18nArgs = JSON.stringify(args);
  statusLine.textContent = t(key, ...args);
}
setStatus('loading');
show('state', 'idle');

const stepTable = engineReady.then(loadSteps).then((list) => { setStepTable(list); return list; });
// The relay runs' engine and WebSocket live in a worker (wasm/connection-worker.js), started
// now with the engine this thread compiled, so an Enter finds it loaded.
engineReady.then(startConnectionWorker, () => {});
stepTable.then(
  () => { if (page.state === 'idle') setStatus('ready'); },
  (err) => setStatus('engine-failed', err?.message ?? String(err)));

// ---------------------------------------------------------------------------------------------
// Colour scheme: the system's (prefers-color-scheme) until the learner picks one; kept.

const themeButton = $('theme');
const effectiveTheme = () => page.theme ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
function showTheme() {
  const dark = effectiveTheme() === 'dark';
  themeButton.setAttribute('aria-pressed', String(dark));
  themeButton.dataset.i18n = dark ? 'theme.light' : 'theme.dark';
  themeButton.textContent = t(themeButton.dataset.i18n);
}
try { if (['dark', 'light'].includes(localStorage.getItem('tlsscope.theme'))) show('theme', localStorage.getItem('tlsscope.theme')); } catch { /* storage off */ }
themeButton.addEventListener('click', () => {
  show('theme', effectiveTheme() === 'dark' ? 'light' : 'dark');
  try { localStorage.setItem('tlsscope.theme', page.theme); } catch { /* storage off */ }
  showTheme();
});
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', showTheme);
showTheme();

// ---------------------------------------------------------------------------------------------
// The relay. No relay: Enter on the prefilled address runs the in-browser server, clearly
// labelled, and the offer shows. With this page's own tlsscope-server: its demo origin prefilled
// and its bad variants (expired, wrong name, …) to run.

const relayReachable = probeRelay();
/** The prefilled address once the relay answered (the learner's own typing is never replaced). */
const defaultUrl = relayReachable.then(async (ok) => {
  show('relay', ok);
  $('inpage-offer').hidden = ok;
  const url = !ok ? INPAGE_URL : (relayParam ? null : await demoOriginUrl()) ?? guessedUrl;
  if (!params.has('url') && urlInput.value === guessedUrl) urlInput.value = url;
  if (ok && !relayParam) showVariants();
  // The demo origin's CA (0.6 KB) now, so the learner's first Enter does not wait for it.
  if (ok && isLoopback(hostOf(urlInput.value))) demoCaPem().catch(() => {});
  tunnelAhead();
  return url;
});
// A tunnel to the relay opened ahead of the next run (wasm/connection.js openSpareTunnel): the
// run names its target in it instead of waiting for a WebSocket to open. After a run the driver
// opens the next; the relay closes one unused for its idle timeout, so the address field's
// focus opens another.
function tunnelAhead() {
  return page.relay ? openTunnelAhead(relayUrl()) : Promise.resolve(false);
}
urlInput.addEventListener('focus', tunnelAhead);

// The engine's warm-up (warmup.js) while the page is idle, so a learner's first run does not wait
// for the browser to compile the engine: on the demo origin's CA when this page's relay is there.
// A run started meanwhile stops it.
// The worker's engine is warmed up too, in the worker (its self-check is the check's `worker`).
const warmedUp = Promise.all([engineReady, stepTable, defaultUrl, relayReachable]).then(async ([engine, , , ok]) => {
  const host = hostOf(urlInput.value);
  const pem = ok && isLoopback(host) ? await demoCaPem().catch(() => '') : '';
  const inWorker = warmUpWorker({ pem, host });
  const check = await warmUpWhenIdle(engine, { pem, host, busy: () => page.state !== 'idle', draw: drawDetached });
  // And the run's trust anchors (trust.js keeps them): parsed on this thread, and handed to the
  // worker, which parses them too; by the first run otherwise (2 ms of this thread, 1.2 ms of the
  // worker's between Enter and the relay's connect message; docs/performance.md).
  if (pem) await trustFor(host).then(({ trustAnchors }) => trustAnchorsAhead(trustAnchors)).catch(() => {});
  return { ...check, worker: await inWorker };
});
/** The warm-up's drawing (draw(events, n), n = 0, 1, …, one per idle slice; null past the last):
 *  a run's diagram, then its last step's detail built, then that detail laid out one piece per
 *  slice (a message's bytes view split into its tree and its hex lines). Each is laid out within
 *  its slice (the browser shapes each word's text the first time it lays it out) in an element
 *  removed before any frame could paint it. One slice for the whole detail took 50–100 ms of a
 *  first visit's main thread (bench/page/page.mjs slice_max_ms), which an early Enter waited for. */
let detailPieces = [];
function drawDetached(events, which) {
  const model = modelOf(events);
  if (which === 0) return layOutDetached(h('div', { class: 'diagram' }, ...renderDiagram(model, model.items.at(-1)?.id ?? '', false)));
  if (which === 1) {
    detailPieces = renderDetail(model.items.at(-1), model).flatMap((part) => (part.classList.contains('bytes-view')
      ? [...part.children].map((child) => h('div', { class: 'bytes-view' }, child)) : [part]));
    return 0;  // counted as each piece is laid out
  }
  const piece = detailPieces.shift();
  return piece ? layOutDetached(h('div', {}, piece)) : null;
}
function layOutDetached(element) {
  const shadow = h('div', { 'aria-hidden': 'true', inert: '', style: 'position: absolute; visibility: hidden; contain: strict; width: 40rem; height: 0' }, element);
  document.body.append(shadow);
  void shadow.firstChild.offsetHeight;  // lays it out now
  const built = shadow.querySelectorAll('*').length;
  shadow.remove();
  return built;
}

let variants = [];
async function showVariants() {
  variants = await fetchVariants();
  drawVariants();
}
/** Each variant as a shareable link that runs it (?url=…), saying what it should come to. */
function drawVariants() {
  $('variants').replaceChildren(...variants.map((v) => {
    const q = new URLSearchParams({ url: v.url, lang: getLang() });
    return h('li', { 'data-variant': v.name, 'data-expect': v.expect },
      h('a', { href: `?${q}` }, getLang() === 'zh' ? v.title_zh : v.title_en), ' ',
      v.expect === 'ok' ? h('small', { 'data-i18n': 'variant.ok' }, t('variant.ok'))
        : h('small', {}, h('span', { 'data-i18n': 'variant.expect' }, t('variant.expect')), ' ', h('code', { translate: 'no' }, v.expect)));
  }));
  $('variants-box').hidden = !variants.length;
}

// ---------------------------------------------------------------------------------------------
// The run on screen: its events go into the store; the view draws what each batch changed.

const store = new RunStore();
const view = new RunView(store);

window.addEventListener('hashchange', () => view.select(decodeURIComponent(location.hash.slice(1)), { entry: null }));
// A click on a step in the diagram selects it in the same task: following the link would wait
// for a frame before its hashchange, and lay the page out once more (bench/page/page.mjs,
// click). The history entry is the link's own (Back returns to the step before), pushed once
// the frame showing the step is painted (RunView.nameStep).
$('diagram').addEventListener('click', (ev) => {
  if (ev.button !== 0 || ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
  const link = ev.target.closest?.('a[href^="#"]');
  const id = link && decodeURIComponent(link.getAttribute('href').slice(1));
  if (!id || !view.itemById(id)) return;
  ev.preventDefault();
  view.select(id, { entry: 'push', scroll: false });
});
document.addEventListener('keydown', (ev) => {
  if (ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
  if (ev.target.closest?.('input, select, textarea, [contenteditable]')) return;
  if (page.view !== 'steps') return;
  if (ev.key === 'ArrowRight') {
    ev.preventDefault();
    if (held && view.atLastStep()) next();
    else view.move(1);
  }
  if (ev.key === 'ArrowLeft') { ev.preventDefault(); view.move(-1); }
});

// A secret's "how it was derived" link in the detail pane shows its node in the panel.
document.addEventListener('click', (ev) => {
  const link = ev.target.closest?.('[data-secret-link]');
  if (!link) return;
  ev.preventDefault();
  view.drawToolsNow();
  view.revealTools();
  const node = document.querySelector(`#secrets-panel [data-secret="${CSS.escape(link.dataset.secretLink)}"]`);
  node?.scrollIntoView({ block: 'center' });
  node?.querySelector('button, [tabindex]')?.focus({ preventScroll: true });
});

// ---------------------------------------------------------------------------------------------
// Step mode: the driver awaits gate(info) before writing each client flight after the first.

let held = null;  // {info: {flight, messages}, release} while a flight waits for the learner

function showHeld(n) {
  if (n === null) delete root.dataset.held;
  else root.dataset.held = String(n);
}

function gate(info) {
  return new Promise((release) => {
    held = { info, release };
    store.flush();
    view.setHolding(true);
    view.drawDetail();
    // Numbered as in the diagram, where the server's flights count too (the driver counts
    // only the client's).
    const n = store.model.groups.at(-1)?.n ?? info.flight;
    $('step-waiting').replaceChildren(
      h('span', { 'data-i18n': 'step.waiting', 'data-i18n-args': JSON.stringify([n]) }, t('step.waiting', n)), ' ',
      ...info.messages.flatMap((m, i) => (i ? [', ', titleOf(m)] : [titleOf(m)])));
    $('stepbar').hidden = false;
    showHeld(n);
    setStatus('step-held', n);
  });
}

function next() {
  if (!held) return false;
  const { release } = held;
  held = null;
  $('stepbar').hidden = true;
  showHeld(null);
  setStatus('step-sent');
  view.setHolding(false);
  store.flush();
  view.drawDetail();
  release();
  return true;
}
$('next').addEventListener('click', next);

// ---------------------------------------------------------------------------------------------
// Runs.

let running = null;
let lastResult = null;  // the run on screen, for the exports
let lastFailure = null;
let compared = null;  // {'1.2': {events, state}, '1.3': …} of the comparison on screen

// Drawing waits for the next frame: the driver stamps each event's `t` as it emits it, so work
// done inside onEvent would delay the stamps of the events behind it and the bytes to send.
// gapMs: at least this long between two draws (each draws only what changed since the last).
function frameBatcher(drawNow, gapMs = 0, { holdFirst = false } = {}) {
  let pending = false;
  let last = holdFirst ? performance.now() : -Infinity;
  const flush = () => { if (pending) { pending = false; last = performance.now(); drawNow(); } };
  const frame = globalThis.requestAnimationFrame ?? ((f) => setTimeout(f, 16));
  return {
    schedule() {
      if (pending) return;
      pending = true;
      const wait = last + gapMs - performance.now();
      if (wait > 0) setTimeout(() => frame(flush), wait);
      else frame(flush);
    },
    flush,
  };
}
// A live run's diagram: at most one draw per this many ms, the first this long after Enter
// (a run that ends sooner is drawn once, after the frame that paints its response). Each draw
// is a style, layout and paint pass: on a 2-core machine one at Enter delayed the run's own
// WebSocket and relay hops by more than the whole loopback handshake takes (docs/performance.md).
const LIVE_DRAW_GAP_MS = 100;
/** Resolves after the next frame is painted (or 100 ms, for a tab in the background). */
const afterNextFrame = () => new Promise((resolve) => {
  requestAnimationFrame(() => setTimeout(resolve));
  setTimeout(resolve, 100);
});

function reset(mode) {
  store.reset();
  lastResult = null;
  view.originSecrets = null;
  view.showTools(false);
  show('gaveUp', false);
  delete root.dataset.replay;
  delete root.dataset.inpage;
  view.follow = true;
  view.detailWhenIdle = false;
  store.flush();
  compareColumns.replaceChildren();
  compared = null;
  lastFailure = null;
  $('response').hidden = true;
  $('failure').hidden = true;
  show('view', mode === 'compare' ? 'compare' : 'steps');
  $('steps-view').hidden = mode === 'compare';
  compareView.hidden = mode !== 'compare';
}

function showResponse(e) {
  const head = [e.status_line, ...e.headers.map(([k, v]) => `${k}: ${v}`)].join('\n');
  $('response-head').textContent = head;
  $('response').dataset.status = String(e.status);
  $('response').hidden = false;
}

/** The diagram item a failure happened at: the check that failed, else what the relay reported
 *  (DNS, TCP, policy), else the step the client was waiting for, else the error itself. */
function failureItem(err) {
  const items = store.model.items;
  return items.find((it) => it.ok === false && it.event.type !== 'error' && it.event.type !== 'relay_error') ??
    items.find((it) => it.event.type === 'relay_error') ??
    (err.at_step && items.findLast((it) => it.step === err.at_step)) ??
    items.find((it) => it.event === err) ?? null;
}

/** Needs the failure cards loaded (loadFailureCards). */
function showFailure(err) {
  lastFailure = err;
  $('failure').replaceChildren(failureCardsModule().renderFailureCard(err, failureItem(err)));
  $('failure').dataset.code = err.code;
  $('failure').hidden = false;
}

/** The in-browser server's module, loaded only when a run needs it (it brings its own wasm). */
const inPageServer = () => import('./inpage-server.js');

/** One connection through the relay (or to the in-browser server); every event goes to onEvent
 *  as it happens. */
async function connectOnce(url, version, onEvent, trustAnchorsExtra = '', extra = {}) {
  await stepTable;
  const { inPage, sent, ...rest } = extra;
  if (inPage) {
    // The in-browser server: its own CA, its own "relay" (a socket into this page's wasm).
    const { inPageServerInfo, InPageServerSocket } = await inPageServer();
    const info = await inPageServerInfo();
    return withFailure(await connect(info.url, {
      postQuantum: pqBox.checked, ...rest, relay: info.relay, WebSocket: InPageServerSocket, trustAnchorsPem: info.caPem, version: version || undefined, onEvent,
    }));
  }
  let trust = {};
  try {
    trust = await trustFor(hostOf(url), trustAnchorsExtra);  // '' for no URL: the driver reports it
  } catch (err) {
    console.warn('tlsscope: trust anchors not loaded:', err);
  }
  // The engine and the WebSocket in the connection worker: the run goes at its own pace while
  // this thread draws (wasm/connection-proxy.js).
  const connection = connectInWorker(url, {
    relay: relayUrl(), spare: true, version: version || undefined, ...trust, postQuantum: pqBox.checked, onEvent, ...rest,
  });
  sent?.();
  return withFailure(await connection);
}

/** The failure to show for a result, if any: the error event itself (it has message_zh). */
function withFailure(result) {
  const errorEvent = result.events.find((e) => e.type === 'error') ?? result.events.find((e) => e.type === 'relay_error');
  result.failure = result.error || !result.response ?
    (errorEvent ?? { code: 'CONNECTION_CLOSED', message: t('no-response'), step: 'closed' }) : null;
  return result;
}

async function runOne(url, options) {
  const mode = options.mode === 'step' ? 'step' : 'live';
  modeSelect.value = mode;
  if (options.version !== undefined) versionSelect.value = options.version || '';
  if (options.postQuantum !== undefined) pqBox.checked = options.postQuantum !== false;
  const version = versionSelect.value || undefined;
  const started = performance.now();
  let responseMs = null;
  let responsePainted = null;
  const batch = frameBatcher(() => store.flush(), LIVE_DRAW_GAP_MS, { holdFirst: true });
  // The address bar is written once, when nothing of the run waits on the browser process: after
  // the frame that paints the response (or at the run's end), or when step mode holds a flight.
  // history.replaceState is a navigation the browser process handles: written at Enter it held
  // the WebSocket's opening 7 ms; written at the run's first event it held the ClientHello's way
  // to the server: a page's first run got the server's flight 7.4–9.7 ms after its ClientHello
  // instead of 3.0–4.3 (docs/performance.md).
  let addressBar = () => { addressBar = null; syncUrl(mode); };
  const take = (e) => {
    store.add(e);
    batch.schedule();
    view.toolsWhenIdle();
    if (e.type === 'http_response') {
      responseMs = performance.now() - started;
      showResponse(e);
      responsePainted = afterNextFrame();
    }
  };
  // The connection is asked for first, the page cleared for it after: the worker has the URL
  // and opens the WebSocket while this thread draws. connectOnce's awaits are settled promises
  // once the page has loaded, so its message goes within this task; events that come before
  // the page is cleared (a main-thread run emits its first at once) wait for it.
  let early = [];
  let sent;
  const posted = new Promise((resolve) => { sent = resolve; });
  const connection = connectOnce(url, version, (e) => (early ? early.push(e) : take(e)), options.trustAnchorsPem ?? '', {
    gate: mode === 'step' ? (info) => { addressBar?.(); return gate(info); } : undefined,
    tamper: options.tamper ? { target: options.tamper.target ?? options.tamper, index: options.tamper.index } : undefined,
    serverName: options.serverName || undefined,
    inPage: !!options.inPage,
    sent,
  });
  await Promise.race([posted, new Promise((resolve) => setTimeout(resolve))]);
  reset(mode);
  if (options.inPage) root.dataset.inpage = 'true';
  show('state', 'running');
  if (version) setStatus('connecting-version', url, `TLS ${version}`);
  else setStatus('connecting', url);
  view.detailWhenIdle = true;
  const before = early;
  early = null;
  before.forEach(take);
  const result = await connection;
  // The demo origin files what it derived under the Client Random (null for other servers):
  // asked for now, so the fetch goes while the diagram is drawn; the secrets panel's proof
  // waits for it, the run's end does not.
  const random = options.inPage ? null : clientRandomOf(result.events);
  const originSecrets = random ? fetchOriginSecrets(random, secretsTokenOf(result.events)) : null;
  // The run usually ends (the TCP close) within a millisecond of its response: the rest of the
  // diagram is drawn after the frame that paints the response, not in it.
  await responsePainted;
  addressBar?.();
  batch.flush();
  view.detailWhenIdle = false;
  // A flight still held when the run ended: the server gave up waiting for the learner.
  if (held) {
    held = null;
    $('stepbar').hidden = true;
    showHeld(null);
    view.setHolding(false);
    show('gaveUp', true);
  }
  await finishRun(result, responseMs, originSecrets);
  return result.events;
}

/** After a live run or a replay: the verdict, the exports, and the step to browse from. */
async function finishRun(result, responseMs, originSecrets = null) {
  if (result.failure) await loadFailureCards();
  store.flush();
  view.showTools(true, { later: true, originSecrets });
  view.drawDetail();
  lastResult = result;
  const done = result.events.find((e) => e.type === 'handshake_complete');
  root.dataset.negotiated = done?.version ?? '';
  if (result.failure) {
    showFailure(result.failure);
    show('state', 'failed');
    setStatus(page.gaveUp ? 'step-gave-up' : 'failed-status', result.failure.code);
  } else {
    show('state', 'done');
    if (responseMs === null) setStatus('replayed', done?.version ?? '', result.response.statusLine);
    else setStatus('done', done?.version ?? '', result.response.statusLine, responseMs.toFixed(0));
  }
  root.dataset.responseMs = responseMs === null ? '' : responseMs.toFixed(1);
  // Browse from here: the step the link named, else where it failed, else the last one.
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted && view.itemById(wanted)) view.select(wanted, { entry: null });
  else if (result.failure) view.select((failureItem(result.failure) ?? store.model.items.at(-1))?.id);
}

/** A saved transcript, browsed exactly like a live run. */
async function runReplay(transcript) {
  reset('live');
  show('state', 'running');
  urlInput.value = transcript.url ?? '';
  const result = withFailure(await replayTranscript(transcript, { onEvent: (e) => store.add(e) }));
  const response = result.events.find((e) => e.type === 'http_response');
  if (response) showResponse(response);
  root.dataset.replay = 'true';
  await finishRun(result, null);
  return result.events;
}

let compareModule = null;  // compare.js, loaded by the first comparison

function drawComparison() {
  if (!compared) return;
  const analyses = {};
  compareColumns.replaceChildren(...['1.2', '1.3'].filter((v) => compared[v]).map((v) => {
    const { element, analysis } = compareModule.renderColumn(v, compared[v].events, compared[v].state);
    analyses[v] = analysis;
    return element;
  }));
  return analyses;
}

async function runCompare(url, options) {
  // Running from the click on, not once compare.js has come (its first use fetches it): a test
  // or a learner looking at the state meanwhile saw the last run's "done".
  show('state', 'running');
  compareModule ??= await import('./compare.js');
  reset('compare');
  syncUrl('compare');
  compared = {};
  const out = {};
  for (const version of ['1.2', '1.3']) {
    setStatus('connecting-version', url, `TLS ${version}`);
    const slot = { events: [], state: 'running' };
    compared[version] = slot;
    drawComparison();
    const batch = frameBatcher(drawComparison);
    const result = await connectOnce(url, version, (e) => {
      slot.events.push(e);
      batch.schedule();
    }, options.trustAnchorsPem ?? '');
    batch.flush();
    slot.state = result.failure ? 'failed' : 'done';
    out[version] = result.events;
  }
  const a = drawComparison();
  const ok = compared['1.2'].state === 'done' && compared['1.3'].state === 'done';
  show('state', ok ? 'done' : 'failed');
  if (ok) setStatus('compare-done', a['1.2'].rounds, a['1.3'].rounds);
  else setStatus('compare-failed', a['1.2'].error?.code ?? 'OK', a['1.3'].error?.code ?? 'OK');
  return out;
}

async function run(url, options = {}) {
  const mode = options.mode ?? 'live';
  if (!MODES.includes(mode)) throw new Error(`mode '${mode}' is not available: use ${MODES.join(' or ')}`);
  if (running) await running.catch(() => {});
  urlInput.value = url;
  const inPage = options.inPage || isInPageUrl(url);
  const job = mode === 'compare' ? runCompare(url, options) : runOne(url, { ...options, mode, inPage });
  running = job;
  return job;
}

/** Enter: the address typed; the prefilled one once the probe said what it is. With no relay
 *  only the in-browser server can answer: anything else gets a status that says so and what to
 *  do, never a run that fails for want of a relay. */
form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  // A new run starts at its first step; replaceState only when there is a step to forget (it
  // costs the run's WebSocket 7 ms, see runOne).
  view.forgetStepNames();
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  if (!params.has('url') && urlInput.value === guessedUrl) await defaultUrl;
  const url = urlInput.value.trim();
  if (!isInPageUrl(url) && !(await relayReachable)) {
    show('state', 'idle');
    setStatus('no-relay', url);
    $('inpage-offer').hidden = false;
    return;
  }
  run(url, {
    mode: modeSelect.value, version: versionSelect.value || '',
    tamper: tamperSelect.value || undefined, serverName: sniInput.value.trim() || undefined,
  });
});
modeSelect.addEventListener('change', () => syncUrl(modeSelect.value));
pqBox.addEventListener('change', () => syncUrl(modeSelect.value));

// ---------------------------------------------------------------------------------------------
// Exports and replay.

function download(name, type, data) {
  const href = URL.createObjectURL(new Blob([data], { type }));
  const a = h('a', { href, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10000);
}
function baseName() {
  const host = lastResult.events.find((e) => e.type === 'url')?.host ?? 'run';
  return `tlsscope-${host.replace(/[^A-Za-z0-9.-]/g, '_')}-${lastResult.transcript.created.replace(/[:.]/g, '-')}`;
}
$('export-json').addEventListener('click', () =>
  download(`${baseName()}.json`, 'application/json', JSON.stringify(lastResult.transcript, null, 1)));
$('export-keylog').addEventListener('click', () => download(`${baseName()}.keylog.txt`, 'text/plain', lastResult.keylog));
$('export-pcap').addEventListener('click', async () => {
  const { toPcapng } = await import('./pcapng.js');
  const { created, ms: took } = lastResult.transcript;
  const start = new Date(Date.parse(created) - (took ?? 0));
  download(`${baseName()}.pcapng`, 'application/vnd.tcpdump.pcap', toPcapng(lastResult.events, { start, keylog: lastResult.keylog }));
});
$('load-transcript').addEventListener('change', async (ev) => {
  const file = ev.target.files?.[0];
  if (!file) return;
  try {
    await replayRun(JSON.parse(await file.text()));
  } catch (err) {
    setStatus('replay-bad', err?.message ?? String(err));
  }
  ev.target.value = '';
});

async function replayRun(transcript) {
  if (running) await running.catch(() => {});
  view.forgetStepNames();
  history.replaceState(null, '', location.pathname + location.search);
  const job = runReplay(transcript);
  running = job;
  return job;
}

async function runInPage(options = {}) {
  return run(INPAGE_URL, { mode: modeSelect.value, version: versionSelect.value || '', ...options, inPage: true });
}
$('inpage-run').addEventListener('click', () => runInPage());

$('compare').addEventListener('click', () => {
  if (!form.reportValidity()) return;
  run(urlInput.value.trim(), { mode: 'compare' });
});
versionSelect.addEventListener('change', () => syncUrl());

/** The language switch: resolves once the page is drawn in `next` (the root's data-lang says
 *  so too). A switch to 中文 first fetches its words; a later switch wins over an earlier one
 *  still fetching. */
let langSwitches = 0;
async function switchLang(next) {
  const mine = ++langSwitches;
  try {
    await loadLang(next);
  } catch (err) {
    if (mine === langSwitches) langSelect.value = getLang();  // the control shows what the page is in
    throw err;
  }
  if (mine !== langSwitches) return;
  setLang(next);
  langSelect.value = next;
  if (lastFailure) showFailure(lastFailure);
  view.relabel();
  drawVariants();
  drawComparison();
  showTheme();
  syncUrl(page.view === 'compare' ? 'compare' : 'live');
}
langSelect.addEventListener('change', () => switchLang(langSelect.value));

/** The automation API's runs resolve once the whole page is drawn: the tools too, all shown (a
 *  script reads and clicks them next), which a learner's run draws after its end and shows as
 *  they near the viewport (RunView.showTools, drawToolsNow). */
const drawn = (job) => job.then(async (out) => { await view.toolsReady(); view.revealTools(); return out; });
Object.assign(window.tlsscope, {
  run: (url, options) => drawn(run(url, options)),
  setLang: switchLang,
  select: (id) => {
    const picked = view.select(id, { focus: true, fit: false });
    view.nameStepsNow();
    return picked;
  },
  next,
  replay: (transcript) => drawn(replayRun(transcript)),
  runInPage: (options) => drawn(runInPage(options)),
  relayReachable,
  tunnelAhead,
  warmedUp,
  /** The run store (store.js): its events and model, for tests and the curious. */
  store,
});
apiInstalled(stepTable.then(() => true));
export * as storeModule from './store.js';
export * as diagramModule from './diagram.js';
export * as relayviewModule from './relayview.js';

// A shared link runs at once.
if (params.has('url')) {
  stepTable.then(() => run(urlInput.value.trim(), {
    mode: MODES.includes(params.get('mode')) ? params.get('mode') : 'live',
    version: versionSelect.value,
  }));
}
