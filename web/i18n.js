// Languages. Step titles and explanations come only from the engine's step table (steps() in
// tlsscope.js, engine/src/tables/steps.cpp): one source of truth for engine, CLI and page. This
// module holds just the page's own words (buttons, headings, status lines) in English; their
// Chinese is web/zh/i18n.js, fetched only for a page in 中文 (loadLang).
//
// Markup contract, so a language switch can relabel everything already on the page:
//   data-i18n="key"        → textContent = the page string `key` (data-i18n-args: JSON array)
//   data-title-of="step"   → textContent = that step's title
//   data-explain-of="step" → textContent = that step's explanation
//   data-tip-of="step"     → title attribute = that step's explanation (hover)
import { h } from './dom.js';

const EN = {
  'page-title': 'tlsscope — watch a real HTTPS connection',
  tagline: 'Type an https:// address and press Enter: a real TLS client, running in this page as WebAssembly, connects to the real server through the relay, and every step is shown as it happens.',
  address: 'Address',
  version: 'TLS version',
  'version.auto': 'auto (server chooses)',
  'version.1.2': 'TLS 1.2',
  'version.1.3': 'TLS 1.3',
  language: 'Language',
  connect: 'Connect',
  compare: 'Compare 1.2 ↔ 1.3',
  failed: 'The connection failed',
  response: 'HTTP response (decrypted)',
  steps: 'Steps',
  'compare.title': 'TLS 1.2 and TLS 1.3 side by side, against the same server',
  'compare.intro': 'The same address, connected twice: first with only TLS 1.2 offered, then with only TLS 1.3. Each message is shown in its flight (the messages one side sends before it must wait for the other); each message is marked clear or encrypted by the record that carried it; ◆ marks a secret or key as the client derives it. Times are milliseconds since the run began.',
  'loading': 'Loading the TLS engine…',
  'ready': 'Ready. Press Enter to connect.',
  'engine-failed': 'The TLS engine failed to load: {0}',
  'connecting': 'Connecting to {0}…',
  'connecting-version': 'Connecting to {0} with {1} only…',
  'done': 'Done: {0}, {1} — decrypted response {2} ms after Enter.',
  'failed-status': 'Failed: {0}',
  'compare-done': 'Compared: TLS 1.2 needed {0} round trips until the response, TLS 1.3 {1}.',
  'compare-failed': 'Compared, with a failure: TLS 1.2 {0}, TLS 1.3 {1}.',
  'no-response': 'The server sent no HTTP response.',
  'no-relay': 'No relay answers at this site, so this page cannot reach {0}: a browser cannot open a TCP connection by itself. Run tlsscope-server (scripts/demo) and open the page it serves, or connect to the in-browser server below.',
  flight: 'Flight {0}',
  'client-to-server': 'client → server',
  'server-to-client': 'server → client',
  'after-handshake': 'after the handshake',
  clear: 'clear',
  encrypted: 'encrypted',
  ignored: 'ignored (compatibility only)',
  'm.negotiated': 'negotiated',
  'm.flights': 'flights until the response',
  'm.round_trips': 'round trips until the response',
  'm.handshake_round_trips': 'round trips before the client may send its request',
  'm.tcp_ms': 'TCP connected at',
  'm.handshake_ms': 'handshake (ClientHello → complete)',
  'm.first_encrypted_ms': 'first encrypted record at',
  'm.response_ms': 'decrypted response at',
  'm.clear': 'handshake messages in clear',
  'm.encrypted': 'handshake messages encrypted',
  'm.secrets': 'secrets and keys derived',
  'm.error': 'failed',
  ms: '{0} ms',
  skip: 'Skip to the steps',
  'theme.dark': 'Dark',
  'theme.light': 'Light',
  'keys-hint': '← / → move between steps; Enter or a click selects one. Each step has its own link.',
  client: 'Client (this page)',
  relay: 'Relay',
  server: 'Server',
  setup: 'Before TLS: address, name lookup, TCP',
  'setup.inpage': 'Before TLS: the address (no name lookup, no TCP: the server is in this page)',
  'round-trip': 'round trip {0}',
  waited: ' · answered {0} ms after the client\u2019s flight',
  'relay-to-server': 'relay → server',
  'server-to-relay': 'server → relay',
  'on-client': 'in the client',
  'on-relay': 'at the relay',
  'at-ms': '{0} ms after Enter',
  tampered: 'tampered',
  'not-sent': 'ready, not sent yet',
  'tamper.done': 'Break it: one byte of this message was flipped (at offset {0}) after it arrived, before the client checked it.',
  bytes: 'Bytes',
  'n-bytes': '({0} bytes)',
  'more-bytes': '… and {0} more bytes, not drawn.',
  'message-bytes': 'The message, field by field',
  'record-bytes': 'The record, as it crossed the wire',
  'alert-bytes': 'The alert, field by field',
  'plaintext-bytes': 'The decrypted bytes',
  'carried-by': 'Record {0}:',
  check: 'Check',
  'secret.derivation': 'See it in the derivation below: its inputs, recompute it in this page, the openssl command',
  'defined-in': 'Defined in',
  passed: 'passed',
  'failed-check': 'failed',
  'chk.validity': 'dates: today is within its validity period',
  'chk.name': 'name: it covers the host you typed',
  'chk.is_ca': 'it is a certificate authority (allowed to sign others)',
  'chk.issuer_name': 'its issuer is the next certificate',
  'chk.signature': 'signature by its issuer verifies',
  'chk.trust_anchor': 'its issuer is a root this client trusts',
  'chk.key_usage': 'key usage: the certificate lets its key sign (keyUsage)',
  'chk.extended_key_usage': 'extended key usage: the certificate may identify a TLS server (extendedKeyUsage serverAuth, or no limit)',
  'cert.leaf': 'Server certificate',
  'cert.issuer': 'Intermediate authority',
  'cert.root': 'Root authority',
  'cert.issuer-name': 'Issued by',
  'cert.not_before': 'Valid from',
  'cert.not_after': 'Valid until',
  'cert.key': 'Public key',
  'cert.signature_algorithm': 'Signed with',
  'cert.dns_names': 'Names (SAN)',
  'cert.ip_addresses': 'IP addresses (SAN)',
  'cert.serial': 'Serial number',
  'chain.title': 'The certificate chain',
  'chain.trusted': 'Trusted: the chain ends at a root this client trusts:',
  'chain.rejected': 'Rejected:',
  'chain.validator': 'Decided by the validator, with {0} trusted roots:',
  'card.what': 'What went wrong',
  'card.where': 'At step:',
  'card.means': 'What it means',
  'card.browser': 'What a browser would show',
  'card.detail': 'Exactly:',
  'card.alert-sent': 'The client told the server with the alert',
  'k.url': 'Address', 'k.host': 'Host', 'k.port': 'Port', 'k.port_from_scheme': 'Port from the scheme (https → 443, http → 80)',
  'k.path': 'Path', 'k.addresses': 'Addresses', 'k.ms': 'Took (ms)', 'k.remote': 'Server address',
  'k.local': 'Relay\u2019s own address', 'k.by': 'Closed by', 'k.bytes_up': 'Bytes to the server',
  'k.bytes_down': 'Bytes from the server', 'k.anchors': 'Trusted roots', 'k.skipped': 'Roots skipped',
  'k.name': 'Name', 'k.value': 'Value', 'k.length': 'Length (bytes)', 'k.function': 'Computed by',
  'k.label': 'Label', 'k.inputs': 'From', 'k.line': 'Key log line', 'k.version': 'Version',
  'k.cipher_suite': 'Cipher suite', 'k.aead': 'Encryption', 'k.group': 'Key-exchange group',
  'k.alpn': 'Application protocol (ALPN)', 'k.extended_master_secret': 'Extended master secret (RFC 7627)',
  'k.hello_retry': 'HelloRetryRequest needed', 'k.level': 'Level', 'k.description': 'Description',
  'k.code': 'Code', 'k.clean': 'Closed cleanly (close_notify)', 'k.message': 'Message', 'k.detail': 'Detail',
  'k.at_step': 'Waiting for', 'k.alert_sent': 'Alert sent', 'k.status': 'Status', 'k.reason': 'Reason',
  'k.status_line': 'Status line', 'k.headers': 'Headers', 'k.text': 'Text', 'k.now': 'Checked at',
  'k.anchor': 'Trusted root', 'k.verdict': 'Verdict', 'k.validator': 'Validator', 'k.scheme': 'Signature scheme',
  'k.key': 'Key', 'k.certificate': 'Certificate', 'k.signed_over': 'Signed over', 'k.signed_data': 'Signed bytes',
  'k.hash': 'Hash', 'k.hash_value': 'Hash value', 'k.transcript_hash': 'Transcript hash',
  'k.expected': 'Expected', 'k.received': 'Received', 'k.client_random': 'Client Random',
  'k.server_random': 'Server Random', 'k.server_params': 'Server params', 'k.sequence': 'sequence',
  'k.target': 'Target', 'k.server_name': 'Server name asked for (SNI)', 'k.note': 'Note', 'k.before': 'Byte before', 'k.after': 'Byte after', 'k.offset': 'Offset', 'k.opcode': 'Opcode',
  mode: 'Mode',
  'mode.live': 'Live: run through',
  'mode.step': 'Step by step: Next sends each flight',
  'break.title': 'Break it',
  'break.intro': 'Change one thing and watch the client\u2019s real checks catch it.',
  'break.tamper': 'Flip one byte of',
  'break.none': 'nothing (a normal run)',
  'break.ske': 'the server\u2019s signature over its key share (ServerKeyExchange, TLS 1.2)',
  'break.cv': 'the server\u2019s signature over the handshake (CertificateVerify, TLS 1.3)',
  'break.cert': 'the signature inside the server\u2019s certificate',
  'break.fin': 'the server\u2019s Finished',
  'break.sni': 'Ask for this server name (SNI) instead of the address\u2019s host',
  pq: 'post-quantum key share (X25519MLKEM768)',
  'step.waiting': 'Step mode: the client has flight {0} ready and holds it until you press Next:',
  'step.giveup': 'A server does not wait forever: if you take too long, it may close the connection, and the page will show it.',
  'step.next': 'Next: send it →',
  'step-held': 'Waiting for you: flight {0} is ready (Next or →).',
  'step-sent': 'Sent. Waiting for the server…',
  'step-gave-up': 'While the client waited for you, the server gave up: {0}',
  'replay.load': 'Open a saved run (JSON transcript):',
  replayed: 'Replayed from a saved transcript: {0}, {1}.',
  'replay-bad': 'This file is not a transcript the page can read: {0}',
  'export.title': 'Take this run with you',
  'export.json': 'Download the transcript (JSON)',
  'export.keylog': 'Download the key log (SSLKEYLOGFILE)',
  'export.pcap': 'Download a capture (pcapng, opens in Wireshark)',
  'export.hint': 'The capture holds the TCP byte streams with made-up IP and TCP headers; with the key log (built into the file) Wireshark decrypts it.',
  'relay.title': 'What the relay saw',
  'relay.intro': 'Every WebSocket frame between this page and the relay, next to the TLS records inside it. The relay forwards bytes it has no key for: it can read each record\u2019s 5-byte header (type, version, length, in bold), and after the handshake only ciphertext. What a record carried (right of the arrow) is known only to the client and the server.',
  'relay.totals': '{0} frames: {1} bytes from the page, {2} bytes to the page.',
  'relay.page-to-relay': 'page → relay',
  'relay.relay-to-page': 'relay → page',
  'relay.report': 'the relay\u2019s own report:',
  'relay.ciphertext': 'ciphertext',
  'relay.plaintext': 'readable',
  'inpage.offer': 'No relay answers for this page, so it cannot reach servers on the network. You can still watch a real TLS handshake with fresh keys: against a TLS server that runs inside this page (BearSSL compiled to WebAssembly).',
  'inpage.run': 'Connect to the in-browser server',
  'inpage.banner': 'This run talks to the in-browser server (BearSSL in WebAssembly, in this page), not to a server on the network: there was no DNS lookup and no TCP connection.',
  'variants.intro': 'Or connect to one of the demo origin\u2019s broken twins:',
  'variant.ok': '(should work)',
  'variant.expect': 'should fail with',
  running: 'running…',
  'inner-type': 'inner type:',
  'm.ccs': 'ChangeCipherSpec records (content type 20, not a handshake message)',
  'card.detail-raw': 'Exactly:',
  'chk.raw': '',
  'inpage.dns.title': 'No name lookup',
  'inpage.dns.explain': 'A network run starts by asking DNS for the host\u2019s IP addresses. This run did not: the server runs inside this page, so there was nothing to look up.',
  'inpage.tcp.title': 'No TCP connection',
  'inpage.tcp.explain': 'A network run opens a TCP connection (SYN, SYN-ACK, ACK) before the first TLS byte. This run did not: the client\u2019s bytes are handed to the in-browser server inside this page, in order and complete, which is what TCP would have guaranteed.',
  'inpage.closed.title': 'The in-browser server is done',
  'inpage.closed.explain': 'The in-browser server has nothing more to send; no TCP connection was open, so none was closed.',
};

/** The page's own words in English (every module with words exports them as WORDS). */
export const WORDS = EN;
export const LANGS = ['en', 'zh'];
let lang = 'en';
let table = new Map();

// The Chinese words: every module's English table stays in that module, and its Chinese one, under
// the same keys, in web/zh/<module>.js (web/zh/index.js gathers them). They are fetched only for a
// page in 中文, so an English visit does not download them (docs/performance.md, issue 16).
let zh = null;
let zhLoading = null;

/** Fetches the words of `next` ('en' needs nothing); setLang(next) may follow once it resolves. */
export function loadLang(next) {
  if (!LANGS.includes(next)) return Promise.reject(new Error(`unknown language ${next}: use ${LANGS.join(' or ')}`));
  if (next !== 'zh' || zh) return Promise.resolve();
  zhLoading ??= import('./zh/index.js').then((m) => { zh = m; }, (err) => { zhLoading = null; throw err; });
  return zhLoading;
}

/** The table of words `module` holds for language `lg`: its own English table `en`, or its
 *  Chinese one from web/zh/. Asking for Chinese before loadLang('zh') resolved is a bug. */
export function wordsIn(lg, module, en) {
  if (lg !== 'zh') return en;
  if (!zh) throw new Error(`the Chinese words of ${module}.js are not loaded: await loadLang('zh') first`);
  return zh[module];
}

/** The engine's step table: [{name, title_en, title_zh, explain_en, explain_zh}]. */
export function setStepTable(list) {
  table = new Map(list.map((s) => [s.name, s]));
  apply();
}

export const getLang = () => lang;

/** A page string in the current language, {0} {1} … replaced by args. */
export function t(key, ...args) {
  const s = wordsIn(lang, 'i18n', EN)[key] ?? EN[key] ?? key;
  return s.replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ''));
}

export const stepTitle = (step) => table.get(step)?.[`title_${lang}`] ?? table.get(step)?.title_en ?? step;
export const stepExplain = (step) => table.get(step)?.[`explain_${lang}`] ?? table.get(step)?.explain_en ?? '';
export const hasStep = (step) => table.has(step);

/** A secret event's `function` in the page's language (the engine gives `function_zh`). */
export const functionText = (e) => (lang === 'zh' && e.function_zh ? e.function_zh : e.function ?? '');

/** Switches the language and relabels everything on the page that follows the markup contract.
 *  Synchronous: the words of `next` must be loaded (await loadLang(next)). The root's data-lang
 *  names the language the page is drawn in. */
export function setLang(next) {
  if (!LANGS.includes(next)) throw new Error(`unknown language ${next}: use ${LANGS.join(' or ')}`);
  wordsIn(next, 'i18n', EN);  // throws before anything changes if the words are not there
  lang = next;
  const root = document.documentElement;
  root.lang = next === 'zh' ? 'zh-CN' : 'en';
  root.dataset.lang = next;
  document.title = t('page-title');
  apply();
}

export function apply(scope = document) {
  const all = (sel) => [...(scope.matches?.(sel) ? [scope] : []), ...scope.querySelectorAll(sel)];
  for (const el of all('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n, ...(el.dataset.i18nArgs ? JSON.parse(el.dataset.i18nArgs) : []));
  }
  for (const el of all('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  if (!table.size) return;
  for (const el of all('[data-title-of]')) el.textContent = stepTitle(el.dataset.titleOf);
  for (const el of all('[data-explain-of]')) el.textContent = stepExplain(el.dataset.explainOf);
  for (const el of all('[data-tip-of]')) el.title = stepExplain(el.dataset.tipOf);
}

/** A Chinese text from the engine with the names it holds marked as names (<code translate=no>):
 *  what it quotes (“O=…, CN=…”) and distinguished names written out (O=tlsscope demo, CN=…). */
const NAMES = /\u201c[^\u201d]*\u201d|\b(?:CN|OU|O|C|L|ST|DC)=[^,;\uff1b\uff0c\u3002]*(?:, (?:CN|OU|O|C|L|ST|DC)=[^,;\uff1b\uff0c\u3002]*)*/g;
export function withNames(text) {
  const out = [];
  let at = 0;
  for (const m of text.matchAll(NAMES)) {
    out.push(text.slice(at, m.index));
    const quoted = m[0].startsWith('\u201c');
    const name = h('code', { translate: 'no' }, quoted ? m[0].slice(1, -1) : m[0]);
    out.push(...(quoted ? ['\u201c', name, '\u201d'] : [name]));
    at = m.index + m[0].length;
  }
  out.push(text.slice(at));
  return out;
}

/** A step's title that follows language switches. */
export const titleOf = (step, tag = 'span', cls = 'title') =>
  h(tag, { class: cls, 'data-title-of': step }, stepTitle(step));
/** A step's explanation that follows language switches. */
export const explainOf = (step, tag = 'p', cls = 'explain') =>
  h(tag, { class: cls, 'data-explain-of': step }, stepExplain(step));
