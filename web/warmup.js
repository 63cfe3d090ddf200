// The engine's warm-up while the page sits idle after loading, before the learner presses Enter.
// A browser compiles each wasm function the first time it is called (V8 compiles lazily, then
// recompiles the hot ones with its optimising tier); in a learner's first run that compiling
// was ~45% of the engine's main-thread time (docs/performance.md). Here the same code runs on
// fixed inputs, in idle slices: the parts of wasm/warm_up.cpp (X25519, the key schedules,
// record protection for every suite, the certificates of the demo origin's CA parsed,
// summarised and validated), then a real client's ClientHello that is never sent.
//
// Nothing of it is shown or kept: it touches no element and no connection, and a run the
// learner starts stops it at the next slice (one slice is one part: a few ms, measured with
// bench/page/page.mjs). What it resolves to is the self-check its test reads.
import { createClient } from './tlsscope.js';

/** How many times the whole warm-up runs: the second pass finds the code compiled and lets the
 *  optimising tier see the hot functions called again. */
const PASSES = 2;

/**
 * engine: tlsscope.js's init() result; pem: the demo origin's CA (may be ''); host: the host a
 * run would name; busy(): true once a run started. Resolves to {x25519_shared, …, passes,
 * client_hello_bytes, ms, slice_max_ms (the longest a run could have waited)} when done, or to
 * the same with stopped: true if a run came first.
 */
export function warmUpWhenIdle(engine, { pem, host, busy }) {
  const idle = globalThis.requestIdleCallback ?? ((f) => setTimeout(f, 0));
  const now = Math.floor(Date.now() / 1000);
  const check = { passes: 0, ms: 0, slice_max_ms: 0, slice_ms: [] };
  let part = 0;

  // One slice: the next part of wasm/warm_up.cpp, or once past the last, the ClientHello.
  async function slice() {
    const result = engine.warmUp(part, pem, host, now);
    if (result) {
      Object.assign(check, result);
      part++;
      return;
    }
    const client = await createClient({ serverName: host, trustAnchorsPem: pem, now });
    try {
      client.start();
      check.client_hello_bytes = client.takeOutput().length;
      check.client_hello_events = client.takeEvents().length;
    } finally {
      client.dispose();
    }
    check.passes++;
    part = 0;
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
