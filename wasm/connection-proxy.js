// The main thread's side of the connection worker (connection-worker.js): connectInWorker() is
// connect() (connection.js) with the engine and the relay WebSocket in a module Worker, so the
// TLS connection proceeds at its own pace while the page draws and the engine's CPU is not the
// page's main thread's (docs/performance.md, "The connection worker").
//
// Same contract as connect(): it resolves (never rejects) to {events, state, response, error,
// keylog, ms, transcript (built on first use)}; onEvent is called here, for each event, in
// order; gate (step mode) is awaited here and the worker holds the flight until it settles.
// Options that cannot cross to a worker: trustAnchors (a handle into this thread's engine) goes
// as its certificates (TrustAnchors.certificates: DER or PEM), parsed once in the worker per
// TrustAnchors; WebSocket, random and now (the in-page server's socket, tests) are this thread's: a run with
// any of them, or when no worker could be started, is connect() here.
import { connect, openSpareTunnel, engineModule, init } from './tlsscope.js';
import { outcomeOf } from './outcome.js';
import { withTranscript } from './transcript.js';

// {post, loaded: Promise<boolean>, ready (loaded and not lost), runs: id → run, warmed: [resolve]}
let worker = null;
let nextRun = 1;
const anchorKeys = new WeakMap();  // TrustAnchors → its key in the worker
let nextAnchors = 1;

/**
 * Starts the worker with this thread's compiled engine (init()'s, posted, not fetched again):
 * call it once the engine is loaded. Resolves to true once the worker's engine is instantiated,
 * false if there is no worker (then connectInWorker runs connect() here).
 */
export function startConnectionWorker() {
  if (worker) return worker.loaded;
  const runs = new Map();
  const warmed = [];
  let w;
  try {
    w = new Worker(new URL('connection-worker.js', import.meta.url), { type: 'module', name: 'tlsscope-connection' });
  } catch (err) {
    console.warn('tlsscope: no connection worker, connections run on the main thread:', err);
    worker = { loaded: Promise.resolve(false) };
    return worker.loaded;
  }
  let loaded;
  worker = {
    post: (message) => w.postMessage(message),
    loaded: new Promise((resolve) => { loaded = resolve; }),
    runs,
    warmed,
    spares: [],  // openTunnelAhead's resolves, oldest first
  };
  const lost = (why) => {
    worker.ready = false;
    loaded(false);
    for (const run of runs.values()) run.lost(why);
    runs.clear();
    for (const resolve of warmed.splice(0)) resolve({ failed: why });
    for (const resolve of worker.spares.splice(0)) resolve(false);
  };
  w.onmessage = ({ data }) => {
    if (data.loaded) {
      worker.ready = true;
      return loaded(true);
    }
    if (data.failed) return lost(data.failed);
    if (data.warmed) return warmed.shift()?.(data.warmed);
    if ('spareOpen' in data) return worker.spares.shift()?.(data.spareOpen);
    runs.get(data.id)?.receive(data);
  };
  w.onerror = (ev) => { ev.preventDefault?.(); lost(ev.message || 'the connection worker failed'); };
  init().then(() => engineModule()).then((module) => {
    if (!module) throw new Error('the engine was not compiled in this thread');
    w.postMessage({ do: 'load', module });
  }).catch((err) => lost(String(err?.message ?? err)));
  return worker.loaded;
}

/**
 * The warm-up (warmup.js) in the worker's engine: resolves to its self-check ({passes, ms,
 * x25519_shared, …}, stopped: true if a run came first), or null without a worker.
 */
export async function warmUpWorker({ pem, host }) {
  if (!(await startConnectionWorker())) return null;
  return new Promise((resolve) => {
    worker.warmed.push(resolve);
    worker.post({ do: 'warm', pem, host });
  });
}

/** Opens a tunnel to `relay` in the worker ahead of the next run (connection.js
 *  openSpareTunnel), so a run with spare: true does not wait for a WebSocket to open; resolves
 *  to whether it is open (a run on this thread, without a worker, opens one here). */
export async function openTunnelAhead(relay) {
  if (!(await startConnectionWorker())) return openSpareTunnel(relay);
  return new Promise((resolve) => {
    worker.spares.push(resolve);
    worker.post({ do: 'spare', relay });
  });
}

/** Hands `trustAnchors` (a TrustAnchors of this thread) to the worker ahead of a run, which then
 *  names them by key: the worker parses them while the page is idle, not in the run's way to
 *  the relay (1.2 ms a page's first run, 0.2–3.6, between Enter and the relay's connect message;
 *  docs/performance.md). Without a worker there is nothing to hand over. */
export async function trustAnchorsAhead(trustAnchors) {
  if (!trustAnchors || !(await startConnectionWorker())) return;
  worker.post({ do: 'anchors', ...anchorsFor(trustAnchors) });
}

/** How a run names `trustAnchors` to the worker: {key}, with their certificates the first time. */
function anchorsFor(trustAnchors) {
  const known = anchorKeys.has(trustAnchors);
  if (!known) anchorKeys.set(trustAnchors, nextAnchors++);
  return { key: anchorKeys.get(trustAnchors), ...(known ? {} : { certificates: trustAnchors.certificates }) };
}

const TEST_ONLY = ['WebSocket', 'random', 'now'];

/**
 * connect(url, options) in the connection worker (see above). Once the worker is loaded the
 * run's message is posted before this returns, so the worker opens the WebSocket while the
 * caller goes on drawing.
 */
export function connectInWorker(url, options = {}) {
  if (TEST_ONLY.some((name) => options[name] !== undefined)) return connect(url, options);
  if (!worker?.ready) {
    return startConnectionWorker().then((ok) => (ok ? inWorker(url, options) : connect(url, options)));
  }
  return inWorker(url, options);
}

function inWorker(url, options) {
  const { onEvent, gate, trustAnchors, ...rest } = options;
  const id = nextRun++;
  const events = [];
  // The certificates go once per TrustAnchors; later runs name them by key.
  const anchors = trustAnchors ? anchorsFor(trustAnchors) : undefined;
  return new Promise((resolve) => {
    const deliver = (e) => {
      events.push(e);
      if (onEvent) {
        try { onEvent(e); } catch (err) { console.error('tlsscope onEvent:', err); }
      }
    };
    const finish = (fields) => {
      worker.runs.delete(id);
      resolve(withTranscript({ events, ...fields }, url));
    };
    worker.runs.set(id, {
      receive(data) {
        if (data.events) data.events.forEach(deliver);
        else if (data.gate) {
          Promise.resolve().then(() => gate(data.gate)).then(
            () => worker.post({ do: 'gate', id }),
            (err) => worker.post({ do: 'gate', id, error: String(err?.message ?? err) }));
        } else if (data.result) finish(data.result);
      },
      // The worker failed mid-run: the run ends with the page's own error, as connect() reports
      // an engine that could not be loaded.
      lost(why) {
        deliver({ type: 'error', step: 'error', source: 'page', code: 'INTERNAL_ERROR',
          message: 'The TLS engine stopped.', message_zh: 'TLS 引擎已停止。', detail: why, t: events.at(-1)?.t ?? 0 });
        finish({ ...outcomeOf(events), keylog: '', ms: 0 });
      },
    });
    worker.post({ do: 'connect', id, url, options: { ...rest, anchors, step: !!gate } });
  });
}
