// The certificate chain: each certificate the server sent (leaf first) with its subject, issuer,
// validity, key and names, and each check the client made on it (docs/events.md, the
// `certificate_chain` check: links[].checks — validity, name, is_ca, issuer_name, signature,
// trust_anchor), passed or failed, then the validator's verdict and the trusted root.
import { t, getLang, withNames } from './i18n.js';
import { h } from './dom.js';

const data = (v) => h('span', { class: 'mono', translate: 'no' }, String(v));

/** A check's detail in the page's language: the engine's detail_zh in 中文 (its notes table,
 *  engine/src/tables/notes.cpp); a detail without one is framed as the engine's raw English. */
function detailOf(c) {
  if (getLang() !== 'zh') return h('small', { class: 'mono', translate: 'no' }, c.detail);
  if (c.detail_zh) return h('small', { class: 'detail-zh' }, withNames(c.detail_zh));
  return h('small', {}, t('chk.raw'), h('code', { translate: 'no', lang: 'en' }, c.detail));
}

function row(key, value) {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) return null;
  return [h('dt', { 'data-i18n': key }, t(key)), h('dd', {}, data(Array.isArray(value) ? value.join(', ') : value))];
}

function checkItem(c) {
  const key = `chk.${c.check}`;
  return h('li', { class: 'check', 'data-check': c.check, 'data-ok': String(c.ok) },
    h('span', { class: `mark ${c.ok ? 'ok' : 'bad'}`, 'aria-hidden': 'true' }, c.ok ? '✓' : '✗'),
    h('span', { class: 'check-name', 'data-i18n': key }, t(key)), ' ',
    h('span', { class: 'verdict', 'data-i18n': c.ok ? 'passed' : 'failed-check' }, t(c.ok ? 'passed' : 'failed-check')),
    c.detail ? detailOf(c) : null);
}

function certCard(cert, index, link) {
  const roleKey = index === 0 ? 'cert.leaf' : cert.self_issued ? 'cert.root' : 'cert.issuer';
  const checks = link?.checks ?? [];
  const ok = checks.length ? checks.every((c) => c.ok) : undefined;
  return h('li', { class: 'cert', 'data-index': index, 'data-ok': ok === undefined ? undefined : String(ok) },
    h('div', { class: 'cert-head' },
      h('span', { class: 'role', 'data-i18n': roleKey }, t(roleKey)), ' ',
      h('b', { class: 'mono', translate: 'no' }, cert.subject)),
    h('dl', { class: 'kv' },
      row('cert.issuer-name', cert.issuer),
      row('cert.not_before', cert.not_before),
      row('cert.not_after', cert.not_after),
      row('cert.key', getLang() === 'zh' && cert.key_zh ? cert.key_zh : cert.key),
      row('cert.signature_algorithm', cert.signature_algorithm),
      row('cert.dns_names', cert.dns_names),
      row('cert.ip_addresses', cert.ip_addresses),
      row('cert.serial', cert.serial)),
    checks.length ? h('ul', { class: 'checks' }, checks.map(checkItem)) : null);
}

/**
 * certificates: the summaries from the certificate message (leaf first), or [] if unknown;
 * check: the `certificate_chain` check event, or null before the client checked.
 */
export function renderChain(certificates, check) {
  const links = check?.links ?? [];
  const certs = certificates.length ? certificates : links;
  const box = h('section', { class: 'chain', 'data-verdict': check ? (check.ok ? 'trusted' : 'rejected') : 'unchecked' },
    h('h3', { 'data-i18n': 'chain.title' }, t('chain.title')),
    h('ol', { class: 'certs' }, certs.map((c, i) => certCard(c, i, links.find((l) => l.index === i)))));
  if (check) {
    box.append(h('p', { class: `chain-verdict ${check.ok ? 'ok' : 'bad'}` },
      h('span', { 'data-i18n': check.ok ? 'chain.trusted' : 'chain.rejected' }, t(check.ok ? 'chain.trusted' : 'chain.rejected')), ' ',
      check.anchor ? data(check.anchor) : null,
      !check.ok && check.verdict ? data(getLang() === 'zh' && check.verdict_zh ? check.verdict_zh : check.verdict) : null),
    h('p', { class: 'chain-by' },
      h('span', { 'data-i18n': 'chain.validator', 'data-i18n-args': JSON.stringify([check.anchors ?? 0]) }, t('chain.validator', check.anchors ?? 0)), ' ',
      data(check.validator ?? '')));
  }
  return box;
}
