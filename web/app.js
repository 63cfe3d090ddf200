// The page: URL bar → tlsscope.connect (engine in wasm + relay WebSocket) → the sequence diagram
// (diagram.js) on the left, the selected step in full (detail.js) on the right, a failure card
// (failures.js) when it fails, the decrypted HTTP response when it works. Also the version and
// language switches, the comparison view (compare.js), the colour scheme toggle, keyboard
// navigation (←/→ between steps, Enter selects) and deep links (#finished).
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
// The automation API:
//   window.tlsscope.run(url, {mode: 'live'|'step', version, tamper, serverName, postQuantum})
//                                                      → the events (postQuantum: false unticks the
//                                                        X25519MLKEM768 control first)
//   window.tlsscope.run(url, {mode: 'compare'})        → {'1.2': events, '1.3': events}
//   window.tlsscope.next()                             → true if a held flight was released
//   window.tlsscope.replay(transcript)                 → the events, browsed like a live run
//   window.tlsscope.runInPage({mode, version})          → the events of a run against the
//                                                          in-browser server (inpage-server.js)
//   window.tlsscope.relayReachable                     → Promise<boolean> (the probe)
//   window.tlsscope.warmedUp                           → Promise of the idle warm-up's self-check
//                                                          (warmup.js), stopped: true if a run came first
//   window.tlsscope.setLang('zh' | 'en'), window.tlsscope.select(id) → the selected id
import { init, connect, steps as loadSteps, derBundleToPem } from './tlsscope.js';
import { setStepTable, setLang, getLang, t, h, titleOf, LANGS, apply } from './i18n.js';
import { buildModel, renderDiagram } from './diagram.js';
import { renderDetail } from './detail.js';
import { renderRelayView } from './relayview.js';
import { renderRecordLayer } from './records.js';
import { replay as replayTranscript } from './transcript.js';
import { renderSecrets, renderProof, fetchOriginSecrets, clientRandomOf, secretsTokenOf } from './secrets.js';
import { warmUpWhenIdle } from './warmup.js';

const root = document.documentElement;
const $ = (id) => document.getElementById(id);
const form = $('go');
const urlInput = $('url');
const versionSelect = $('version');
const langSelect = $('lang');
const statusLine = $('status');
const diagram = $('diagram');
const detail = $('detail');
const compareView = $('compare-view');
const compareColumns = $('compare-columns');

// ---------------------------------------------------------------------------------------------
// URL parameters: the demo origin runs beside the relay (tlsscope-server --demo-origin, default
// port 8443).

const params = new URLSearchParams(location.search);
const MODES = ['live', 'step', 'compare'];
const modeSelect = $('mode');
const tamperSelect = $('tamper');
const sniInput = $('sni');
const pqBox = $('pq');  // offer X25519MLKEM768 (connect()'s postQuantum); ?pq=0 turns it off
urlInput.value = params.get('url') ?? `https://${location.hostname || '127.0.0.1'}:8443/`;
if (['1.2', '1.3'].includes(params.get('version'))) versionSelect.value = params.get('version');
if (['live', 'step'].includes(params.get('mode'))) modeSelect.value = params.get('mode');
pqBox.checked = params.get('pq') !== '0';
const browserLang = (navigator.language ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
langSelect.value = LANGS.includes(params.get('lang')) ? params.get('lang') : browserLang;
setLang(langSelect.value);
const relayParam = params.get('relay');

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

const engineReady = init();
const stepTable = engineReady.then(loadSteps).then((list) => { setStepTable(list); return list; });
stepTable.then(
  () => { if (root.dataset.state === 'idle') setStatus('ready'); },
  (err) => setStatus('engine-failed', err?.message ?? String(err)));

// ---------------------------------------------------------------------------------------------
// Colour scheme: the system's (prefers-color-scheme) until the learner picks one; kept.

const themeButton = $('theme');
function effectiveTheme() {
  return root.dataset.theme ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
}
function showTheme() {
  const dark = effectiveTheme() === 'dark';
  themeButton.setAttribute('aria-pressed', String(dark));
  themeButton.dataset.i18n = dark ? 'theme.light' : 'theme.dark';
  themeButton.textContent = t(themeButton.dataset.i18n);
}
try { if (['dark', 'light'].includes(localStorage.getItem('tlsscope.theme'))) root.dataset.theme = localStorage.getItem('tlsscope.theme'); } catch { /* storage off */ }
themeButton.addEventListener('click', () => {
  root.dataset.theme = effectiveTheme() === 'dark' ? 'light' : 'dark';
  try { localStorage.setItem('tlsscope.theme', root.dataset.theme); } catch { /* storage off */ }
  showTheme();
});
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', showTheme);
showTheme();

// ---------------------------------------------------------------------------------------------
// Trust anchors: the demo origin (the relay's one loopback exception) is trusted through the
// relay's /ca.pem; every other host through Debian's bundle, built into trust-anchors.der.

const isLoopback = (host) =>
  host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1' || host === '[::1]';

const cache = new Map();
function fetchOnce(url, read) {
  if (!cache.has(url)) {
    cache.set(url, fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      return read(r);
    }).catch((err) => { cache.delete(url); throw err; }));
  }
  return cache.get(url);
}

/** The host of a typed address, without an IPv6 literal's brackets ('' if it is no URL). */
function hostOf(url) {
  try { return new URL(url).hostname.replace(/^\[|\]$/g, ''); } catch { return ''; }
}

async function trustAnchorsFor(host) {
  if (isLoopback(host)) return fetchOnce('ca.pem', (r) => r.text());
  return fetchOnce('trust-anchors.der', async (r) => derBundleToPem(new Uint8Array(await r.arrayBuffer())));
}

function relayUrl() {
  if (relayParam) return relayParam;
  const relay = new URL('relay', location.href);
  relay.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  // A relay run with --relay-token wants the token the teacher put in the page's link.
  const token = new URLSearchParams(location.search).get('token');
  if (token) relay.searchParams.set('token', token);
  return relay.href;
}

/** Whether a relay answers at relayUrl(): tlsscope-server says "ok" at /healthz beside /relay
 *  (cross-origin the answer is opaque, but it came); a static host's 404 or no answer means none. */
async function probeRelay() {
  try {
    const health = new URL('healthz', new URL(relayUrl(), location.href));
    health.protocol = health.protocol === 'wss:' ? 'https:' : 'http:';
    const same = health.origin === location.origin;
    const r = await fetch(health, { mode: same ? 'same-origin' : 'no-cors', cache: 'no-store' });
    return same ? r.ok && (await r.text()).trim() === 'ok' : r.type === 'opaque';
  } catch {
    return false;
  }
}
const relayReachable = probeRelay();
// No relay: offer the in-browser server instead, clearly labelled. With this page's own
// tlsscope-server: its demo origin's bad variants (expired, wrong name, …) to run.
relayReachable.then((ok) => {
  root.dataset.relay = ok ? 'reachable' : 'unreachable';
  $('inpage-offer').hidden = ok;
  if (ok && !relayParam) showVariants();
  // The demo origin's CA (0.6 KB) now, so the learner's first Enter does not wait for it.
  if (ok && isLoopback(hostOf(urlInput.value))) trustAnchorsFor(hostOf(urlInput.value)).catch(() => {});
});

// The engine's warm-up (warmup.js) while the page is idle, so a learner's first run does not wait
// for the browser to compile the engine: on the demo origin's CA when this page's relay is there.
// A run started meanwhile stops it.
const warmedUp = Promise.all([engineReady, stepTable, relayReachable]).then(async ([engine, , ok]) => {
  const host = hostOf(urlInput.value);
  const pem = ok && isLoopback(host) ? await trustAnchorsFor(host).catch(() => '') : '';
  return warmUpWhenIdle(engine, { pem, host, busy: () => root.dataset.state !== 'idle', draw: drawDetached });
});
/** The warm-up's drawing, one of DRAWINGS at a time (each its own idle slice): a run's diagram or
 *  its last step's detail, built, laid out within this one task (the browser shapes each word's
 *  text the first time it lays it out) and removed before any frame could paint it. */
const DRAWINGS = [
  (model) => h('div', { class: 'diagram' }, ...renderDiagram(model, model.items.at(-1)?.id ?? '', false)),
  (model) => h('div', {}, ...renderDetail(model.items.at(-1), model)),
];
function drawDetached(events, which) {
  if (which >= DRAWINGS.length) return null;
  const shadow = h('div', { 'aria-hidden': 'true', inert: '', style: 'position: absolute; visibility: hidden; contain: strict; width: 40rem; height: 0' },
    DRAWINGS[which](buildModel(events)));
  document.body.append(shadow);
  void shadow.firstChild.offsetHeight;  // lays it out now
  const built = shadow.querySelectorAll('*').length;
  shadow.remove();
  return built;
}

let variants = [];
async function showVariants() {
  try {
    const r = await fetch('variants.json', { cache: 'no-store' });
    if (r.ok) variants = await r.json();
  } catch { /* none to offer */ }
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
// The run on screen: its events, the diagram model built from them, the selected step.

const view = { events: [], model: buildModel([]), selected: '', follow: true, drawnDetail: '' };

/** failures.js once loaded (its renderFailureCard), else null; loadFailureCards() loads it. */
let failureCards = null;
let failureCardsLoading = null;
function loadFailureCards() {
  failureCardsLoading ??= import('./failures.js').then((m) => { failureCards = m; });
  return failureCardsLoading;
}
const isFailureEvent = (e) => e.type === 'error' || e.type === 'relay_error';

const itemById = (id) => view.model.items.find((it) => it.id === id);

/** A fingerprint of what the detail pane shows, so it is redrawn only when that changed. */
const detailKey = (it) => (it ? `${it.id}:${it.attached.length}:${it.records?.length ?? 0}:${getLang()}` : '');

function drawDetail(force = false) {
  const it = itemById(view.selected);
  const key = detailKey(it);
  if (!force && key === view.drawnDetail) return;
  view.drawnDetail = key;
  detail.replaceChildren(...renderDetail(it, view.model, { failureCard: failureCards?.renderFailureCard }));
  detail.hidden = !it;
  // A failure's step shows its card: drawn again once the cards' module is in.
  if (it && isFailureEvent(it.event) && !failureCards) loadFailureCards().then(() => drawDetail(true));
}

/** The detail pane, once the browser is idle (at most 500 ms on): see draw(). */
let detailPending = false;
function drawDetailWhenIdle() {
  if (detailPending) return;
  detailPending = true;
  const later = globalThis.requestIdleCallback ?? ((f) => setTimeout(f, 0));
  later(() => { detailPending = false; drawDetail(); }, { timeout: 500 });
}

/** The diagram, the detail pane and (once the tools show) the relay view, from view.events.
 *  whenIdle: the frames of a live run, where the detail pane (the followed step's field trees
 *  and bytes: most of the elements the page builds) waits until the browser is idle, so it
 *  never delays the engine or the bytes on the wire. On a fast connection the run ends first
 *  and its last step is drawn then; on a slow one each step still shows as it arrives. */
function draw({ whenIdle = false } = {}) {
  view.model = buildModel(view.events);
  const items = view.model.items;
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (view.follow && wanted && items.some((it) => it.id === wanted)) {
    view.selected = wanted;  // a deep link: stop following once its step exists
    view.follow = false;
  }
  if (view.follow && items.length) view.selected = items.at(-1).id;
  diagram.replaceChildren(...renderDiagram(view.model, view.selected, !!held));
  apply(diagram);  // hover explanations
  if (whenIdle) drawDetailWhenIdle();
  else drawDetail();
  drawTools();
}

/** The record layer and the relay view sit with the tools, which are hidden while a run is
 *  going: built once they show. */
function drawTools() {
  if ($('tools').hidden) return;
  const records = renderRecordLayer(view.model);
  $('records-panel').replaceChildren(...(records ? [records] : []));
  const relay = renderRelayView(view.model);
  $('relay-view').replaceChildren(...(relay ? [relay] : []));
}

/** Selects a step by id (the deep link): marks it in the diagram, shows it in the detail. */
function select(id, { focus = false, push = true } = {}) {
  const it = itemById(id);
  if (!it) return '';
  view.selected = id;
  view.follow = false;
  for (const el of diagram.querySelectorAll('[aria-current]')) el.removeAttribute('aria-current');
  const li = diagram.querySelector(`[data-id="${CSS.escape(id)}"]`);
  li?.setAttribute('aria-current', 'step');
  if (push && location.hash !== `#${id}`) history.replaceState(null, '', `#${id}`);
  if (focus) li?.querySelector('a')?.focus();
  else li?.scrollIntoView({ block: 'nearest' });
  drawDetail();
  return id;
}

function move(delta) {
  const items = view.model.items;
  if (!items.length) return;
  const i = items.findIndex((it) => it.id === view.selected);
  const next = items[Math.max(0, Math.min(items.length - 1, (i < 0 ? 0 : i) + delta))];
  select(next.id, { focus: true });
}

window.addEventListener('hashchange', () => select(decodeURIComponent(location.hash.slice(1)), { push: false }));
document.addEventListener('keydown', (ev) => {
  if (ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
  if (ev.target.closest?.('input, select, textarea, [contenteditable]')) return;
  if (root.dataset.view !== 'steps') return;
  if (ev.key === 'ArrowRight') {
    ev.preventDefault();
    if (held && view.selected === view.model.items.at(-1)?.id) next();
    else move(1);
  }
  if (ev.key === 'ArrowLeft') { ev.preventDefault(); move(-1); }
});

// ---------------------------------------------------------------------------------------------
// Step mode: the driver awaits gate(info) before writing each client flight after the first.

let held = null;  // {info: {flight, messages}, release} while a flight waits for the learner

function gate(info) {
  return new Promise((release) => {
    held = { info, release };
    draw();
    // Numbered as in the diagram, where the server's flights count too (the driver counts
    // only the client's).
    const n = view.model.groups.at(-1)?.n ?? info.flight;
    $('step-waiting').replaceChildren(
      h('span', { 'data-i18n': 'step.waiting', 'data-i18n-args': JSON.stringify([n]) }, t('step.waiting', n)), ' ',
      ...info.messages.flatMap((m, i) => (i ? [', ', titleOf(m)] : [titleOf(m)])));
    $('stepbar').hidden = false;
    root.dataset.held = String(n);
    setStatus('step-held', n);
  });
}

function next() {
  if (!held) return false;
  const { release } = held;
  held = null;
  $('stepbar').hidden = true;
  delete root.dataset.held;
  setStatus('step-sent');
  draw();
  release();
  return true;
}
$('next').addEventListener('click', next);

// ---------------------------------------------------------------------------------------------
// Runs.

let running = null;
let lastResult = null;  // the run on screen, for the exports
let originSecrets = null;  // what the demo origin derived for it, when it is the demo origin's

/** How the keys were made (secrets.js), and beside it what the server derived, if known. */
function drawSecrets() {
  const panel = $('secrets-panel');
  if (!view.events.some((e) => e.type === 'secret')) { panel.replaceChildren(); return; }
  panel.replaceChildren(renderSecrets(view.events, { lang: getLang() }),
    renderProof(view.events, originSecrets, { lang: getLang() }));
}

// A secret's "how it was derived" link in the detail pane shows its node in the panel.
document.addEventListener('click', (ev) => {
  const link = ev.target.closest?.('[data-secret-link]');
  if (!link) return;
  ev.preventDefault();
  const node = document.querySelector(`#secrets-panel [data-secret="${CSS.escape(link.dataset.secretLink)}"]`);
  node?.scrollIntoView({ block: 'center' });
  node?.querySelector('button, [tabindex]')?.focus({ preventScroll: true });
});

// Drawing waits for the next frame: the driver stamps each event's `t` as it emits it, so work
// done inside onEvent would delay the stamps of the events behind it and the bytes to send.
// gapMs: at least this long between two draws. A draw rebuilds the diagram and lays the page out
// again (10–50 ms of the main thread each, bench/page/trace.mjs), and a loopback run's events
// all arrive within ~100 ms: drawing at every frame kept the engine and the socket waiting.
function frameBatcher(drawNow, gapMs = 0) {
  let pending = false;
  let last = -Infinity;
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
// A live run's diagram: its first step at once, then at most one draw per this many ms.
const LIVE_DRAW_GAP_MS = 100;
let lastFailure = null;
let compared = null;  // {'1.2': {events, state}, '1.3': …} of the comparison on screen

function reset(mode) {
  view.events = [];
  lastResult = null;
  originSecrets = null;
  $('tools').hidden = true;
  $('relay-view').replaceChildren();
  $('records-panel').replaceChildren();
  delete root.dataset.replay;
  delete root.dataset.inpage;
  delete root.dataset.gaveUp;
  view.follow = true;
  view.drawnDetail = '';
  draw();
  compareColumns.replaceChildren();
  compared = null;
  lastFailure = null;
  $('response').hidden = true;
  $('failure').hidden = true;
  root.dataset.view = mode === 'compare' ? 'compare' : 'steps';
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
  const items = view.model.items;
  return items.find((it) => it.ok === false && it.event.type !== 'error' && it.event.type !== 'relay_error') ??
    items.find((it) => it.event.type === 'relay_error') ??
    (err.at_step && items.findLast((it) => it.step === err.at_step)) ??
    items.find((it) => it.event === err) ?? null;
}

/** Needs the failure cards loaded (loadFailureCards). */
function showFailure(err) {
  lastFailure = err;
  $('failure').replaceChildren(failureCards.renderFailureCard(err, failureItem(err)));
  $('failure').dataset.code = err.code;
  $('failure').hidden = false;
}

/** One connection through the relay; every event goes to onEvent as it happens. */
async function connectOnce(url, version, onEvent, trustAnchorsExtra = '', extra = {}) {
  await stepTable;
  if (extra.inPage) {
    // The in-browser server: its own CA, its own "relay" (a socket into this page's wasm).
    const { inPageServerInfo, InPageServerSocket } = await inPageServer();
    const info = await inPageServerInfo();
    const { inPage, ...rest } = extra;
    return withFailure(await connect(info.url, {
      postQuantum: pqBox.checked, ...rest, relay: info.relay, WebSocket: InPageServerSocket, trustAnchorsPem: info.caPem, version: version || undefined, onEvent,
    }));
  }
  const host = hostOf(url);  // '' for no URL: the driver reports it
  let trustAnchorsPem = trustAnchorsExtra;
  try {
    if (host) trustAnchorsPem = (await trustAnchorsFor(host)) + trustAnchorsPem;
  } catch (err) {
    console.warn('tlsscope: trust anchors not loaded:', err);
  }
  const result = await connect(url, {
    relay: relayUrl(), version: version || undefined, trustAnchorsPem, postQuantum: pqBox.checked, onEvent, ...extra,
  });
  return withFailure(result);
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
  reset(mode);
  if (options.inPage) root.dataset.inpage = 'true';
  modeSelect.value = mode;
  if (options.version !== undefined) versionSelect.value = options.version || '';
  if (options.postQuantum !== undefined) pqBox.checked = options.postQuantum !== false;
  const version = versionSelect.value || undefined;
  syncUrl(mode);
  root.dataset.state = 'running';
  const started = performance.now();
  if (version) setStatus('connecting-version', url, `TLS ${version}`);
  else setStatus('connecting', url);
  let responseMs = null;
  const batch = frameBatcher(() => draw({ whenIdle: true }), LIVE_DRAW_GAP_MS);
  const result = await connectOnce(url, version, (e) => {
    view.events.push(e);
    batch.schedule();
    if (e.type === 'http_response') {
      responseMs = performance.now() - started;
      showResponse(e);
    }
  }, options.trustAnchorsPem ?? '', {
    gate: mode === 'step' ? gate : undefined,
    tamper: options.tamper ? { target: options.tamper.target ?? options.tamper, index: options.tamper.index } : undefined,
    serverName: options.serverName || undefined,
    inPage: !!options.inPage,
  });
  batch.flush();
  // A flight still held when the run ended: the server gave up waiting for the learner.
  if (held) {
    held = null;
    $('stepbar').hidden = true;
    delete root.dataset.held;
    root.dataset.gaveUp = 'true';
  }
  // The demo origin files what it derived under the Client Random (null for other servers).
  const random = options.inPage ? null : clientRandomOf(result.events);
  if (random) originSecrets = await fetchOriginSecrets(random, secretsTokenOf(result.events));
  await finishRun(result, responseMs);
  return result.events;
}

/** After a live run or a replay: the verdict, the exports, and the step to browse from. */
async function finishRun(result, responseMs) {
  if (result.failure) await loadFailureCards();
  $('tools').hidden = false;
  draw();
  drawSecrets();
  lastResult = result;
  const done = result.events.find((e) => e.type === 'handshake_complete');
  root.dataset.negotiated = done?.version ?? '';
  if (result.failure) {
    showFailure(result.failure);
    root.dataset.state = 'failed';
    setStatus(root.dataset.gaveUp ? 'step-gave-up' : 'failed-status', result.failure.code);
  } else {
    root.dataset.state = 'done';
    if (responseMs === null) setStatus('replayed', done?.version ?? '', result.response.statusLine);
    else setStatus('done', done?.version ?? '', result.response.statusLine, responseMs.toFixed(0));
  }
  root.dataset.responseMs = responseMs === null ? '' : responseMs.toFixed(1);
  // Browse from here: the step the link named, else where it failed, else the last one.
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted && itemById(wanted)) select(wanted, { push: false });
  else if (result.failure) select((failureItem(result.failure) ?? view.model.items.at(-1))?.id);
}

/** A saved transcript, browsed exactly like a live run. */
async function runReplay(transcript) {
  reset('live');
  root.dataset.state = 'running';
  urlInput.value = transcript.url ?? '';
  const result = withFailure(await replayTranscript(transcript, { onEvent: (e) => view.events.push(e) }));
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
  compareModule ??= await import('./compare.js');
  reset('compare');
  syncUrl('compare');
  root.dataset.state = 'running';
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
  root.dataset.state = ok ? 'done' : 'failed';
  if (ok) setStatus('compare-done', a['1.2'].rounds, a['1.3'].rounds);
  else setStatus('compare-failed', a['1.2'].error?.code ?? 'OK', a['1.3'].error?.code ?? 'OK');
  return out;
}

async function run(url, options = {}) {
  const mode = options.mode ?? 'live';
  if (!MODES.includes(mode)) throw new Error(`mode '${mode}' is not available: use ${MODES.join(' or ')}`);
  if (running) await running.catch(() => {});
  urlInput.value = url;
  const job = mode === 'compare' ? runCompare(url, options) : runOne(url, { ...options, mode });
  running = job;
  return job;
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  history.replaceState(null, '', location.pathname + location.search);  // a new run starts at its first step
  run(urlInput.value.trim(), {
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
  history.replaceState(null, '', location.pathname + location.search);
  const job = runReplay(transcript);
  running = job;
  return job;
}
/** The in-browser server's module, loaded only when a run needs it (it brings its own wasm). */
const inPageServer = () => import('./inpage-server.js');

async function runInPage(options = {}) {
  const info = await (await inPageServer()).inPageServerInfo();
  return run(info.url, { mode: modeSelect.value, version: versionSelect.value || '', ...options, inPage: true });
}
$('inpage-run').addEventListener('click', () => runInPage());

$('compare').addEventListener('click', () => {
  if (!form.reportValidity()) return;
  run(urlInput.value.trim(), { mode: 'compare' });
});
versionSelect.addEventListener('change', () => syncUrl());

function switchLang(next) {
  setLang(next);
  langSelect.value = next;
  if (lastFailure) showFailure(lastFailure);
  drawDetail(true);
  drawSecrets();
  drawTools();
  drawVariants();
  drawComparison();
  showTheme();
  syncUrl(root.dataset.view === 'compare' ? 'compare' : 'live');
}
langSelect.addEventListener('change', () => switchLang(langSelect.value));

window.tlsscope = {
  run,
  setLang: switchLang,
  select: (id) => select(id, { focus: true }),
  next,
  replay: replayRun,
  runInPage,
  relayReachable,
  ready: stepTable.then(() => true),
  warmedUp,
};

// A shared link runs at once.
if (params.has('url')) {
  stepTable.then(() => run(urlInput.value.trim(), {
    mode: MODES.includes(params.get('mode')) ? params.get('mode') : 'live',
    version: versionSelect.value,
  }));
}
