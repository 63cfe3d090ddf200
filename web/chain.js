// The certificate chain: each certificate the server sent (leaf first) with its subject, issuer,
// validity, key and names, and each check the client made on it (docs/events.md, the
// `certificate_chain` check: links[].checks — validity, name, is_ca, issuer_name, signature,
// trust_anchor), passed or failed, then the validator's verdict and the trusted root.
import { h, t, getLang } from './i18n.js';

const data = (v) => h('span', { class: 'mono', translate: 'no' }, String(v));

// The engine's check details (engine/src/x509/chain.cpp) in Chinese: one row per shape it
// writes, {n} being the n-th captured value (a date, a name, a key), shown as a value.
const DETAIL_ZH = [
  [/^valid from (.+) to (.+); now is (.+)$/, '有效期从 {1} 到 {2}；现在是 {3}'],
  [/^(\S+) matches (.+)$/, '{1} 与证书中的名称 {2} 相符'],
  [/^(\S+) is not among the names this certificate covers$/, '{1} 不在这张证书覆盖的名称之中'],
  [/^basicConstraints says this is a CA$/, '它的 basicConstraints 扩展表明它是证书颁发机构（CA）'],
  [/^basicConstraints does not allow it to sign certificates$/, '它的 basicConstraints 扩展不允许它为别的证书签名'],
  [/^issuer "(.+)" vs next subject "(.+)"$/, '签发者 {1}，下一张证书的主体 {2}'],
  [/^issuer "(.+)" is a trusted root$/, '签发者 {1} 是受信任的根证书'],
  [/^issuer "(.+)" is not among the (\d+) trusted roots$/, '签发者 {1} 不在 {2} 个受信任的根证书之中'],
  [/^(\S+) by the root's (.+)$/, '{1}，由根证书的密钥 {2} 签名'],
  [/^(\S+) by (.+) of "(.+)"$/, '{1}，由 {3} 的密钥 {2} 签名'],
];

/** A check's detail in the page's language: Chinese words around the values (as values), or in
 *  中文 a shape this table does not know, framed as the engine's raw English. */
function detailOf(c) {
  if (getLang() !== 'zh') return h('small', { class: 'mono', translate: 'no' }, c.detail);
  if (c.detail_zh) return h('small', {}, c.detail_zh);
  for (const [re, zh] of DETAIL_ZH) {
    const m = re.exec(c.detail);
    if (!m) continue;
    return h('small', { class: 'detail-zh' },
      zh.split(/(\{\d\})/).map((part) => (/^\{\d\}$/.test(part) ? data(m[Number(part[1])]) : part)));
  }
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
      row('cert.key', cert.key),
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
      !check.ok && check.verdict ? data(check.verdict) : null),
    h('p', { class: 'chain-by' },
      h('span', { 'data-i18n': 'chain.validator', 'data-i18n-args': JSON.stringify([check.anchors ?? 0]) }, t('chain.validator', check.anchors ?? 0)), ' ',
      data(check.validator ?? '')));
  }
  return box;
}
