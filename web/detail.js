// The selected step, in full: its title and explanation (the engine's step table, en/zh), where
// it travelled and when, then everything the events say about it — the message's field tree and
// bytes, the records that carried it, the secrets derived and checks made there, the chain, the
// decrypted text — so every byte and every value of the run is reachable from some step.
import { t, getLang, titleOf, explainOf, withNames } from './i18n.js';
import { h } from './dom.js';
import { itemTitle, itemExplainKey } from './diagram.js';
import { renderHybrid } from './hybrid.js';
import { renderKeyExchange } from './keyshare.js';
import { renderBytes } from './hexview.js';
import { renderChain } from './chain.js';
import { RFC, rfcUrl, rfcLabel } from './rfc.js';

/** Members every event has, or that are shown elsewhere; the rest is listed as key → value. */
const PLUMBING = new Set(['type', 'step', 'seq', 'source', 't', 'dir', 'bytes', 'fields', 'summary', 'links',
  'ok']);

/** Where a step or field is defined (web/rfc.js): plain links, nothing is loaded from elsewhere. */
function rfcLinks(name, cls) {
  const refs = RFC[name];
  if (!refs?.length) return null;
  return h('span', { class: cls },
    refs.map((r) => h('a', { href: rfcUrl(r), target: '_blank', rel: 'noopener', translate: 'no', title: rfcLabel(r) },
      cls === 'rfc-field' ? `§${r.section || r.rfc}` : rfcLabel(r))));
}
/** A field's RFC link, once per field name in one tree (a list of 30 cipher suites needs one). */
function fieldLinks() {
  const seen = new Set();
  return (name) => {
    if (seen.has(name)) return null;
    seen.add(name);
    return rfcLinks(name, 'rfc-field');
  };
}

const data = (v) => h('span', { class: 'mono', translate: 'no' }, typeof v === 'string' ? v : JSON.stringify(v));
const ms = (v) => (Math.round(v * 100) / 100).toFixed(2);

function label(member) {
  const key = `k.${member}`;
  const text = t(key);
  // A member the page has no word for is shown by its protocol name.
  return text === key ? h('dt', { class: 'mono', translate: 'no' }, member) : h('dt', { 'data-i18n': key }, text);
}

/** Every member of an event (or a nested object) not shown elsewhere, as a definition list. */
export function keyValues(obj, skip = PLUMBING) {
  const dl = h('dl', { class: 'kv' });
  for (const [k, v] of Object.entries(obj)) {
    if (skip.has(k) || v === undefined || v === null || v === '') continue;
    // A member with a Chinese twin (note / note_zh, detail / detail_zh, verdict_zh, key_zh …):
    // English shows the member, 中文 shows the twin under the member's label, never both.
    if (k.endsWith('_zh')) {
      if (getLang() === 'zh') dl.append(label(k.slice(0, -3)), h('dd', {}, typeof v === 'string' ? withNames(v) : data(v)));
      continue;
    }
    if (getLang() === 'zh' && typeof obj[`${k}_zh`] === 'string' && obj[`${k}_zh`]) continue;
    let dd;
    if (Array.isArray(v) && v.every((x) => x && typeof x === 'object' && 'name' in x && 'value' in x)) {
      dd = h('dd', {}, keyValues(Object.fromEntries(v.map((x) => [x.name, x.value])), new Set()));
    } else if (v && typeof v === 'object' && !Array.isArray(v)) {
      dd = h('dd', {}, keyValues(v, new Set()));
    } else {
      dd = h('dd', {}, data(Array.isArray(v) ? v.join(', ') : v));
    }
    dl.append(label(k), dd);
  }
  return dl;
}

function okBadge(ok) {
  const key = ok ? 'passed' : 'failed-check';
  return h('span', { class: `verdict ${ok ? 'ok' : 'bad'}`, 'data-ok': String(ok), 'data-i18n': key }, t(key));
}

function recordBlock(rec, n) {
  const kind = rec.protected ? 'encrypted' : 'clear';
  const block = h('details', { class: 'record', 'data-protected': String(!!rec.protected) },
    h('summary', {},
      h('span', { 'data-i18n': 'carried-by', 'data-i18n-args': JSON.stringify([n + 1]) }, t('carried-by', n + 1)), ' ',
      data(`${rec.content_type}${rec.inner_content_type ? ` → ${rec.inner_content_type}` : ''}`), ' ',
      h('span', { class: `badge ${rec.protected ? 'enc' : 'clear'}`, 'data-i18n': kind }, t(kind)),
      rec.sequence !== undefined ? h('span', { class: 'seqno' }, ' ', h('span', { 'data-i18n': 'k.sequence' }, t('k.sequence')), ' ', data(rec.sequence)) : null));
  // The record's tree and bytes are built when it is first opened: most records stay closed,
  // and a certificate's would double the elements the step draws. A click on the summary
  // arrives before its default action opens the block; 'toggle' covers opening by script.
  const fill = () => {
    if (block.childElementCount === 1) block.append(renderBytes(rec.bytes, rec.fields ?? [], { label: 'record-bytes', link: fieldLinks() }));
  };
  block.addEventListener('click', fill);
  block.addEventListener('toggle', fill);
  return block;
}

function secretBlock(s) {
  return h('div', { class: 'secret', 'data-secret-name': s.name },
    h('h4', { class: 'mono', translate: 'no' }, s.name),
    keyValues(s, new Set([...PLUMBING, 'name'])),
    h('a', { href: '#secrets-panel', 'data-secret-link': s.name, 'data-i18n': 'secret.derivation' }, t('secret.derivation')));
}

function checkBlock(c) {
  return h('div', { class: 'check-block', 'data-ok': String(c.ok) },
    h('h4', {}, h('span', { 'data-i18n': 'check' }, t('check')), ' ', okBadge(c.ok)),
    keyValues(c));
}

function tamperBlock(e) {
  return h('div', { class: 'tamper-note' },
    h('p', { 'data-i18n': 'tamper.done', 'data-i18n-args': JSON.stringify([e.offset]) }, t('tamper.done', e.offset)),
    keyValues(e));
}

/** The certificate summaries the server sent (for the chain view). */
const certificatesOf = (model) =>
  model.items.find((it) => it.event.type === 'message' && it.step === 'certificate' && it.dir === 'in')?.event.summary?.certificates ?? [];
const chainCheckOf = (model) =>
  model.items.flatMap((it) => [it.event, ...it.attached]).find((e) => e.type === 'check' && e.step === 'certificate_chain') ?? null;

/** The step's own parts, its bytes view last if it has one: what a click draws in its frame. */
function ownParts(item, model, failureCard, hexFirst) {
  const e = item.event;
  switch (e.type) {
    case 'message': case 'alert':
      return [renderBytes(e.bytes, e.fields ?? [], {
        label: e.type === 'alert' ? 'alert-bytes' : 'message-bytes', link: fieldLinks(),
        flipped: item.tampered ? [item.tampered.offset] : [], first: hexFirst,
      })];
    case 'application_data':
      return [h('pre', { class: 'plaintext', translate: 'no' }, (e.text ?? '').slice(0, 4000)),
        item.response ? h('div', { class: 'response-note' }, h('h4', { 'data-i18n': 'response' }, t('response')), keyValues(item.response)) : null,
        renderBytes(e.bytes, [], { label: 'plaintext-bytes', first: hexFirst })];
    case 'check':
      if (e.step !== 'certificate_chain') return [checkBlock(e)];
      return [renderChain(certificatesOf(model), e), model.trustStore ? keyValues(model.trustStore) : null];
    case 'secret': return [secretBlock(e)];
    case 'handshake_complete': return [keyValues(e), renderKeyExchange(model), renderHybrid(model)];
    // The card once failures.js is loaded (the page loads it with the first failure); until then its members.
    case 'error': case 'relay_error': return [failureCard ? failureCard(e, null) : keyValues(e)];
    default: return [keyValues(e)];
  }
}

/** What follows the step's own parts: a message's chain or key exchange, what is attached to
 *  the step, the records that carried it. */
function laterParts(item, model) {
  const e = item.event;
  const parts = [];
  if (e.type === 'message' && e.step === 'certificate') parts.push(renderChain(e.summary?.certificates ?? [], chainCheckOf(model)));
  if (e.type === 'message' && e.step === 'server_hello' && e.dir === 'in') parts.push(renderKeyExchange(model));
  for (const x of item.attached) {
    if (x.type === 'secret') parts.push(secretBlock(x));
    else if (x.type === 'check') parts.push(checkBlock(x));
    else if (x.type === 'tamper') parts.push(tamperBlock(x));
    else if (x.type === 'keylog') parts.push(h('div', { class: 'keylog' }, h('h4', { 'data-title-of': 'keylog' }, titleOf('keylog', 'span')), data(x.line)));
    else if (x.type !== 'http_response') parts.push(keyValues(x));
  }
  item.records?.forEach((r, n) => parts.push(recordBlock(r, n)));
  return parts.filter(Boolean);
}

function where(item) {
  const key = item.lane === 'client-server' ? (item.dir === 'out' ? 'client-to-server' : 'server-to-client')
    : item.lane === 'relay-server' ? (item.dir === 'in' ? 'server-to-relay' : 'relay-to-server')
      : `on-${item.lane}`;
  return h('p', { class: 'where' },
    h('span', { 'data-i18n': key }, t(key)), ' · ',
    h('span', { 'data-i18n': 'at-ms', 'data-i18n-args': JSON.stringify([ms(item.t)]) }, t('at-ms', ms(item.t))),
    item.group?.kind === 'flight' ? [' · ', h('span', { 'data-i18n': 'flight', 'data-i18n-args': JSON.stringify([item.group.n]) }, t('flight', item.group.n))] : null);
}

/** The detail pane for one diagram item. failureCard: failures.js's renderFailureCard, if loaded;
 *  hexFirst: bytes of the step's hex view drawn at once (hexview.js renderBytes `first`). */
export function renderDetail(item, model, options = {}) {
  const { nodes, rest } = renderDetailFirst(item, model, options);
  return [...nodes, ...rest()];
}

/** The same in two goes: {nodes} the title, explanation and the step's own parts (its bytes
 *  view last), and rest() the parts after them, built when called. A click draws the first
 *  in its task and the rest once its frame is painted (run-view.js drawDetail): the certificate's
 *  chain alone was ~1 ms of the click's script. */
export function renderDetailFirst(item, model, { failureCard = null, hexFirst } = {}) {
  if (!item) return { nodes: [], rest: () => [] };
  const refs = rfcLinks(item.step, 'rfc-list');
  const ownExplain = itemExplainKey(item);
  const nodes = [
    h('h2', { class: 'detail-title' }, itemTitle(item), item.ok === false ? h('span', { class: 'mark bad' }, ' ✗') : null),
    where(item),
    ownExplain ? h('p', { class: 'explain', 'data-i18n': ownExplain }, t(ownExplain)) : explainOf(item.step),
    refs ? h('p', { class: 'rfc' }, h('span', { 'data-i18n': 'defined-in' }, t('defined-in')), ' ', refs) : null,
    ...ownParts(item, model, failureCard, hexFirst),
  ].filter(Boolean);
  return { nodes, rest: () => laterParts(item, model) };
}
