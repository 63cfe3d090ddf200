// The engine's warm-up while the page sits idle after loading, before the learner presses Enter.
// A browser compiles each wasm function the first time it is called (V8 compiles lazily, then
// recompiles the hot ones with its optimising tier); in a learner's first run that compiling
// was ~45% of the engine's main-thread time (docs/performance.md). Here the same code runs on
// fixed inputs, in idle slices: the parts of wasm/warm_up.cpp (X25519, the key schedules,
// record protection for every suite, the certificates of the demo origin's CA parsed,
// summarised and validated), then a real client's ClientHello that is never sent, drawn by the
// page's own drawing code into elements that are never attached (JavaScript is compiled on first
// call too).
//
// The connection worker (wasm/connection-worker.js) runs the same warm-up on its own engine
// instance, which the page's relay runs use, with nothing to draw (draw returns null at once).
//
// Nothing of it is shown or kept: it touches no element on the page and no connection, and a run the
// learner starts stops it at the next slice (one slice is one part: a few ms, measured with
// bench/page/page.mjs). What it resolves to is the self-check its test reads.
import { createClient } from './tlsscope.js';

/** How many times the whole warm-up runs: the second pass finds the code compiled and lets the
 *  optimising tier see the hot functions called again. */
const PASSES = 2;

/**
 * engine: tlsscope.js's init() result; pem: the demo origin's CA (may be ''); host: the host a
 * run would name; busy(): true once a run started; draw(events, n): the page's n-th drawing of
 * a run's events, never shown, returning how many elements it built (null past the last). Resolves to {x25519_shared, …, passes,
 * client_hello_bytes, ms, slice_max_ms (the longest a run could have waited)} when done, or to
 * the same with stopped: true if a run came first.
 */
export function warmUpWhenIdle(engine, { pem, host, busy, draw }) {
  const idle = globalThis.requestIdleCallback ?? ((f) => setTimeout(f, 0));
  const now = Math.floor(Date.now() / 1000);
  const check = { passes: 0, ms: 0, slice_max_ms: 0, slice_ms: [] };
  let part = 0;
  let drawing = 0;
  let events = [];

  // One slice: the next part of wasm/warm_up.cpp; once past the last, the ClientHello; then its
  // drawings one by one, the last of which ends a pass.
  async function slice() {
    if (part >= 0) {
      const result = engine.warmUp(part, pem, host, now);
      part = result ? part + 1 : -1;
      if (result) Object.assign(check, result);
      else events = await clientHello();
      return;
    }
    const built = draw(events, drawing++);
    if (built !== null) {
      check.drawn_elements = (check.drawn_elements ?? 0) + built;
      return;
    }
    check.passes++;
    part = 0;
    drawing = 0;
  }

  async function clientHello() {
    const client = await createClient({ serverName: host, trustAnchorsPem: pem, now });
    try {
      client.start();
      check.client_hello_bytes = client.takeOutput().length;
      const out = client.takeEvents().map((e) => ({ ...e, source: 'engine', t: 0 }));
      check.client_hello_events = out.length;
      return out;
    } finally {
      client.dispose();
    }
  }

  return new Promise((resolve) => {
    const next = () => idle(async () => {
      if (busy()) return resolve({ ...check, stopped: true });
      const t0 = performance.now();
      await slice();
      const ms = performance.now() - t0;
      check.ms += ms;
      check.slice_max_ms = Math.max(check.slice_max_ms, ms);
      check.slice_ms.push(Math.round(ms * 10) / 10);
      if (check.passes < PASSES) next();
      else resolve(check);
    });
    next();
  });
}
