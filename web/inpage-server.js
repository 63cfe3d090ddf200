// The in-browser server: when no relay can be reached (the site on a static host), the page can
// still run a real handshake — against BearSSL's own TLS server engine compiled to WebAssembly
// (wasm/inpage_server.cpp) and running in this page. Its CA and leaf keys are generated when it
// first loads, from crypto.getRandomValues; the client trusts that CA for this one run.
//
//   import { inPageServerInfo, InPageServerSocket } from './inpage-server.js';
//   const info = await inPageServerInfo();
//   const result = await connect(info.url, { relay: info.relay, WebSocket: InPageServerSocket,
//                                            trustAnchorsPem: info.caPem });
//
// InPageServerSocket has the browser WebSocket API and speaks the relay protocol
// (docs/relay-protocol.md, events mode): `dns` and `tcp` text frames (saying there was neither),
// the server's TLS bytes as binary frames, `closed` when the server is done. Every frame is
// delivered in a task of its own, like a network's, so the driver sees the same order of events
// as with the relay.
import createInPageServerModule from './tlsscope-inpage-server.js';
import { INPAGE_HOST, INPAGE_URL } from './inpage-address.js';

export { INPAGE_HOST };
const INPAGE_PORT = 443;
const RELAY_PROTOCOL = 'tlsscope.relay.v1';
const LABEL_EN = 'in-browser server (BearSSL compiled to WebAssembly, running in this page), not a network server';
const LABEL_ZH = '浏览器内的服务器（BearSSL 编译成 WebAssembly，运行在本页面中），不是网络上的服务器';
const NOTE_EN = 'no DNS and no TCP: the server runs in this page (in-browser, BearSSL), so nothing was looked up or connected';
const NOTE_ZH = '没有 DNS，也没有 TCP：服务器就在本页面中运行（浏览器内，BearSSL），所以没有查询域名，也没有建立网络连接';
const TCP_NOTE_EN = `no TCP connection: the client's bytes go to the ${LABEL_EN}, in order and complete`;
const TCP_NOTE_ZH = `没有 TCP 连接：客户端的字节按顺序、完整地交给${LABEL_ZH}`;
// Bytes from crypto.getRandomValues: the seed of the DRBG that makes both keys, and each
// connection's entropy for BearSSL's engine (it has no /dev/urandom in a browser).
const SEED_BYTES = 48;

let serverPromise = null;

function randomBytes(n) {
  return crypto.getRandomValues(new Uint8Array(n));
}

function toPem(der) {
  let s = '';
  for (const b of der) s += String.fromCharCode(b);
  return '-----BEGIN CERTIFICATE-----\n' + btoa(s).replace(/(.{64})/g, '$1\n').replace(/\n?$/, '\n') +
    '-----END CERTIFICATE-----\n';
}

// Runs fn(pointer) with `bytes` copied into the wasm heap, then wipes and frees the copy.
function withHeapBytes(mod, bytes, fn) {
  const ptr = mod._malloc(Math.max(1, bytes.length));
  mod.HEAPU8.set(bytes, ptr);
  try {
    return fn(ptr);
  } finally {
    mod.HEAPU8.fill(0, ptr, ptr + bytes.length);
    mod._free(ptr);
  }
}

async function loadServer(options) {
  const args = { printErr: (text) => console.warn('tlsscope in-browser server:', text) };
  if (options.wasmBinary) args.wasmBinary = options.wasmBinary;
  if (options.locateFile) args.locateFile = options.locateFile;
  const mod = await createInPageServerModule(args);
  const host = new TextEncoder().encode(INPAGE_HOST);
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  const ok = withHeapBytes(mod, randomBytes(SEED_BYTES), (seed) =>
    withHeapBytes(mod, host, (name) => mod._inpage_make_pki(seed, SEED_BYTES, now, name, host.length)));
  if (!ok) throw new Error('the in-browser server could not generate its keys');
  const cert = (which) => mod.HEAPU8.slice(mod._inpage_cert(which), mod._inpage_cert(which) + mod._inpage_cert_len(which));
  const info = {
    url: INPAGE_URL,
    relay: 'inpage://tlsscope/relay',  // what connect() needs as options.relay; never dialled
    caPem: toPem(cert(0)),
    leafPem: toPem(cert(1)),
    label_en: LABEL_EN,
    label_zh: LABEL_ZH,
  };
  return { mod, info };
}

/**
 * Loads the server's module, makes its keys and certificates, and resolves to
 * {url, relay, caPem, leafPem, label_en, label_zh}: connect to `url` through `relay` with
 * WebSocket: InPageServerSocket, trusting `caPem`. Done once per page load; the options of the
 * first call count: wasmBinary (Node passes the .wasm bytes), locateFile, now (ms since the
 * epoch the certificates are valid around; default the clock).
 */
export function inPageServerInfo(options = {}) {
  if (!serverPromise) serverPromise = loadServer(options);
  return serverPromise.then((s) => s.info);
}

/** One connection to the in-browser server, behind the browser's WebSocket API. */
export class InPageServerSocket extends EventTarget {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSING = 2;
  static CLOSED = 3;

  constructor(url, protocols = []) {
    super();
    this.url = String(url);
    this.readyState = InPageServerSocket.CONNECTING;
    this.binaryType = 'blob';
    this.bufferedAmount = 0;
    this.extensions = '';
    this.protocol = '';
    this.onopen = this.onmessage = this.onclose = this.onerror = null;
    /** BearSSL's first error in the server (0 none, 256 + n: alert n received, 512 + n: sent). */
    this.serverError = 0;
    this._session = 0;
    this._bytesUp = 0;
    this._bytesDown = 0;
    this._shutdown = false;
    this._t0 = performance.now();
    const offered = [].concat(protocols);
    if (offered.length && !offered.includes(RELAY_PROTOCOL)) {
      // A relay refuses other subprotocols before the upgrade; a browser shows only a failure.
      this._later(() => { this._fire('error'); this._closed(1006, '', false); });
      return;
    }
    if (offered.length) this.protocol = RELAY_PROTOCOL;
    if (!serverPromise) serverPromise = loadServer({});
    serverPromise.then((server) => this._later(() => this._open(server)),
      (err) => this._later(() => {
        console.error('tlsscope in-browser server:', err);
        this._fire('error');
        this._closed(1006, '', false);
      }));
  }

  send(data) {
    if (this.readyState === InPageServerSocket.CONNECTING) {
      throw new DOMException('the socket is still connecting', 'InvalidStateError');
    }
    if (this.readyState !== InPageServerSocket.OPEN) return;
    if (typeof data === 'string') {
      this._later(() => this._control(data));
      return;
    }
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data.slice(0))
      : new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
    this._later(() => this._toServer(bytes));
  }

  close(code = 1005, reason = '') {
    if (this.readyState >= InPageServerSocket.CLOSING) return;
    this.readyState = InPageServerSocket.CLOSING;
    this._later(() => this._closed(code, reason, true));
  }

  // --- the server's side --------------------------------------------------------------------

  _open({ mod }) {
    if (this.readyState !== InPageServerSocket.CONNECTING) return;
    this._mod = mod;
    this.readyState = InPageServerSocket.OPEN;
    this._fire('open');
    const target = new URL(this.url);
    const host = (target.searchParams.get('host') ?? '').replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');
    const port = Number(target.searchParams.get('port') ?? INPAGE_PORT);
    if (host !== INPAGE_HOST || port !== INPAGE_PORT) {
      this._fail('TARGET_FORBIDDEN', 1008, `the in-browser server answers only ${INPAGE_HOST}:${INPAGE_PORT}; ` +
        `${host}:${port} needs a relay`);
      return;
    }
    this._text({ type: 'dns', host, addresses: [], ms: 0, in_browser: true, note: NOTE_EN, note_zh: NOTE_ZH });
    this._later(() => {
      if (this.readyState !== InPageServerSocket.OPEN) return;
      this._session = withHeapBytes(mod, randomBytes(SEED_BYTES), (p) => mod._inpage_open(p, SEED_BYTES));
      this._text({ type: 'tcp', ms: 0, in_browser: true, note: TCP_NOTE_EN, note_zh: TCP_NOTE_ZH });
    });
  }

  // Bytes sent before close() still reach the server, as a relay writes them before it closes
  // the TCP connection; the server's answer then has nowhere to go.
  _toServer(bytes) {
    if (!this._session) return;
    if (this._shutdown) {
      this._fail('BAD_REQUEST', 1008, 'data after shutdown');
      return;
    }
    this._bytesUp += bytes.length;
    const mod = this._mod;
    withHeapBytes(mod, bytes, (p) => mod._inpage_receive(this._session, p, bytes.length));
    if (this.readyState !== InPageServerSocket.OPEN) return;
    const len = mod._inpage_output_len(this._session);
    if (len) {
      const ptr = mod._inpage_output(this._session);
      const out = mod.HEAPU8.slice(ptr, ptr + len);
      mod._inpage_output_taken(this._session);
      this._bytesDown += len;
      this._binary(out);
    }
    if (mod._inpage_finished(this._session)) this._end('server');
  }

  _control(text) {
    if (this.readyState !== InPageServerSocket.OPEN) return;
    let msg = null;
    try { msg = JSON.parse(text); } catch { /* answered below */ }
    if (text.length > 4096 || msg?.type !== 'shutdown') {
      this._fail('BAD_REQUEST', 1008, 'the only control message is {"type":"shutdown"}');
      return;
    }
    // The client has nothing more to send; this server answers only after a request, so it
    // has nothing more to say either.
    this._shutdown = true;
    this._end('client');
  }

  _end(by) {
    this._text({
      type: 'closed', by, bytes_up: this._bytesUp, bytes_down: this._bytesDown,
      ms: Math.round((performance.now() - this._t0) * 1000) / 1000,
    });
    this._later(() => this._closed(1000, '', true));
  }

  _fail(code, closeCode, message) {
    this._text({ type: 'error', code, message });
    this._later(() => this._closed(closeCode, code, true));
  }

  _closed(code, reason, wasClean) {
    if (this.readyState === InPageServerSocket.CLOSED) return;
    this.readyState = InPageServerSocket.CLOSED;
    if (this._session) {
      this.serverError = this._mod._inpage_last_error(this._session);
      this._mod._inpage_free(this._session);
      this._session = 0;
    }
    this._fire('close', { code, reason, wasClean });
  }

  // --- delivery -----------------------------------------------------------------------------

  // Each frame in a task of its own, in order (setTimeout 0 runs in the order it was called).
  _later(fn) {
    setTimeout(fn, 0);
  }

  _text(obj) {
    this._later(() => this._message(JSON.stringify(obj)));
  }

  _binary(bytes) {
    this._later(() => this._message(this.binaryType === 'arraybuffer' ? bytes.buffer : new Blob([bytes])));
  }

  _message(data) {
    if (this.readyState !== InPageServerSocket.OPEN) return;
    this._fire('message', { data });
  }

  _fire(type, props = {}) {
    const event = Object.assign(new Event(type), props);
    const handler = this[`on${type}`];
    if (typeof handler === 'function') {
      try { handler.call(this, event); } catch (err) { console.error(err); }
    }
    this.dispatchEvent(event);
  }
}
