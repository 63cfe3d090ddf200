// The comparison view: one run with only TLS 1.2 offered, one with only TLS 1.3, side by side.
// Everything is computed from the two real event streams (docs/events.md):
//   - flights: consecutive messages in one direction (handshake messages, ChangeCipherSpec and
//     the application data up to the decrypted response); a round trip is a server flight the
//     client had to wait for;
//   - clear or encrypted: the record that carried each message (`protected`, and in TLS 1.3 the
//     `inner_content_type` found after decryption). ChangeCipherSpec is counted apart: it is its
//     own record content type (20), not a handshake message (RFC 5246 §7.1, RFC 8446 §5);
//   - which secrets exist when: the `secret` events, in order, with their time `t`.
import { t, titleOf, getLang, apply, functionText } from './i18n.js';
import { h } from './dom.js';

/** The record that carried a message (the `records` its event names): for received ones the
 *  last of them, for sent ones the first. */
function carrier(recordBySeq, e) {
  const seqs = e.records ?? [];
  return recordBySeq.get(e.dir === 'in' ? seqs.at(-1) : seqs[0]) ?? null;
}

const ms = (v) => (v === undefined || v === null ? '' : (Math.round(v * 10) / 10).toFixed(1));

/**
 * Reduces one run's events to what the comparison shows.
 * → { version, suite, group, error, tcpT, helloT, completeT, responseT, firstEncryptedT,
 *     flights: [{dir, rows}], after: rows, rounds, handshakeRounds, clear, encrypted, ccs, secrets }
 * A row is {kind: 'message'|'data'|'secret'|'response'|'error', event, protected, inner}.
 */
export function analyse(events) {
  const out = {
    version: '', suite: '', group: '', error: null, tcpT: null, helloT: null, completeT: null,
    responseT: null, firstEncryptedT: null, flights: [], after: [], rounds: 0, handshakeRounds: 0,
    clear: 0, encrypted: 0, ccs: 0, secrets: 0,
  };
  let complete = false;
  let answered = false;
  let current = null;
  const push = (row) => {
    if (answered) { out.after.push(row); return; }
    // Secrets and the parsed response travel nowhere: they belong to the flight they came in.
    if (row.kind === 'secret' || !row.event.dir) {
      (current?.rows ?? out.after).push(row);
      return;
    }
    if (!current || current.dir !== row.event.dir) {
      current = { dir: row.event.dir, rows: [], t: row.event.t };
      out.flights.push(current);
    }
    current.rows.push(row);
  };
  const recordBySeq = new Map(events.filter((e) => e.type === 'record').map((r) => [r.seq, r]));
  events.forEach((e) => {
    switch (e.type) {
      case 'tcp': out.tcpT = e.t; break;
      case 'record':
        if (e.protected && out.firstEncryptedT === null) out.firstEncryptedT = e.t;
        break;
      case 'message': {
        if (e.step === 'client_hello' && out.helloT === null) out.helloT = e.t;
        const rec = carrier(recordBySeq, e);
        const row = { kind: 'message', event: e, protected: !!rec?.protected, inner: rec?.inner_content_type ?? '' };
        if (e.step === 'change_cipher_spec') out.ccs++;
        else if (!complete) { if (row.protected) out.encrypted++; else out.clear++; }
        push(row);
        break;
      }
      case 'application_data': {
        const rec = carrier(recordBySeq, e);
        push({ kind: 'data', event: e, protected: rec ? !!rec.protected : true, inner: rec?.inner_content_type ?? '' });
        break;
      }
      case 'secret':
        out.secrets++;
        push({ kind: 'secret', event: e });
        break;
      case 'handshake_complete':
        complete = true;
        out.completeT = e.t;
        out.version = e.version;
        out.suite = e.cipher_suite;
        out.group = e.group;
        out.handshakeRounds = out.flights.filter((f) => f.dir === 'in').length;
        break;
      case 'http_response':
        out.responseT = e.t;
        push({ kind: 'response', event: e });
        answered = true;
        break;
      case 'error': case 'relay_error':
        if (!out.error) out.error = e;
        out.after.push({ kind: 'error', event: e });
        break;
      default: break;
    }
  });
  out.rounds = out.flights.filter((f) => f.dir === 'in').length;
  return out;
}

function badge(row) {
  if (row.kind === 'secret' || row.kind === 'response' || row.kind === 'error') return null;
  const ignored = row.event.step === 'change_cipher_spec' && /ignored|middlebox/.test(row.event.summary?.note ?? '');
  const key = row.protected ? 'encrypted' : 'clear';
  return h('span', { class: 'badges' },
    h('span', { class: `badge ${row.protected ? 'enc' : 'clear'}`, 'data-i18n': key }, t(key)),
    ignored ? h('span', { class: 'ignored', 'data-i18n': 'ignored' }, t('ignored')) : null);
}

function rowElement(row) {
  const e = row.event;
  const attrs = {
    class: `row ${row.kind}`,
    'data-step': e.step,
    'data-kind': row.kind,
    'data-t': ms(e.t),
    'data-tip-of': e.step,
  };
  if (e.dir) attrs['data-dir'] = e.dir;
  if (row.kind !== 'secret' && row.kind !== 'response' && row.kind !== 'error') attrs['data-protected'] = String(row.protected);
  if (row.kind === 'secret') attrs['data-secret'] = e.name;
  let label;
  if (row.kind === 'secret') label = h('span', { class: 'title mono', translate: 'no' }, e.name);
  else if (row.kind === 'response') label = h('span', { class: 'title', translate: 'no' }, e.status_line);
  else if (row.kind === 'error') label = h('span', { class: 'title', translate: 'no' }, e.code);
  else label = titleOf(e.step);
  const detail = row.kind === 'secret' ? h('small', {}, functionText(e)) :
    row.kind === 'data' ? h('small', { class: 'mono', translate: 'no' }, (e.text ?? '').split('\r\n')[0].slice(0, 40)) :
      row.kind === 'error' ? h('small', {}, getLang() === 'zh' && e.message_zh ? e.message_zh : e.message) :
        row.kind === 'message' && row.inner && row.protected
          ? h('small', {}, h('span', { 'data-i18n': 'inner-type' }, t('inner-type')), ' ', h('code', { translate: 'no' }, row.inner)) : null;
  return h('li', attrs,
    h('span', { class: 'time' }, ms(e.t)),
    h('span', { class: 'dir' }, e.dir === 'out' ? '→' : e.dir === 'in' ? '←' : row.kind === 'secret' ? '◆' : '·'),
    h('span', { class: 'label' }, label, detail),
    badge(row));
}

function metric(key, value) {
  if (value === undefined || value === null || value === '') return null;
  return h('div', { class: 'metric', 'data-metric': key.replace(/^m\./, '') },
    h('dt', { 'data-i18n': key }, t(key)), h('dd', { translate: 'no' }, String(value)));
}

/** One column: the summary, then each flight with its messages and the secrets derived in it. */
export function renderColumn(version, events, state) {
  const a = analyse(events);
  const msText = (v) => (v === null ? null : t('ms', ms(v)));
  const col = h('section', {
    class: 'column', 'data-version': version, 'data-state': state,
    'data-flights': a.flights.length, 'data-round-trips': a.rounds, 'data-handshake-round-trips': a.handshakeRounds,
  });
  col.append(h('h3', {}, `TLS ${version}`, state === 'running' ? h('small', { 'data-i18n': 'running' }, t('running')) : null));
  col.append(h('dl', { class: 'summary' },
    metric('m.negotiated', a.version ? `${a.version} · ${a.suite} · ${a.group}` : ''),
    a.error ? metric('m.error', `${a.error.code}`) : null,
    metric('m.flights', a.flights.length),
    metric('m.round_trips', a.responseT !== null ? a.rounds : null),
    metric('m.handshake_round_trips', a.completeT !== null ? a.handshakeRounds : null),
    metric('m.clear', a.clear),
    metric('m.encrypted', a.encrypted),
    metric('m.ccs', a.ccs),
    metric('m.secrets', a.secrets),
    metric('m.tcp_ms', msText(a.tcpT)),
    metric('m.first_encrypted_ms', msText(a.firstEncryptedT)),
    metric('m.handshake_ms', a.completeT !== null && a.helloT !== null ? msText(a.completeT - a.helloT) : null),
    metric('m.response_ms', msText(a.responseT))));
  const flights = h('ol', { class: 'flights' });
  a.flights.forEach((f, n) => {
    flights.append(h('li', { class: 'flight', 'data-dir': f.dir, 'data-flight': n + 1 },
      h('div', { class: 'flight-head' },
        h('span', { 'data-i18n': 'flight', 'data-i18n-args': JSON.stringify([n + 1]) }, t('flight', n + 1)), ' · ',
        h('span', { 'data-i18n': f.dir === 'out' ? 'client-to-server' : 'server-to-client' },
          t(f.dir === 'out' ? 'client-to-server' : 'server-to-client')),
        h('span', { class: 'time' }, ms(f.t))),
      h('ol', { class: 'rows' }, f.rows.map(rowElement))));
  });
  if (a.after.length) {
    flights.append(h('li', { class: 'flight after', 'data-flight': 'after' },
      h('div', { class: 'flight-head' }, h('span', { 'data-i18n': 'after-handshake' }, t('after-handshake'))),
      h('ol', { class: 'rows' }, a.after.map(rowElement))));
  }
  col.append(flights);
  apply(col);  // hover explanations
  return { element: col, analysis: a };
}
