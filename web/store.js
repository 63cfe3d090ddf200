// The run store: one run's events go in, one at a time or in batches, and the model the views
// draw is updated by each event where it touches it (never rebuilt from all events). Views
// subscribe; flush() hands them what changed since the last flush, so each redraws only that.
//
// The model (what the diagram, the detail pane, the record layer and the relay view read):
//   items: the diagram's items, in order; an item is
//     {id, kind: 'arrow'|'note', lane, step, dir, event, records, attached, t, dt, protected,
//      inner, ok, tampered, response, group, inBrowser}
//     every event lands in exactly one item or list: a message, application_data or alert is an
//     arrow with the records that carried it (the `records` its event names, docs/events.md); a
//     secret, check or tamper report hangs on the message its `message_seq` names when both
//     have the same step, else it is a note; notes of one step in a row are one item.
//   groups: {kind: 'setup'|'flight', dir, n (flight number), round, items, t, wait}: a flight is a
//     run of client↔server arrows in one direction; round trip k is the k-th client flight and
//     the server's answer to it; `wait` is how long the client waited for a server flight.
//   records, frames (ws_frame events), trustStore, failure (the first error, else the first
//   relay_error), inBrowser (a run against the in-browser server), rounds.
//
// Nothing here touches the DOM: the same store runs in Node.

/** Where an item is drawn: an arrow between two lifelines, or a note on one. */
const LANES = {
  url: 'client', dns: 'relay-server', tcp: 'relay-server', tcp_closed: 'relay-server',
  relay_error: 'relay', error: 'client',
};
const ARROW_TYPES = new Set(['message', 'application_data', 'alert']);
const NOTE_TYPES = new Set(['secret', 'check', 'keylog', 'handshake_complete', 'closed', 'error', 'relay_error']);

function emptyModel() {
  return { items: [], groups: [], frames: [], records: [], trustStore: null, failure: null, inBrowser: false, rounds: 0 };
}
function noChanges(reset = false) {
  return { reset, added: [], items: new Set(), groups: new Set(), records: false, frames: false, secrets: false, trustStore: false, failure: false };
}
const changedSomething = (c) => c.reset || c.items.size || c.groups.size || c.records || c.frames || c.secrets || c.trustStore || c.failure;

export class RunStore {
  constructor() {
    this.listeners = new Set();
    this.reset();
  }

  /** Empties the store for a new run (the views are told at the next flush). */
  reset() {
    this.events = [];
    this.model = emptyModel();
    this.changes = noChanges(true);
    this.stepCount = new Map();        // step → items of that step so far (for ids)
    this.recordBySeq = new Map();      // record event seq → record event
    this.waitingForRecord = new Map(); // record seq → items naming it before it came
    this.itemByMessage = new Map();    // message event seq → its arrow
    this.waitingForMessage = new Map();// message seq → events naming it before it came
    this.lastDataIn = null;            // the last received application_data arrow
    this.grouping = { current: null, flights: 0, rounds: 0, lastOutT: null };
    this.lastT = 0;
  }

  /** fn(model, changes) after each flush that changed something; returns the unsubscriber. */
  subscribe(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  add(e) {
    this.events.push(e);
    this.apply(e);
  }
  addAll(list) { for (const e of list) this.add(e); }

  /** Tells the subscribers what changed since the last flush. */
  flush() {
    const changes = this.changes;
    if (!changedSomething(changes)) return;
    this.changes = noChanges();
    for (const fn of this.listeners) fn(this.model, changes);
  }

  itemById(id) { return this.model.items.find((it) => it.id === id); }

  // -------------------------------------------------------------------------------------------

  apply(e) {
    const m = this.model;
    if (e.in_browser && !m.inBrowser) {
      m.inBrowser = true;
      for (const it of m.items) { it.inBrowser = true; this.touch(it); }
      for (const g of m.groups) this.changes.groups.add(g);
    }
    this.releaseUnclaimed(e);
    switch (e.type) {
      case 'record': return this.addRecord(e);
      case 'ws_frame': m.frames.push(e); this.changes.frames = true; return;
      case 'trust_store': m.trustStore = e; this.changes.trustStore = true; return;
      case 'http_response':
        if (this.lastDataIn) { this.lastDataIn.response = e; this.attach(this.lastDataIn, e); return; }
        this.addNote(e);
        return;
      case 'tamper': case 'secret': case 'check':
        if (e.type === 'secret') this.changes.secrets = true;
        if (this.claimed(e)) return;
        break;
      case 'keylog': {
        const last = m.items.at(-1);
        if (last?.kind === 'note') { this.attach(last, e); return; }
        break;
      }
      default: break;
    }
    if (e.type === 'error' && m.failure?.type !== 'error') { m.failure = e; this.changes.failure = true; }
    if (e.type === 'relay_error' && !m.failure) { m.failure = e; this.changes.failure = true; }
    if (ARROW_TYPES.has(e.type)) return this.addArrow(e);
    if (e.type === 'dns' || e.type === 'tcp' || e.type === 'tcp_closed') {
      this.addItem({
        kind: 'arrow', lane: LANES[e.type], step: e.step, dir: e.type === 'tcp_closed' && e.by === 'server' ? 'in' : 'out',
        event: e, t: e.t, records: [], inBrowser: m.inBrowser,
      });
      return;
    }
    this.addNote(e);
  }

  /** A note: merged with the note just before it when both are of the same step. */
  addNote(e) {
    const last = this.model.items.at(-1);
    if (NOTE_TYPES.has(e.type) && last?.kind === 'note' && last.step === e.step && e.type !== 'error') {
      this.attach(last, e);
      return;
    }
    this.addItem({ kind: 'note', lane: LANES[e.type] ?? 'client', step: e.step, event: e, t: e.t, records: [] });
  }

  addArrow(e) {
    const records = [];
    const item = {
      kind: 'arrow', lane: 'client-server', step: e.step, dir: e.dir, event: e, t: e.t, records,
      attached: [], protected: e.type === 'application_data', inner: '',
    };
    for (const seq of e.records ?? []) {
      const r = this.recordBySeq.get(seq);
      if (r) records.push(r);
      else this.waitingForRecord.set(seq, [...(this.waitingForRecord.get(seq) ?? []), item]);
    }
    this.carrierChanged(item);
    if (e.type === 'message' && e.seq !== undefined) {
      this.itemByMessage.set(e.seq, item);
      const waiting = this.waitingForMessage.get(e.seq);
      this.waitingForMessage.delete(e.seq);
      for (const x of waiting ?? []) item.attached.push(x);
    }
    if (e.type === 'application_data' && e.dir === 'in') this.lastDataIn = item;
    this.addItem(item);
  }

  addRecord(r) {
    this.model.records.push(r);
    this.changes.records = true;
    if (r.seq === undefined) return;
    this.recordBySeq.set(r.seq, r);
    const waiting = this.waitingForRecord.get(r.seq);
    if (!waiting) return;
    this.waitingForRecord.delete(r.seq);
    for (const item of waiting) {
      // In the order the message names them.
      item.records = (item.event.records ?? []).map((s) => this.recordBySeq.get(s)).filter(Boolean);
      this.carrierChanged(item);
      this.touch(item);
    }
  }

  /** Clear or encrypted, from the record that carried the message (for a received one the last
   *  of its records, for a sent one the first). */
  carrierChanged(item) {
    if (item.event.type === 'application_data') return;
    const carrier = item.dir === 'in' ? item.records.at(-1) : item.records[0];
    item.protected = !!carrier?.protected;
    item.inner = carrier?.inner_content_type ?? '';
  }

  /** A secret, check or tamper report on the arrow of the message it names, if of its step. */
  claimed(e) {
    if (e.message_seq === undefined) return false;
    const owner = this.itemByMessage.get(e.message_seq);
    if (owner) {
      if (owner.step !== e.step) return false;
      this.attach(owner, e);
      return true;
    }
    if (e.seq === undefined || e.message_seq <= e.seq) return false;
    // It names a message still to come (a tamper report, the client's verify_data).
    this.waitingForMessage.set(e.message_seq, [...(this.waitingForMessage.get(e.message_seq) ?? []), e]);
    return true;
  }

  /** Events that named a message which never came (the run failed first) become notes, before
   *  the event that shows it will not come (seq numbers have no gaps). */
  releaseUnclaimed(e) {
    if (!this.waitingForMessage.size || e.seq === undefined) return;
    for (const [seq, list] of this.waitingForMessage) {
      if (seq === e.seq && e.type === 'message') continue;
      if (seq > e.seq) continue;
      this.waitingForMessage.delete(seq);
      for (const x of list) this.addNote(x);
    }
  }

  attach(item, e) {
    item.attached.push(e);
    this.judge(item);
    this.touch(item);
  }

  touch(item) {
    this.changes.items.add(item);
  }

  judge(item) {
    const all = [item.event, ...item.attached];
    const checks = all.filter((x) => x.type === 'check');
    if (checks.length) item.ok = checks.every((c) => c.ok);
    if (item.event.type === 'error' || item.event.type === 'relay_error') item.ok = false;
    item.tampered = all.find((x) => x.type === 'tamper') ?? null;
  }

  addItem(item) {
    const m = this.model;
    item.dt = item.t - this.lastT;
    this.lastT = item.t;
    item.attached ??= [];
    // Deep-link ids: the step's name, then name-2, name-3 … for later items of the same step.
    const n = (this.stepCount.get(item.step) ?? 0) + 1;
    this.stepCount.set(item.step, n);
    item.id = n === 1 ? item.step : `${item.step}-${n}`;
    this.judge(item);
    m.items.push(item);
    this.group(item);
    this.changes.added.push(item);
    this.changes.items.add(item);
  }

  group(it) {
    const g = this.grouping;
    const tls = it.lane === 'client-server';
    if (!tls && !g.current) {
      g.current = { kind: 'setup', items: [], t: it.t };
      this.model.groups.push(g.current);
      this.changes.groups.add(g.current);
    } else if (tls && (g.current?.kind !== 'flight' || g.current.dir !== it.dir)) {
      g.flights++;
      if (it.dir === 'out') g.rounds++;
      g.current = { kind: 'flight', dir: it.dir, n: g.flights, round: g.rounds, items: [], t: it.t };
      if (it.dir === 'in' && g.lastOutT !== null) g.current.wait = it.t - g.lastOutT;
      this.model.groups.push(g.current);
      this.changes.groups.add(g.current);
    }
    if (tls && it.dir === 'out') g.lastOutT = it.t;
    it.group = g.current;
    g.current.items.push(it);
    this.model.rounds = g.rounds;
  }
}

/** The model of a whole event list at once (a replay, the comparison, the warm-up's drawing). */
export function modelOf(events) {
  const store = new RunStore();
  store.addAll(events);
  return store.model;
}
