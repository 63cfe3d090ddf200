// The page: URL bar → tlsscope.connect (engine in wasm + relay WebSocket) → one element per
// event in #steps, the decrypted HTTP response, or the failure with its code and sentence.
// A version switch (auto / 1.2 / 1.3), a language switch (en / zh: every step title and
// explanation from the engine's step table), and a comparison view (compare.js).
// Also the automation API:
//   window.tlsscope.run(url, {mode: 'live', version})  → the events
//   window.tlsscope.run(url, {mode: 'compare'})        → {'1.2': events, '1.3': events}
//   window.tlsscope.setLang('zh' | 'en')
import { init, connect, steps as loadSteps, derBundleToPem } from './tlsscope.js';
import { setStepTable, setLang, getLang, t, h, titleOf, explainOf, stepExplain, LANGS } from './i18n.js';
import { renderColumn } from './compare.js';

const root = document.documentElement;
const $ = (id) => document.getElementById(id);
const form = $('go');
const urlInput = $('url');
const versionSelect = $('version');
const langSelect = $('lang');
const statusLine = $('status');
const stepList = $('steps');
const compareView = $('compare-view');
const compareColumns = $('compare-columns');

// The demo origin runs beside the relay (tlsscope-server --demo-origin, default port 8443);
// ?url=, ?version= and ?lang= preset the controls.
const params = new URLSearchParams(location.search);
urlInput.value = params.get('url') ?? `https://${location.hostname || '127.0.0.1'}:8443/`;
if (['1.2', '1.3'].includes(params.get('version'))) versionSelect.value = params.get('version');
const browserLang = (navigator.language ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
const firstLang = LANGS.includes(params.get('lang')) ? params.get('lang') : browserLang;
langSelect.value = firstLang;
setLang(firstLang);

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

async function trustAnchorsFor(host) {
  if (isLoopback(host)) return fetchOnce('ca.pem', (r) => r.text());
  return fetchOnce('trust-anchors.der', async (r) => derBundleToPem(new Uint8Array(await r.arrayBuffer())));
}

// ---------------------------------------------------------------------------------------------
// Rendering one event.

const short = (v, n = 40) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
};

function keyFields(e) {
  switch (e.type) {
    case 'url': return { host: e.host, port: `${e.port}${e.port_from_scheme ? ' (from https)' : ''}`, path: e.path };
    case 'dns': return { host: e.host, addresses: (e.addresses ?? []).join(', '), ms: e.ms };
    case 'tcp': return { remote: e.remote, local: e.local, ms: e.ms };
    case 'tcp_closed': return { by: e.by, 'bytes up': e.bytes_up, 'bytes down': e.bytes_down };
    case 'trust_store': return { anchors: e.anchors, skipped: e.skipped };
    case 'record': return {
      type: e.content_type, version: e.version,
      ...(e.protected ? { sequence: e.sequence, encrypted: 'yes', ...(e.inner_content_type ? { 'inner type': e.inner_content_type } : {}) } : {}),
    };
    case 'message': return e.summary ?? {};
    case 'check': return { ok: e.ok, ...(e.verdict ? { verdict: e.verdict } : {}), ...(e.scheme ? { scheme: e.scheme } : {}), ...(e.anchor ? { anchor: e.anchor } : {}) };
    case 'secret': return { name: e.name, function: e.function, ...(e.label ? { label: e.label } : {}), value: e.value };
    case 'keylog': return { line: e.line };
    case 'handshake_complete': return { version: e.version, suite: e.cipher_suite, group: e.group };
    case 'application_data': return { text: (e.text ?? '').split('\r\n')[0] };
    case 'http_response': return { status: e.status_line };
    case 'alert': return { level: e.level, description: e.description };
    case 'closed': return { by: e.by, clean: e.clean };
    case 'error': case 'relay_error': return { code: e.code, message: e.message, ...(e.detail ? { detail: e.detail } : {}) };
    default: return {};
  }
}

const sizeOf = (e) => e.length ?? (e.type === 'tcp_closed' ? e.bytes_down : undefined);

// The first element of each step carries the step's explanation; the others have it on hover.
let explained = new Set();

function render(e) {
  const li = document.createElement('li');
  li.className = 'step';
  li.dataset.step = e.step;
  li.dataset.type = e.type;
  li.dataset.source = e.source;
  li.dataset.tipOf = e.step;
  if (e.dir) li.dataset.dir = e.dir;
  if (e.ok !== undefined) li.dataset.ok = String(e.ok);
  if (e.type === 'record') li.dataset.protected = String(!!e.protected);

  const time = h('span', { class: 'time' }, `${e.t.toFixed(1)} ms`);
  const dir = h('span', {
    class: 'dir', title: e.dir === 'out' ? 'client → server' : e.dir === 'in' ? 'server → client' : '',
  }, e.dir === 'out' ? '→' : e.dir === 'in' ? '←' : '·');
  const name = h('span', { class: 'name' },
    e.type === 'record' ? 'record' : e.type === 'http_response' ? 'HTTP response' :
      e.type === 'secret' ? h('span', { class: 'title' }, e.name) : titleOf(e.step),
    h('small', {}, e.step));
  const n = sizeOf(e);
  const size = h('span', { class: 'size' }, n === undefined ? '' : `${n} B`);
  const fields = h('span', { class: 'fields' });
  for (const [k, v] of Object.entries(keyFields(e))) {
    if (v === undefined || v === '') continue;
    fields.append(h('b', {}, `${k}: `), short(v, k === 'message' || k === 'detail' ? 200 : 48), ' ');
  }
  li.append(time, dir, name, size, fields);
  if (!explained.has(e.step)) {
    explained.add(e.step);
    li.append(explainOf(e.step));
  }
  li.title = stepExplain(e.step);
  return li;
}

// ---------------------------------------------------------------------------------------------
// Runs.

let running = null;

// Drawing waits for the next frame: the driver stamps each event's `t` as it emits it, so work
// done inside onEvent would delay the stamps of the events behind it and the bytes to send.
function frameBatcher(draw) {
  let pending = false;
  const flush = () => { if (pending) { pending = false; draw(); } };
  return {
    schedule() {
      if (pending) return;
      pending = true;
      (globalThis.requestAnimationFrame ?? ((f) => setTimeout(f, 16)))(flush);
    },
    flush,
  };
}
let lastFailure = null;
let compared = null;  // {'1.2': {events, state}, '1.3': …} of the comparison on screen

function reset(view) {
  stepList.replaceChildren();
  compareColumns.replaceChildren();
  explained = new Set();
  compared = null;
  lastFailure = null;
  $('response').hidden = true;
  $('failure').hidden = true;
  root.dataset.view = view;
  $('steps-view').hidden = view !== 'steps';
  compareView.hidden = view !== 'compare';
}

function showResponse(e) {
  const head = [e.status_line, ...e.headers.map(([k, v]) => `${k}: ${v}`)].join('\n');
  $('response-head').textContent = head;
  $('response').dataset.status = String(e.status);
  $('response').hidden = false;
}

function showFailure(err) {
  lastFailure = err;
  $('failure-code').textContent = err.code;
  $('failure-message').textContent = getLang() === 'zh' && err.message_zh ? err.message_zh : err.message;
  $('failure-detail').textContent = err.detail ?? '';
  $('failure').dataset.code = err.code;
  $('failure').hidden = false;
}

/** One connection through the relay; every event goes to onEvent as it happens. */
async function connectOnce(url, version, onEvent, trustAnchorsExtra = '') {
  await stepTable;
  let host = '';
  try { host = new URL(url).hostname.replace(/^\[|\]$/g, ''); } catch { /* the driver reports it */ }
  let trustAnchorsPem = trustAnchorsExtra;
  try {
    if (host) trustAnchorsPem = (await trustAnchorsFor(host)) + trustAnchorsPem;
  } catch (err) {
    console.warn('tlsscope: trust anchors not loaded:', err);
  }
  const relay = new URL('relay', location.href);
  relay.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const result = await connect(url, { relay: relay.href, version: version || undefined, trustAnchorsPem, onEvent });
  // The error event itself (it has message_zh), for the failure card.
  const errorEvent = result.events.find((e) => e.type === 'error') ?? result.events.find((e) => e.type === 'relay_error');
  result.failure = result.error || !result.response ?
    (errorEvent ?? { code: 'CONNECTION_CLOSED', message: t('no-response') }) : null;
  return result;
}

async function runOne(url, options) {
  reset('steps');
  if (options.version !== undefined) versionSelect.value = options.version || '';
  const version = versionSelect.value || undefined;
  root.dataset.state = 'running';
  const started = performance.now();
  if (version) setStatus('connecting-version', url, `TLS ${version}`);
  else setStatus('connecting', url);
  let responseMs = null;
  let queue = [];
  const batch = frameBatcher(() => {
    stepList.append(...queue.map(render));
    queue = [];
  });
  const result = await connectOnce(url, version, (e) => {
    queue.push(e);
    batch.schedule();
    if (e.type === 'http_response') {
      responseMs = performance.now() - started;
      showResponse(e);
    }
  }, options.trustAnchorsPem ?? '');
  batch.flush();
  const done = result.events.find((e) => e.type === 'handshake_complete');
  root.dataset.negotiated = done?.version ?? '';
  if (result.failure) {
    showFailure(result.failure);
    root.dataset.state = 'failed';
    setStatus('failed-status', result.failure.code);
  } else {
    root.dataset.state = 'done';
    setStatus('done', done?.version ?? '', result.response.statusLine, responseMs.toFixed(0));
  }
  root.dataset.responseMs = responseMs === null ? '' : responseMs.toFixed(1);
  return result.events;
}

function drawComparison() {
  if (!compared) return;
  const analyses = {};
  compareColumns.replaceChildren(...['1.2', '1.3'].filter((v) => compared[v]).map((v) => {
    const { element, analysis } = renderColumn(v, compared[v].events, compared[v].state);
    analyses[v] = analysis;
    return element;
  }));
  return analyses;
}

async function runCompare(url, options) {
  reset('compare');
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
  if (mode !== 'live' && mode !== 'compare')
    throw new Error(`mode '${mode}' is not available yet: use 'live' or 'compare'`);
  if (running) await running.catch(() => {});
  urlInput.value = url;
  const job = mode === 'compare' ? runCompare(url, options) : runOne(url, options);
  running = job;
  return job;
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  run(urlInput.value.trim(), { mode: 'live', version: versionSelect.value || '' });
});
$('compare').addEventListener('click', () => {
  if (!form.reportValidity()) return;
  run(urlInput.value.trim(), { mode: 'compare' });
});

function switchLang(next) {
  setLang(next);
  langSelect.value = next;
  if (lastFailure) showFailure(lastFailure);
  drawComparison();
}
langSelect.addEventListener('change', () => switchLang(langSelect.value));

window.tlsscope = { run, setLang: switchLang, ready: stepTable.then(() => true) };
