// tlsscope for JavaScript: the C++ engine compiled to WebAssembly, wrapped so that bytes are
// Uint8Arrays and events are plain objects (schema: docs/events.md). Works in browsers (the
// .wasm is fetched next to this file) and in Node (call init({wasmBinary}) first).
//
//   import { createClient, connect } from './tlsscope.js';
//   const events = [];
//   const result = await connect('https://example.org/', { relay: 'ws://127.0.0.1:8080/relay',
//                                                          onEvent: e => events.push(e) });
import createEngineModule from './tlsscope-engine.js';
import { outcomeOf, parseHttpResponse } from './outcome.js';
import { toTranscript } from './transcript.js';

export { parseHttpResponse };

const VERSION_BY_NAME = { '1.2': 0x0303, '1.3': 0x0304 };

let enginePromise = null;

/**
 * Loads the wasm module once. Browsers need no options; Node must pass the .wasm bytes
 * (Emscripten 3.1.6's loader cannot fetch a file: URL there). Resolves to the engine's calls
 * (engineCalls below), among them the secrets panel's hashHex, hmacHex, tls12PrfHex,
 * hkdfExtractHex, hkdfExpandLabelHex and ecdhHex.
 */
export function init(options = {}) {
  if (!enginePromise) {
    const moduleArgs = {};
    if (options.wasmBinary) moduleArgs.wasmBinary = options.wasmBinary;
    if (options.locateFile) moduleArgs.locateFile = options.locateFile;
    moduleArgs.printErr = (text) => console.warn('tlsscope engine:', text);
    enginePromise = createEngineModule(moduleArgs).then(engineCalls);
  }
  return enginePromise;
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
  const text = (n) => decoder.decode(bytes(n));
  // The engine asks for randomness by source number (bindings.cpp, fill_random).
  const randomSources = new Map();
  let nextSource = 1;
  M.tlsscopeRandom = (source, out, len) => {
    M.HEAPU8.set(Uint8Array.from(randomSources.get(source)(len)).subarray(0, len), out);
  };
  const hex = (name) => (...args) => text(call(name, ...args));
  return {
    call, bytes, text,
    // args: tlsscope_client_new's, up to its random source (TlsClient's constructor).
    newClient(args, random) {
      const source = nextSource++;
      randomSources.set(source, random);
      return { ptr: call('client_new', ...args, source), source };
    },
    deleteClient({ ptr, source }) {
      call('client_delete', ptr);
      randomSources.delete(source);
    },
    stepsJson: () => text(call('steps_json')),
    handshakeTableJson: () => text(call('handshake_table_json')),
    // DER certificates back to back, parsed once into a store clients share (TrustAnchors).
    newTrustStore(der) {
      const ptr = call('trust_store_new', der);
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
 * The engine's handshake table: {states: [{name, expects, flow}], transitions: [{flow, from,
 * message, codec, handler, to, transcript, note?}]} (docs/events.md, `message`), for a legend
 * of the legal message sequences.
 */
export async function handshakeTable() {
  return JSON.parse((await init()).handshakeTableJson());
}

/**
 * Trust anchors parsed once, for any number of connections (config / options `trustAnchors`):
 * `der` is DER certificates back to back (e.g. the page's trust-anchors.der). `anchors` and
 * `skipped` say how many certificates were usable. dispose() frees it once no client needs it.
 */
export class TrustAnchors {
  constructor(engine, der) {
    const { ptr, anchors, skipped } = engine.newTrustStore(toBytes(der));
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

export async function loadTrustAnchors(der) {
  return new TrustAnchors(await init(), der);
}

/** Creates an engine for one connection (loads the wasm module on first use). */
export async function createClient(config = {}) {
  return new TlsClient(await init(), config);
}

// ---------------------------------------------------------------------------------------------
// The driver: engine + relay WebSocket = one connection, one ordered event stream.

function parseTarget(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return { error: `${url} is not a URL` };
  }
  if (u.protocol !== 'https:') return { error: `${u.protocol} URLs are not HTTPS: tlsscope speaks TLS` };
  const host = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
  return {
    host,
    port: u.port ? Number(u.port) : 443,
    portFromScheme: !u.port,
    path: (u.pathname || '/') + u.search,
    hostHeader: u.host,
  };
}

// Relay error codes that have a learner-facing twin in the engine's error table.
const ENGINE_CODE_FOR_RELAY = {
  DNS_FAILED: 'DNS_FAILED',
  CONNECT_REFUSED: 'CONNECT_REFUSED',
  CONNECT_TIMEOUT: 'TIMEOUT',
  IDLE_TIMEOUT: 'TIMEOUT',
};

// The step a relay text frame belongs to, by its `type` (docs/relay-protocol.md).
const STEP_OF_RELAY_REPORT = { dns: 'dns', tcp: 'tcp', closed: 'closed', error: 'error' };

const utf8Length = (text) => new TextEncoder().encode(text).length;

/**
 * Makes one real HTTPS GET through the relay and reports every step.
 *
 * options: relay (ws:// or wss:// URL of /relay, required), onEvent(event), trustAnchors (a
 * TrustAnchors, parsed once: loadTrustAnchors; it wins when both are given) or trustAnchorsPem
 * (parsed for this run),
 * version ('1.2' | '1.3' | undefined = engine default), timeoutMs (no progress; default 10000),
 * WebSocket (constructor; default globalThis.WebSocket — Node passes the `ws` package's),
 * now, random;
 * gate (step mode): async ({flight, messages}) => void, awaited before each client flight
 * after the ClientHello is written; a rejected gate ends the run;
 * tamper: {target, index} (the engine flips one byte of an incoming message; see
 * docs/events.md `tamper`);
 * serverName: the SNI to send and the name to check the certificate against, instead of the
 * URL's host (the relay still connects to the URL's host).
 *
 * Resolves (never rejects) to { events, state, response, error, keylog, ms, transcript }.
 */
export async function connect(url, options = {}) {
  const t0 = performance.now();
  const events = [];
  const emit = (source, event) => {
    const e = { ...event, source, t: Math.round((performance.now() - t0) * 1000) / 1000 };
    events.push(e);
    if (options.onEvent) {
      try { options.onEvent(e); } catch (err) { console.error('tlsscope onEvent:', err); }
    }
  };
  const finish = (client) => {
    const result = { events, ...outcomeOf(events), keylog: client ? client.keylog : '', ms: performance.now() - t0 };
    result.transcript = toTranscript(result, { url });
    return result;
  };
  const pageError = (code, message, messageZh, detail) =>
    emit('page', { type: 'error', step: 'error', code, message, message_zh: messageZh, detail: detail ?? '' });

  const target = parseTarget(url);
  const serverName = options.serverName || target.host || '';
  let client;
  try {
    client = await createClient({
      serverName,
      trustAnchorsPem: options.trustAnchorsPem ?? '',
      trustAnchors: options.trustAnchors,
      now: options.now,
      random: options.random,
      versions: options.version ? [options.version] : [],
      postQuantum: options.postQuantum,
      tamper: options.tamper,
    });
  } catch (err) {
    pageError('INTERNAL_ERROR', 'The TLS engine could not be loaded.', '无法加载 TLS 引擎。', String(err?.message ?? err));
    return finish(null);
  }
  // Failures found before any byte moves still come from the engine's error table, so they
  // carry the same code and sentences as every other failure.
  const failEarly = (code, detail) => {
    client.fail(code, detail);
    for (const e of client.takeEvents()) emit('engine', e);
    const result = finish(client);
    client.dispose();
    return result;
  };
  if (target.error) return failEarly('BAD_URL', target.error);
  emit('page', {
    type: 'url', step: 'url', url, host: target.host, port: target.port,
    port_from_scheme: target.portFromScheme, path: target.path, server_name: serverName,
  });

  const WS = options.WebSocket ?? globalThis.WebSocket;
  if (!options.relay || !WS) return failEarly('INTERNAL_ERROR', 'options.relay and a WebSocket are required');

  const relayUrl = new URL(options.relay, globalThis.location?.href);
  relayUrl.searchParams.set('host', target.host);
  relayUrl.searchParams.set('port', String(target.port));

  return new Promise((resolve) => {
    let ws;
    let requestSent = false;
    let responseShown = false;
    let done = false;
    let timer = null;
    let closing = null;
    const timeoutMs = options.timeoutMs ?? 10000;
    // Client flights not yet written, oldest first: {bytes, gate}. In step mode a flight after
    // the first carries gate = {flight, messages} until options.gate resolves; whatever the
    // engine writes meanwhile (an alert) queues behind it, so bytes leave in engine order.
    const outbox = [];
    let flights = 0;
    let waiting = null;  // the gate info of the flight held for the learner, if any

    const settle = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(closing);
      const result = finish(client);
      client.dispose();
      try { if (ws.readyState <= 1) ws.close(1000); } catch { /* already gone */ }
      resolve(result);
    };
    const armTimer = () => {
      clearTimeout(timer);
      if (waiting) return;  // the learner is reading: no-progress does not count meanwhile
      timer = setTimeout(() => {
        if (client.state === 'handshaking' || client.state === 'idle') {
          client.fail('TIMEOUT', `no progress for ${timeoutMs} ms`);
        } else if (client.state === 'open') {
          client.close();  // the response is in; the server keeps the connection open
        }
        pump();
        settle();
      }, timeoutMs);
    };
    const frameEvent = (dir, opcode, length, step) =>
      emit('relay', { type: 'ws_frame', step, dir, opcode, length });

    const drain = () => {
      while (outbox.length && !waiting && !done) {
        const next = outbox[0];
        if (next.gate) {
          waiting = next.gate;
          next.gate = null;
          clearTimeout(timer);
          Promise.resolve().then(() => options.gate(waiting)).then(() => {
            waiting = null;
            if (done) return;
            armTimer();
            drain();
          }, (err) => {
            waiting = null;
            if (done) return;
            client.fail('INTERNAL_ERROR', `step mode stopped: ${err?.message ?? err}`);
            outbox.length = 0;  // the held flight is never sent
            pump();
            settle();
          });
          return;
        }
        outbox.shift();
        if (ws.readyState !== 1) continue;
        ws.send(next.bytes);
        frameEvent('out', 'binary', next.bytes.length, 'record');
      }
    };
    // Queues what the engine wrote; `messages` are the steps of the messages in it. Bytes with
    // no message (an alert) are not a flight and never wait for the learner.
    const write = (bytes, messages) => {
      let gate = null;
      if (messages.length) {
        flights += 1;
        if (options.gate && flights > 1) gate = { flight: flights, messages };
      }
      outbox.push({ bytes, gate });
      drain();
    };

    const pump = () => {
      if (done) return;
      client.takePlaintext();  // the same bytes arrive in the application_data events
      const messages = [];
      for (const e of client.takeEvents()) {
        emit('engine', e);
        if (e.dir === 'out' && (e.type === 'message' || e.type === 'application_data')) messages.push(e.step);
        if (e.type !== 'application_data' || e.dir !== 'in' || responseShown) continue;
        // The decrypted status line and headers, right after the record that completed them.
        const r = outcomeOf(events).response;
        if (r) {
          responseShown = true;
          emit('page', {
            type: 'http_response', step: 'application_data', status: r.status, reason: r.reason,
            status_line: r.statusLine, headers: r.headers,
          });
        }
      }
      const out = client.takeOutput();
      if (out.length) write(out, messages);
      if (client.state === 'open' && !requestSent) {
        requestSent = true;
        const request = `GET ${target.path} HTTP/1.1\r\nHost: ${target.hostHeader}\r\n` +
          'User-Agent: tlsscope/0.1 (wasm)\r\nAccept: */*\r\nConnection: close\r\n\r\n';
        client.send(request);
        pump();
        return;
      }
      const state = client.state;
      if (state === 'failed') settle();
      // Closed cleanly: give the relay a moment to report the TCP close, so it is in the stream.
      else if (state === 'closed' && !closing) closing = setTimeout(settle, 1000);
    };
    // The TCP connection ended. While a flight waits for the learner that is the server giving
    // up on a silent client, said so; otherwise the engine judges (EOF mid-handshake fails).
    const transportEnded = (how) => {
      if (waiting) {
        client.fail('CONNECTION_CLOSED', `${how} while the client's next flight ` +
          `(${waiting.messages.join(', ')}) waited in step mode: servers stop waiting for a silent client`);
        outbox.length = 0;
      } else {
        client.transportClosed();
      }
      pump();
      settle();
    };

    try {
      ws = new WS(relayUrl.href, ['tlsscope.relay.v1']);
    } catch (err) {
      resolve(failEarly('CONNECTION_CLOSED', `the relay at ${relayUrl.href} could not be opened: ${err?.message ?? err}`));
      return;
    }
    ws.binaryType = 'arraybuffer';
    armTimer();

    ws.onmessage = (msg) => {
      if (done) return;
      armTimer();
      if (typeof msg.data === 'string') {
        let ev = null;
        try { ev = JSON.parse(msg.data); } catch { /* reported as a frame, then ignored */ }
        frameEvent('in', 'text', utf8Length(msg.data), STEP_OF_RELAY_REPORT[ev?.type] ?? 'error');
        if (!ev) return;
        if (ev.type === 'dns') {
          emit('relay', { ...ev, step: 'dns' });
        } else if (ev.type === 'tcp') {
          emit('relay', { ...ev, step: 'tcp' });
          client.start();
          pump();
        } else if (ev.type === 'closed') {
          emit('relay', { ...ev, type: 'tcp_closed', step: 'closed' });
          transportEnded('the server closed the TCP connection');
        } else if (ev.type === 'error') {
          emit('relay', { ...ev, type: 'relay_error', step: 'error' });
          const code = ENGINE_CODE_FOR_RELAY[ev.code];
          if (code) {
            client.fail(code, ev.message);
          } else if (client.state !== 'idle') {
            client.fail('CONNECTION_CLOSED', `relay: ${ev.code}: ${ev.message}`);
          }
          pump();
          settle();
        }
        return;
      }
      const bytes = new Uint8Array(msg.data);
      frameEvent('in', 'binary', bytes.length, 'record');
      client.receive(bytes);
      pump();
    };
    ws.onerror = () => {};
    ws.onclose = (ev) => {
      if (done) return;
      if (client.state === 'idle') {
        client.fail('CONNECTION_CLOSED', `the relay closed the WebSocket (${ev.code}${ev.reason ? ' ' + ev.reason : ''}) before the TCP connection was made`);
        pump();
        settle();
      } else {
        transportEnded(`the relay closed the WebSocket (${ev.code})`);
      }
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Trust anchors.

function base64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Turns certificates' DER encodings back to back (trust-anchors.der) into a PEM bundle. */
export function derBundleToPem(bytes) {
  const der = toBytes(bytes);
  let pem = '';
  let i = 0;
  while (i + 2 <= der.length) {
    if (der[i] !== 0x30) throw new Error(`trust anchors: no certificate at byte ${i}`);
    let len = der[i + 1];
    let header = 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n < 1 || n > 4 || i + 2 + n > der.length) throw new Error(`trust anchors: bad length at byte ${i}`);
      len = 0;
      for (let k = 0; k < n; k++) len = len * 256 + der[i + 2 + k];
      header += n;
    }
    const end = i + header + len;
    if (end > der.length) throw new Error(`trust anchors: certificate at byte ${i} is cut short`);
    const b64 = base64(der.subarray(i, end));
    pem += '-----BEGIN CERTIFICATE-----\n' + b64.replace(/(.{64})/g, '$1\n').replace(/\n?$/, '\n') +
      '-----END CERTIFICATE-----\n';
    i = end;
  }
  return pem;
}
