// The sequence diagram: client ↔ relay ↔ server lifelines, one arrow per message, grouped by
// flight (the messages one side sends before it must wait for the other) and round trip, with
// the real time of each; secrets and checks as notes on the client's lifeline. It is also the
// page's navigation: each item is a link to its deep link (#client_hello, #finished, …).
//
// buildModel(events) turns the event stream (docs/events.md) into items; every event lands in
// exactly one item (records with the messages they carried, checks and secrets with the message
// they belong to or as a note of their own), so the detail view can account for every byte.
import { h, t, titleOf } from './i18n.js';

/** The title of an item: the step's, except for the in-browser server's non-events (no DNS, no TCP). */
const IN_BROWSER_STEPS = { dns: 'inpage.dns', tcp: 'inpage.tcp', closed: 'inpage.closed' };
export function itemTitle(it, tag = 'span', cls = 'title') {
  const key = it.inBrowser && IN_BROWSER_STEPS[it.step];
  return key ? h(tag, { class: cls, 'data-i18n': `${key}.title` }, t(`${key}.title`)) : titleOf(it.step, tag, cls);
}
/** The explanation of an item (see itemTitle). */
export function itemExplainKey(it) {
  const key = it.inBrowser && IN_BROWSER_STEPS[it.step];
  return key ? `${key}.explain` : null;
}

/** Where an item is drawn: an arrow between two lifelines, or a note on one. */
const LANES = {
  url: 'client', dns: 'relay-server', tcp: 'relay-server', tcp_closed: 'relay-server',
  relay_error: 'relay', error: 'client',
};

const isArrowEvent = (e) => e.type === 'message' || e.type === 'application_data' || e.type === 'alert';
const isNoteEvent = (e) => ['secret', 'check', 'keylog', 'handshake_complete', 'closed', 'error', 'relay_error'].includes(e.type);

/**
 * The records that carried message `i`: a received message was read from the records since the
 * previous received message (or, sharing one, the last record before it); a sent message goes
 * out in the records written after it, before the next sent message (or the next one).
 */
export function carriers(events, i) {
  const e = events[i];
  const found = [];
  const sameDirRecord = (x) => x.type === 'record' && x.dir === e.dir;
  const sameDirPayload = (x) => x.dir === e.dir && (x.type === 'message' || x.type === 'application_data' || x.type === 'alert');
  if (e.dir === 'in') {
    for (let k = i - 1; k >= 0 && !sameDirPayload(events[k]); k--) if (sameDirRecord(events[k])) found.unshift(events[k]);
    if (!found.length) for (let k = i - 1; k >= 0; k--) if (sameDirRecord(events[k])) { found.push(events[k]); break; }
  } else if (e.dir === 'out') {
    for (let k = i + 1; k < events.length && !sameDirPayload(events[k]); k++) if (sameDirRecord(events[k])) found.push(events[k]);
    if (!found.length) for (let k = i + 1; k < events.length; k++) if (sameDirRecord(events[k])) { found.push(events[k]); break; }
  }
  return found;
}

/** The message a secret, check or tamper report of step `step` belongs to, if any: the last
 *  arrow if it is that message, else the next message event of that step with no message between. */
function ownerIndex(events, i, items) {
  const step = events[i].step;
  const last = items.at(-1);
  if (last?.kind === 'arrow' && last.event.type === 'message' && last.step === step) return { item: last };
  for (let k = i + 1; k < events.length; k++) {
    const x = events[k];
    if (x.type === 'message') return x.step === step ? { index: k } : null;
  }
  return null;
}

/**
 * → {items, groups, frames, records, trustStore, failure}
 * item: {id, kind: 'arrow'|'note', lane, step, dir, event, records, attached, t, dt, protected,
 *        inner, ok, tampered, response, group}
 * group: {kind: 'setup'|'flight', dir, n (flight number), round, items, t, wait}
 */
export function buildModel(events) {
  const items = [];
  const pendingOwners = new Map();  // event index of a message → events waiting to attach to it
  // A run against the in-browser server (web/inpage-server.js): its `dns` and `tcp` reports say
  // there was neither, and the page must not narrate a lookup or a handshake that never happened.
  const model = { items, groups: [], frames: [], records: [], trustStore: null, failure: null, inBrowser: events.some((e) => e.in_browser) };
  let lastT = 0;
  const add = (item) => {
    item.dt = item.t - lastT;
    lastT = item.t;
    item.attached ??= [];
    items.push(item);
    return item;
  };
  events.forEach((e, i) => {
    switch (e.type) {
      case 'record': model.records.push(e); return;  // and attached to messages through carriers()
      case 'ws_frame': model.frames.push(e); return;
      case 'trust_store': model.trustStore = e; return;
      case 'http_response': {
        const owner = [...items].reverse().find((it) => it.event.type === 'application_data' && it.dir === 'in');
        if (owner) { owner.response = e; owner.attached.push(e); } else add({ kind: 'note', lane: 'client', step: e.step, event: e, t: e.t });
        return;
      }
      case 'tamper': case 'secret': case 'check': {
        const owner = ownerIndex(events, i, items);
        if (owner?.item) { owner.item.attached.push(e); return; }
        if (owner) { pendingOwners.set(owner.index, [...(pendingOwners.get(owner.index) ?? []), e]); return; }
        break;
      }
      case 'keylog': {
        const last = items.at(-1);
        if (last?.kind === 'note') { last.attached.push(e); return; }
        break;
      }
      default: break;
    }
    if (isArrowEvent(e)) {
      const records = carriers(events, i);
      const carrier = e.dir === 'in' ? records.at(-1) : records[0];
      add({
        kind: 'arrow', lane: 'client-server', step: e.step, dir: e.dir, event: e, t: e.t, records,
        attached: pendingOwners.get(i) ?? [],
        protected: e.type === 'application_data' ? true : !!carrier?.protected,
        inner: carrier?.inner_content_type ?? '',
      });
      return;
    }
    if (e.type === 'dns' || e.type === 'tcp' || e.type === 'tcp_closed') {
      add({
        kind: 'arrow', lane: LANES[e.type], step: e.step, dir: e.type === 'tcp_closed' && e.by === 'server' ? 'in' : 'out', event: e, t: e.t, records: [],
        inBrowser: model.inBrowser,
      });
      return;
    }
    // A note: merged with the note just before it when both are of the same step.
    const last = items.at(-1);
    if (isNoteEvent(e) && last?.kind === 'note' && last.step === e.step && e.type !== 'error') {
      last.attached.push(e);
      return;
    }
    add({ kind: 'note', lane: LANES[e.type] ?? 'client', step: e.step, event: e, t: e.t, records: [] });
  });

  // Deep-link ids: the step's name, then name-2, name-3 … for later items of the same step.
  const seen = new Map();
  for (const it of items) {
    const n = (seen.get(it.step) ?? 0) + 1;
    seen.set(it.step, n);
    it.id = n === 1 ? it.step : `${it.step}-${n}`;
    const all = [it.event, ...it.attached];
    const checks = all.filter((x) => x.type === 'check');
    if (checks.length) it.ok = checks.every((c) => c.ok);
    if (it.event.type === 'error' || it.event.type === 'relay_error') it.ok = false;
    it.tampered = all.find((x) => x.type === 'tamper') ?? null;
  }
  model.failure = events.find((e) => e.type === 'error') ?? events.find((e) => e.type === 'relay_error') ?? null;
  group(model);
  return model;
}

/** Flights and round trips: a flight is a run of client↔server arrows in one direction (the
 *  notes in between stay with it); round trip k is the k-th client flight and the server's
 *  answer to it. `wait` is how long the client waited for a server flight. */
function group(model) {
  let current = null;
  let flights = 0;
  let rounds = 0;
  let lastOutT = null;
  for (const it of model.items) {
    const tls = it.lane === 'client-server';
    if (!tls && !current) {
      current = { kind: 'setup', items: [], t: it.t };
      model.groups.push(current);
    } else if (tls && (current?.kind !== 'flight' || current.dir !== it.dir)) {
      flights++;
      if (it.dir === 'out') rounds++;
      current = { kind: 'flight', dir: it.dir, n: flights, round: rounds, items: [], t: it.t };
      if (it.dir === 'in' && lastOutT !== null) current.wait = it.t - lastOutT;
      model.groups.push(current);
    }
    if (tls && it.dir === 'out') lastOutT = it.t;
    it.group = current;
    current.items.push(it);
  }
  model.rounds = rounds;
}

const ms = (v) => (Math.round(v * 10) / 10).toFixed(1);

function itemSize(e) {
  if (e.type === 'dns' || e.type === 'tcp') return `${ms(e.ms)} ms`;
  if (e.type === 'tcp_closed') return `↑${e.bytes_up} ↓${e.bytes_down} B`;
  return e.length !== undefined ? `${e.length} B` : '';
}

function itemElement(it, selected, held) {
  const e = it.event;
  const attrs = {
    class: `item ${it.kind} lane-${it.lane}`,
    'data-id': it.id, 'data-step': it.step, 'data-kind': it.kind === 'arrow' && e.type === 'message' ? 'message' : e.type,
    'data-lane': it.lane, 'data-tip-of': itemExplainKey(it) ? undefined : it.step, 'data-t': ms(it.t),
  };
  if (it.dir) attrs['data-dir'] = it.dir;
  if (it.kind === 'arrow' && it.lane === 'client-server') attrs['data-protected'] = String(it.protected);
  if (it.ok !== undefined) attrs['data-ok'] = String(it.ok);
  if (it.tampered) attrs['data-tampered'] = 'true';
  if (it.id === selected) attrs['aria-current'] = 'step';
  if (held.has(it)) attrs['data-held'] = 'true';
  const secrets = [e, ...it.attached].filter((x) => x.type === 'secret').map((x) => x.name);
  const badge = it.kind === 'arrow' && it.lane === 'client-server' && e.type !== 'application_data'
    ? h('span', { class: `badge ${it.protected ? 'enc' : 'clear'}`, 'data-i18n': it.protected ? 'encrypted' : 'clear' }, t(it.protected ? 'encrypted' : 'clear'))
    : null;
  const mark = it.ok === false ? h('span', { class: 'mark bad', 'aria-hidden': 'true' }, '✗')
    : it.ok === true ? h('span', { class: 'mark ok', 'aria-hidden': 'true' }, '✓') : null;
  const link = h('a', { href: `#${it.id}`, class: 'label' },
    mark, itemTitle(it),
    e.type === 'application_data' && e.dir === 'out' ? h('small', { class: 'mono', translate: 'no' }, (e.text ?? '').split('\r\n')[0].slice(0, 32)) : null,
    it.response ? h('small', { class: 'mono', translate: 'no' }, it.response.status_line) : null,
    e.type === 'alert' ? h('small', { class: 'mono', translate: 'no' }, e.description) : null,
    e.type === 'error' || e.type === 'relay_error' ? h('small', { class: 'mono', translate: 'no' }, e.code) : null,
    secrets.length ? h('small', { class: 'mono', translate: 'no' }, secrets.join(' · ')) : null,
    it.tampered ? h('small', { class: 'tamper', 'data-i18n': 'tampered' }, t('tampered')) : null,
    held.has(it) ? h('small', { class: 'held', 'data-i18n': 'not-sent' }, t('not-sent')) : null);
  return h('li', attrs,
    h('span', { class: 'time', translate: 'no' }, ms(it.t)),
    h('span', { class: 'track' }, link, badge, h('span', { class: 'size', translate: 'no' }, itemSize(e))));
}

function groupHead(g, inBrowser) {
  const setup = inBrowser ? 'setup.inpage' : 'setup';
  if (g.kind === 'setup') return h('div', { class: 'group-head' }, h('span', { 'data-i18n': setup }, t(setup)));
  const dirKey = g.dir === 'out' ? 'client-to-server' : 'server-to-client';
  return h('div', { class: 'group-head' },
    h('span', { 'data-i18n': 'flight', 'data-i18n-args': JSON.stringify([g.n]) }, t('flight', g.n)), ' · ',
    h('span', { 'data-i18n': dirKey }, t(dirKey)), ' · ',
    h('span', { 'data-i18n': 'round-trip', 'data-i18n-args': JSON.stringify([g.round]) }, t('round-trip', g.round)),
    g.wait !== undefined ? h('span', { class: 'wait', 'data-i18n': 'waited', 'data-i18n-args': JSON.stringify([ms(g.wait)]) }, t('waited', ms(g.wait))) : null);
}

/** The arrows of the client's last flight: the flight step mode is holding back, if it is. */
function heldArrows(model) {
  const last = model.groups.at(-1);
  return new Set(last?.kind === 'flight' && last.dir === 'out' ? last.items.filter((it) => it.kind === 'arrow') : []);
}

/** The diagram: lifeline heads, then each group with its items. `holding`: step mode holds the
 *  client's last flight (its messages exist in the client, its bytes have not left). */
export function renderDiagram(model, selected, holding = false) {
  const held = holding ? heldArrows(model) : new Set();
  const heads = h('div', { class: 'lifelines', 'aria-hidden': 'true' },
    h('span', { 'data-i18n': 'client' }, t('client')),
    h('span', { 'data-i18n': 'relay' }, t('relay')),
    h('span', { 'data-i18n': 'server' }, t('server')));
  const list = h('ol', { id: 'steps', class: 'groups' },
    model.groups.map((g) => h('li', {
      class: 'group', 'data-group': g.kind, 'data-flight': g.n, 'data-round': g.round, 'data-dir': g.dir,
    }, groupHead(g, model.inBrowser), h('ol', { class: 'items' }, g.items.map((it) => itemElement(it, selected, held))))));
  return [heads, list];
}
