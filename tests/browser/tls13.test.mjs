// TLS 1.3 in the page, in headless Chromium against a real tlsscope-server and its demo origin
// (which speaks 1.2 and 1.3) and an `openssl s_server -tls1_2`: the version switch forcing 1.3, the language switch relabelling
// every step from the engine's step table, and the comparison view (1.2 then 1.3, side by side).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { requireWebSetup, makePki, startSServer, startTlsscopeServer, stop, read } from '../wasm/harness.mjs';
import { HANDSHAKE_12, HANDSHAKE_13, openPage, stepPositions, shot, stepTable, switchLang } from './support.mjs';

requireWebSetup({ browser: true });

let server;
let only12;  // openssl s_server -tls1_2: the comparison's 1.3 run must fail, and show it
let pki;
let browser;
let page;
let table;  // the engine's step table, as the page gets it

before(async () => {
  pki = makePki();
  only12 = await startSServer(pki, 'rsa-leaf', { extra: ['-tls1_2'] });
  server = await startTlsscopeServer(['--allow', `127.0.0.1:${only12.port}`]);
  ({ browser, page } = await openPage(server));
  table = await stepTable(page);
});

after(async () => {
  await browser?.close();
  await stop(server?.proc);
  await stop(only12?.proc);
});

const settled = () => page.waitForSelector('html[data-state="done"], html[data-state="failed"]', { timeout: 20000 });

function assertInOrder(positions, names, where) {
  positions.forEach((p, i) => assert.ok(p >= 0, `${where}: a [data-step="${names[i]}"] element`));
  assert.deepEqual(positions, [...positions].sort((a, b) => a - b), `${where}: ${names.join(' < ')}`);
}

test('version switch on TLS 1.3, Enter: every 1.3 step in order, encrypted after ServerHello, HTTP 200', async () => {
  await page.fill('#url', server.demoOrigin + '/');
  await page.selectOption('#version', '1.3');
  const t0 = Date.now();
  await page.press('#url', 'Enter');
  await settled();
  const wall = Date.now() - t0;
  await shot(page, 'demo-origin-tls13.png');
  assert.equal(await page.getAttribute('html', 'data-state'), 'done', await page.textContent('#status'));
  assert.equal(await page.getAttribute('html', 'data-negotiated'), 'TLS 1.3');
  assertInOrder(await stepPositions(page, '#steps', HANDSHAKE_13), HANDSHAKE_13, '#steps');
  // None of TLS 1.2's own messages.
  for (const s of ['server_key_exchange', 'server_hello_done', 'client_key_exchange'])
    assert.equal(await page.locator(`#steps [data-step="${s}"]`).count(), 0, s);
  // ServerHello came in a clear record; the messages after it in encrypted ones.
  const records = await page.evaluate(() => [...document.querySelectorAll('#steps [data-kind="message"][data-dir="in"]')]
    .map((li) => li.dataset.protected));
  assert.equal(records[0], 'false');
  assert.ok(records.includes('true'));
  assert.match(await page.textContent('#response-head'), /^HTTP\/1\.1 200 OK/);
  assert.equal(await page.getAttribute('#response', 'data-status'), '200');
  // The step's title (in the diagram) and explanation (in the detail, once selected) come from
  // the engine's table.
  const ee = page.locator('#steps [data-step="encrypted_extensions"]').first();
  assert.equal(await ee.locator('[data-title-of]').textContent(), table.get('encrypted_extensions').title_en);
  await page.evaluate(() => window.tlsscope.select('encrypted_extensions'));
  assert.equal(await page.textContent('#detail .explain'), table.get('encrypted_extensions').explain_en);
  const ms = Number(await page.getAttribute('html', 'data-response-ms'));
  console.log(`TLS 1.3, Enter → decrypted response: ${ms.toFixed(0)} ms in the page (${wall} ms wall)`);
});

test('language switch: every step title and explanation turns Chinese, and back', async () => {
  await switchLang(page, 'zh');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await shot(page, 'demo-origin-tls13-zh.png');
  const explainZh = table.get('encrypted_extensions').explain_zh;
  assert.ok(/[\u4e00-\u9fff]/.test(explainZh), 'the table has a Chinese explanation');
  assert.equal(await page.textContent('#detail .explain'), explainZh);
  // Every title and explanation on the page, not just one.
  const wrong = await page.evaluate(([tbl]) => {
    const m = new Map(tbl);
    const bad = [];
    for (const el of document.querySelectorAll('[data-title-of]'))
      if (el.textContent !== m.get(el.dataset.titleOf)?.title_zh) bad.push(`title ${el.dataset.titleOf}`);
    for (const el of document.querySelectorAll('[data-explain-of]'))
      if (el.textContent !== m.get(el.dataset.explainOf)?.explain_zh) bad.push(`explain ${el.dataset.explainOf}`);
    for (const el of document.querySelectorAll('#steps [data-step]'))
      if (el.title !== m.get(el.dataset.step)?.explain_zh) bad.push(`tooltip ${el.dataset.step}`);
    return bad;
  }, [[...table]]);
  assert.deepEqual(wrong, []);
  // Each handshake step selected in turn explains itself in Chinese.
  for (const step of HANDSHAKE_13) {
    await page.evaluate((s) => window.tlsscope.select(s), step);
    assert.equal(await page.textContent('#detail .explain'), table.get(step).explain_zh, step);
  }
  assert.equal(await page.textContent('#connect'), '连接');
  assert.match(await page.textContent('#status'), /^完成/);
  await switchLang(page, 'en');
  assert.equal(await page.textContent('#detail .explain'), table.get('finished').explain_en);
  assert.equal(await page.textContent('#connect'), 'Connect');
});

/** The groups of the key_share entries in the first ClientHello of `events`. */
function keyShareGroups(events) {
  const hello = events.find((e) => e.type === 'message' && e.step === 'client_hello');
  const out = [];
  const walk = (fields) => (fields ?? []).forEach((f) => {
    if (f.name === 'key_share_entry') out.push(f.children.find((c) => c.name === 'group')?.note);
    walk(f.children);
  });
  walk(hello?.fields);
  return out;
}

/** The sizes of the two halves of a hybrid key_share_entry in a hello's field tree. */
function hybridHalves(events, step) {
  const hello = events.filter((e) => e.type === 'message' && e.step === step).at(-1);
  const found = {};
  const walk = (fields) => (fields ?? []).forEach((f) => {
    if (['key_exchange', 'mlkem_encapsulation_key', 'mlkem_ciphertext', 'x25519_public_key'].includes(f.name) && !(f.name in found))
      found[f.name] = f.length;
    walk(f.children);
  });
  const entry = [];
  const find = (fields) => (fields ?? []).forEach((f) => {
    if (f.name === 'key_share_entry' && f.value === 'X25519MLKEM768') entry.push(f);
    find(f.children);
  });
  find(hello?.fields);
  walk(entry[0]?.children);
  return found;
}

// The demo origin's main port is Node.js 26's OpenSSL 3.5 (relay/demo_origin.mjs): the default
// run negotiates X25519MLKEM768, shows the two halves of each share, the ClientHello at the
// edge of one TCP segment (against Ethernet's and against this connection's own), and the
// hybrid shared secret with both inputs, in English and 中文; unticked, the control takes the hybrid out of the ClientHello (pq=0 in the address) and
// the classical run shows beside it.
test('X25519MLKEM768 with the demo origin, in English and 中文, then the classical run with pq=0', async () => {
  const url = server.demoOrigin + '/';
  const keyExchange = async () => {
    await page.evaluate(() => window.tlsscope.select('server_hello'));
    return page.locator('#detail section.key-exchange');
  };

  assert.equal(await page.isChecked('#pq'), true, 'the hybrid is offered by default');
  // As when the learner focuses the address field: a tunnel opened ahead, key shares made with it.
  assert.equal(await page.evaluate(() => window.tlsscope.tunnelAhead()), true);
  let events = await page.evaluate((u) => window.tlsscope.run(u, { mode: 'live', version: '1.3' }), url);
  assert.deepEqual(keyShareGroups(events), ['0x11ec', '0x001d']);
  const done = events.find((e) => e.type === 'handshake_complete');
  assert.equal(done.group, 'X25519MLKEM768', 'Node 26\'s OpenSSL 3.5 took the hybrid');
  assert.equal(done.hello_retry, false);
  // The shares in the field trees: ML-KEM-768 first, X25519 second (draft-ietf-tls-ecdhe-mlkem).
  assert.deepEqual(hybridHalves(events, 'client_hello'), { key_exchange: 1216, mlkem_encapsulation_key: 1184, x25519_public_key: 32 });
  assert.deepEqual(hybridHalves(events, 'server_hello'), { key_exchange: 1120, mlkem_ciphertext: 1088, x25519_public_key: 32 });
  const body = events.filter((e) => e.type === 'application_data' && e.dir === 'in').map((e) => e.text).join('');
  assert.match(body, /key exchange group X25519MLKEM768/, 'the origin\'s page names the group too');
  await shot(page, 'demo-origin-x25519mlkem768.png');

  let section = await keyExchange();
  assert.equal(await section.getAttribute('data-case'), 'hybrid');
  const sizes = async () => Object.fromEntries(await section.locator('[data-size]').evaluateAll(
    (els) => els.map((el) => [el.dataset.size, Number(el.textContent)])));
  const measured = await sizes();
  assert.deepEqual([measured['client-share'], measured['encapsulation-key'], measured['client-x25519']], [1216, 1184, 32]);
  assert.deepEqual([measured['server-share'], measured.ciphertext, measured['server-x25519']], [1120, 1088, 32]);
  const hello = events.find((e) => e.type === 'message' && e.step === 'client_hello');
  assert.equal(measured['client-hello'], hello.length);
  // This engine's hybrid ClientHello is about 1,420 bytes: over the 1,200 a classical one stays
  // under, at the edge of one Ethernet segment (1448), beyond one on a smaller MTU.
  const record = measured['client-hello-record'];
  assert.ok(record > 1200, `the ClientHello record (${record} bytes) is no longer small`);
  const ethernet = record > 1448 ? /it takes more than one segment there/ : /fits in one segment there, barely, and not on paths with a smaller MTU/;
  assert.match(await section.textContent(), /This run used X25519MLKEM768/);
  assert.match(await section.textContent(), ethernet);
  // Beside the Ethernet figure, the segment size of this run's own connection, from the relay.
  const tcp = events.find((e) => e.type === 'tcp');
  assert.ok(Number.isInteger(tcp.mss) && tcp.mss >= 536, `the relay's tcp event carries the MSS: ${JSON.stringify(tcp)}`);
  assert.equal(measured.segment, tcp.mss);
  assert.match(await section.textContent(), new RegExp(`one segment carries ${tcp.mss} bytes \\(what the relay’s kernel reports\\), so ${measured['client-hello-record'] > tcp.mss ? 'it takes more than one' : 'it fits in one'}`));
  const made = Number(await section.locator('[data-ms="client-hello"]').textContent());
  assert.ok(made >= 0 && made < 5000, `the time to make the ClientHello, measured on this run: ${made} ms`);
  // It was built ahead, while the relay connected (the driver's made_ms), and sent after the
  // relay's tcp report: the page says so, with the figure the driver measured.
  assert.equal(made, Number(hello.made_ms.toFixed(1)));
  assert.ok(events.indexOf(tcp) < events.indexOf(hello), 'the ClientHello\'s events after the tcp report');
  assert.match(await section.textContent(), /putting the ClientHello together then took [\d.]+ ms in this page’s engine \(WebAssembly\), done while the relay looked up the name and connected/);
  // Its two key shares were made before Enter, with the tunnel (summary and shares_ahead_ms).
  assert.equal(hello.summary.key_shares_made_ahead, 2);
  const sharesMs = Number(await section.locator('[data-ms="key-shares-ahead"]').textContent());
  assert.equal(sharesMs, Number(hello.shares_ahead_ms.toFixed(1)));
  assert.match(await section.textContent(), /its 2 key shares were made before you pressed Enter, while the page waited, in [\d.]+ ms; each private key is used for this connection only/);

  // The hybrid shared secret and its two inputs in the secrets panel; the origin agrees.
  const hybrid = '#secrets-panel [data-secret="shared_secret"]';
  assert.deepEqual(await page.$$eval(`${hybrid} [data-input]`, (els) => els.map((el) => el.dataset.input)),
    ['mlkem_shared_secret', 'x25519_shared_secret']);
  const secret = (name) => events.find((e) => e.type === 'secret' && e.name === name)?.value;
  assert.equal(await page.getAttribute(`${hybrid} .secret-value`, 'data-value'), secret('mlkem_shared_secret') + secret('x25519_shared_secret'));
  await page.waitForSelector('#secrets-panel [data-proof="match"]', { timeout: 10000 });

  await switchLang(page, 'zh');
  section = await keyExchange();
  assert.match(await section.textContent(), /这次运行使用了 X25519MLKEM768/);
  assert.match(await section.textContent(), /ML-KEM-768 封装密钥 1184 \+ X25519 32/);
  assert.match(await section.textContent(), /ML-KEM-768 密文 1088 \+ X25519 32/);
  assert.match(await section.textContent(), record > 1448 ? /在那里它需要不止一个报文段/ : /勉强装得下一个报文段，而在 MTU 更小的路径上/);
  assert.match(await section.textContent(), new RegExp(`一个报文段能装 ${tcp.mss} 字节`));
  assert.match(await section.textContent(), /它的 2 个密钥共享是在你按下回车之前、页面等待时生成的，用了 [\d.]+ 毫秒；每个私钥只用于这一次连接/);
  assert.match(await section.textContent(), /之后组装 ClientHello 用了 [\d.]+ 毫秒/);
  assert.match(await page.textContent(`${hybrid} .secret-function`), /ML-KEM-768 的共享秘密值后面接着 X25519 的共享秘密值/);
  await shot(page, 'demo-origin-x25519mlkem768-zh.png');
  await switchLang(page, 'en');
  assert.doesNotMatch(new URL(page.url()).search, /pq=0/);

  await page.uncheck('#pq');
  assert.match(new URL(page.url()).search, /[?&]pq=0/);
  events = await page.evaluate((u) => window.tlsscope.run(u, { mode: 'live', version: '1.3' }), url);
  assert.deepEqual(keyShareGroups(events), ['0x001d'], 'only the X25519 share: no 0x11ec');
  const offered = JSON.stringify(events.find((e) => e.type === 'message' && e.step === 'client_hello').fields);
  assert.doesNotMatch(offered, /X25519MLKEM768/);
  assert.equal(events.find((e) => e.type === 'handshake_complete').group, 'x25519');
  section = await keyExchange();
  assert.equal(await section.getAttribute('data-case'), 'off');
  assert.equal(await section.locator('[data-size="client-share"]').count(), 0);
  assert.ok(Number(await section.locator('[data-size="client-hello"]').textContent()) < 1000);
  assert.match(await section.textContent(), /fits in one segment/);
  assert.equal(await page.locator('#secrets-panel [data-secret="mlkem_shared_secret"]').count(), 0);
  assert.match(new URL(page.url()).search, /[?&]pq=0/);
  await page.check('#pq');
  assert.doesNotMatch(new URL(page.url()).search, /pq=0/);
});

test('comparison view: TLS 1.2 and 1.3 against the same server, side by side', async () => {
  const t0 = Date.now();
  await page.click('#compare');
  await settled();
  const wall = Date.now() - t0;
  await shot(page, 'compare-tls12-tls13.png');
  assert.equal(await page.getAttribute('html', 'data-state'), 'done', await page.textContent('#status'));
  assert.ok(await page.isVisible('[data-view="compare"]'));
  assert.ok(!(await page.isVisible('#steps-view')));
  const col = (v) => `[data-view="compare"] [data-version="${v}"]`;
  assert.equal(await page.getAttribute(col('1.2'), 'data-state'), 'done');
  assert.equal(await page.getAttribute(col('1.3'), 'data-state'), 'done');
  assertInOrder(await stepPositions(page, col('1.2'), HANDSHAKE_12), HANDSHAKE_12, 'TLS 1.2 column');
  assertInOrder(await stepPositions(page, col('1.3'), HANDSHAKE_13), HANDSHAKE_13, 'TLS 1.3 column');
  assert.equal(await page.locator(`${col('1.3')} [data-step="server_key_exchange"]`).count(), 0);
  // Round trips until the response: 1.2 waits for two server flights before it may send the
  // request, 1.3 for one; each then waits one more for the response.
  assert.equal(await page.getAttribute(col('1.2'), 'data-handshake-round-trips'), '2');
  assert.equal(await page.getAttribute(col('1.3'), 'data-handshake-round-trips'), '1');
  assert.equal(await page.getAttribute(col('1.2'), 'data-round-trips'), '3');
  assert.equal(await page.getAttribute(col('1.3'), 'data-round-trips'), '2');
  // Clear vs encrypted, from the records that carried them.
  const prot = (v, step) => page.getAttribute(`${col(v)} [data-kind="message"][data-step="${step}"]`, 'data-protected');
  assert.equal(await prot('1.2', 'certificate'), 'false');
  assert.equal(await prot('1.3', 'server_hello'), 'false');
  assert.equal(await prot('1.3', 'encrypted_extensions'), 'true');
  assert.equal(await prot('1.3', 'certificate'), 'true');
  // Which secrets exist, each with its real time.
  const secrets = (v) => page.evaluate((sel) => [...document.querySelectorAll(`${sel} [data-secret]`)]
    .map((el) => ({ name: el.dataset.secret, t: Number(el.dataset.t) })), col(v));
  const s12 = await secrets('1.2');
  const s13 = await secrets('1.3');
  assert.ok(s12.some((s) => s.name === 'master_secret'));
  for (const name of ['shared_secret', 'handshake_secret', 'server_handshake_traffic_secret', 'master_secret',
    'client_application_traffic_secret_0'])
    assert.ok(s13.some((s) => s.name === name), name);
  for (const s of [...s12, ...s13]) assert.ok(Number.isFinite(s.t) && s.t > 0, `${s.name} at ${s.t} ms`);
  const metric = (v, m) => page.textContent(`${col(v)} [data-metric="${m}"] dd`);
  assert.match(await metric('1.2', 'negotiated'), /^TLS 1\.2/);
  assert.match(await metric('1.3', 'negotiated'), /^TLS 1\.3/);
  assert.match(await metric('1.3', 'handshake_ms'), /^\d+\.\d ms$/);
  // The language switch relabels the comparison too.
  await switchLang(page, 'zh');
  assert.equal(await page.textContent(`${col('1.3')} [data-step="encrypted_extensions"] [data-title-of]`),
    table.get('encrypted_extensions').title_zh);
  await shot(page, 'compare-tls12-tls13-zh.png');
  await switchLang(page, 'en');
  console.log(`comparison (two connections): ${wall} ms wall; 1.2 handshake ${await metric('1.2', 'handshake_ms')}, ` +
    `1.3 handshake ${await metric('1.3', 'handshake_ms')}`);
});

test('window.tlsscope.run(url, {mode: "compare"}) returns both transcripts', async () => {
  const both = await page.evaluate((url) => window.tlsscope.run(url, { mode: 'compare' }), server.demoOrigin + '/');
  assert.equal(both['1.2'].find((e) => e.type === 'handshake_complete').version, 'TLS 1.2');
  assert.equal(both['1.3'].find((e) => e.type === 'handshake_complete').version, 'TLS 1.3');
  assert.equal(both['1.3'].find((e) => e.type === 'http_response').status, 200);
});

test('comparison against a TLS 1.2-only server: the 1.3 column fails and says why', async () => {
  const both = await page.evaluate(([url, roots]) => window.tlsscope.run(url, { mode: 'compare', trustAnchorsPem: roots }),
    [`https://127.0.0.1:${only12.port}/`, read(path.join(pki, 'roots.pem'))]);
  await shot(page, 'compare-tls12-only-server.png');
  const col = (v) => `[data-view="compare"] [data-version="${v}"]`;
  assert.equal(await page.getAttribute('html', 'data-state'), 'failed');
  assert.equal(await page.getAttribute(col('1.2'), 'data-state'), 'done');
  assert.equal(await page.getAttribute(col('1.3'), 'data-state'), 'failed');
  const error = both['1.3'].find((e) => e.type === 'error');
  assert.ok(error, 'the 1.3 run ends in an error event');
  assert.equal(await page.textContent(`${col('1.3')} [data-kind="error"] .title`), error.code);
  assert.equal(await page.textContent(`${col('1.3')} [data-metric="error"] dd`), error.code);
  assert.ok(await page.isVisible(`${col('1.3')} [data-step="client_hello"]`));
  assert.equal(await page.locator(`${col('1.3')} [data-step="encrypted_extensions"]`).count(), 0);
  console.log(`TLS 1.3 against a 1.2-only server: ${error.code} (${error.message})`);
});
