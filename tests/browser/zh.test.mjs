// The page in 中文 (?lang=zh) in headless Chromium, against the demo origin of a real
// tlsscope-server: a TLS 1.2 and a TLS 1.3 run, every step of each selected in turn (with its
// records opened), the tools (secrets, nonces, record layer, relay view, exports) and the
// comparison view — and nowhere a visible English sentence outside the names and the bytes.
//
// The rule ("an English sentence"): a text node, or a title / aria-label / placeholder, that
// holds three or more consecutive English words, a word being letters only, lower case after
// its first letter ("the", "Secret"), the words separated by spaces or commas. Protocol names
// are not words by this rule (ClientHello, server_name, ECDHE, TLS_AES_128_GCM_SHA256, x25519,
// SHA-256), and text inside what the page marks as a name or data is not read at all:
// <code>, <pre>, .hex, and anything under translate="no" (values, field names, RFC titles),
// nor a quoted literal with no Chinese in it ("master secret", “extended master secret”: the
// PRF's labels are byte strings the RFCs define, quoted as names).
// Hidden elements do not count; closed <details> are opened first so what they hold counts.
//
// With TLSSCOPE_UPDATE_SCREENSHOTS=1 it also writes docs/screenshots/zh-server-key-exchange.png
// and docs/screenshots/zh-master-secret.png (the two steps in 中文).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import path from 'node:path';
import { requireWebSetup, startTlsscopeServer, stop, env } from '../wasm/harness.mjs';
import { openPage, shots, chineseWordsFetched, wordsFetched } from './support.mjs';

requireWebSetup({ browser: true });

let server;
let browser;
let page;

before(async () => {
  server = await startTlsscopeServer();
  ({ browser, page } = await openPage(server, { query: '?lang=zh', viewport: { width: 1100, height: 900 } }));
});

after(async () => {
  await browser?.close();
  await stop(server?.proc);
});

/** Runs in the page: every visible English sentence, as {text, where}. */
function englishSentences() {
  const SENTENCE = /\b[A-Za-z][a-z]+(?:['\u2019][a-z]+)?(?:[ ,]+[A-Za-z][a-z]+(?:['\u2019][a-z]+)?){2,}\b/;
  const SKIP = 'code, pre, .hex, [translate="no"], script, style, noscript';
  const unquoted = (text) => text.replace(/"[^"\u4e00-\u9fff]*"|\u201c[^\u201d\u4e00-\u9fff]*\u201d/g, ' ');
  const found = [];
  const where = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      parts.unshift(e.id ? `#${e.id}` : `${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? `.${e.className.split(' ')[0]}` : ''}`);
    }
    return parts.join(' > ');
  };
  const visible = (el) => (el.checkVisibility ? el.checkVisibility() : el.offsetParent !== null) || el.tagName === 'OPTION';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest(SKIP) || !visible(el)) continue;
    const m = SENTENCE.exec(unquoted(n.data));
    if (m) found.push({ text: n.data.trim().slice(0, 160), match: m[0], where: where(el) });
  }
  for (const el of document.querySelectorAll('[title], [aria-label], [placeholder]')) {
    if (el.closest(SKIP)) continue;
    for (const attr of ['title', 'aria-label', 'placeholder']) {
      const v = el.getAttribute(attr);
      const m = v && SENTENCE.exec(unquoted(v));
      if (m) found.push({ text: `${attr}="${v.slice(0, 160)}"`, match: m[0], where: where(el) });
    }
  }
  return found;
}

const seen = new Map();  // text → where, over the whole test
async function collect(label) {
  for (const f of await page.evaluate(englishSentences)) {
    if (!seen.has(f.text)) seen.set(f.text, `${label}: ${f.where} — “${f.match}”`);
  }
}

/** Runs in the page: selects each step in turn, opens every closed <details> of the detail pane
 *  and the tools (a record builds its tree then), and collects what englishSentences finds. */
async function visitAll(ids) {
  const out = [];
  for (const id of ids) {
    window.tlsscope.select(id);
    for (const d of document.querySelectorAll('#detail details:not([open]), #tools details:not([open])')) {
      d.querySelector('summary')?.click();
      d.open = true;
    }
    await new Promise((r) => requestAnimationFrame(() => r()));
    out.push(...window.englishSentences().map((f) => ({ ...f, id })));
  }
  return out;
}

async function runAndVisit(version) {
  const url = `${server.demoOrigin}/`;
  const events = await page.evaluate(([u, v]) => window.tlsscope.run(u, { mode: 'live', version: v }), [url, version]);
  assert.equal(await page.getAttribute('html', 'data-state'), 'done', await page.textContent('#status'));
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.getAttribute('html', 'data-negotiated'), `TLS ${version}`);
  const ids = await page.$$eval('#steps [data-id]', (els) => els.map((el) => el.dataset.id));
  assert.ok(ids.length >= 10, `steps: ${ids.join(' ')}`);
  await page.evaluate(`window.englishSentences = ${englishSentences}`);
  for (const f of await page.evaluate(visitAll, ids)) {
    if (!seen.has(f.text)) seen.set(f.text, `TLS ${version} #${f.id}: ${f.where} — “${f.match}”`);
  }
  return { ids, events };
}

test('opened in 中文: its Chinese words fetched (web/zh/) and the page drawn with them from the start', async () => {
  const found = await chineseWordsFetched(page);
  assert.ok(found > 50, `${found} of the Chinese words in the scripts fetched`);
  // and none of the English ones (web/en/, fetched only for a page in English: docs/performance.md).
  assert.equal(await wordsFetched(page, 'en'), 0);
  assert.equal(await page.getAttribute('html', 'data-lang'), 'zh');
  assert.match(await page.title(), /[\u4e00-\u9fff]/);
  assert.match(await page.textContent('#status'), /[\u4e00-\u9fff]/);
});

test('TLS 1.2 in 中文: every step, its records and the tools hold no English sentence', async () => {
  const { ids, events } = await runAndVisit('1.2');
  assert.ok(ids.includes('server_key_exchange'), ids.join(' '));
  // The page's own teaching, in Chinese, with this run's values.
  await page.evaluate(() => window.tlsscope.select('handshake_complete'));
  const summary = await page.textContent('#detail .hybrid');
  assert.match(summary, /混合加密/);
  assert.match(summary, /预主密钥/);
  // The nonces: TLS 1.2 AES-GCM is salt (4 bytes, the write IV) + the record's explicit nonce.
  const nonces = await page.$$eval('#secrets-panel .nonces tr[data-nonce]', (rows) => rows.map((r) => r.dataset.nonce));
  assert.ok(nonces.length >= 2, 'a nonce per direction at least');
  const ivs = await page.$$eval('#secrets-panel [data-secret$="_write_iv"] .secret-value', (els) => els.map((e) => e.dataset.value));
  for (const n of nonces) assert.ok(ivs.some((iv) => n.startsWith(iv)) && n.length === 24, `${n} = salt + explicit nonce`);
  assert.equal(await page.getAttribute('#secrets-panel .nonces', 'data-construction'), 'salt+explicit');
  assert.ok(await opensWith(events, 'salt+explicit'), 'the nonce shown for the client\'s first protected record decrypts it');
  // The record layer: four content types, in this run's numbers.
  const types = await page.$$eval('#records-panel [data-content-type]', (rows) => rows.map((r) => r.dataset.contentType));
  assert.deepEqual(types, ['20', '21', '22', '23']);
  assert.equal(await page.textContent('#records-panel [data-content-type="20"] [data-dir="out"]'), '1', 'the client sent one ChangeCipherSpec');
  const facts = await page.$$eval('#records-panel .record-facts li', (els) => els.map((el) => `${el.dataset.fact}: ${el.textContent}`));
  console.log(`TLS 1.2 record layer, this run:\n  ${facts.join('\n  ')}`);
  const masterStep = await page.evaluate(() => {
    const node = [...document.querySelectorAll('#steps [data-id]')]
      .find((el) => el.dataset.step === 'master_secret' || [...el.querySelectorAll('small')].some((s) => s.textContent.split(' · ').includes('master_secret')));
    return node?.dataset.id ?? null;
  });
  assert.ok(masterStep, 'a step shows the master secret');
  if (process.env.TLSSCOPE_UPDATE_SCREENSHOTS) {
    await stepShot('server_key_exchange', 'zh-server-key-exchange.png');
    await stepShot(masterStep, 'zh-master-secret.png');
  }
});

test('TLS 1.3 in 中文: every step, its records and the tools hold no English sentence', async () => {
  const { events } = await runAndVisit('1.3');
  const nonces = await page.$$eval('#secrets-panel .nonces tr[data-nonce]', (rows) => rows.map((r) => ({ seq: Number(r.dataset.sequence), nonce: r.dataset.nonce })));
  assert.ok(nonces.length >= 2);
  for (const n of nonces) assert.equal(n.nonce.length, 24, '12-byte nonce');
  assert.equal(await page.getAttribute('#secrets-panel .nonces', 'data-construction'), 'iv-xor-sequence');
  assert.ok(await opensWith(events, 'iv-xor-sequence'), 'the nonce shown for the client\'s first protected record decrypts it');
  assert.match(await page.textContent('#records-panel .inner-types'), /application_data/);
  await page.evaluate(() => window.tlsscope.select('handshake_complete'));
  assert.match(await page.textContent('#detail .hybrid'), /共享秘密值/);
});

test('the comparison in 中文: ChangeCipherSpec is not counted as a handshake message', async () => {
  await page.evaluate((u) => window.tlsscope.run(u, { mode: 'compare' }), `${server.demoOrigin}/`);
  const col = (v) => `[data-view="compare"] [data-version="${v}"]`;
  const metric = (v, m) => page.textContent(`${col(v)} [data-metric="${m}"] dd`);
  // TLS 1.2 in clear: ClientHello, ServerHello, Certificate, ServerKeyExchange, ServerHelloDone,
  // ClientKeyExchange; ChangeCipherSpec (one each way) is its own content type.
  assert.equal(await metric('1.2', 'clear'), '6');
  assert.equal(await metric('1.2', 'ccs'), '2');
  assert.equal(await metric('1.3', 'clear'), '2');
  await collect('comparison');
});

test('the in-browser server in 中文: no DNS lookup and no TCP handshake narrated, no English sentence', async () => {
  await page.evaluate(() => window.tlsscope.runInPage({ version: '1.2' }));
  assert.equal(await page.getAttribute('html', 'data-state'), 'done', await page.textContent('#status'));
  // The setup steps say there was none, in the page's words, not the step table's DNS and TCP lessons.
  const setup = await page.$$eval('#steps [data-lane="relay-server"]', (els) => els.map((el) => ({
    step: el.dataset.step, title: el.querySelector('.label').textContent })));
  assert.deepEqual(setup.map((s) => s.step), ['dns', 'tcp', 'closed']);
  assert.deepEqual(setup.map((s) => s.title.trim()), ['没有域名解析', '没有 TCP 连接', '浏览器内的服务器结束了']);
  await page.evaluate(() => window.tlsscope.select('tcp'));
  assert.match(await page.textContent('#detail .explain'), /这次没有/);
  const ids = await page.$$eval('#steps [data-id]', (els) => els.map((el) => el.dataset.id));
  for (const f of await page.evaluate(visitAll, ids)) {
    if (!seen.has(f.text)) seen.set(f.text, `in-browser #${f.id}: ${f.where} — “${f.match}”`);
  }
});

test('no English sentence anywhere it looked', () => {
  const list = [...seen].map(([text, at]) => `  ${at}\n    ${text}`);
  if (list.length) console.log(`English sentences in 中文 mode (${list.length}):\n${list.join('\n')}`);
  assert.equal(list.length, 0, `${list.length} English sentences in 中文 mode (listed above)`);
});

/**
 * Whether the nonce the page shows for the client's first protected record (sequence 0, under
 * the first client write key) opens that record with Node's AES-GCM: the page's nonce is the
 * one the engine used. AAD: TLS 1.2, seq_num + type + version + plaintext length (RFC 5246
 * §6.2.3.3); TLS 1.3, the record header (RFC 8446 §5.2).
 */
async function opensWith(events, construction) {
  const shown = await page.$eval('#secrets-panel .nonces tr[data-dir="out"][data-sequence="0"]', (r) => r.dataset.nonce);
  const record = events.find((e) => e.type === 'record' && e.dir === 'out' && e.protected && e.sequence === 0);
  const key = events.find((e) => e.type === 'secret' && e.name === 'client_write_key');
  const aead = events.find((e) => e.type === 'handshake_complete')?.aead ?? '';
  if (!/GCM/i.test(aead)) throw new Error(`the demo origin chose ${aead}: this check needs AES-GCM`);
  const bytes = Buffer.from(record.bytes, 'hex');
  const header = bytes.subarray(0, 5);
  let body = bytes.subarray(5);
  let aad = header;
  if (construction === 'salt+explicit') {
    body = body.subarray(8);
    const len = Buffer.alloc(2);
    len.writeUInt16BE(body.length - 16);
    aad = Buffer.concat([Buffer.alloc(8), header.subarray(0, 3), len]);
  }
  const decipher = crypto.createDecipheriv(`aes-${key.length * 8}-gcm`, Buffer.from(key.value, 'hex'), Buffer.from(shown, 'hex'));
  decipher.setAAD(aad);
  decipher.setAuthTag(body.subarray(body.length - 16));
  decipher.update(body.subarray(0, body.length - 16));
  try { decipher.final(); return true; } catch { return false; }
}

/** A screenshot of the detail pane for one step, to docs/screenshots (and the test folder). */
async function stepShot(id, docsName) {
  await page.evaluate((x) => window.tlsscope.select(x), id);
  await page.evaluate(() => { for (const d of document.querySelectorAll('#detail details[open]')) d.open = false; });
  await page.setViewportSize({ width: 900, height: 900 });
  const box = page.locator('#detail');
  await box.scrollIntoViewIfNeeded();
  await box.screenshot({ path: path.join(env.top, 'docs/screenshots', docsName) });
  await box.screenshot({ path: path.join(shots, docsName) });
  await page.setViewportSize({ width: 1100, height: 900 });
}
