// The wasm figures, measured the same way under Node and in Chromium: the module's calls are
// synchronous and do no I/O, so the wall time around each call is the engine's CPU time.
// `Module` is tlsscope-bench.mjs (bench_module.cpp) once instantiated.

function copyIn(Module, bytes) {
  const p = Module._malloc(bytes.length);
  Module.HEAPU8.set(bytes, p);
  return p;
}

/**
 * µs per replayed handshake for each transcript ({name: Uint8Array}), MiB/s decrypting `mib`
 * MiB of TLS 1.3 records per suite; every run checked (all handshakes open, all bytes back).
 */
export function measure(Module, transcripts, { count, mib }) {
  const out = {};
  for (const [name, bytes] of Object.entries(transcripts)) {
    const t = Module._bench_transcript(copyIn(Module, bytes), bytes.length);
    if (!t) throw new Error(`${name}: not a transcript`);
    if (Module._bench_replay(t, 3) !== 3) throw new Error(`${name}: replay failed`);  // warm-up
    const t0 = performance.now();
    const ok = Module._bench_replay(t, count);
    const ms = performance.now() - t0;
    if (ok !== count) throw new Error(`${name}: ${count - ok} of ${count} replays failed`);
    out[name] = (ms * 1000) / count;
  }
  for (const [name, suite] of [['aes128gcm', 0x1301], ['chacha20', 0x1303]]) {
    const r = Module._bench_records(suite, mib);
    const t0 = performance.now();
    const got = Module._bench_open(r) >>> 0;
    const s = (performance.now() - t0) / 1000;
    if (got !== mib * 1024 * 1024) throw new Error(`${name}: decrypted ${got} bytes`);
    out[name] = mib / s;
  }
  return out;
}
