// The relay's view: every WebSocket frame between this page and the relay (the driver's
// `ws_frame` events: direction, opcode, length, time) next to the TLS records inside it. The
// relay forwards bytes it cannot read: it sees each record's 5-byte header (type, version,
// length) and, once keys are in use, only ciphertext; what the records carried is known only
// to the two ends — the column on the right, from the client's own events.
import { t, titleOf } from './i18n.js';
import { h } from './dom.js';

const ms = (v) => (Math.round(v * 10) / 10).toFixed(1);

/** The records that begin inside each binary frame: each record names its frame (`frame`,
 *  stamped by the driver, docs/events.md), numbered per direction like the frames. */
export function recordsByFrame(frames, model) {
  const out = new Map();
  const byNumber = new Map();
  for (const f of frames) {
    if (f.opcode !== 'binary') continue;
    out.set(f, []);
    byNumber.set(`${f.dir}:${f.frame}`, f);
  }
  for (const r of model.records) out.get(byNumber.get(`${r.dir}:${r.frame}`))?.push(r);
  return out;
}

/** What the client knows a record carried: the steps of the diagram items it belongs to. */
function carried(record, model) {
  return model.items.filter((it) => it.records?.includes(record)).map((it) => it.step);
}

function recordLine(record) {
  const head = (record.bytes ?? '').slice(0, 10);
  const body = (record.bytes ?? '').slice(10, 42);
  const kind = record.protected ? 'relay.ciphertext' : 'relay.plaintext';
  return h('li', { class: 'relay-record', 'data-protected': String(!!record.protected) },
    h('span', { class: 'sees' },
      h('code', { translate: 'no' }, h('b', {}, head), ' ', body, (record.bytes ?? '').length > 42 ? '…' : ''), ' ',
      h('span', { class: `badge ${record.protected ? 'enc' : 'clear'}`, 'data-i18n': kind }, t(kind))),
    h('span', { class: 'knows' }, '→ '));
}

function frameElement(f) {
  const dirKey = f.dir === 'out' ? 'relay.page-to-relay' : 'relay.relay-to-page';
  return h('li', { class: 'frame', 'data-dir': f.dir, 'data-opcode': f.opcode, 'data-length': f.length },
    h('span', { class: 'time', translate: 'no' }, ms(f.t)),
    h('span', { class: 'fdir', 'data-i18n': dirKey }, t(dirKey)),
    h('span', { class: 'fop', translate: 'no' }, `${f.opcode} · ${f.length} B`),
    f.opcode !== 'text' ? h('ul', { class: 'inside' })
      // The page's own text frame names the target of a tunnel opened ahead (wasm/connection.js).
      : f.dir === 'out' ? h('span', { class: 'report' }, h('span', { 'data-i18n': 'relay.connect' }, t('relay.connect')))
      : h('span', { class: 'report' }, h('span', { 'data-i18n': 'relay.report' }, t('relay.report')), ' ', titleOf(f.step)));
}

/**
 * The relay view drawn as the run's frames and records arrive (the store's model): sync(model)
 * adds the frames and records not drawn yet (a record under the frame it names, which for a
 * record the client sends comes after it) and rewrites what a record carried once more of the
 * diagram's items claim it, so the page builds it while the run waits on the network; any
 * batching draws what renderRelayView draws at once.
 */
export class RelayView {
  constructor() {
    this.framesSeen = 0;
    this.recordsSeen = 0;
    this.insideOf = new Map();  // 'dir:frame' → that binary frame's list of records
    this.waiting = new Map();   // 'dir:frame' → records that named it before it came
    this.lines = [];            // {record, knows: its span, steps: what it shows}
    this.list = h('ol', { class: 'frames' });
  }

  sync(model) {
    for (; this.framesSeen < model.frames.length; this.framesSeen++) {
      const f = model.frames[this.framesSeen];
      const el = frameElement(f);
      this.list.append(el);
      if (f.opcode !== 'binary') continue;
      const key = `${f.dir}:${f.frame}`;
      this.insideOf.set(key, el.lastChild);
      for (const r of this.waiting.get(key) ?? []) this.addLine(el.lastChild, r);
      this.waiting.delete(key);
    }
    for (; this.recordsSeen < model.records.length; this.recordsSeen++) {
      const r = model.records[this.recordsSeen];
      const key = `${r.dir}:${r.frame}`;
      const inside = this.insideOf.get(key);
      if (inside) this.addLine(inside, r);
      else this.waiting.set(key, [...(this.waiting.get(key) ?? []), r]);
    }
    for (const line of this.lines) {
      const steps = carried(line.record, model);
      if (steps.join(' ') === line.steps) continue;
      line.steps = steps.join(' ');
      line.knows.replaceChildren('→ ', ...steps.flatMap((step, i) => (i ? [', ', titleOf(step)] : [titleOf(step)])));
    }
  }

  addLine(inside, record) {
    const li = recordLine(record);
    inside.append(li);
    this.lines.push({ record, knows: li.lastChild, steps: '' });
  }

  /** The view of the frames drawn so far, or null when the run has none. */
  section(model) {
    const frames = model.frames;
    if (!frames.length) return null;
    const up = frames.filter((f) => f.dir === 'out').reduce((n, f) => n + f.length, 0);
    const down = frames.filter((f) => f.dir === 'in').reduce((n, f) => n + f.length, 0);
    return h('section', { class: 'relay-view', 'data-frames': frames.length },
      h('h2', { 'data-i18n': 'relay.title' }, t('relay.title')),
      h('p', { class: 'intro', 'data-i18n': 'relay.intro' }, t('relay.intro')),
      h('p', { class: 'totals', 'data-i18n': 'relay.totals', 'data-i18n-args': JSON.stringify([frames.length, up, down]) },
        t('relay.totals', frames.length, up, down)),
      this.list);
  }
}

/** The relay view for a run, or null when its events carry no WebSocket frames. */
export function renderRelayView(model) {
  const view = new RelayView();
  view.sync(model);
  return view.section(model);
}
