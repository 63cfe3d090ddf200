// The tutorial's words are complete: every error code the engine (engine/src/tables/errors.cpp)
// and the relay (relay/relay_error.cpp) can report has a failure-card lesson (web/lessons.js) in
// English and Chinese with every field; every step of the step table (engine/src/tables/steps.cpp)
// has an explanation in both languages and RFC references (web/rfc.js); every field name the
// engine puts in its field trees has RFC references; and every reference is well formed and
// links to the RFC Editor. The section numbers themselves were checked by a reader against the
// RFC texts (docs/review.md). The tables are read from the sources, so a new code, step or
// field without words fails here. Needs only Node: no build, no network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

import { LESSONS, LESSON_FIELDS, lessonFor } from '../../web/lessons.js';
import { RFC, rfcUrl, rfcLabel } from '../../web/rfc.js';

const top = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const read = (rel) => readFileSync(path.join(top, rel), 'utf8');
const HAN = /[\u4e00-\u9fff]/;

/** All matches of `re`'s first group, after checking that `entries` of them were expected. */
function namesIn(source, re, entryMarker, what) {
  const names = [...source.matchAll(re)].map((m) => m[1]);
  const entries = source.split(entryMarker).length - 1;
  assert.ok(names.length > 0, `no ${what} found: has the table's format changed?`);
  assert.equal(names.length, entries, `${entries} ${entryMarker} entries but ${names.length} ${what} parsed`);
  return names;
}

const engineCodes = namesIn(read('engine/src/tables/errors.cpp'),
  /ErrorInfo\{E::[a-z_0-9]+, "([A-Z_0-9]+)"/g, 'ErrorInfo{', 'engine error codes');
const relaySource = read('relay/relay_error.cpp');
const relayCodes = [...relaySource.matchAll(/return \{"([A-Z_0-9]+)", \d+, \d+\}/g)].map((m) => m[1]);

/** The step table as [name, explain_en, explain_zh], parsed from its string literals. */
const stepSource = read('engine/src/tables/steps.cpp');
const lit = '"((?:[^"\\\\]|\\\\.)*)"';
const steps = [...stepSource.matchAll(new RegExp(`StepInfo\\{${lit},\\s*${lit},\\s*${lit},\\s*${lit},\\s*${lit}\\}`, 'g'))]
  .map((m) => ({ name: m[1], title_en: m[2], title_zh: m[3], explain_en: m[4], explain_zh: m[5] }));

/** Every literal field name in the engine's field trees (field("name", …) and code-point lists). */
function engineFieldNames() {
  const names = new Set();
  const walk = (dir) => {
    for (const entry of readdirSync(dir)) {
      const file = path.join(dir, entry);
      if (statSync(file).isDirectory()) walk(file);
      else if (file.endsWith('.cpp') || file.endsWith('.hpp')) {
        const src = readFileSync(file, 'utf8');
        for (const m of src.matchAll(/\bfield\(\s*"([a-z_0-9]+)"/g)) names.add(m[1]);
        // code_point_list(r, node, "named_group", …) makes "named_group" items in "named_groups".
        for (const m of src.matchAll(/code_point_list\([^,]+,[^,]+,\s*"([a-z_0-9]+)"/g)) {
          names.add(m[1]);
          names.add(`${m[1]}s`);
        }
      }
    }
  };
  walk(path.join(top, 'engine/src'));
  return names;
}

test('the tables were found in the sources', () => {
  assert.ok(engineCodes.includes('CERT_EXPIRED') && engineCodes.includes('DNS_FAILED'), engineCodes.join(' '));
  assert.ok(relayCodes.includes('TARGET_FORBIDDEN') && relayCodes.includes('CONNECT_TIMEOUT'), relayCodes.join(' '));
  assert.equal(steps.length, stepSource.split('StepInfo{').length - 1, 'every StepInfo entry parsed');
  assert.ok(steps.some((s) => s.name === 'change_cipher_spec'));
});

test('every engine and relay error code has a lesson with every field in both languages', () => {
  const missing = [];
  for (const code of new Set([...engineCodes, ...relayCodes])) {
    for (const lang of ['en', 'zh']) {
      for (const field of LESSON_FIELDS) {
        const text = LESSONS[code]?.[lang]?.[field];
        if (typeof text !== 'string' || text.trim().length < (field === 'title' ? 2 : 8)) missing.push(`${code}.${lang}.${field}`);
        else if (lang === 'zh' && !HAN.test(text)) missing.push(`${code}.zh.${field} is not Chinese`);
      }
    }
  }
  assert.deepEqual(missing, []);
});

test('certificate lessons name the browsers\' own error codes', () => {
  assert.match(LESSONS.CERT_EXPIRED.en.browser, /NET::ERR_CERT_DATE_INVALID/);
  assert.match(LESSONS.CERT_AUTHORITY_INVALID.en.browser, /SEC_ERROR_UNKNOWN_ISSUER/);
  assert.match(LESSONS.CERT_NAME_INVALID.zh.browser, /NET::ERR_CERT_COMMON_NAME_INVALID/);
  assert.match(LESSONS.DNS_FAILED.en.browser, /ERR_NAME_NOT_RESOLVED/);
  assert.match(LESSONS.CONNECT_REFUSED.en.browser, /ERR_CONNECTION_REFUSED/);
  assert.match(LESSONS.DECODE_ERROR.en.browser, /ERR_SSL_PROTOCOL_ERROR/);
});

test('lessonFor falls back to the event\'s sentence for a code it does not know', () => {
  assert.equal(lessonFor('CERT_EXPIRED', 'zh'), LESSONS.CERT_EXPIRED.zh);
  assert.deepEqual(lessonFor('NO_SUCH_CODE', 'en', 'a sentence'),
    { title: 'NO_SUCH_CODE', what: 'a sentence', means: '', browser: '' });
});

test('every step has an explanation in both languages and RFC references', () => {
  const problems = [];
  for (const s of steps) {
    if (s.explain_en.length < 40) problems.push(`${s.name}: English explanation too short`);
    if (!HAN.test(s.explain_zh)) problems.push(`${s.name}: no Chinese explanation`);
    if (!Array.isArray(RFC[s.name]) || RFC[s.name].length === 0) problems.push(`${s.name}: no RFC reference`);
  }
  assert.deepEqual(problems, []);
});

test('every field name in the engine\'s field trees has RFC references', () => {
  const names = engineFieldNames();
  assert.ok(names.has('random') && names.has('verify_data') && names.has('named_groups'), [...names].join(' '));
  assert.deepEqual([...names].filter((n) => !RFC[n]?.length).sort(), []);
});

test('every RFC reference is well formed and links to its section', () => {
  const bad = [];
  for (const [key, refs] of Object.entries(RFC)) {
    for (const r of refs) {
      if (!Number.isInteger(r.rfc) || r.rfc < 700 || r.rfc > 9999) bad.push(`${key}: rfc ${r.rfc}`);
      if (typeof r.section !== 'string' || !/^(|[0-9]+(\.[0-9]+)*|[A-Z](\.[0-9]+)*)$/.test(r.section)) bad.push(`${key}: section ${r.section}`);
      if (typeof r.title !== 'string' || r.title.length < 2) bad.push(`${key}: title`);
    }
  }
  assert.deepEqual(bad, []);
  assert.equal(rfcUrl({ rfc: 5246, section: '7.4.1.2' }), 'https://www.rfc-editor.org/rfc/rfc5246#section-7.4.1.2');
  assert.equal(rfcUrl({ rfc: 8446, section: 'D.4' }), 'https://www.rfc-editor.org/rfc/rfc8446#appendix-D.4');
  assert.equal(rfcUrl({ rfc: 9850, section: '' }), 'https://www.rfc-editor.org/rfc/rfc9850');
  assert.equal(rfcLabel(RFC.finished[0]), 'RFC 5246 §7.4.9 Finished');
});
