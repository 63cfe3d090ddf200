// The record layer and its sub-protocols, told with this run's records: the four content types
// (RFC 5246 §6.2.1, RFC 8446 §5: 20 change_cipher_spec, 21 alert, 22 handshake,
// 23 application_data) counted per direction from each record's first byte; in TLS 1.3 the outer
// type of every protected record is application_data and the real one is inside
// (`inner_content_type`); where several messages shared one record, where one message took
// several records, and where several records arrived in one WebSocket frame from the relay (one
// read from the TCP connection: TLS records are not aligned with TCP segments). TLS has no
// acknowledgements of its own: TCP gives it a reliable, ordered byte stream.
import { getLang, wordsIn, titleOf } from './i18n.js';
import { h } from './dom.js';
import { recordsByFrame } from './relayview.js';

const TYPES = [[20, 'change_cipher_spec'], [21, 'alert'], [22, 'handshake'], [23, 'application_data']];

const name = (v) => h('code', { translate: 'no' }, String(v));
const typeOf = (record) => parseInt((record.bytes ?? '').slice(0, 2), 16);

/** The record-layer overview for a run's model (diagram.js buildModel), or null with no records. */
export function renderRecordLayer(model) {
  if (!model.records.length) return null;
  const w = wordsIn(getLang(), 'records');
  const dirKey = (d) => (d === 'out' ? w.out : w.in);
  // "record 3 (server → client)": numbered per direction, in the order they crossed.
  const numberOf = new Map();
  for (const dir of ['out', 'in']) model.records.filter((r) => r.dir === dir).forEach((r, i) => numberOf.set(r, i + 1));
  const count = (dir, type) => model.records.filter((r) => r.dir === dir && typeOf(r) === type).length;
  const table = h('table', { class: 'record-types' },
    h('thead', {}, h('tr', {}, h('th', {}, w.type), h('th', {}, w.out), h('th', {}, w.in))),
    h('tbody', {}, TYPES.map(([n, label]) => h('tr', { 'data-content-type': n },
      h('th', { scope: 'row' }, name(`${n} ${label}`)),
      h('td', { 'data-dir': 'out' }, String(count('out', n))),
      h('td', { 'data-dir': 'in' }, String(count('in', n)))))));

  const section = h('section', { class: 'record-layer' }, h('h2', {}, w.title), h('p', {}, w.intro), table);
  const inner = model.records.filter((r) => r.inner_content_type);
  if (inner.length) {
    const kinds = new Map();
    for (const r of inner) kinds.set(r.inner_content_type, (kinds.get(r.inner_content_type) ?? 0) + 1);
    section.append(h('p', { class: 'inner-types' }, w.inner[0], String(inner.length), w.inner[1],
      [...kinds].flatMap(([k, n], i) => [i ? w.sep : '', name(k), ` ${w.times}${n}`]), w.dot));
  }

  const facts = [];
  const arrows = model.items.filter((it) => it.kind === 'arrow' && it.lane === 'client-server');
  const byRecord = new Map();
  for (const it of arrows) {
    const r = it.dir === 'in' ? it.records?.at(-1) : it.records?.[0];
    if (r) byRecord.set(r, [...(byRecord.get(r) ?? []), it]);
  }
  for (const [r, its] of byRecord) {
    if (its.length < 2) continue;
    facts.push(h('li', { 'data-fact': 'shared' }, w.shared[0], String(numberOf.get(r)), w.shared[1], dirKey(r.dir), w.shared[2],
      its.flatMap((it, i) => [i ? w.sep : '', titleOf(it.step)]), w.dot));
  }
  for (const it of arrows) {
    if ((it.records?.length ?? 0) < 2 || it.event.type !== 'message') continue;
    facts.push(h('li', { 'data-fact': 'spanned' }, w.spanned[0], titleOf(it.step), w.spanned[1], String(it.records.length), w.spanned[2]));
  }
  // The in-browser server's frames never met a TCP connection: nothing to say about TCP there.
  const frames = model.inBrowser ? [] : model.frames;
  for (const [frame, records] of recordsByFrame(frames, model)) {
    if (records.length < 2) continue;
    const first = numberOf.get(records[0]);
    const words = frame.dir === 'out' ? w.framedOut : w.framed;
    facts.push(h('li', { 'data-fact': 'framed', 'data-dir': frame.dir }, words[0], `${first}–${first + records.length - 1}`, words[1],
      dirKey(frame.dir), words[2], String(frame.length), words[3]));
  }
  if (facts.length) section.append(h('h3', {}, w.seen), h('ul', { class: 'record-facts' }, facts));
  else if (frames.length) section.append(h('h3', {}, w.seen), h('p', {}, w.none));
  return section;
}
