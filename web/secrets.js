// The secrets panel: how the connection's keys were made, drawn with the real values of this
// run. Each derived value is a node naming its function (ECDHE on which curve, the TLS 1.2 PRF
// with which hash and label, HKDF-Expand-Label with which label and transcript hash) and its
// inputs; a "Recompute" button recomputes it in this page, from the inputs as shown, with the
// engine's own functions (wasm/recompute.cpp), and says whether it matches; and an `openssl`
// command line gives the same value on any machine.
//
// Both sides, proven: against the demo origin, tlsscope-server reports what the server derived
// for this connection (its OpenSSL key-log callback, GET /origin-secrets); renderProof shows
// the client's and the server's values side by side. Neither side ever sent them.
//
// Markup contract (tests and the page rely on it): each node is [data-secret=<name>] (TLS 1.3
// keys and IVs, derived twice, add data-from=<traffic secret>); its inputs are
// [data-input=<name>] holding the hex shown; the recompute result is [data-match=true|false];
// the openssl command is [data-openssl]. The proof is [data-proof=match|mismatch|unavailable].
import { h } from './dom.js';
import { functionText, wordsIn } from './i18n.js';
// For a page that draws these panels without app.js (browser.secrets): their words (web/en/ or
// web/zh/) are fetched by loadLang(lang) first. Re-exported so that such a page needs only this module.
export { loadLang } from './i18n.js';

const words = (lang) => wordsIn(lang, 'secrets');
function fill(text, ...args) { return text.replace(/\{(\d)\}/g, (_, i) => args[i]); }
function titleOf(name, lang, tls13 = false) {
  const w = words(lang);
  return (tls13 && w.titles13[name]) || w.titles[name] || name;
}


// ---------------------------------------------------------------------------------------------
// Bytes and the openssl command lines.

const u8 = (n) => n.toString(16).padStart(2, '0');
/** An HKDF label's bytes (RFC 8446 labels are ASCII: one byte per character, as hkdfLabel counts
 *  them). Not through TextEncoder: its first use in a page took ~3 ms of the run's end. */
const asciiHex = (text) => Array.from(text, (c) => u8(c.charCodeAt(0))).join('');
const u16 = (n) => n.toString(16).padStart(4, '0');
const opensslDigest = (hash) => hash.replace('-', '');  // SHA-256 → SHA256
/** Every command ends in lower-case hex, the spelling shown on the page. */
const TO_HEX = "od -An -v -tx1 | tr -d ' \\n'";

/** HkdfLabel of RFC 8446 §7.1: length, "tls13 " + label, context — HKDF-Expand's info. */
export function hkdfLabel(label, contextHex, length) {
  const full = 'tls13 ' + label;
  return u16(length) + u8(full.length) + asciiHex(full) + u8(contextHex.length / 2) + contextHex;
}

function base64(hex) {
  let bin = '';
  for (let i = 0; i < hex.length; i += 2) bin += String.fromCharCode(parseInt(hex.substr(i, 2), 16));
  return btoa(bin);
}

function pem(kind, derHex) {
  const b64 = base64(derHex).match(/.{1,64}/g).join('\n');
  return `-----BEGIN ${kind}-----\n${b64}\n-----END ${kind}-----`;
}

// DER wrappers that make a raw ECDHE key something openssl reads: PKCS#8 for the private key
// (RFC 5208, RFC 5915 inside for NIST curves), SubjectPublicKeyInfo for the public one.
const KEY_DER = {
  x25519: { priv: '302e020100300506032b656e04220420', pub: '302a300506032b656e032100' },
  secp256r1: {
    priv: '3041020100301306072a8648ce3d020106082a8648ce3d030107042730250201010420',
    pub: '3059301306072a8648ce3d020106082a8648ce3d030107034200',
  },
  secp384r1: {
    priv: '304e020100301006072a8648ce3d020106052b81040022043730350201010430',
    pub: '3076301006072a8648ce3d020106052b81040022036200',
  },
};

function kdf(hash, length, opts, algorithm) {
  return `openssl kdf -binary -keylen ${length} -kdfopt digest:${opensslDigest(hash)} ` +
    opts.map((o) => `-kdfopt ${o}`).join(' ') + ` ${algorithm}`;
}

const expandLabelCmd = (hash, secret, label, context, length) =>
  kdf(hash, length, ['mode:EXPAND_ONLY', `hexkey:${secret}`, `hexinfo:${hkdfLabel(label, context, length)}`], 'HKDF');
const extractCmd = (hash, length, salt, ikm) =>
  kdf(hash, length, ['mode:EXTRACT_ONLY', `hexsalt:${salt}`, `hexkey:${ikm}`], 'HKDF');

// ---------------------------------------------------------------------------------------------
// Recipes: for each kind of derived value, how to recompute it from its inputs (with the wasm
// module `m`), the openssl command, and the words naming the function.

const HASH_LEN = { 'SHA-256': 32, 'SHA-384': 48 };
const EMPTY_HASH = {
  'SHA-256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  'SHA-384': '38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b',
};

/** The run's hash: named in its PRF/HKDF functions ("… with SHA-256"). */
function runHash(secrets) {
  for (const s of secrets) {
    const m = /SHA-(256|384)/.exec(s.function ?? '');
    if (m) return m[0];
  }
  return 'SHA-256';
}

function recipeFor(s, ctx) {
  const { hash } = ctx;
  const what = words(ctx.lang).what;
  const hlen = HASH_LEN[hash];
  const ecdhe = /^ECDHE over (\S+)/.exec(s.function ?? '');
  if (ecdhe) {
    const curve = ecdhe[1];
    return {
      inputs: ['client_private_key', 'server_public_key', 'client_public_key'],
      what: what.ecdhe(curve),
      compute: (m, v) => m.ecdhHex(curve, v.client_private_key, v.server_public_key),
      openssl: (v) => KEY_DER[curve] && [
        `cat > client.key <<'EOF'\n${pem('PRIVATE KEY', KEY_DER[curve].priv + v.client_private_key)}\nEOF`,
        `cat > server.pub <<'EOF'\n${pem('PUBLIC KEY', KEY_DER[curve].pub + v.server_public_key)}\nEOF`,
        `openssl pkeyutl -derive -inkey client.key -peerkey server.pub | ${TO_HEX}`,
      ].join('\n'),
    };
  }
  if (/^concatenation: ML-KEM-768/.test(s.function ?? '')) {
    // X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem): no function at all, the two secrets side by side.
    return {
      inputs: ['mlkem_shared_secret', 'x25519_shared_secret'],
      what: what.hybrid,
      compute: (m, v) => (v.mlkem_shared_secret ?? '') + (v.x25519_shared_secret ?? ''),
      openssl: () => null,  // nothing to compute, so no command (and Debian's OpenSSL 3.0 has no ML-KEM)
    };
  }
  if (/^TLS 1\.2 PRF/.test(s.function ?? '')) {
    // PRF(secret, label, seed): the first input is the secret, the others are the seed, in order.
    const [secretName, ...seedNames] = s.inputs.map((i) => i.name);
    const seedOf = (v) => seedNames.map((n) => v[n]).join('');
    return {
      inputs: [secretName, ...seedNames],
      what: what.prf(hash, s.label, seedNames.join(' + ')),
      compute: (m, v) => m.tls12PrfHex(hash, v[secretName], s.label, seedOf(v), s.length),
      openssl: (v) => `${kdf(hash, s.length, [`hexsecret:${v[secretName]}`, `seed:"${s.label}"`,
        `hexseed:${seedOf(v)}`], 'TLS1-PRF')} | ${TO_HEX}`,
    };
  }
  if (s.function === 'slice of the key block') {
    const { offset } = ctx.slices.get(s) ?? { offset: 0 };
    const first = offset * 2 + 1;
    const last = (offset + s.length) * 2;
    return {
      inputs: ['key_block'],
      what: what.slice(offset, offset + s.length - 1),
      compute: (m, v) => (v.key_block.length >= last ? v.key_block.slice(first - 1, last) : ''),
      openssl: (v) => `printf %s ${v.key_block} | cut -c ${first}-${last}`,
    };
  }
  if (s.name === 'early_secret') {
    return {
      inputs: ['salt', 'ikm'],
      what: what.early(hash),
      compute: (m, v) => m.hkdfExtractHex(hash, v.salt, v.ikm),
      openssl: (v) => `${extractCmd(hash, hlen, v.salt, v.ikm)} | ${TO_HEX}`,
    };
  }
  if (s.name === 'handshake_secret' || (s.name === 'master_secret' && s.inputs[0]?.name === 'handshake_secret')) {
    // HKDF-Extract(salt = Derive-Secret(previous, "derived", ""), ikm = shared secret or zeros).
    const prev = s.inputs[0].name;
    const ikmName = s.inputs[1]?.name;
    const ikmOf = (v) => (ikmName ? v[ikmName] : '00'.repeat(hlen));
    return {
      inputs: s.inputs.map((i) => i.name),
      what: what.extract(hash, prev, ikmName),
      compute: (m, v) => {
        const derived = m.hkdfExpandLabelHex(hash, v[prev], 'derived', EMPTY_HASH[hash], hlen);
        return derived && m.hkdfExtractHex(hash, derived, ikmOf(v));
      },
      openssl: (v) => [
        `DERIVED=$(${expandLabelCmd(hash, v[prev], 'derived', EMPTY_HASH[hash], hlen)} | ${TO_HEX})`,
        `${extractCmd(hash, hlen, '$DERIVED', ikmOf(v))} | ${TO_HEX}`,
      ].join('\n'),
    };
  }
  if (s.name === 'client_verify_data' && /^HMAC/.test(s.function ?? '')) {
    // TLS 1.3 Finished (RFC 8446 §4.4.4): HMAC(finished_key, transcript hash). HMAC(k, m) is
    // exactly HKDF-Extract(salt = k, ikm = m), which is how openssl kdf computes it here.
    const secret = s.inputs[0].name;
    return {
      inputs: [secret, 'transcript_hash'],
      what: what.finished(hash, secret, hlen),
      compute: (m, v) => {
        const fk = m.hkdfExpandLabelHex(hash, v[secret], 'finished', '', hlen);
        return fk && m.hmacHex(hash, fk, v.transcript_hash);
      },
      openssl: (v) => [
        `FINISHED_KEY=$(${expandLabelCmd(hash, v[secret], 'finished', '', hlen)} | ${TO_HEX})`,
        `${extractCmd(hash, hlen, '$FINISHED_KEY', v.transcript_hash)} | ${TO_HEX}`,
      ].join('\n'),
    };
  }
  if (s.label !== undefined && /^HKDF/.test(s.function ?? '')) {
    // HKDF-Expand-Label(secret, label, context, length): the traffic secrets (context = the
    // transcript hash), their keys and IVs and KeyUpdate's next secret (empty context).
    const [secret, context] = s.inputs.map((i) => i.name);
    const contextOf = (v) => (context ? v[context] : '');
    return {
      inputs: s.inputs.map((i) => i.name),
      what: what.expand(hash, s.label, context, s.length),
      compute: (m, v) => m.hkdfExpandLabelHex(hash, v[secret], s.label, contextOf(v), s.length),
      openssl: (v) => `${expandLabelCmd(hash, v[secret], s.label, contextOf(v), s.length)} | ${TO_HEX}`,
    };
  }
  return null;
}

/** Where each TLS 1.2 key and IV sits in the key block (RFC 5246 §6.3). */
function keyBlockSlices(secrets) {
  const order = ['client_write_key', 'server_write_key', 'client_write_iv', 'server_write_iv'];
  const out = new Map();
  let offset = 0;
  for (const name of order) {
    const s = secrets.find((e) => e.name === name && e.function === 'slice of the key block');
    if (!s) continue;
    out.set(s, { offset });
    offset += s.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The panel.

// The engine, imported when a value is first recomputed (app.js has loaded it by then): so this
// module and its words can be read without it (tests/wasm/page_words.test.mjs, under Node).
// Kept once resolved, so a click recomputes at once, as it did with a static import.
let engineLoading = null;
const engine = () => (engineLoading ??= import('./tlsscope.js').then((m) => m.init()));

/** The value of every input as shown in `node` right now (the learner may have edited one). */
function shownInputs(node) {
  const v = {};
  for (const el of node.querySelectorAll('[data-input]')) v[el.dataset.input] = el.textContent.trim().toLowerCase();
  return v;
}

function inputRow(name, value, editable) {
  return h('div', { class: 'secret-input' }, h('dt', { class: 'mono', translate: 'no' }, name),
    h('dd', {}, h('code', { class: 'hex', 'data-input': name, contenteditable: editable ? 'true' : null, spellcheck: 'false' }, value)));
}

function secretNode(s, ctx) {
  const w = words(ctx.lang);
  const recipe = recipeFor(s, ctx);
  const from = /_write_(key|iv)$/.test(s.name) && s.function !== 'slice of the key block' ? s.inputs[0]?.name : null;
  const values = Object.fromEntries(s.inputs.map((i) => [i.name, i.value]));
  const node = h('li', { class: 'secret-node', 'data-secret': s.name, 'data-from': from, id: `secret-${s.name}${from ? `-${from}` : ''}` },
    h('div', { class: 'secret-head' }, h('b', {}, titleOf(s.name, ctx.lang, ctx.tls13)), ' ', h('span', { class: 'mono', translate: 'no' }, s.name)),
    h('p', { class: 'secret-function' }, recipe ? recipe.what : functionText(s)),
    h('code', { class: 'hex secret-value', 'data-value': s.value }, s.value));
  const inputNames = recipe ? recipe.inputs.filter((n) => n in values) : Object.keys(values);
  node.append(h('details', { class: 'secret-inputs', open: '' }, h('summary', {}, w.inputs),
    h('dl', {}, inputNames.map((n) => inputRow(n, values[n], true)))));
  if (!recipe) return node;

  const result = h('output', { class: 'secret-recompute' });
  const button = h('button', { type: 'button', class: 'recompute' }, w.recompute);
  button.addEventListener('click', async () => {
    const m = await engine();
    const got = recipe.compute(m, shownInputs(node)) || '';
    const match = got !== '' && got === s.value;
    result.dataset.match = String(match);
    result.textContent = match ? `✓ ${w.match}` : got === '' ? `✗ ${w.unusable}` : `✗ ${fill(w.mismatch, got)}`;
  });
  node.append(h('div', { class: 'secret-actions' }, button, ' ', result));
  const command = recipe.openssl(values);
  if (command) {
    node.append(h('details', { class: 'secret-openssl' }, h('summary', {}, w.openssl),
      h('pre', {}, h('code', { 'data-openssl': s.name }, command))));
  }
  return node;
}

function randomNode(name, value, lang) {
  const w = words(lang);
  return h('li', { class: 'secret-node secret-public', 'data-secret': name },
    h('div', { class: 'secret-head' }, h('b', {}, w[name]), ' ', h('span', { class: 'mono' }, name)),
    h('p', { class: 'secret-function' }, w.clear),
    h('code', { class: 'hex secret-value', 'data-value': value }, value));
}

function helloRandom(events, step) {
  return events.find((e) => e.type === 'message' && e.step === step)?.summary?.random;
}

/** The Client Random of a run (the key the demo origin files its secrets under). */
export function clientRandomOf(events) { return helloRandom(events, 'client_hello'); }

/** The token the relay gave this run's tunnel to the demo origin: only it reads the secrets. */
export function secretsTokenOf(events) {
  return events.find((e) => e.source === 'relay' && e.type === 'tcp')?.secrets_token ?? '';
}

/** The two public inputs shown first: the random of the first message of each hello. */
const RANDOM_OF = { client_hello: 'client_random', server_hello: 'server_random' };

/**
 * The derivation, drawn as a run's events arrive: sync(events) adds the nodes of the events it
 * has not seen yet (the two hellos' randoms, then each secret in the order the client derived
 * them, with its real value, function, inputs, a recompute button and the openssl command), so
 * the page builds the panel while the run waits on the network. What a node shows depends only
 * on the events before it (the run's hash and version are named by the first secrets, the key
 * block's slices come in order), so any batching draws what renderSecrets draws at once.
 */
export class SecretsLadder {
  constructor(lang = 'en') {
    this.lang = lang;
    this.seen = 0;              // events looked at
    this.secrets = [];
    this.hellos = new Set();    // the hello steps whose first message was looked at
    this.firstSecret = null;    // the randoms go before it
    this.ctx = { lang, tls13: false, hash: runHash([]), slices: new Map() };
    this.list = h('ol', { class: 'secret-ladder' });
  }

  get empty() { return !this.secrets.length; }

  /** Draws the events not seen yet; stops early (to go on at the next call) once more() says so. */
  sync(events, more = () => true) {
    for (; this.seen < events.length && more(); this.seen++) {
      const e = events[this.seen];
      if (e.type === 'message' && RANDOM_OF[e.step] && !this.hellos.has(e.step)) this.addRandom(e);
      else if (e.type === 'secret') this.addSecret(e);
    }
    return this.seen === events.length;
  }

  addRandom(e) {
    this.hellos.add(e.step);
    const value = e.summary?.random;
    if (!value) return;
    const name = RANDOM_OF[e.step];
    const node = randomNode(name, value, this.lang);
    if (name === 'client_random') this.list.prepend(node);
    else this.list.insertBefore(node, this.firstSecret);
  }

  addSecret(s) {
    this.secrets.push(s);
    const ctx = this.ctx;
    if (s.name === 'shared_secret') ctx.tls13 = true;
    ctx.hash = runHash(this.secrets);
    if (s.function === 'slice of the key block') ctx.slices = keyBlockSlices(this.secrets);
    const node = secretNode(s, ctx);
    this.firstSecret ??= node;
    this.list.append(node);
  }

  /** The panel: the ladder drawn so far under its title, and the run's nonces. */
  section(events) {
    const w = words(this.lang);
    const tls13 = this.ctx.tls13;
    return h('section', { class: 'secrets', 'data-version': tls13 ? 'TLS 1.3' : 'TLS 1.2' },
      h('h3', {}, w.title), h('p', {}, tls13 ? w.intro13 : w.intro12), this.list, renderNonces(events, this.lang));
  }
}

/** The whole panel for a run's events at once (a test, a language switch). */
export function renderSecrets(events, { lang = 'en' } = {}) {
  const ladder = new SecretsLadder(lang);
  ladder.sync(events);
  return ladder.section(events);
}

/**
 * What the demo origin derived for the connection with this Client Random (made through the
 * tunnel the relay gave `token` to):
 * {client_random, version, secrets: {name: hex}}, or null when the page's own server does
 * not know it (another server, too long ago, or a static host without tlsscope-server).
 */
export async function fetchOriginSecrets(clientRandomHex, token = '') {
  try {
    const query = new URLSearchParams({ client_random: clientRandomHex });
    if (token) query.set('token', token);
    const res = await fetch(`origin-secrets?${query}`, { cache: 'no-store' });
    if (!res.ok) return null;
    return await res.json();
  } catch {
    return null;
  }
}

/** The client's values beside the server's, for every secret the server reported. */
export function renderProof(events, originSecrets, { lang = 'en' } = {}) {
  const w = words(lang);
  const client = new Map(events.filter((e) => e.type === 'secret').map((e) => [e.name, e.value]));
  const tls13 = client.has('shared_secret');
  const names = Object.keys(originSecrets?.secrets ?? {}).filter((n) => client.has(n));
  if (!names.length) {
    return h('section', { class: 'secrets-proof', 'data-proof': 'unavailable' },
      h('h3', {}, w.proofTitle), h('p', {}, w.proofUnavailable));
  }
  const rows = names.map((n) => {
    const same = client.get(n) === originSecrets.secrets[n];
    return h('tr', { 'data-secret': n, 'data-match': String(same) },
      h('th', { scope: 'row' }, titleOf(n, lang, tls13), h('br'), h('span', { class: 'mono', translate: 'no' }, n)),
      h('td', {}, h('code', { class: 'hex', 'data-side': 'client' }, client.get(n))),
      h('td', {}, h('code', { class: 'hex', 'data-side': 'server' }, originSecrets.secrets[n])),
      h('td', {}, same ? `✓ ${w.equal}` : `✗ ${w.differ}`));
  });
  const all = rows.every((r) => r.dataset.match === 'true');
  return h('section', { class: 'secrets-proof', 'data-proof': all ? 'match' : 'mismatch' },
    h('h3', {}, w.proofTitle), h('p', {}, all ? w.proofIntro : w.proofMismatch),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}), h('th', {}, w.client), h('th', {}, w.server), h('th', {}))),
      h('tbody', {}, rows)));
}

// ---------------------------------------------------------------------------------------------
// The AEAD nonces of this run's first protected records, computed from the run's own values:
//   TLS 1.2 AES-GCM (RFC 5288 §3): nonce = the 4-byte salt (the write IV from the key block) +
//     the 8-byte explicit nonce the record carries in the clear;
//   TLS 1.2 ChaCha20-Poly1305 (RFC 7905 §2) and all of TLS 1.3 (RFC 8446 §5.3): nonce = the
//     12-byte write IV XOR the record sequence number (left-padded), which is never sent.
// In TLS 1.3 the sequence number starts again at 0 with each new key (handshake keys, then
// application keys), so a direction's records are matched to the IV of the key in use by it.

/** Records shown per direction and key: enough to see the pattern. */
const NONCE_ROWS = 2;

function xorSequence(ivHex, sequence) {
  const iv = ivHex.match(/../g).map((b) => parseInt(b, 16));
  let n = BigInt(sequence);
  for (let i = iv.length - 1; i >= 0 && n > 0n; i--, n >>= 8n) iv[i] ^= Number(n & 0xffn);
  return iv.map(u8).join('');
}

/** The nonce table for a run's protected records, or null when it has none (or no IVs). */
export function renderNonces(events, lang = 'en') {
  const w = words(lang).nonce;
  const ivs = events.filter((e) => e.type === 'secret' && /^(client|server)_write_iv$/.test(e.name));
  if (!ivs.length) return null;
  const gcm12 = ivs.some((e) => e.function === 'slice of the key block' && e.length === 4);
  const rows = [];
  for (const dir of ['out', 'in']) {
    const side = dir === 'out' ? 'client' : 'server';
    const mine = ivs.filter((e) => e.name === `${side}_write_iv`);
    let key = -1;
    let shown = 0;
    for (const r of events.filter((e) => e.type === 'record' && e.dir === dir && e.protected && e.sequence !== undefined)) {
      if (r.sequence === 0) { key++; shown = 0; }
      const iv = mine[Math.max(key, 0)];
      if (!iv || shown >= NONCE_ROWS) continue;
      shown++;
      const explicit = r.fields?.find((f) => f.name === 'explicit_nonce')?.value;
      const nonce = gcm12 ? (explicit ? iv.value + explicit : '') : xorSequence(iv.value, r.sequence);
      if (!nonce) continue;
      rows.push(h('tr', { 'data-dir': dir, 'data-sequence': r.sequence, 'data-nonce': nonce },
        h('td', {}, dir === 'out' ? w.out : w.in),
        h('td', {}, h('code', { translate: 'no' }, r.inner_content_type ?? r.content_type)),
        h('td', {}, String(r.sequence)),
        h('td', {}, h('code', { class: 'hex' }, iv.value), iv.inputs?.[0] && iv.function !== 'slice of the key block'
          ? [h('br'), h('small', {}, `${w.from} `, h('code', { translate: 'no' }, iv.inputs[0].name))] : null),
        gcm12 ? h('td', {}, h('code', { class: 'hex' }, explicit)) : null,
        h('td', {}, h('code', { class: 'hex', 'data-nonce': nonce }, nonce))));
    }
  }
  if (!rows.length) return null;
  return h('section', { class: 'nonces', 'data-construction': gcm12 ? 'salt+explicit' : 'iv-xor-sequence' },
    h('h4', {}, w.title), h('p', {}, gcm12 ? w.gcm12 : w.xor),
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, w.dir), h('th', {}, w.record), h('th', {}, w.seq), h('th', {}, w.iv),
        gcm12 ? h('th', {}, w.explicit) : null, h('th', {}, w.nonce))),
      h('tbody', {}, rows)));
}
