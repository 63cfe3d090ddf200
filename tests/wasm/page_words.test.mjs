// The page's own words (web/) in 中文: every page string of web/i18n.js exists in both
// languages, and no Chinese text anywhere in web/ holds an English sentence (retired terms are
// wasm.glossary's, from docs/glossary.md). Complements tests/browser/zh.test.mjs, which reads the rendered page;
// this one reads the sources, so a string no run happens to show is checked too. Needs only
// Node: no build, no network.
//
// "An English sentence" is the browser test's rule: three or more consecutive words of letters
// only, lower case after the first letter, separated by spaces or commas. Protocol names
// (ClientHello, server_name, TLS_RSA_*, SHA-256, x25519) are not such words, and a quoted literal
// with no Chinese in it ("master secret": a PRF label) is a name. A Chinese string is
// a string literal of web/*.js holding at least one Han character.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { PAGE_WORDS } from '../../web/i18n.js';

const top = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const HAN = /[\u4e00-\u9fff]/;
const SENTENCE = /\b[A-Za-z][a-z]+(?:['\u2019][a-z]+)?(?:[ ,]+[A-Za-z][a-z]+(?:['\u2019][a-z]+)?){2,}\b/;
/** Every string literal ('…', "…", `…`) of a JavaScript source that holds a Han character. */
function chineseStrings(source) {
  const out = [];
  for (const m of source.matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)) {
    if (HAN.test(m[0])) out.push({ text: m[0].slice(1, -1), line: source.slice(0, m.index).split('\n').length });
  }
  return out;
}

const webFiles = readdirSync(path.join(top, 'web')).filter((f) => f.endsWith('.js'));
const strings = webFiles.flatMap((f) => chineseStrings(readFileSync(path.join(top, 'web', f), 'utf8'))
  .map((s) => ({ ...s, where: `web/${f}:${s.line}` })));

test('web/i18n.js: every page string in both languages, the Chinese one in Chinese', () => {
  const en = Object.keys(PAGE_WORDS.en).sort();
  const zh = Object.keys(PAGE_WORDS.zh).sort();
  assert.deepEqual(zh, en, 'the same keys in both languages');
  for (const k of en) {
    const [e, z] = [PAGE_WORDS.en[k], PAGE_WORDS.zh[k]];
    // Strings that are only names or placeholders (TLS 1.2, the raw-detail label) may be equal.
    if (!SENTENCE.test(e)) continue;
    assert.ok(HAN.test(z), `${k}: the Chinese text has no Chinese: ${z}`);
  }
});

test('web/: the Chinese texts are found (the scan works)', () => {
  assert.ok(strings.length > 300, `${strings.length} Chinese strings in ${webFiles.length} files`);
  for (const f of ['i18n.js', 'lessons.js', 'secrets.js', 'hybrid.js', 'records.js'])
    assert.ok(strings.some((s) => s.where.startsWith(`web/${f}:`)), `Chinese strings in web/${f}`);
});

test('web/: no Chinese text holds an English sentence', () => {
  const unquoted = (text) => text.replace(/\$\{[^}]*\}/g, ' ').replace(/\\?"[^"\u4e00-\u9fff]*\\?"|\u201c[^\u201d\u4e00-\u9fff]*\u201d/g, ' ');
  const bad = strings.filter((s) => SENTENCE.test(unquoted(s.text)))
    .map((s) => `${s.where}: “${SENTENCE.exec(s.text)[0]}” in ${s.text.slice(0, 120)}`);
  assert.deepEqual(bad, []);
});
