// The relay's view: every WebSocket frame between this page and the relay (the driver's
// `ws_frame` events: direction, opcode, length, time) next to the TLS records inside it. The
// relay forwards bytes it cannot read: it sees each record's 5-byte header (type, version,
// length) and, once keys are in use, only ciphertext; what the records carried is known only
// to the two ends — the column on the right, from the client's own events.
import { h, t, titleOf } from './i18n.js';

const ms = (v) => (Math.round(v * 10) / 10).toFixed(1);

/** Each record of a direction with the byte offset it starts at in that direction's stream. */
function positioned(records) {
  let at = 0;
  return records.map((r) => {
    const p = { record: r, from: at };
    at += (r.bytes?.length ?? 0) / 2;
    return p;
  });
}

/** The records that begin inside each binary frame, per direction, by byte position. */
export function recordsByFrame(frames, model) {
  const out = new Map();
  for (const dir of ['out', 'in']) {
    const records = positioned(model.records.filter((r) => r.dir === dir));
    let at = 0;
    for (const f of frames.filter((x) => x.dir === dir && x.opcode === 'binary')) {
      out.set(f, records.filter((p) => p.from >= at && p.from < at + f.length).map((p) => p.record));
      at += f.length;
    }
  }
  return out;
}

/** What the client knows a record carried: the titles of the diagram items it belongs to. */
function carried(record, model) {
  return model.items.filter((it) => it.records?.includes(record)).map((it) => titleOf(it.step));
}

function recordLine(record, model) {
  const head = (record.bytes ?? '').slice(0, 10);
  const body = (record.bytes ?? '').slice(10, 42);
  const kind = record.protected ? 'relay.ciphertext' : 'relay.plaintext';
  return h('li', { class: 'relay-record', 'data-protected': String(!!record.protected) },
    h('span', { class: 'sees' },
      h('code', { translate: 'no' }, h('b', {}, head), ' ', body, (record.bytes ?? '').length > 42 ? '…' : ''), ' ',
      h('span', { class: `badge ${record.protected ? 'enc' : 'clear'}`, 'data-i18n': kind }, t(kind))),
    h('span', { class: 'knows' }, '→ ', ...carried(record, model).flatMap((el, i) => (i ? [', ', el] : [el]))));
}

/** The relay view for a run, or null when its events carry no WebSocket frames. */
export function renderRelayView(model) {
  const frames = model.frames;
  if (!frames.length) return null;
  const inside = recordsByFrame(frames, model);
  const up = frames.filter((f) => f.dir === 'out').reduce((n, f) => n + f.length, 0);
  const down = frames.filter((f) => f.dir === 'in').reduce((n, f) => n + f.length, 0);
  return h('section', { class: 'relay-view', 'data-frames': frames.length },
    h('h2', { 'data-i18n': 'relay.title' }, t('relay.title')),
    h('p', { class: 'intro', 'data-i18n': 'relay.intro' }, t('relay.intro')),
    h('p', { class: 'totals', 'data-i18n': 'relay.totals', 'data-i18n-args': JSON.stringify([frames.length, up, down]) },
      t('relay.totals', frames.length, up, down)),
    h('ol', { class: 'frames' }, frames.map((f) => {
      const dirKey = f.dir === 'out' ? 'relay.page-to-relay' : 'relay.relay-to-page';
      return h('li', { class: 'frame', 'data-dir': f.dir, 'data-opcode': f.opcode, 'data-length': f.length },
        h('span', { class: 'time', translate: 'no' }, ms(f.t)),
        h('span', { class: 'fdir', 'data-i18n': dirKey }, t(dirKey)),
        h('span', { class: 'fop', translate: 'no' }, `${f.opcode} · ${f.length} B`),
        f.opcode === 'text'
          ? h('span', { class: 'report' }, h('span', { 'data-i18n': 'relay.report' }, t('relay.report')), ' ', titleOf(f.step))
          : h('ul', { class: 'inside' }, (inside.get(f) ?? []).map((r) => recordLine(r, model))));
    })));
}
