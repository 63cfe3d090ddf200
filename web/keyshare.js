// Which key exchange this TLS 1.3 run used, and why, with its cost measured on the run: the
// client offers the post-quantum hybrid X25519MLKEM768 first (unless the page's control turns
// the offer off), with an X25519 share beside it. A server that speaks the hybrid uses it; one
// that does not (OpenSSL before 3.5, such as the embedded demo origin's 3.0, used where Node.js 26
// is missing) picks X25519 and the share already sent is used, with no extra round trip. The general explanation (what a KEM is, why
// hybrid, "harvest now, decrypt later") is the steps mlkem_shared_secret and
// hybrid_shared_secret in the engine's step table; this section says what happened on this run.
// Every number comes from the run's events (the hellos' field trees, handshake_complete).
//
// Markup contract: section.key-exchange[data-case=hybrid|fallback|retry|off], the sizes in
// [data-size=<what>], the time the engine took to make the ClientHello in [data-ms=client-hello].
import { getLang, wordsIn } from './i18n.js';
import { h } from './dom.js';

const HYBRID = 'X25519MLKEM768';
// What one TCP segment carries on an Ethernet path (MTU 1500) with TCP timestamps on: 1500 − 20
// (IPv4) − 20 (TCP) − 12 (timestamps option).
const SEGMENT = 1448;

/** Every field named `name` in a field tree, depth first. */
function fieldsNamed(fields, name, out = []) {
  for (const f of fields ?? []) {
    if (f.name === name) out.push(f);
    fieldsNamed(f.children, name, out);
  }
  return out;
}

const code = (v) => h('code', { translate: 'no' }, String(v));
const size = (what, n) => h('span', { 'data-size': what }, String(n));

/** The sizes of a hybrid key_share_entry in a hello: [total, ML-KEM part, X25519 part], or null. */
function hybridShare(hello, mlkemName) {
  const entry = fieldsNamed(hello?.fields, 'key_share_entry').find((f) => f.value === HYBRID);
  if (!entry) return null;
  const [kex] = fieldsNamed(entry.children, 'key_exchange');
  const [mlkem] = fieldsNamed(entry.children, mlkemName);
  const [x] = fieldsNamed(entry.children, 'x25519_public_key');
  return kex && mlkem && x ? [kex.length, mlkem.length, x.length] : null;
}

/** The key-exchange section for a finished TLS 1.3 handshake, or null. */
export function renderKeyExchange(model) {
  const events = model.items.flatMap((it) => [it.event, ...it.attached]);
  const done = events.find((e) => e.type === 'handshake_complete');
  if (!done || done.version !== 'TLS 1.3') return null;
  const hellos = events.filter((e) => e.type === 'message' && e.step === 'client_hello');
  const serverHello = events.filter((e) => e.type === 'message' && e.step === 'server_hello').at(-1);
  const first = hellos[0];
  const offered = fieldsNamed(first?.fields, 'named_group').some((f) => f.value === HYBRID) ||
    hellos.some((m) => hybridShare(m, 'mlkem_encapsulation_key'));
  const w = wordsIn(getLang(), 'keyshare');
  const kind = done.group === HYBRID ? 'hybrid' : !offered ? 'off' : done.hello_retry ? 'retry' : 'fallback';
  const text = w[kind];
  const lines = [];
  const client = hellos.map((m) => hybridShare(m, 'mlkem_encapsulation_key')).find(Boolean);
  if (client) {
    lines.push(h('li', {}, w.clientShare[0], size('client-share', client[0]), w.clientShare[1],
      size('encapsulation-key', client[1]), w.clientShare[2], size('client-x25519', client[2]), w.clientShare[3]));
  }
  const server = hybridShare(serverHello, 'mlkem_ciphertext');
  if (server) {
    lines.push(h('li', {}, w.serverShare[0], size('server-share', server[0]), w.serverShare[1],
      size('ciphertext', server[1]), w.serverShare[2], size('server-x25519', server[2]), w.serverShare[3]));
  }
  if (first) {
    const record = first.length + 5;
    lines.push(h('li', {}, w.hello[0], size('client-hello', first.length), w.hello[1], size('client-hello-record', record),
      w.hello[2], String(SEGMENT), w.hello[3], record > SEGMENT ? w.spans : record > 1200 ? w.fitsBarely : w.fits, w.hello[4]));
  }
  // The relay's tcp report says what one segment carries on the run's own connection (65483 on
  // loopback, so there the ClientHello fits whatever its size).
  const tcp = events.find((e) => e.type === 'tcp');
  if (first && Number.isInteger(tcp?.mss)) {
    const record = first.length + 5;
    lines.push(h('li', {}, w.segment[0], size('segment', tcp.mss), w.segment[1],
      record > tcp.mss ? w.spans : w.fits, w.segment[2]));
  }
  // The driver builds the ClientHello while the relay connects and stamps the time the engine
  // took (made_ms). Its key shares, most of that work, may have been made before Enter with the
  // tunnel opened ahead (summary.key_shares_made_ahead, shares_ahead_ms): then made_ms is the
  // rest. A transcript saved before made_ms has only each event's `t`: its ClientHello followed
  // the tcp report by that time.
  const ahead = first?.summary?.key_shares_made_ahead;
  const sharesAhead = ahead && typeof first.shares_ahead_ms === 'number';
  if (sharesAhead) {
    lines.push(h('li', {}, w.sharesAhead[0], String(ahead), w.sharesAhead[1],
      h('span', { 'data-ms': 'key-shares-ahead' }, first.shares_ahead_ms.toFixed(1)), w.sharesAhead[2]));
  }
  if (typeof first?.made_ms === 'number') {
    lines.push(h('li', {}, sharesAhead ? w.assembled : w.madeAhead[0],
      h('span', { 'data-ms': 'client-hello' }, first.made_ms.toFixed(1)), w.madeAhead[1]));
  } else if (first && typeof tcp?.t === 'number' && typeof first.t === 'number') {
    lines.push(h('li', {}, w.made[0], h('span', { 'data-ms': 'client-hello' }, (first.t - tcp.t).toFixed(1)), w.made[1]));
  }
  return h('section', { class: 'key-exchange', 'data-case': kind },
    h('h3', {}, w.title),
    h('p', {}, text[0], code(kind === 'hybrid' ? done.group : HYBRID), text[1],
      kind === 'hybrid' ? null : code(done.group), kind === 'hybrid' ? null : text[2]),
    h('p', {}, w.cost),
    h('ul', {}, lines));
}
