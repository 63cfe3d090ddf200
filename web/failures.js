// Failure cards: when a connection fails, what went wrong, at which step (a link to it in the
// diagram), what it means, and what a browser would show. The texts come from the lessons
// table (web/lessons.js, LESSONS[code] = {en: {title, what, means, browser}, zh: …}); a code it
// does not know falls back to the error event's own sentences (message / message_zh, detail).
import { t, getLang, titleOf } from './i18n.js';
import { h } from './dom.js';
import { LESSONS } from './lessons.js';

const part = (cls, labelKey, text) => (text
  ? h('div', { class: `part ${cls}` }, h('h4', { 'data-i18n': labelKey }, t(labelKey)), h('p', {}, text))
  : null);

/** The engine's exact detail ("BearSSL: …", the bytes that did not parse …). In 中文: the
 *  event's detail_zh when the engine gives one; else the English, framed as the raw detail. */
function exactly(error, lang) {
  if (!error.detail) return null;
  if (lang === 'zh' && error.detail_zh) {
    return h('p', { class: 'detail' }, h('span', { 'data-i18n': 'card.detail' }, t('card.detail')), ' ', h('span', {}, error.detail_zh));
  }
  const key = lang === 'zh' ? 'card.detail-raw' : 'card.detail';
  return h('p', { class: 'detail' }, h('span', { 'data-i18n': key }, t(key)), ' ',
    h('code', { class: 'mono', translate: 'no', lang: 'en' }, error.detail));
}

/**
 * error: the `error` (engine/page) or `relay_error` event; at: the diagram item it happened at
 * ({id, step}: its deep link and step), or null when it happened before any.
 */
export function renderFailureCard(error, at) {
  const lang = getLang();
  const lesson = LESSONS[error.code]?.[lang] ?? null;
  const sentence = lang === 'zh' && error.message_zh ? error.message_zh : error.message;
  return h('section', { class: 'failure-card', 'data-code': error.code, role: 'alert' },
    h('h3', {},
      h('span', { 'data-i18n': 'failed' }, t('failed')), ' ',
      h('code', { class: 'code', translate: 'no' }, error.code)),
    lesson?.title ? h('p', { class: 'lesson-title' }, lesson.title) : null,
    part('what', 'card.what', lesson?.what ?? sentence),
    at ? h('p', { class: 'where' },
      h('span', { 'data-i18n': 'card.where' }, t('card.where')), ' ',
      h('a', { href: `#${at.id}`, class: 'step-link' }, titleOf(at.step))) : null,
    part('means', 'card.means', lesson?.means),
    part('browser', 'card.browser', lesson?.browser),
    exactly(error, lang),
    error.alert_sent ? h('p', { class: 'detail' },
      h('span', { 'data-i18n': 'card.alert-sent' }, t('card.alert-sent')), ' ',
      h('span', { class: 'mono', translate: 'no' }, typeof error.alert_sent === 'string' ? error.alert_sent : JSON.stringify(error.alert_sent))) : null);
}
