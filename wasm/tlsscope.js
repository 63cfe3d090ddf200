// tlsscope for JavaScript: the C++ engine compiled to WebAssembly, wrapped so that bytes are
// Uint8Arrays and events are plain objects (schema: docs/events.md). Works in browsers (the
// .wasm is fetched next to this file) and in Node (call init({wasmBinary}) first).
//
//   import { createClient, connect } from './tlsscope.js';
//   const events = [];
//   const result = await connect('https://example.org/', { relay: 'ws://127.0.0.1:8080/relay',
//                                                          onEvent: e => events.push(e) });
//
// This file is the engine's foreign-function layer (the module's C exports as JavaScript calls,
// TlsClient, TrustAnchors, the step table); connection.js is the driver that
// joins an engine and the relay's WebSocket into one connection (connect()).
import createEngineModule from './tlsscope-engine.js';

export { parseHttpResponse } from './outcome.js';
export { connect, openSpareTunnel } from './connection.js';
export { startConnectionWorker, connectInWorker, openTunnelAhead } from './connection-proxy.js';

const VERSION_BY_NAME = { '1.2': 0x0303, '1.3': 0x0304 };

let enginePromise = null;
let compiled = null;  // Promise<WebAssembly.Module> of the instance init() made, in browsers

/**
 * Loads the wasm module once. Browsers need no options; Node must pass the .wasm bytes
 * (Emscripten 3.1.6's loader cannot fetch a file: URL there). Resolves to the engine's calls
 * (engineCalls below), among them the secrets panel's hashHex, hmacHex, tls12PrfHex,
 * hkdfExtractHex, hkdfExpandLabelHex and ecdhHex.
 *
 * In a browser the .wasm is compiled here (compileStreaming) and the instance made from that
 * WebAssembly.Module through the glue's instantiateWasm hook, so the module can be posted to the
 * connection worker (connection-worker.js), which instantiates it with wasmModule instead of
 * fetching and compiling the engine a second time (engineModule()).
 */
export function init(options = {}) {
  if (!enginePromise) {
    const moduleArgs = {};
    if (options.wasmBinary) moduleArgs.wasmBinary = options.wasmBinary;
    if (options.locateFile) moduleArgs.locateFile = options.locateFile;
    moduleArgs.printErr = (text) => console.warn('tlsscope engine:', text);
    if (options.wasmModule) compiled = Promise.resolve(options.wasmModule);
    else if (!options.wasmBinary && !options.locateFile && typeof location !== 'undefined') compiled = compileEngine();
    enginePromise = (compiled ? compiled.then((module) => new Promise((resolve, reject) => {
      // The glue's hook (Emscripten 3.1.6, createWasm): it returns {} at once and calls receive
      // once the instance is made. A failed instantiate would leave the glue's promise pending,
      // so it rejects this one.
      moduleArgs.instantiateWasm = (imports, receive) => {
        WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module), reject);
        return {};
      };
      createEngineModule(moduleArgs).then(resolve, reject);
    })) : createEngineModule(moduleArgs)).then(engineCalls);
  }
  return enginePromise;
}

/** The .wasm next to this file, compiled while it downloads (with a plain fetch if the server
 *  does not say application/wasm). */
function compileEngine() {
  const url = new URL('tlsscope-engine.wasm', import.meta.url);
  const plain = () => fetch(url).then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b));
  if (typeof WebAssembly.compileStreaming !== 'function') return plain();
  return WebAssembly.compileStreaming(fetch(url)).catch(plain);
}

/** The compiled engine init() instantiated (browsers only; null in Node or before init()). */
export function engineModule() {
  return compiled;
}

// The module's C exports (wasm/bindings.cpp, wasm/recompute.cpp), made callable with strings
// and Uint8Arrays: each such argument is copied into memory malloc'd here and passed as
// (pointer, length); an export that answers returns the answer's length and leaves its bytes
// at tlsscope_result() (wasm/result.hpp) until the next call.
function engineCalls(M) {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const call = (name, ...args) => {
    const flat = [];
    const owned = [];
    try {
      for (const a of args) {
        if (typeof a === 'number') { flat.push(a); continue; }
        const bytes = typeof a === 'string' ? encoder.encode(a) : a;
        const p = M._malloc(bytes.length || 1);
        owned.push(p);
        M.HEAPU8.set(bytes, p);
        flat.push(p, bytes.length);
      }
      return M[`_tlsscope_${name}`](...flat);
    } finally {
      for (const p of owned) M._free(p);
    }
  };
  // M.HEAPU8 is read after the call: the memory may have grown (a new buffer) meanwhile.
  const bytes = (n) => { const p = M._tlsscope_result(); return M.HEAPU8.slice(p, p + n); };
  // Decoded in place: no copy of the events' ~100 KB of JSON text first.
  const text = (n) => { const p = M._tlsscope_result(); return decoder.decode(M.HEAPU8.subarray(p, p + n)); };
  // The engine asks for randomness by source number (bindings.cpp, fill_random).
  const randomSources = new Map();
  let nextSource = 1;
  const addSource = (random) => {
    const source = nextSource++;
    randomSources.set(source, random);
    return source;
  };
  M.tlsscopeRandom = (source, out, len) => {
    M.HEAPU8.set(Uint8Array.from(randomSources.get(source)(len)).subarray(0, len), out);
  };
  const hex = (name) => (...args) => text(call(name, ...args));
  return {
    call, bytes, text,
    // args: tlsscope_client_new's, up to its random source (TlsClient's constructor).
    newClient(args, random) {
      const source = addSource(random);
      return { ptr: call('client_new', ...args, source), source };
    },
    deleteClient({ ptr, source }) {
      call('client_delete', ptr);
      randomSources.delete(source);
    },
    // A default first ClientHello's key shares, made now for a client made later (KeySharesAhead).
    newKeySharesAhead(random) {
      const source = addSource(random);
      try {
        return call('key_shares_ahead_new', source);
      } finally {
        randomSources.delete(source);
      }
    },
    deleteKeySharesAhead(ptr) { call('key_shares_ahead_delete', ptr); },
    stepsJson: () => text(call('steps_json')),
    // DER certificates back to back (bytes) or PEM (text), parsed once into a store clients
    // share (TrustAnchors).
    newTrustStore(certificates) {
      const ptr = call(typeof certificates === 'string' ? 'trust_store_new_pem' : 'trust_store_new', certificates);
      return { ptr, ...JSON.parse(text(call('trust_store_info', ptr))) };
    },
    deleteTrustStore(ptr) { call('trust_store_delete', ptr); },
    hashHex: hex('hash_hex'),
    hmacHex: hex('hmac_hex'),
    tls12PrfHex: hex('tls12_prf_hex'),
    hkdfExtractHex: hex('hkdf_extract_hex'),
    hkdfExpandLabelHex: hex('hkdf_expand_label_hex'),
    ecdhHex: hex('ecdh_hex'),
    // The page's idle warm-up (wasm/warm_up.cpp): part n's self-check, or null past the last part.
    warmUp(part, pem, host, now) {
      const check = text(call('warm_up', part, pem, host, now));
      return check ? JSON.parse(check) : null;
    },
  };
}

function randomBytes(n) {
  const out = new Uint8Array(n);
  // getRandomValues fills at most 65536 bytes per call.
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
  return out;
}

function toVersion(v) {
  if (typeof v === 'number') return v;
  const wire = VERSION_BY_NAME[String(v)];
  if (wire === undefined) throw new TypeError(`unknown TLS version ${v}: use '1.2', '1.3' or a wire value`);
  return wire;
}

function toBytes(data) {
  if (typeof data === 'string') return new TextEncoder().encode(data);
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new TypeError('expected a Uint8Array, an ArrayBuffer or a string');
}

// Wire values as the little-endian byte array tlsscope_client_new reads.
const u16List = (values) => new Uint8Array(Uint16Array.from(values).buffer);

// ALPN names in their wire format: a length byte before each (RFC 7301 §3.1).
function alpnList(names) {
  const parts = names.filter((n) => typeof n === 'string').map((n) => new TextEncoder().encode(n));
  const bad = parts.find((p) => p.length === 0 || p.length > 255);
  if (bad) throw new TypeError('an ALPN protocol name is 1 to 255 bytes long');
  return Uint8Array.from(parts.flatMap((p) => [p.length, ...p]));
}

/** One TLS connection's engine: bytes in, bytes out, events out. No I/O of its own. */
export class TlsClient {
  constructor(engine, config) {
    const now = config.now ?? Math.floor(Date.now() / 1000);
    const tamper = config.tamper ?? null;
    this._engine = engine;
    this._native = engine.newClient([
      String(config.serverName ?? ''),
      typeof now === 'number' ? now : Math.floor(now.getTime() / 1000),
      u16List((config.versions ?? []).map(toVersion)),
      u16List(config.cipherSuites ?? []),
      u16List(config.groups ?? []),
      config.postQuantum === false ? 0 : 1,
      alpnList(config.alpn ?? ['http/1.1']),
      tamper ? 1 : 0,
      String(tamper?.target ?? ''),
      Number.isInteger(tamper?.index) ? tamper.index : NaN,
      config.trustAnchorsPem ?? '',
      config.trustAnchors?._ptr ?? 0,
      config.keySharesAhead?._ptr ?? 0,
    ], config.random ?? randomBytes);
  }

  _call(name, ...args) { return this._engine.call(`client_${name}`, this._native.ptr, ...args); }

  /** Builds the ClientHello; its bytes are then in takeOutput(). */
  start() { this._call('start'); }
  /** Bytes read from the server, split anywhere. */
  receive(bytes) { this._call('receive', toBytes(bytes)); }
  /** Bytes to write to the server; the engine's buffer is emptied. */
  takeOutput() { return this._engine.bytes(this._call('take_output')); }
  /** Decrypted application data received since the last call. */
  takePlaintext() { return this._engine.bytes(this._call('take_plaintext')); }
  /** Encrypts application data (only once state === 'open'). */
  send(data) { return this._call('send', toBytes(data)) !== 0; }
  /** Sends close_notify. */
  close() { this._call('close'); }
  /** The transport ended (EOF); before the handshake is done this fails the connection. */
  transportClosed() { this._call('transport_closed'); }
  /** Fails the connection with an error code from the engine's table ("TIMEOUT", …). */
  fail(code, detail = '') { this._call('fail', String(code), String(detail)); }
  /** Events since the last call, oldest first, as plain objects. */
  takeEvents() { return JSON.parse(this._engine.text(this._call('take_events_json'))); }
  /** 'idle' | 'handshaking' | 'open' | 'closed' | 'failed' */
  get state() { return this._engine.text(this._call('state')); }
  /** NSS key-log lines (SSLKEYLOGFILE format) for the secrets derived so far. */
  get keylog() { return this._engine.text(this._call('keylog')); }
  /** Frees the engine's memory; the client is unusable afterwards. */
  dispose() {
    if (this._native) this._engine.deleteClient(this._native);
    this._native = null;
  }
}

/** The step table: [{name, title_en, title_zh, explain_en, explain_zh}], in connection order. */
export async function steps() {
  return JSON.parse((await init()).stepsJson());
}

/**
 * Trust anchors parsed once, for any number of connections (config / options `trustAnchors`):
 * `certificates` is DER certificates back to back (bytes, e.g. the page's trust-anchors.der) or
 * PEM text (read as `trustAnchorsPem` is: every CERTIFICATE block). `anchors` and `skipped` say
 * how many certificates were usable. dispose() frees it once no client needs it.
 */
export class TrustAnchors {
  constructor(engine, certificates) {
    const given = typeof certificates === 'string' ? certificates : toBytes(certificates);
    const { ptr, anchors, skipped } = engine.newTrustStore(given);
    // Kept for the connection worker (connectInWorker): its engine is another instance, which
    // cannot use this one's parsed store, so it is sent the certificates to parse once itself.
    this.certificates = given;
    this._engine = engine;
    this._ptr = ptr;
    this.anchors = anchors;
    this.skipped = skipped;
  }
  dispose() {
    if (this._ptr) this._engine.deleteTrustStore(this._ptr);
    this._ptr = 0;
  }
}

/**
 * The key shares a default first ClientHello carries (X25519MLKEM768 and X25519: most of the
 * ClientHello's work, ~0.5 ms in a page), made now for a client made later (config
 * `keySharesAhead`), which takes those of the groups it offers, each once; its ClientHello's
 * summary then counts them (`key_shares_made_ahead`). `ms`: how long they took to make.
 * dispose() once the client is made (or they are not wanted): the private keys are freed when
 * no client holds them.
 */
export class KeySharesAhead {
  constructor(engine, random = randomBytes) {
    const started = performance.now();
    this._engine = engine;
    this._ptr = engine.newKeySharesAhead(random);
    this.ms = performance.now() - started;
  }
  dispose() {
    if (this._ptr) this._engine.deleteKeySharesAhead(this._ptr);
    this._ptr = 0;
  }
}

export async function loadTrustAnchors(certificates) {
  return new TrustAnchors(await init(), certificates);
}

/** Creates an engine for one connection (loads the wasm module on first use). */
export async function createClient(config = {}) {
  return new TlsClient(await init(), config);
}
