// Languages. Step titles and explanations come only from the engine's step table (steps() in
// tlsscope.js, engine/src/tables/steps.cpp): one source of truth for engine, CLI and page. This
// module fetches the page's own words (buttons, headings, status lines): web/en/i18n.js and
// web/zh/i18n.js, only the page's language (loadLang).
//
// Markup contract, so a language switch can relabel everything already on the page:
//   data-i18n="key"        → textContent = the page string `key` (data-i18n-args: JSON array)
//   data-title-of="step"   → textContent = that step's title
//   data-explain-of="step" → textContent = that step's explanation
//   data-tip-of="step"     → title attribute = that step's explanation (hover)
import { h } from './dom.js';

export const LANGS = ['en', 'zh'];
let lang = 'en';
let table = new Map();

// The words of every module with words, one table per language under the same keys: web/en/<module>.js
// and web/zh/<module>.js, each language gathered by its index.js. Only the page's language is
// fetched, so a first visit downloads one of them (docs/performance.md, issue 16).
const FETCH = { en: () => import('./en/index.js'), zh: () => import('./zh/index.js') };
const words = {};
const fetching = {};

/** Fetches the words of `next`; setLang(next) may follow once it resolves. */
export function loadLang(next) {
  if (!LANGS.includes(next)) return Promise.reject(new Error(`unknown language ${next}: use ${LANGS.join(' or ')}`));
  if (words[next]) return Promise.resolve();
  fetching[next] ??= FETCH[next]().then((m) => { words[next] = m; }, (err) => { fetching[next] = null; throw err; });
  return fetching[next];
}

/** The table of words `module` holds in language `lg`. Asking before loadLang(lg) resolved is a bug. */
export function wordsIn(lg, module) {
  if (!words[lg]) throw new Error(`the words of ${module}.js in ${lg} are not loaded: await loadLang('${lg}') first`);
  return words[lg][module];
}

/** The engine's step table: [{name, title_en, title_zh, explain_en, explain_zh}]. */
export function setStepTable(list) {
  table = new Map(list.map((s) => [s.name, s]));
  apply();
}

export const getLang = () => lang;

/** A page string in the current language, {0} {1} … replaced by args. */
export function t(key, ...args) {
  const s = wordsIn(lang, 'i18n')[key] ?? words.en?.i18n[key] ?? key;
  return s.replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ''));
}

export const stepTitle = (step) => table.get(step)?.[`title_${lang}`] ?? table.get(step)?.title_en ?? step;
export const stepExplain = (step) => table.get(step)?.[`explain_${lang}`] ?? table.get(step)?.explain_en ?? '';
export const hasStep = (step) => table.has(step);

/** A secret event's `function` in the page's language (the engine gives `function_zh`). */
export const functionText = (e) => (lang === 'zh' && e.function_zh ? e.function_zh : e.function ?? '');

/** Switches the language and relabels everything on the page that follows the markup contract.
 *  Synchronous: the words of `next` must be loaded (await loadLang(next)). The root's data-lang
 *  names the language the page is drawn in. */
export function setLang(next) {
  if (!LANGS.includes(next)) throw new Error(`unknown language ${next}: use ${LANGS.join(' or ')}`);
  wordsIn(next, 'i18n');  // throws before anything changes if the words are not there
  lang = next;
  const root = document.documentElement;
  root.lang = next === 'zh' ? 'zh-CN' : 'en';
  root.dataset.lang = next;
  document.title = t('page-title');
  apply();
}

export function apply(scope = document) {
  const all = (sel) => [...(scope.matches?.(sel) ? [scope] : []), ...scope.querySelectorAll(sel)];
  for (const el of all('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n, ...(el.dataset.i18nArgs ? JSON.parse(el.dataset.i18nArgs) : []));
  }
  for (const el of all('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  if (!table.size) return;
  for (const el of all('[data-title-of]')) el.textContent = stepTitle(el.dataset.titleOf);
  for (const el of all('[data-explain-of]')) el.textContent = stepExplain(el.dataset.explainOf);
  for (const el of all('[data-tip-of]')) el.title = stepExplain(el.dataset.tipOf);
}

/** A Chinese text from the engine with the names it holds marked as names (<code translate=no>):
 *  what it quotes (“O=…, CN=…”) and distinguished names written out (O=tlsscope demo, CN=…). */
const NAMES = /\u201c[^\u201d]*\u201d|\b(?:CN|OU|O|C|L|ST|DC)=[^,;\uff1b\uff0c\u3002]*(?:, (?:CN|OU|O|C|L|ST|DC)=[^,;\uff1b\uff0c\u3002]*)*/g;
export function withNames(text) {
  const out = [];
  let at = 0;
  for (const m of text.matchAll(NAMES)) {
    out.push(text.slice(at, m.index));
    const quoted = m[0].startsWith('\u201c');
    const name = h('code', { translate: 'no' }, quoted ? m[0].slice(1, -1) : m[0]);
    out.push(...(quoted ? ['\u201c', name, '\u201d'] : [name]));
    at = m.index + m[0].length;
  }
  out.push(text.slice(at));
  return out;
}

/** A step's title that follows language switches. */
export const titleOf = (step, tag = 'span', cls = 'title') =>
  h(tag, { class: cls, 'data-title-of': step }, stepTitle(step));
/** A step's explanation that follows language switches. */
export const explainOf = (step, tag = 'p', cls = 'explain') =>
  h(tag, { class: cls, 'data-explain-of': step }, stepExplain(step));
