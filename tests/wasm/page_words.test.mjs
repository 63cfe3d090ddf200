// The page's own words (web/) in 中文: every English string of a module's words (web/en/i18n.js,
// web/en/secrets.js, …, gathered by web/en/index.js) has its Chinese one, under the same key, in
// web/zh/<module>.js, the only place the Chinese lives (fetched only for a page in 中文);
// and no Chinese text anywhere in web/ holds an English sentence (retired terms are
// wasm.glossary's, from docs/glossary.md). Complements tests/browser/zh.test.mjs, which reads the
// rendered page; this one reads the sources, so a string no run happens to show is checked too.
// Needs only Node: no build, no network.
//
// "An English sentence" is the browser test's rule: three or more consecutive words of letters
// only, lower case after the first letter, separated by spaces or commas. Protocol names
// (ClientHello, server_name, TLS_RSA_*, SHA-256, x25519) are not such words, and a quoted literal
// with no Chinese in it ("master secret": a PRF label) is a name. A Chinese string is
// a string literal of web/**/*.js holding at least one Han character.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import * as EN from '../../web/en/index.js';
import * as ZH from '../../web/zh/index.js';

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

const webFiles = readdirSync(path.join(top, 'web'), { recursive: true }).filter((f) => f.endsWith('.js'));
const sourceOf = (f) => readFileSync(path.join(top, 'web', f), 'utf8');
const strings = webFiles.flatMap((f) => chineseStrings(sourceOf(f)).map((s) => ({ ...s, where: `web/${f}:${s.line}` })));

/** What differs between an English table and its Chinese twin, recursively: a missing key or
 *  piece, a sentence left in English, a {n} placeholder or a function's argument dropped. */
function differences(en, zh, where, out = []) {
  if (typeof en === 'string') {
    if (typeof zh !== 'string') out.push(`${where}: no Chinese string`);
    else if (SENTENCE.test(en) && !HAN.test(zh)) out.push(`${where}: the Chinese text has no Chinese: ${zh}`);
    else for (const p of en.match(/\{\d\}/g) ?? []) if (!zh.includes(p)) out.push(`${where}: ${p} is not in the Chinese text`);
  } else if (Array.isArray(en)) {
    if (!Array.isArray(zh) || zh.length !== en.length) out.push(`${where}: ${en.length} pieces in English, ${zh?.length} in Chinese`);
    // Pieces between values (the order of the words between them may differ): read as one text.
    else if (en.every((e) => typeof e === 'string')) differences(en.join('…'), zh.join('…'), `${where}[]`, out);
    else en.forEach((e, i) => differences(e, zh[i], `${where}[${i}]`, out));
  } else if (typeof en === 'function') {
    if (typeof zh !== 'function' || zh.length !== en.length) out.push(`${where}: a function of ${en.length} arguments in English, not in Chinese`);
    else {
      // Called with marked arguments (each must show in both texts) and with none (the fallbacks).
      const args = Array.from({ length: en.length }, (_, i) => `ARG${i}`);
      for (const a of args) if (en(...args).includes(a) && !zh(...args).includes(a)) out.push(`${where}: the Chinese text drops ${a}`);
      differences(en(...args), zh(...args), `${where}(…)`, out);
      differences(en(), zh(), `${where}()`, out);
    }
  } else {
    const [ek, zk] = [Object.keys(en).sort(), Object.keys(zh ?? {}).sort()];
    for (const k of ek) if (!zk.includes(k)) out.push(`${where}.${k}: no Chinese`);
    for (const k of zk) if (!ek.includes(k)) out.push(`${where}.${k}: Chinese with no English`);
    for (const k of ek) if (zk.includes(k)) differences(en[k], zh[k], `${where}.${k}`, out);
  }
  return out;
}

test('web/zh/: every English string of every module with words has its Chinese one', async () => {
  const modules = Object.keys(ZH).sort();
  for (const must of ['i18n', 'secrets', 'keyshare', 'hybrid', 'records'])
    assert.ok(modules.includes(must), `web/zh/index.js has no words for ${must}.js`);
  assert.deepEqual(Object.keys(EN).sort(), modules, 'web/en/index.js and web/zh/index.js gather the same modules');
  const found = [];
  for (const name of modules) {
    assert.ok(EN[name] && typeof EN[name] === 'object', `web/en/${name}.js exports no table`);
    differences(EN[name], ZH[name], name, found);
  }
  assert.deepEqual(found, []);
});

test('web/: a module whose words have a web/zh/ twin holds no Chinese of its own', () => {
  // Else an English visit would download it again (docs/performance.md, issue 16).
  const stray = Object.keys(ZH).flatMap((name) => chineseStrings(sourceOf(`${name}.js`))
    .map((s) => `web/${name}.js:${s.line}: ${s.text.slice(0, 60)}`));
  assert.deepEqual(stray, []);
});

test('web/: the Chinese texts are found (the scan works)', () => {
  assert.ok(strings.length > 300, `${strings.length} Chinese strings in ${webFiles.length} files`);
  for (const f of ['zh/i18n.js', 'lessons.js', 'zh/secrets.js', 'zh/hybrid.js', 'zh/records.js'])
    assert.ok(strings.some((s) => s.where.startsWith(`web/${f}:`)), `Chinese strings in web/${f}`);
});

test('web/: no Chinese text holds an English sentence', () => {
  const unquoted = (text) => text.replace(/\$\{[^}]*\}/g, ' ').replace(/\\?"[^"\u4e00-\u9fff]*\\?"|\u201c[^\u201d\u4e00-\u9fff]*\u201d/g, ' ');
  const bad = strings.filter((s) => SENTENCE.test(unquoted(s.text)))
    .map((s) => `${s.where}: “${SENTENCE.exec(s.text)[0]}” in ${s.text.slice(0, 120)}`);
  assert.deepEqual(bad, []);
});
