// Types for tlsscope.js: the tlsscope TLS engine (WebAssembly) for JavaScript.
// Event objects follow docs/events.md; only the members every event has are typed here.

export type TlsVersion = '1.2' | '1.3' | number;
export type ClientState = 'idle' | 'handshaking' | 'open' | 'closed' | 'failed';

export interface InitOptions {
  /** The .wasm file's bytes. Required under Node; browsers fetch it next to tlsscope.js. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where to find a file the module needs (e.g. the .wasm), given its name. */
  locateFile?: (path: string, scriptDirectory: string) => string;
  /** The engine already compiled (engineModule() of another thread, posted): instantiated, not
   *  fetched or compiled again (the connection worker's). */
  wasmModule?: WebAssembly.Module;
}

export interface ClientConfig {
  /** Host name sent as SNI and checked against the certificate (an IP literal checks IP SANs). */
  serverName: string;
  /** Trust anchors as concatenated PEM certificates. */
  trustAnchorsPem?: string;
  /** Trust anchors parsed once (loadTrustAnchors); wins over trustAnchorsPem. */
  trustAnchors?: TrustAnchors;
  /** Key shares made ahead (KeySharesAhead): the first ClientHello takes those of the groups it
   *  offers instead of making them, each once (its summary's key_shares_made_ahead counts them). */
  keySharesAhead?: KeySharesAhead;
  /** The instant certificates are checked at: seconds since the epoch, or a Date. Default: now. */
  now?: number | Date;
  /** Versions offered; default: the engine's. */
  versions?: TlsVersion[];
  /** Cipher suites offered, by wire value, in preference order; default: the engine's. */
  cipherSuites?: number[];
  /** Key-exchange groups offered, by wire value (0x001d = x25519); default: the engine's
   *  (X25519MLKEM768 0x11ec first, TLS 1.3 only; then x25519, secp256r1, secp384r1). */
  groups?: number[];
  /** false: offer no post-quantum hybrid (X25519MLKEM768), to show the classical handshake.
   *  Default true. */
  postQuantum?: boolean;
  /** ALPN protocol names; default ['http/1.1']. */
  alpn?: string[];
  /** n → n random bytes. Default: crypto.getRandomValues. Tests may inject fixed bytes. */
  random?: (n: number) => Uint8Array;
  /** Break it: flip one byte of an incoming message before it is checked. */
  tamper?: TamperOptions | null;
}

export type TamperTarget =
  | 'server_key_exchange_signature'  // TLS 1.2: the ServerKeyExchange signature
  | 'certificate'                    // the leaf certificate's signature (by its issuer)
  | 'server_finished'                // the server's Finished verify_data
  | 'certificate_verify';            // TLS 1.3: the CertificateVerify signature

export interface TamperOptions {
  target: TamperTarget;
  /** Which byte of the target, from its first (modulo its length); negative from the last. Default -1. */
  index?: number;
}

/** What step mode's gate is told about the flight it holds. */
export interface GateInfo {
  /** The client flight's number: 1 is the ClientHello (never held), 2 the next, … */
  flight: number;
  /** The steps of the messages in it: ['client_key_exchange', 'change_cipher_spec', 'finished'], ['application_data']. */
  messages: string[];
}

/** One event of the stream (docs/events.md). */
export interface TlsEvent {
  type: string;
  /** Stable step name: 'client_hello', 'server_hello', 'certificate', 'dns', 'tcp', … */
  step: string;
  /** Engine events: sequence number within the engine. */
  seq?: number;
  /** Driver events: who reported it and when, in ms since connect() began. */
  source?: 'page' | 'relay' | 'engine';
  t?: number;
  dir?: 'in' | 'out';
  /** Hex of the bytes a message or record event is about. */
  bytes?: string;
  /** message, application_data, alert: the `seq` of the record events that carried it. */
  records?: number[];
  /** secret, check, tamper: the `seq` of the message event it belongs to. */
  message_seq?: number;
  /** record (stamped by connect()): the binary ws_frame of its direction its first byte
   *  travelled in; a binary ws_frame: its own number in its direction, from 1. */
  frame?: number;
  /** Error events: stable upper-case code and a sentence for a learner. */
  code?: string;
  message?: string;
  message_zh?: string;
  detail?: string;
  /** The detail in Chinese, where the engine has one (docs/events.md). */
  detail_zh?: string;
  /** What the event means for this run (secrets, summaries, closed), in both languages. */
  note?: string;
  note_zh?: string;
  [member: string]: unknown;
}

export type ByteInput = Uint8Array | ArrayBuffer | ArrayBufferView | string;

export declare class TlsClient {
  /** Builds the ClientHello; its bytes are then in takeOutput(). Call once. */
  start(): void;
  /** Bytes read from the server, split anywhere. Ignored once closed or failed. */
  receive(bytes: ByteInput): void;
  /** Bytes to write to the server, in order; the engine's buffer is emptied. */
  takeOutput(): Uint8Array;
  /** Decrypted application data since the last call. */
  takePlaintext(): Uint8Array;
  /** Encrypts application data; only when state === 'open'. */
  send(data: ByteInput): boolean;
  /** Sends close_notify. */
  close(): void;
  /** The transport ended (EOF). Before the handshake is done this fails the connection. */
  transportClosed(): void;
  /** Fails the connection with a code from the engine's error table, e.g. 'TIMEOUT'. */
  fail(code: string, detail?: string): void;
  /** Events since the last call, oldest first. Errors are events, never exceptions. */
  takeEvents(): TlsEvent[];
  readonly state: ClientState;
  /** NSS key-log lines (SSLKEYLOGFILE format) for the secrets derived so far. */
  readonly keylog: string;
  /** Frees the engine's memory. */
  dispose(): void;
}

export declare function init(options?: InitOptions): Promise<unknown>;
/** Browsers: the WebAssembly.Module init() compiled and instantiated (postMessage-able to a
 *  worker); null under Node (wasmBinary) or before init(). */
export declare function engineModule(): Promise<WebAssembly.Module> | null;
export interface StepInfo { name: string; title_en: string; title_zh: string; explain_en: string; explain_zh: string; }
/** The step table, in the order a connection meets the steps. */
export declare function steps(): Promise<StepInfo[]>;
export declare function createClient(config: ClientConfig): Promise<TlsClient>;

export interface HttpResponse {
  statusLine: string;
  status: number;
  reason: string;
  headers: [string, string][];
  body: string;
}

export interface ConnectOptions {
  /** URL of the relay's WebSocket endpoint, e.g. 'ws://127.0.0.1:8080/relay'. */
  relay: string;
  /** Called with every event, in order, as it happens. */
  onEvent?: (event: TlsEvent) => void;
  trustAnchorsPem?: string;
  /** Trust anchors parsed once (loadTrustAnchors); wins over trustAnchorsPem. */
  trustAnchors?: TrustAnchors;
  /** Offer only this version; default: the engine's choice. */
  version?: TlsVersion;
  /** false: offer no post-quantum hybrid key exchange (X25519MLKEM768); default true. */
  postQuantum?: boolean;
  /** Give up after this long without progress (ms); default 10000. */
  timeoutMs?: number;
  /** WebSocket constructor; default globalThis.WebSocket (Node: pass the `ws` package's). */
  WebSocket?: unknown;
  now?: number | Date;
  random?: (n: number) => Uint8Array;
  /**
   * Step mode: awaited before each client flight after the ClientHello; the flight is written
   * only once it resolves. The no-progress timer is paused meanwhile; if the server closes or
   * the relay reports an error, that is reported as usual and the flight is never sent. A
   * rejected promise ends the run (INTERNAL_ERROR, "step mode stopped").
   */
  gate?: (info: GateInfo) => Promise<void> | void;
  /** Break it: the engine flips one byte of an incoming message (a `tamper` event says which). */
  tamper?: TamperOptions;
  /** SNI to send, and the name to check the certificate against, instead of the URL's host. */
  serverName?: string;
}

/** A saved run (web/transcript.js). */
export interface Transcript {
  format: 'tlsscope-transcript';
  version: 1;
  url: string;
  /** ISO 8601. */
  created: string;
  events: TlsEvent[];
  keylog: string;
  ms: number;
}

export interface ConnectResult {
  events: TlsEvent[];
  state: ClientState;
  error: { code: string; message: string; detail?: string } | null;
  response: HttpResponse | null;
  keylog: string;
  ms: number;
  /** The run as a saved transcript (web/transcript.js replay() plays it back), built on first read. */
  transcript: Transcript;
}

/** One real HTTPS GET through the relay; resolves (never rejects) when it is over. */
export declare function connect(url: string, options: ConnectOptions): Promise<ConnectResult>;
/**
 * Browsers: starts the connection worker (connection-worker.js, a module Worker beside
 * tlsscope.js) with the engine init() compiled, posted to it. Resolves to true once its engine
 * is instantiated, false if no worker could be started.
 */
export declare function startConnectionWorker(): Promise<boolean>;
/**
 * connect() with the engine and the relay WebSocket in the connection worker, so the
 * connection goes at its own pace while the page's main thread draws (the page's relay runs;
 * docs/performance.md, "The connection worker"). The same result; onEvent is called in this
 * thread for each event, in order (a task's worth of them at a time); gate is awaited in this
 * thread and the worker holds the flight until it settles. trustAnchors go to the worker as
 * their certificates, parsed there once per TrustAnchors. With WebSocket, random or now (which
 * cannot cross to a worker), or without a worker, it is connect() in this thread.
 */
export declare function connectInWorker(url: string, options: ConnectOptions): Promise<ConnectResult>;
export declare function parseHttpResponse(bytes: Uint8Array): HttpResponse | null;

/** Trust anchors parsed once, shared by any number of connections. They also share their
 *  certificate links' signature checks, as a browser keeps the certificates it has verified:
 *  a link whose very signature, signed bytes and issuer key an earlier connection checked gets
 *  that answer, and its `signature` check in the chain report says so (`remembered: true`,
 *  docs/events.md). The validator's verdict, every other check and the handshake's own
 *  signature are made per connection. */
export declare class TrustAnchors {
  /** How many certificates became anchors, and how many were skipped (unusable). */
  readonly anchors: number;
  readonly skipped: number;
  /** The certificates it was made from (connectInWorker sends them to the worker's engine). */
  readonly certificates: Uint8Array | string;
  /** Frees the parsed store once no client needs it. */
  dispose(): void;
}
/** The key shares a default first ClientHello carries (X25519MLKEM768, X25519), made now for a
 *  client made later (ClientConfig.keySharesAhead); openSpareTunnel makes one set with each
 *  tunnel, which connect() with spare: true (and no `random`) takes. dispose() once the client
 *  is made: it keeps what it needs. */
export declare class KeySharesAhead {
  /** How long making them took. */
  readonly ms: number;
  dispose(): void;
}
/** DER certificates back to back (the page's trust-anchors.der), or PEM text read as
 *  trustAnchorsPem is (every CERTIFICATE block) → TrustAnchors. */
export declare function loadTrustAnchors(certificates: Uint8Array | ArrayBuffer | string): Promise<TrustAnchors>;
