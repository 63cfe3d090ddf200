// The page's relay connections, off its main thread: this module Worker runs connection.js's
// connect() (the engine + the relay WebSocket) for connection-proxy.js's connectInWorker(). On
// the main thread every network step of a run waited behind the page's drawing (a server flight
// read 7–17 ms after it came, against ~6 ms with nothing drawn) and the engine's own work
// (ClientHello, the server's flight's signatures and key schedule, its events as JSON: 10+ ms a
// run) was the main thread's too (docs/performance.md, "The connection worker").
//
// Messages in (from connection-proxy.js):
//   {do: 'load', module}      the engine the page compiled (a WebAssembly.Module): instantiated
//                              here, never fetched or compiled again; answered {loaded: true} or
//                              {failed: message}
//   {do: 'warm', pem, host}   the warm-up (warmup.js: wasm/warm_up.cpp's parts, then a
//                              ClientHello, twice), a part per task so a run's message goes
//                              first; answered {warmed: check} (stopped: true if a run came first)
//   {do: 'connect', id, url, options}  one run: options are connect()'s cloneable ones, with
//                              anchors: {key, certificates?} for trust anchors parsed once per key
//                              here (DER bytes or PEM text, with a key's first run only)
//                              and step: true for step mode
//   {do: 'anchors', key, certificates}  trust anchors parsed ahead of the run that names them
//                              by key (connection-proxy.js trustAnchorsAhead)
//   {do: 'gate', id, error?}   the main thread's answer to a held flight (error: step mode stopped)
//   {do: 'spare', relay}       open a tunnel to the relay ahead of the next run (connection.js
//                              openSpareTunnel); a run with spare: true takes it; answered
//                              {spareOpen: true | false} (whether it is open)
// Messages out, for run `id`, in the order things happened:
//   {id, events: [...]}        the events emitted since the last message (one task's worth)
//   {id, gate: {flight, messages}}  a client flight is held: the events before it are out already
//   {id, result: {state, response, error, keylog, ms}}  the run is over (connect() resolved)
import { init, connect, openSpareTunnel, TrustAnchors } from './tlsscope.js';
import { warmUpWhenIdle } from './warmup.js';

let ready = null;             // init()'s promise, once the module came
let busy = false;             // a run started: the warm-up stops at its next part
const anchorsByKey = new Map();  // key → TrustAnchors parsed in this instance
const gates = new Map();      // run id → {resolve, reject} of the flight it holds

const handlers = {
  load({ module }) {
    ready = init({ wasmModule: module });
    ready.then(() => postMessage({ loaded: true }), (err) => postMessage({ failed: String(err?.message ?? err) }));
  },

  // The page's warm-up (warmup.js) on this instance: V8 compiles each wasm and JavaScript
  // function on its first call, which this instance's first run would otherwise pay. Nothing is
  // drawn here; each part is its own task, so a run's message does not wait for the rest.
  async warm({ pem, host }) {
    const engine = await ready;
    postMessage({ warmed: await warmUpWhenIdle(engine, { pem, host, busy: () => busy, draw: () => null }) });
  },

  async connect({ id, url, options }) {
    busy = true;
    let batch = [];
    const flush = () => {
      if (!batch.length) return;
      postMessage({ id, events: batch });
      batch = [];
    };
    const { anchors, step, ...rest } = options;
    const engine = await ready;
    const result = await connect(url, {
      ...rest,
      trustAnchors: anchors ? trustAnchors(engine, anchors) : undefined,
      // One message per task's worth of events: a server flight's dozen events cross together,
      // after the bytes the engine wrote in answer have gone to the relay.
      onEvent(e) {
        if (!batch.length) queueMicrotask(flush);
        batch.push(e);
      },
      gate: step ? (info) => new Promise((resolve, reject) => {
        flush();
        gates.set(id, { resolve, reject });
        postMessage({ id, gate: info });
      }) : undefined,
    });
    flush();
    // The events went out one batch at a time; the transcript is built where they are kept.
    const { state, response, error, keylog, ms } = result;
    postMessage({ id, result: { state, response, error, keylog, ms } });
  },

  async anchors(given) {
    trustAnchors(await ready, given);
  },

  async spare({ relay }) {
    postMessage({ spareOpen: await openSpareTunnel(relay) });
  },

  gate({ id, error }) {
    const held = gates.get(id);
    gates.delete(id);
    if (!held) return;
    if (error === undefined) held.resolve();
    else held.reject(new Error(error));
  },
};

/** The TrustAnchors for {key, certificates}: they come with a key's first run only. */
function trustAnchors(engine, { key, certificates }) {
  if (!anchorsByKey.has(key)) anchorsByKey.set(key, new TrustAnchors(engine, certificates));
  return anchorsByKey.get(key);
}

self.onmessage = ({ data }) => {
  handlers[data.do]?.(data);
};
