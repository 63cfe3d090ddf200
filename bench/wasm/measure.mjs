// The wasm workloads, the same under Node and in Chromium: `parts(Module, transcripts, opts)`
// gives one function per figure that runs it once, checks it (every handshake open, every
// byte back) and returns how many units it did (handshakes, MiB). The caller times each call
// with a CPU clock (the machine is shared: wall time is not the engine's): process.cpuUsage()
// under Node, the renderer main thread's ThreadTime (DevTools protocol) in Chromium.
// `Module` is tlsscope-bench.mjs (bench_module.cpp), instantiated.

function copyIn(Module, bytes) {
  const p = Module._malloc(bytes.length);
  Module.HEAPU8.set(bytes, p);
  return p;
}

const kWarmUp = 30;

export function parts(Module, transcripts, { count, mib }) {
  const out = {};
  for (const [name, bytes] of Object.entries(transcripts)) {
    const t = Module._bench_transcript(copyIn(Module, bytes), bytes.length);
    if (!t) throw new Error(`${name}: not a transcript`);
    // Warm-up, long enough for V8 to finish optimising the hot functions (tier-up): under Node
    // process.cpuUsage() also counts the background compiler threads, and with 3 warm-up
    // replays they added ~30% to the first timed figure (docs/performance.md).
    if (Module._bench_replay(t, kWarmUp) !== kWarmUp) throw new Error(`${name}: replay failed`);
    out[name] = () => {
      const ok = Module._bench_replay(t, count);
      if (ok !== count) throw new Error(`${name}: ${count - ok} of ${count} replays failed`);
      return count;
    };
  }
  if (Module._bench_mlkem(kWarmUp) !== kWarmUp) throw new Error('mlkem: a decapsulation failed');
  out.mlkem = () => {
    const ok = Module._bench_mlkem(count);
    if (ok !== count) throw new Error(`mlkem: ${count - ok} of ${count} decapsulations failed`);
    return count;
  };
  for (const [name, suite] of [['aes128gcm', 0x1301], ['chacha20', 0x1303]]) {
    const r = Module._bench_records(suite, mib);
    out[name] = () => {
      const got = Module._bench_open(r) >>> 0;
      if (got !== mib * 1024 * 1024) throw new Error(`${name}: decrypted ${got} bytes`);
      return mib;
    };
  }
  return out;
}
