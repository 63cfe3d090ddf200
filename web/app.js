// The page: URL bar → tlsscope.connect (engine in wasm + relay WebSocket) → one element per
// event in #steps, the decrypted HTTP response, or the failure with its code and sentence.
// Also the automation API: window.tlsscope.run(url, {mode: 'live', version}) → the events.
import { init, connect, steps as loadSteps, derBundleToPem } from './tlsscope.js';

const root = document.documentElement;
const $ = (id) => document.getElementById(id);
const form = $('go');
const urlInput = $('url');
const versionSelect = $('version');
const statusLine = $('status');
const stepList = $('steps');

// The demo origin runs beside the relay (tlsscope-server --demo-origin, default port 8443);
// ?url= overrides the prefilled address.
const params = new URLSearchParams(location.search);
urlInput.value = params.get('url') ?? `https://${location.hostname || '127.0.0.1'}:8443/`;

const engineReady = init();
const stepTable = engineReady.then(loadSteps).then((list) => new Map(list.map((s) => [s.name, s])));
engineReady.then(
  () => { if (root.dataset.state === 'idle') setStatus('Ready. Press Enter to connect.'); },
  (err) => setStatus(`The TLS engine failed to load: ${err?.message ?? err}`));

function setStatus(text) { statusLine.textContent = text; }

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
    case 'record': return { type: e.content_type, version: e.version, ...(e.protected ? { sequence: e.sequence, encrypted: 'yes' } : {}) };
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

function render(e, titles) {
  const li = document.createElement('li');
  li.className = 'step';
  li.dataset.step = e.step;
  li.dataset.type = e.type;
  li.dataset.source = e.source;
  if (e.dir) li.dataset.dir = e.dir;
  if (e.ok !== undefined) li.dataset.ok = String(e.ok);

  const time = document.createElement('span');
  time.className = 'time';
  time.textContent = `${e.t.toFixed(1)} ms`;
  const dir = document.createElement('span');
  dir.className = 'dir';
  dir.textContent = e.dir === 'out' ? '→' : e.dir === 'in' ? '←' : '·';
  dir.title = e.dir === 'out' ? 'client → server' : e.dir === 'in' ? 'server → client' : '';
  const name = document.createElement('span');
  name.className = 'name';
  const info = titles.get(e.step);
  name.textContent = e.type === 'record' ? 'record' : e.type === 'http_response' ? 'HTTP response' :
    e.type === 'secret' ? e.name : info?.title_en ?? e.step;
  const small = document.createElement('small');
  small.textContent = e.step;
  name.append(small);
  if (info) name.title = info.explain_en;
  const size = document.createElement('span');
  size.className = 'size';
  const n = sizeOf(e);
  size.textContent = n === undefined ? '' : `${n} B`;
  const fields = document.createElement('span');
  fields.className = 'fields';
  for (const [k, v] of Object.entries(keyFields(e))) {
    if (v === undefined || v === '') continue;
    const b = document.createElement('b');
    b.textContent = `${k}: `;
    fields.append(b, short(v, k === 'message' || k === 'detail' ? 200 : 48), ' ');
  }
  li.append(time, dir, name, size, fields);
  return li;
}

// ---------------------------------------------------------------------------------------------
// One run.

let running = null;

function reset() {
  stepList.replaceChildren();
  $('response').hidden = true;
  $('failure').hidden = true;
}

function showResponse(e) {
  const head = [e.status_line, ...e.headers.map(([k, v]) => `${k}: ${v}`)].join('\n');
  $('response-head').textContent = head;
  $('response').dataset.status = String(e.status);
  $('response').hidden = false;
}

function showFailure(err) {
  $('failure-code').textContent = err.code;
  $('failure-message').textContent = err.message;
  $('failure-detail').textContent = err.detail ?? '';
  $('failure').dataset.code = err.code;
  $('failure').hidden = false;
}

async function run(url, options = {}) {
  if (options.mode !== undefined && options.mode !== 'live')
    throw new Error(`mode '${options.mode}' is not available yet: use 'live'`);
  if (running) await running.catch(() => {});
  const job = (async () => {
    reset();
    urlInput.value = url;
    if (options.version !== undefined) versionSelect.value = options.version || '';
    root.dataset.state = 'running';
    const started = performance.now();
    setStatus(`Connecting to ${url}…`);
    const titles = await stepTable;
    let host = '';
    try { host = new URL(url).hostname.replace(/^\[|\]$/g, ''); } catch { /* the driver reports it */ }
    let trustAnchorsPem = options.trustAnchorsPem ?? '';
    try {
      if (host) trustAnchorsPem = (await trustAnchorsFor(host)) + trustAnchorsPem;
    } catch (err) {
      console.warn('tlsscope: trust anchors not loaded:', err);
    }
    const relay = new URL('relay', location.href);
    relay.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    let responseMs = null;
    const result = await connect(url, {
      relay: relay.href,
      version: options.version || undefined,
      trustAnchorsPem,
      onEvent: (e) => {
        stepList.append(render(e, titles));
        if (e.type === 'http_response') {
          responseMs = performance.now() - started;
          showResponse(e);
        }
      },
    });
    if (result.error || !result.response) {
      showFailure(result.error ?? { code: 'CONNECTION_CLOSED', message: 'The server sent no HTTP response.' });
      root.dataset.state = 'failed';
      setStatus(`Failed: ${result.error?.code ?? 'CONNECTION_CLOSED'}`);
    } else {
      root.dataset.state = 'done';
      setStatus(`Done: ${result.response.statusLine} — decrypted response ${responseMs.toFixed(0)} ms after Enter.`);
    }
    root.dataset.responseMs = responseMs === null ? '' : responseMs.toFixed(1);
    return result.events;
  })();
  running = job;
  return job;
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  run(urlInput.value.trim(), { mode: 'live', version: versionSelect.value || undefined });
});

window.tlsscope = { run, ready: engineReady.then(() => true) };
