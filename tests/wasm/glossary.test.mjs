// One glossary for every learner's text (docs/glossary.md): no text of the engine's tables
// (steps, notes, errors, and the other tables in engine/src/tables/), the CLI's words
// (engine/cli/) or the page (web/*.js, its Chinese words in web/zh/*.js) uses a term the glossary retired — e.g. 密钥计划 for
// the key schedule, or 握手密钥 where the Handshake Secret (握手秘密值) is meant. The retired
// patterns are read from the glossary's own table, so a new retired term is checked as soon as
// it is written down. Needs only Node: no build, no network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const top = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const read = (rel) => readFileSync(path.join(top, rel), 'utf8');

/** The "Retired terms" table of docs/glossary.md: [{pattern, instead}]. */
function retiredTerms() {
  const doc = read('docs/glossary.md');
  const start = doc.indexOf('## Retired terms');
  assert.ok(start >= 0, 'docs/glossary.md has no "Retired terms" section');
  const rows = [];
  for (const line of doc.slice(start).split('\n')) {
    const m = /^\| `([^`]+)` \| ([^|]+) \|/.exec(line);
    if (m) rows.push({ source: m[1], pattern: new RegExp(m[1], 'g'), instead: m[2].trim() });
  }
  return rows;
}

/** Every file whose text a learner reads, relative to the top of the repository. */
function learnerTexts() {
  const inDir = (dir, ext) => readdirSync(path.join(top, dir)).filter((f) => f.endsWith(ext)).map((f) => `${dir}/${f}`);
  return [...inDir('engine/src/tables', '.cpp'), ...inDir('engine/cli', '.cpp'), ...inDir('web', '.js'),
    ...inDir('web/zh', '.js'), 'engine/src/x509/chain.cpp'];
}

test('the glossary lists retired terms and the texts were found', () => {
  const terms = retiredTerms();
  assert.ok(terms.length >= 10, `only ${terms.length} retired terms parsed: has the table's format changed?`);
  const sources = terms.map((t) => t.source);
  for (const must of ['密钥计划', '握手密钥']) assert.ok(sources.includes(must), `${must} is not retired`);
  const files = learnerTexts();
  for (const must of ['engine/src/tables/steps.cpp', 'engine/src/tables/notes.cpp', 'web/zh/i18n.js', 'web/zh/secrets.js', 'web/lessons.js'])
    assert.ok(files.includes(must), `${must} is not checked`);
});

test('the retired patterns catch what they retire and spare what is right', () => {
  const hits = (text) => retiredTerms().filter((t) => new RegExp(t.source).test(text)).map((t) => t.source);
  assert.deepEqual(hits('TLS 1.3 的密钥计划'), ['密钥计划']);
  assert.deepEqual(hits('由握手密钥派生'), ['握手密钥']);
  assert.deepEqual(hits('ECDHE 共享秘密'), ['共享秘密(?!值)']);
  assert.deepEqual(hits('ECDHE 共享秘密值、预共享密钥、握手秘密值、握手流量密钥、主密钥、预主密钥'), []);
});

test('no learner-facing text uses a retired term', () => {
  const terms = retiredTerms();
  const found = [];
  for (const file of learnerTexts()) {
    const lines = read(file).split('\n');
    lines.forEach((line, i) => {
      for (const t of terms) {
        for (const m of line.matchAll(t.pattern)) found.push(`${file}:${i + 1}: "${m[0]}" → ${t.instead}`);
      }
    });
  }
  assert.deepEqual(found, []);
});
