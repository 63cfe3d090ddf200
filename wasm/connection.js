// The connection driver: one engine (tlsscope.js TlsClient) + one relay WebSocket = one HTTPS
// GET, reported as one ordered event stream (docs/events.md). The engine has no I/O; this file
// is all of it: it opens the relay, feeds the engine the bytes the relay hands over, writes what
// the engine wrote, sends the HTTP request once the handshake is done and reads the response.
//
// The connection goes through these phases, in this order (a failure ends it from any of them):
//   relay  the WebSocket to /relay?host=H&port=P is opening
//   dns    it is open (or a tunnel opened ahead was given H and P); the relay resolves H
//   tcp    the relay reported the DNS answer; it connects TCP to the address
//   tls    the relay reported the TCP connection; the engine's handshake runs
//   http   the handshake is done, the request is sent; the response comes in
//   close  the engine is closed (close_notify); the relay's report of the TCP close is awaited
//   done   the result is out (connect() resolved)
import { init, TlsClient, KeySharesAhead } from './tlsscope.js';
import { outcomeOf, parseHttpResponse } from './outcome.js';
import { withTranscript } from './transcript.js';

const PHASES = ['relay', 'dns', 'tcp', 'tls', 'http', 'close', 'done'];

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

/** A WebSocket to the relay at `relay` (its URL), with `params` set in its query. */
function openRelay(relay, params, WS) {
  const url = new URL(relay, globalThis.location?.href);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  const ws = new WS(url.href, ['tlsscope.relay.v1']);
  ws.binaryType = 'arraybuffer';
  return ws;
}

// Tunnels opened ahead of their run (/relay?target=later, docs/relay-protocol.md), one per
// relay URL: a run given `spare: true` names its target in the open tunnel's first message
// instead of opening a WebSocket, whose opening is ~5 ms of Chromium's work on loopback before
// the relay can even start the DNS lookup (docs/performance.md, "A tunnel opened ahead").
const spares = new Map();  // relay URL → {ws, open: Promise<boolean>} (no target yet)

/** Opens a tunnel ahead of the next run to `relay`, unless one is open or opening; resolves to
 *  whether it is open. The relay closes one unused for its idle timeout; it is then forgotten,
 *  and a run opens its own. */
export function openSpareTunnel(relay, WS = globalThis.WebSocket) {
  if (!relay || !WS) return Promise.resolve(false);
  makeSharesAhead();
  if (spares.has(relay)) return spares.get(relay).open;
  let ws;
  try {
    ws = openRelay(relay, { target: 'later' }, WS);
  } catch {
    return Promise.resolve(false);  // a run opens its own, and reports why it cannot
  }
  let opened;
  const spare = { ws, open: new Promise((resolve) => { opened = resolve; }) };
  spares.set(relay, spare);
  const forget = () => {
    if (spares.get(relay) === spare) spares.delete(relay);
    opened(false);
  };
  ws.onopen = () => opened(true);
  ws.onclose = forget;
  ws.onerror = forget;
  // Before its target, the relay only speaks to end it (IDLE_TIMEOUT, SHUTTING_DOWN).
  ws.onmessage = () => { forget(); ws.close(); };
  return spare.open;
}

// Key shares made ahead of the next run (tlsscope.js KeySharesAhead), with its tunnel: they are
// most of a ClientHello's work (~0.5 ms), which otherwise held up the run's first report from
// the relay. One set waits at a time; a run with `spare: true` takes it.
let sharesAhead = null;
function makeSharesAhead() {
  init().then((engine) => { sharesAhead ??= new KeySharesAhead(engine); }, () => {});
}
function takeSharesAhead() {
  const shares = sharesAhead;
  sharesAhead = null;
  return shares;
}

/** The open spare tunnel to `relay`, taken for a run, or null (one still opening is closed: a
 *  run does not wait on it, and its failure to open would not be the run's). */
function takeSpare(relay) {
  const ws = spares.get(relay)?.ws;
  if (!ws) return null;
  spares.delete(relay);
  if (ws.readyState === 1) return ws;
  ws.close();
  return null;
}

/** Gives a tunnel opened ahead its target (the relay's connect message); returns the frame
 *  sent, {length, at}, for the run's ws_frame event. */
function sendTarget(ws, target) {
  const message = JSON.stringify({ type: 'connect', host: target.host, port: target.port });
  ws.send(message);
  return { length: utf8Length(message), at: performance.now() };
}

/** a's bytes then b's (a itself when b is empty). */
function joined(a, b) {
  if (!b.length) return a;
  const both = new Uint8Array(a.length + b.length);
  both.set(a);
  both.set(b, a.length);
  return both;
}

/** Where an HTTP head ends in `bytes` (after its blank line), or -1 while it is not all in. */
function headEnd(bytes) {
  for (let i = 3; i < bytes.length; i++)
    if (bytes[i] === 10 && bytes[i - 1] === 13 && bytes[i - 2] === 10 && bytes[i - 3] === 13) return i + 1;
  return -1;
}

/**
 * The binary frames of one direction, numbered 1, 2, … with the stream offset each starts at,
 * so each record event can name the frame its first byte travelled in (`frame`). Outgoing
 * records need only the count: what the engine writes in one pump leaves as one frame.
 */
class FrameLedger {
  constructor() {
    this.starts = [];     // stream offset of frame n+1's first byte
    this.framed = 0;      // bytes framed so far
    this.recorded = 0;    // bytes of the records placed so far
  }
  /** Adds a frame of `length` bytes; returns its number. */
  add(length) {
    this.starts.push(this.framed);
    this.framed += length;
    return this.starts.length;
  }
  /** The number of the frame the next record (of `length` bytes) starts in. */
  place(length) {
    const at = this.recorded;
    this.recorded += length;
    let n = this.starts.length;
    while (n > 1 && this.starts[n - 1] > at) n--;
    return n;
  }
}

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
 * URL's host (the relay still connects to the URL's host);
 * spare: true to use the tunnel openSpareTunnel(relay) opened ahead, if it is open, and to open
 * the next one after the run.
 *
 * Resolves (never rejects) to { events, state, response, error, keylog, ms, transcript }.
 */
export async function connect(url, options = {}) {
  const t0 = performance.now();
  const events = [];
  const emit = (source, event, at = performance.now()) => {
    const e = { ...event, source, t: Math.round((at - t0) * 1000) / 1000 };
    events.push(e);
    if (options.onEvent) {
      try { options.onEvent(e); } catch (err) { console.error('tlsscope onEvent:', err); }
    }
  };
  // The transcript is built on first read (transcript.js withTranscript).
  const finish = (client) =>
    withTranscript({ events, ...outcomeOf(events), keylog: client ? client.keylog : '', ms: performance.now() - t0 }, url);
  const pageError = (code, message, messageZh, detail) =>
    emit('page', { type: 'error', step: 'error', code, message, message_zh: messageZh, detail: detail ?? '' });

  const target = parseTarget(url);
  const serverName = options.serverName || target.host || '';
  const clientConfig = {
    serverName,
    trustAnchorsPem: options.trustAnchorsPem ?? '',
    trustAnchors: options.trustAnchors,
    now: options.now,
    random: options.random,
    versions: options.version ? [options.version] : [],
    postQuantum: options.postQuantum,
    tamper: options.tamper,
    // A run through a tunnel opened ahead takes the key shares made with it (none with test
    // randomness: its ClientHello must come from that randomness alone).
    keySharesAhead: options.spare && !options.random ? takeSharesAhead() : null,
  };
  const WS = options.WebSocket ?? globalThis.WebSocket;
  let engine;
  let ws = null;
  let wsError = null;
  let client;
  // The tunnel opened ahead, if there is one; it is given its target in its first message.
  let spare = !target.error && options.spare && WS ? takeSpare(options.relay) : null;
  const openOwn = () => openRelay(options.relay, { host: target.host, port: String(target.port) }, WS);
  const cannotOpen = (err) => `the relay at ${options.relay} could not be opened: ${err?.message ?? err}`;
  let connectFrame = null;  // the spare's connect message, sent: {length, at} for its ws_frame event
  try {
    engine = await init();
    // The relay's WebSocket is asked for before the engine's client is made, so its opening
    // (the browser's network service, the relay's upgrade: ~3 ms on loopback) overlaps that
    // work; a tunnel opened ahead is given its target now, so the relay resolves the name and
    // connects meanwhile (the nothing-drawn connection 0.1–1.0 ms sooner, docs/performance.md).
    // Their handlers are set within this task, before any of their events can be handled.
    if (spare) {
      ws = spare;
      if (ws.readyState === 1) connectFrame = sendTarget(ws, target);
    } else if (!target.error && options.relay && WS) {
      try {
        ws = openOwn();
      } catch (err) {
        wsError = cannotOpen(err);
      }
    }
    client = new TlsClient(engine, clientConfig);
    clientConfig.keySharesAhead?.dispose();  // the client holds them now; a later one makes its own
  } catch (err) {
    if (!client) clientConfig.keySharesAhead?.dispose();
    try { ws?.close(); } catch { /* not open yet */ }
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

  if (!options.relay || !WS) return failEarly('INTERNAL_ERROR', 'options.relay and a WebSocket are required');
  if (wsError) return failEarly('CONNECTION_CLOSED', wsError);

  return new Promise((resolve) => {
    let phase = 'relay';
    let timer = null;
    let lastProgress = 0;
    let closing = null;
    const timeoutMs = options.timeoutMs ?? 10000;
    // Step mode: client flights not yet written, oldest first: {bytes, gate, frame}. A flight
    // after the first carries gate = {flight, messages} until options.gate resolves; whatever
    // the engine writes meanwhile (an alert) queues behind it, so bytes leave in engine order.
    // (Outside step mode pump sends at once: sendNow.)
    const outbox = [];
    let flights = 0;
    let waiting = null;  // the gate info of the flight held for the learner, if any
    let plaintext = new Uint8Array(0);  // the response's bytes so far (takePlaintext)
    let responseShown = false;
    const ledger = { in: new FrameLedger(), out: new FrameLedger() };
    // The ClientHello is built ahead, while the WebSocket opens or the relay looks up the name
    // and connects (its key shares are ~1 ms of the engine's work); what the engine wrote, and
    // its events, wait in the engine until the relay reports the TCP connection. A run that fails
    // before that gets a client that never started, so no unsent ClientHello is reported.
    let helloMs = null;  // how long start() took, stamped on the first ClientHello (made_ms)
    const sharesMs = clientConfig.keySharesAhead?.ms;  // how long its shares made ahead took
    const buildHello = () => {
      const started = performance.now();
      client.start();
      helloMs = Math.round((performance.now() - started) * 1000) / 1000;
    };
    const unstart = () => {
      if (helloMs === null || PHASES.indexOf(phase) >= PHASES.indexOf('tls')) return;
      client.dispose();
      client = new TlsClient(engine, clientConfig);
      helloMs = null;
    };

    /** Moves to a later phase (never back: a phase is only entered once). */
    const enter = (next) => {
      if (PHASES.indexOf(next) > PHASES.indexOf(phase)) phase = next;
    };
    const settle = () => {
      if (phase === 'done') return;
      enter('done');
      clearTimeout(timer);
      clearTimeout(closing);
      const result = finish(client);
      client.dispose();
      try { if (ws.readyState <= 1) ws.close(1000); } catch { /* already gone */ }
      resolve(result);
      // The next run's tunnel, once this run's end has been drawn.
      if (options.spare) setTimeout(() => openSpareTunnel(options.relay, WS), 200);
    };
    // No progress for timeoutMs ends the run. Progress (each relay message) only moves
    // lastProgress: one timer, re-armed for the rest when it fires early, instead of a
    // clearTimeout and setTimeout per message (each a call into the browser).
    const noProgress = () => {
      timer = null;
      if (waiting || phase === 'done') return;  // the learner is reading: that does not count
      const left = timeoutMs - (performance.now() - lastProgress);
      if (left > 0) {
        timer = setTimeout(noProgress, left);
        return;
      }
      unstart();
      if (client.state === 'handshaking' || client.state === 'idle') {
        client.fail('TIMEOUT', `no progress for ${timeoutMs} ms`);
      } else if (client.state === 'open') {
        client.close();  // the response is in; the server keeps the connection open
      }
      pump();
      settle();
    };
    const armTimer = () => {
      lastProgress = performance.now();
      if (timer === null && !waiting) timer = setTimeout(noProgress, timeoutMs);
    };
    const frameEvent = (dir, opcode, length, step, frame, at) =>
      emit('relay', { type: 'ws_frame', step, dir, opcode, length, ...(frame ? { frame } : {}) }, at);

    const drain = () => {
      while (outbox.length && !waiting && phase !== 'done') {
        const next = outbox[0];
        if (next.gate) {
          waiting = next.gate;
          next.gate = null;
          clearTimeout(timer);
          timer = null;
          Promise.resolve().then(() => options.gate(waiting)).then(() => {
            waiting = null;
            if (phase === 'done') return;
            armTimer();
            drain();
          }, (err) => {
            waiting = null;
            if (phase === 'done') return;
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
        frameEvent('out', 'binary', next.bytes.length, 'record', next.frame);
      }
    };
    // Step mode: queues what the engine wrote; `messages` are the steps of the messages in it.
    // Bytes with no message (an alert) are not a flight and never wait for the learner.
    const write = (bytes, messages, frame) => {
      let gate = null;
      if (messages.length) {
        flights += 1;
        if (flights > 1) gate = { flight: flights, messages };
      }
      outbox.push({ bytes, gate, frame });
      drain();
    };

    // The decrypted response (the engine's own plaintext, not its events' hex): once its status
    // line and headers are in, reported right after the application_data event that completed
    // them. Returns the stream offset where the headers end, if they are in.
    const readPlaintext = () => {
      const more = client.takePlaintext();
      if (responseShown) return Infinity;
      if (more.length) plaintext = joined(plaintext, more);
      const end = headEnd(plaintext);
      return end < 0 ? Infinity : end;
    };
    let plaintextSeen = 0;  // bytes of the application_data events emitted so far
    const reportResponse = () => {
      const r = parseHttpResponse(plaintext);
      if (!r) return;
      responseShown = true;
      emit('page', {
        type: 'http_response', step: 'application_data', status: r.status, reason: r.reason,
        status_line: r.statusLine, headers: r.headers,
      });
    };

    const sendRequest = () => {
      enter('http');
      client.send(`GET ${target.path} HTTP/1.1\r\nHost: ${target.hostHeader}\r\n` +
        'User-Agent: tlsscope/0.1 (wasm)\r\nAccept: */*\r\nConnection: close\r\n\r\n');
    };
    // Outside step mode: bytes the engine wrote go to the relay at once, as the next frame.
    const sendNow = (bytes, sent) => {
      if (!bytes.length || ws.readyState !== 1) return;
      ws.send(bytes);
      sent.push({ length: bytes.length, frame: ledger.out.add(bytes.length) });
    };

    const pump = () => {
      if (phase === 'done') return;
      const responseAt = readPlaintext();
      // Outside step mode nothing waits for the learner, so what the engine wrote leaves before
      // its events are taken (turning them into objects is most of a pump's time: ~100 KB of
      // JSON per run), and so does the HTTP request once this flight completed the handshake;
      // their ws_frame events come after their records. In step mode a flight is held with its
      // messages, so the events come first.
      const live = !options.gate;
      const sent = [];
      if (live) {
        let out = client.takeOutput();
        // The flight that completes the handshake and the HTTP request leave as one frame (one
        // write to the server, as a browser's Finished and first request share a TCP segment):
        // the relay writes them together and the server reads them at once.
        if (client.state === 'open' && phase === 'tls') {
          sendRequest();
          out = joined(out, client.takeOutput());
        }
        sendNow(out, sent);
      }
      const messages = [];
      // Step mode: the records written in this pump leave together as the next frame (write).
      const nextOutFrame = ledger.out.starts.length + 1;
      for (const e of client.takeEvents()) {
        if (e.type === 'message' && e.step === 'client_hello' && helloMs !== null) {
          e.made_ms = helloMs;
          if (e.summary?.key_shares_made_ahead) e.shares_ahead_ms = Math.round(sharesMs * 1000) / 1000;
          helloMs = null;  // a second ClientHello (after a HelloRetryRequest) is made on the spot
        }
        if (e.type === 'record') {
          const length = (e.bytes?.length ?? 0) / 2;
          e.frame = e.dir === 'in' ? ledger.in.place(length) : live ? ledger.out.place(length) : nextOutFrame;
        }
        emit('engine', e);
        if (e.dir === 'out' && (e.type === 'message' || e.type === 'application_data')) messages.push(e.step);
        if (e.type !== 'application_data' || e.dir !== 'in' || responseShown) continue;
        plaintextSeen += e.length;
        if (plaintextSeen >= responseAt) reportResponse();
      }
      for (const f of sent) frameEvent('out', 'binary', f.length, 'record', f.frame);
      if (!live) {
        const out = client.takeOutput();
        if (out.length) write(out, messages, ledger.out.add(out.length));
        if (client.state === 'open' && phase === 'tls') {
          sendRequest();
          pump();
          return;
        }
      }
      const state = client.state;
      if (state === 'failed') settle();
      // Closed cleanly: give the relay a moment to report the TCP close, so it is in the stream.
      else if (state === 'closed' && phase !== 'close') {
        enter('close');
        closing = setTimeout(settle, 1000);
      }
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

    // The relay's reports (text frames), by type.
    const onReport = {
      dns(ev) {
        enter('tcp');
        emit('relay', { ...ev, step: 'dns' });
      },
      tcp(ev) {
        enter('tls');
        emit('relay', { ...ev, step: 'tcp' });
        pump();  // the ClientHello built ahead goes, and then its events
      },
      closed(ev) {
        emit('relay', { ...ev, type: 'tcp_closed', step: 'closed' });
        transportEnded('the server closed the TCP connection');
      },
      // Every byte the relay forwarded before its report has been fed to the engine already
      // (frames are handled in order, each fed at once), so the engine's state says how far the
      // exchange got, and only that decides what the error means: during the handshake the
      // connection closed before it finished; once the handshake is done a reset by the server
      // (TARGET_ERROR) is the server ending the connection, judged by the engine as a close
      // without close_notify (or a record cut short); any other relay error stays the relay's
      // own (the run's failure, outcome.js), never "before the handshake finished".
      error(ev) {
        emit('relay', { ...ev, type: 'relay_error', step: 'error' });
        unstart();
        const code = ENGINE_CODE_FOR_RELAY[ev.code];
        const state = client.state;
        if (code) {
          client.fail(code, ev.message);
        } else if (state === 'handshaking') {
          client.fail('CONNECTION_CLOSED', `relay: ${ev.code}: ${ev.message}`);
        } else if (state === 'open' && ev.code === 'TARGET_ERROR') {
          client.transportClosed();
        }
        pump();
        settle();
      },
    };

    // A spare tunnel is given its target (above, or now if it could not be then). Its connect
    // message's frame is reported with the relay's first answer: a spare the relay closed as the
    // run began (its idle timeout) is replaced by a WebSocket of the run's own, as a browser
    // retries a stale pooled connection, and leaves no frame behind.
    const sendConnect = () => {
      if (!connectFrame) {
        if (ws.readyState !== 1) return replaceSpare();  // it closed while the engine loaded
        connectFrame = sendTarget(ws, target);
      }
      enter('dns');
    };
    const replaceSpare = () => {
      ws.onmessage = ws.onclose = ws.onerror = null;
      try { ws.close(); } catch { /* already closing */ }
      spare = null;
      connectFrame = null;
      phase = 'relay';  // the run's own WebSocket: its phases start over (nothing was reported)
      try {
        attach(openOwn());
      } catch (err) {
        unstart();
        client.fail('CONNECTION_CLOSED', cannotOpen(err));
        pump();
        settle();
      }
    };

    const onMessage = (msg) => {
      if (phase === 'done') return;
      armTimer();
      if (typeof msg.data === 'string') {
        let ev = null;
        try { ev = JSON.parse(msg.data); } catch { /* reported as a frame, then ignored */ }
        if (spare && connectFrame) {
          if (ev?.type === 'error' && ev.code === 'IDLE_TIMEOUT') return replaceSpare();
          frameEvent('out', 'text', connectFrame.length, 'dns', undefined, connectFrame.at);
          spare = null;
        }
        frameEvent('in', 'text', utf8Length(msg.data), STEP_OF_RELAY_REPORT[ev?.type] ?? 'error');
        if (ev && Object.hasOwn(onReport, ev.type)) onReport[ev.type](ev);
        return;
      }
      const bytes = new Uint8Array(msg.data);
      frameEvent('in', 'binary', bytes.length, 'record', ledger.in.add(bytes.length));
      client.receive(bytes);
      pump();
    };
    const onClose = (ev) => {
      if (phase === 'done') return;
      if (spare) return replaceSpare();
      unstart();
      if (client.state === 'idle') {
        client.fail('CONNECTION_CLOSED', `the relay closed the WebSocket (${ev.code}${ev.reason ? ' ' + ev.reason : ''}) before the TCP connection was made`);
        pump();
        settle();
      } else {
        transportEnded(`the relay closed the WebSocket (${ev.code})`);
      }
    };
    function attach(socket) {
      ws = socket;
      ws.onmessage = onMessage;
      ws.onopen = () => enter('dns');
      ws.onerror = () => {};
      ws.onclose = onClose;
    }

    attach(ws);
    armTimer();
    if (spare) sendConnect();
    if (phase !== 'done') buildHello();  // (a replaced spare whose own WebSocket failed has ended)
  });
}
