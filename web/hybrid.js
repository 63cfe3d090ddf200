// Hybrid encryption, as one idea, at the end of the handshake, with this run's values: public-key
// cryptography agreed the keys (ECDHE: the group of this run) and proved the server's identity
// (the signature the client checked: ServerKeyExchange in TLS 1.2, CertificateVerify in TLS 1.3);
// symmetric AEAD (this run's suite) protects the data. The general idea, the contrast with RSA
// key transport and forward secrecy are the handshake_complete step's own text (steps.cpp).
// Every value comes from the run's own events (handshake_complete, the signature check, the
// first secret); the words are in both languages here (the step texts stay in the engine).
import { getLang, wordsIn } from './i18n.js';
import { h } from './dom.js';

const name = (v) => h('code', { translate: 'no' }, String(v));

/** The hybrid-encryption summary for a finished handshake, or null before one. */
export function renderHybrid(model) {
  const events = model.items.flatMap((it) => [it.event, ...it.attached]);
  const done = events.find((e) => e.type === 'handshake_complete');
  if (!done) return null;
  const tls13 = done.version === 'TLS 1.3';
  const sig = events.find((e) => e.type === 'check' && (e.step === 'server_key_exchange_signature' || e.step === 'certificate_verify'));
  const secret = events.find((e) => e.type === 'secret' && e.name === (tls13 ? 'shared_secret' : 'pre_master_secret'));
  const w = wordsIn(getLang(), 'hybrid');
  const mechanism = /mlkem/i.test(done.group ?? '') ? 'ECDHE + ML-KEM' : 'ECDHE';
  const item = (kind, ...parts) => h('li', { 'data-part': kind }, ...parts);
  return h('section', { class: 'hybrid', 'data-version': done.version },
    h('h3', {}, w.title),
    h('ul', {},
      item('agree', w.agree[0], name(`${mechanism} · ${done.group}`), (mechanism === 'ECDHE' ? w.agree : w.agreeKem)[1],
        tls13 ? w.secret13 : w.secret12,
        secret ? [w.value[0], name(secret.name), w.value[1], String(secret.length), w.value[2]] : w.stop),
      sig ? item('auth', w.auth[0], name(sig.scheme), w.auth[1], name(sig.key), w.auth[2], name(sig.certificate), w.auth[3],
        tls13 ? w.signed13 : w.signed12, w.auth[4]) : null,
      item('protect', w.protect[0], name(`${done.aead} · ${done.cipher_suite}`), w.protect[1])));
}
