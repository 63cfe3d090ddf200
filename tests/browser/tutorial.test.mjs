// The tutorial page in headless Chromium against a real tlsscope-server (relay + demo origin), an
// `openssl s_server` with an expired certificate and a loopback port nobody listens on: the
// sequence diagram as navigation (order, flights, ←/→, Enter, #deep links), the field tree ↔ hex
// highlighting, the language switch leaving no English but protocol names, the failure cards,
// 360 px and dark-mode rendering. Screenshots go to the test's build folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { requireWebSetup, makePki, startSServer, startTlsscopeServer, stop, read, freePort } from '../wasm/harness.mjs';
import { HANDSHAKE_12, openPage, stepPositions, shot, shots, stepTable, switchLang } from './support.mjs';

requireWebSetup({ browser: true });

let server;
let expired;
let refusedPort;  // allowed by the relay, nothing listens there
let pki;
let browser;
let page;
let table;  // the engine's step table, as the page gets it

before(async () => {
  pki = makePki();
  expired = await startSServer(pki, 'expired-leaf');
  refusedPort = await freePort();
  server = await startTlsscopeServer(['--allow', `127.0.0.1:${expired.port}`, '--allow', `127.0.0.1:${refusedPort}`]);
  ({ browser, page } = await openPage(server));
  table = await stepTable(page);
});

after(async () => {
  await browser?.close();
  await stop(server?.proc);
  await stop(expired?.proc);
});

const selected = () => page.getAttribute('#steps [aria-current="step"]', 'data-id');
const run12 = () => page.evaluate((url) => window.tlsscope.run(url, { mode: 'live', version: '1.2' }), server.demoOrigin + '/');

test('the diagram: every TLS 1.2 message an arrow, in order, in flights and round trips, with times', async () => {
  const events = await run12();
  assert.equal(await page.getAttribute('html', 'data-state'), 'done');
  const positions = await stepPositions(page, '#steps', HANDSHAKE_12);
  positions.forEach((p, i) => assert.ok(p >= 0, HANDSHAKE_12[i]));
  assert.deepEqual(positions, [...positions].sort((a, b) => a - b));
  // One arrow per message, alert and application-data event, in the stream's order.
  const arrows = await page.evaluate(() => [...document.querySelectorAll('#steps .item.arrow.lane-client-server')]
    .map((li) => ({ step: li.dataset.step, dir: li.dataset.dir, t: Number(li.dataset.t) })));
  const expected = events.filter((e) => ['message', 'alert', 'application_data'].includes(e.type));
  assert.deepEqual(arrows.map((a) => `${a.dir} ${a.step}`), expected.map((e) => `${e.dir} ${e.step}`));
  for (const a of arrows) assert.ok(Number.isFinite(a.t) && a.t > 0, `${a.step} at ${a.t} ms`);
  // DNS and TCP are the relay's, drawn between relay and server, with the time they took.
  for (const step of ['dns', 'tcp'])
    assert.equal(await page.getAttribute(`#steps [data-id="${step}"]`, 'data-lane'), 'relay-server');
  // Flights alternate; TLS 1.2 needs two round trips before the request, a third for the answer.
  const flights = await page.evaluate(() => [...document.querySelectorAll('#steps [data-group="flight"]')]
    .map((g) => `${g.dataset.dir}${g.dataset.round}`));
  assert.deepEqual(flights.slice(0, 6), ['out1', 'in1', 'out2', 'in2', 'out3', 'in3']);
  assert.equal(await page.getAttribute('#steps [data-id="client_key_exchange"]', 'data-protected'), 'false');
  assert.equal(await page.getAttribute('#steps [data-id="finished"]', 'data-protected'), 'true');
  // Secrets and checks are notes on the client's lifeline.
  for (const id of ['certificate_chain', 'server_key_exchange_signature', 'pre_master_secret', 'master_secret'])
    assert.equal(await page.getAttribute(`#steps [data-id="${id}"]`, 'data-lane'), 'client', id);
  // Nothing is loaded from anywhere but the page's own server.
  const origins = await page.evaluate(() => [...new Set(performance.getEntriesByType('resource').map((r) => new URL(r.name).origin))]);
  assert.deepEqual(origins, [new URL(server.page).origin]);
  await shot(page, 'tutorial-tls12.png');
});

test('navigation: ←/→ move between steps, Enter selects a focused one, #deep-links select', async () => {
  const ids = await page.evaluate(() => [...document.querySelectorAll('#steps [data-id]')].map((el) => el.dataset.id));
  const i = ids.indexOf('client_hello');
  await page.evaluate(() => window.tlsscope.select('client_hello'));
  assert.equal(await selected(), 'client_hello');
  await page.keyboard.press('ArrowRight');
  assert.equal(await selected(), ids[i + 1]);
  assert.equal(await page.evaluate(() => document.activeElement.closest('[data-id]')?.dataset.id), ids[i + 1]);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await selected(), ids[i + 1]);
  assert.equal(await page.textContent('#detail .detail-title [data-title-of]'), table.get(ids[i + 1]).title_en);
  // Tab to the next link, Enter: that step is selected and named in the address bar.
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.closest('[data-id]')?.dataset.id);
  assert.equal(focused, ids[i + 2]);
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.querySelector('#steps [aria-current="step"]')?.dataset.id === id, focused);
  // The address bar names it once the frame showing it is painted (RunView.nameStep), within 100 ms.
  await page.waitForFunction((id) => location.hash === `#${id}`, focused, { timeout: 2000 });
  assert.equal(new URL(page.url()).hash, `#${focused}`);
  // A hash change selects; the server's Finished is the second one.
  await page.evaluate(() => { location.hash = '#finished-2'; });
  await page.waitForFunction(() => document.querySelector('#steps [aria-current="step"]')?.dataset.id === 'finished-2');
  assert.equal(await page.getAttribute('#steps [data-id="finished-2"]', 'data-dir'), 'in');
  assert.equal(await page.getAttribute('#steps [data-id="finished-2"]', 'data-ok'), 'true');
  // A shared link runs at once and opens at its step.
  const shared = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  try {
    const q = new URLSearchParams({ url: server.demoOrigin + '/', version: '1.2', lang: 'zh' });
    await shared.goto(`${server.page}/?${q}#server_key_exchange`);
    await shared.waitForSelector('html[data-state="done"]', { timeout: 20000 });
    assert.equal(await shared.getAttribute('#steps [aria-current="step"]', 'data-id'), 'server_key_exchange');
    assert.equal(await shared.textContent('#detail .explain'), table.get('server_key_exchange').explain_zh);
    const url = new URL(shared.url());
    assert.equal(url.searchParams.get('lang'), 'zh');
    assert.equal(url.searchParams.get('version'), '1.2');
    assert.equal(url.hash, '#server_key_exchange');
  } finally {
    await shared.close();
  }
});

test('field tree ↔ hex: hovering a field lights exactly its bytes, hovering a byte lights its field', async () => {
  const events = await run12();
  const hello = events.find((e) => e.type === 'message' && e.step === 'client_hello');
  const random = hello.fields.find((f) => f.name === 'random');
  await page.evaluate(() => window.tlsscope.select('client_hello'));
  const view = page.locator('#detail .bytes-view').first();
  const path0 = String(hello.fields.indexOf(random));
  await view.locator(`[data-field-path="${path0}"]`).hover();
  const lit = await view.evaluate((v) => [...v.querySelectorAll('.hex .hl')].map((b) => [Number(b.dataset.offset), b.textContent]));
  assert.deepEqual(lit.map(([o]) => o), Array.from({ length: random.length }, (_, k) => random.offset + k));
  assert.equal(lit.map(([, b]) => b).join(''), random.value, 'the lit bytes are the Client Random');
  // A byte inside the first cipher suite: its field is that suite, the deepest field holding it.
  const suites = hello.fields.find((f) => f.name === 'cipher_suites');
  const first = suites.children[0];
  await view.locator(`.hex [data-offset="${first.offset + 1}"]`).hover();
  const fieldLit = await view.evaluate((v) => [...v.querySelectorAll('.tree .hl')].map((n) => n.dataset.fieldPath));
  assert.deepEqual(fieldLit, [`${hello.fields.indexOf(suites)}.0`]);
  assert.equal(await view.locator('.tree .hl .fvalue').textContent(), first.value);
  assert.equal(await view.locator('.hex .hl').count(), first.length);
  // Keyboard: focusing a field lights it too (the mouse moved out of the way first).
  await page.mouse.move(0, 0);
  await view.locator('[data-field-path="0"]').focus();
  assert.deepEqual(await view.evaluate((v) => [...v.querySelectorAll('.hex .hl')].map((b) => Number(b.dataset.offset))), [0]);
  // The record that carried it: its header's length field is bytes 3–4 of the record.
  const record = page.locator('#detail details.record').first();
  await record.locator('summary').click();
  const lengthPath = await record.evaluate((r) => [...r.querySelectorAll('[data-field-path]')]
    .find((n) => n.querySelector('.fname').textContent === 'length').dataset.fieldPath);
  await record.locator(`[data-field-path="${lengthPath}"]`).hover();
  assert.deepEqual(await record.evaluate((r) => [...r.querySelectorAll('.hex .hl')].map((b) => Number(b.dataset.offset))), [3, 4]);
});

test('a click on a step leaves the history alone in its task; the address bar names it after the frame, and Back returns', async () => {
  await run12();
  await page.evaluate(() => window.tlsscope.select('client_hello'));
  await page.waitForFunction(() => location.hash === '#client_hello', null, { timeout: 2000 });
  const length = await page.evaluate(() => history.length);
  // history.pushState in the click's task cost its frame 0.5–11 ms (docs/performance.md,
  // "The click's address bar after its frame").
  const inTask = await page.evaluate(() => {
    document.querySelector('#diagram [data-step="server_hello"] a').click();
    return [location.hash, document.querySelector('#detail .detail-title [data-title-of]')?.dataset.titleOf];
  });
  assert.deepEqual(inTask, ['#client_hello', 'server_hello']);
  await page.waitForFunction(() => location.hash === '#server_hello', null, { timeout: 2000 });
  assert.equal(await page.evaluate(() => history.length), length + 1);
  // A click, then → before the address bar caught up: one new entry, named for the key's step.
  await page.evaluate(() => {
    document.querySelector('#diagram [data-step="certificate"][data-kind="message"] a').click();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
  });
  const next = await selected();
  await page.waitForFunction((id) => location.hash === `#${id}`, next, { timeout: 2000 });
  assert.equal(await page.evaluate(() => history.length), length + 2);
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('#steps [aria-current="step"]')?.dataset.id === 'server_hello');
});

test('a click draws the hex lines the window shows as text, where the byte elements then go, and those follow', async (t) => {
  const events = await run12();
  const message = events.find((e) => e.type === 'message' && e.step === 'certificate');
  // A tall window: the certificate's hex view begins inside it.
  await page.setViewportSize({ width: 1280, height: 1600 });
  t.after(() => page.setViewportSize({ width: 1280, height: 900 }));
  await page.evaluate(() => window.tlsscope.select('finished'));
  const seen = await page.evaluate(() => {
    document.querySelector('#diagram [data-step="certificate"][data-kind="message"] a').click();
    const hex = document.querySelector('#detail .bytes-view .hex');
    // Where each byte of the text lines is on screen, then where its element is.
    const box = (range) => { const b = range.getBoundingClientRect(); return [b.left, b.top]; };
    const text = [];
    for (const half of hex.querySelectorAll('.line .t')) {
      const node = half.firstChild;
      for (let i = 0; i < node.length; i += 3) {
        const r = document.createRange();
        r.setStart(node, i);
        r.setEnd(node, i + 2);
        text.push([r.toString(), ...box(r)]);
      }
    }
    const elements = hex.querySelectorAll('[data-offset]').length;
    hex.querySelector('.t').dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));  // a byte wanted: elements at once
    const after = [...hex.querySelectorAll('.b')].slice(0, text.length).map((b) => {
      const r = document.createRange();
      r.selectNodeContents(b);
      return [b.textContent, ...box(r)];
    });
    return { text, elements, after };
  });
  assert.ok(seen.text.length >= 64, `the lines the window shows, as text (${seen.text.length} bytes)`);
  assert.equal(seen.elements, 0, 'no byte element in the click');
  assert.equal(seen.text.map(([b]) => b).join(''), message.bytes.slice(0, 2 * seen.text.length));
  for (const [i, [b, x, y]] of seen.text.entries()) {
    const [eb, ex, ey] = seen.after[i];
    assert.ok(eb === b && Math.abs(ex - x) <= 1 && Math.abs(ey - y) <= 1, `byte ${i} ${b} at ${x},${y} as text, ${eb} at ${ex},${ey} as an element`);
  }
  await page.waitForSelector('#detail:not([aria-busy]) .bytes-view .hex:not([aria-busy])');
  assert.equal(await page.evaluate(() => [...document.querySelectorAll('#detail .bytes-view .hex [data-offset]')]
    .map((b) => b.textContent).join('')), message.bytes, 'then every byte as an element');
  assert.equal(await page.locator('#detail .bytes-view .hex .t').count(), 0);
  // Its hash moved away: the next run would select the certificate at its end.
  await page.evaluate(() => window.tlsscope.select('finished'));
});

test('field tree ↔ hex past the window: a click draws what the window shows, a field at the end lights its bytes at once, the rest follows', async (t) => {
  const events = await run12();
  const message = events.find((e) => e.type === 'message' && e.step === 'certificate');
  // The deepest last field: its bytes are the message's last.
  const fieldPath = [];
  for (let list = message.fields; list?.length;) {
    const kids = list.filter((f) => typeof f === 'object');
    fieldPath.push(list.indexOf(kids.at(-1)));
    list = kids.at(-1).children;
  }
  let last = { children: message.fields };
  for (const i of fieldPath) last = last.children[i];
  assert.equal(last.offset + last.length, message.bytes.length / 2, 'the last field ends with the message');
  // A short window: the certificate message is more than a screenful of hex lines there.
  await page.setViewportSize({ width: 1280, height: 400 });
  t.after(() => page.setViewportSize({ width: 1280, height: 900 }));
  await page.evaluate(() => window.tlsscope.select('finished'));
  // The click and the focus in one task: what lies past the window is not drawn yet.
  const seen = await page.evaluate((path) => {
    document.querySelector('#diagram [data-step="certificate"][data-kind="message"] a').click();
    const hex = document.querySelector('#detail .bytes-view .hex');
    const before = { busy: hex.getAttribute('aria-busy'), paneBusy: document.getElementById('detail').getAttribute('aria-busy'),
      drawn: hex.querySelectorAll('[data-offset]').length, text: hex.querySelectorAll('.line .t').length,
      textBytes: [...hex.querySelectorAll('.line .t')].map((x) => x.textContent.replaceAll(' ', '')).join(''),
      bottom: hex.getBoundingClientRect().bottom,
      chain: !!document.querySelector('#detail .chain') };
    document.querySelector(`#detail .bytes-view [data-field-path="${path}"]`).focus();
    const lit = [...hex.querySelectorAll('.hl')];
    return { before, offsets: lit.map((b) => Number(b.dataset.offset)), text: lit.map((b) => b.textContent).join('') };
  }, fieldPath.join('.'));
  assert.equal(await selected(), 'certificate');
  assert.equal(seen.before.busy, 'true');
  assert.ok(seen.before.drawn < message.bytes.length / 2, `${seen.before.drawn} bytes drawn in the click`);
  // Those the window shows as text lines (hexview.js hexText), no element per byte yet.
  // Any line the window shows is text (hexview.js hexText): no element per byte in the click.
  assert.equal(seen.before.drawn, 0, 'no byte element in the click');
  assert.ok(message.bytes.startsWith(seen.before.textBytes), 'the text lines are the message\'s first bytes');
  assert.ok(seen.before.bottom >= 400, `the lines drawn reach the window's bottom (${seen.before.bottom} px)`);
  assert.deepEqual([seen.before.paneBusy, seen.before.chain], ['true', false], 'the chain below the hex comes after the frame');
  assert.deepEqual(seen.offsets, Array.from({ length: last.length }, (_, k) => last.offset + k));
  assert.equal(seen.text, message.bytes.slice(2 * last.offset), 'the lit bytes are the message\'s last');
  await page.waitForSelector('#detail:not([aria-busy]) .chain');
  // Without a highlight the rest arrives after a frame: every byte, in order, the view no longer
  // busy. (A new run: the step drawn above would be shown again as it is, whole. Its hash moved
  // away first, or the run would select it at its end.)
  await page.evaluate(() => window.tlsscope.select('finished'));
  const again = await run12();
  const bytes = again.find((e) => e.type === 'message' && e.step === 'certificate').bytes;
  await page.evaluate(() => window.tlsscope.select('finished'));
  assert.equal(await page.evaluate(() => {
    document.querySelector('#diagram [data-step="certificate"][data-kind="message"] a').click();
    return document.querySelector('#detail .bytes-view .hex').getAttribute('aria-busy');
  }), 'true');
  await page.waitForSelector('#detail:not([aria-busy]) .bytes-view .hex:not([aria-busy])');
  assert.equal(await page.evaluate(() => [...document.querySelectorAll('#detail .bytes-view .hex [data-offset]')]
    .map((b) => b.textContent).join('')), bytes);
  assert.equal(await page.locator('#detail .chain').count(), 1);
  await shot(page, 'tutorial-certificate-hex.png');
  // Visited again, the step is shown from the nodes drawn for it (the run has not changed since).
  await page.evaluate(() => { document.querySelector('#detail .bytes-view').dataset.seen = 'yes'; });
  await page.evaluate(() => window.tlsscope.select('finished'));
  await page.click('#diagram [data-step="certificate"][data-kind="message"] a');
  assert.equal(await page.getAttribute('#detail .bytes-view', 'data-seen'), 'yes');
});

test('language switch: every explanation and label on screen turns Chinese, at every step', async (t) => {
  await run12();
  await switchLang(page, 'zh');
  t.after(() => switchLang(page, 'en'));
  // Protocol names may stay: the Latin words of the step titles' Chinese versions, and these.
  const latin = /[A-Za-z][A-Za-z_-]+/g;
  const names = ['TLS', 'DNS', 'TCP', 'HTTP', 'HTTPS', 'OK', 'URL', 'IP', 'SAN', 'ALPN', 'RFC', 'ECDHE', 'SNI', 'SYN',
    'ACK', 'AEAD', 'PRF', 'HKDF', 'IV', 'Client', 'Server', 'Random', 'Params', 'WebAssembly', 'WebSocket', 'https',
    'tlsscope', 'tlsscope-server', 'openssl', 'OpenSSL', 'JSON', 'SSLKEYLOGFILE', 'pcapng', 'Wireshark',
    // the page's own texts: the nonce table, the chain checks, hybrid encryption, the URL's port
    'nonce', 'AES-GCM', 'CA', 'basicConstraints', 'RSA', 'ECDSA', 'http',
    // names in the engine's Chinese field notes: EC keys, UTC times, compression null, CRIME, DOWNGRD
    'EC', 'UTC', 'null', 'CRIME', 'DOWNGRD',
    // RFC 5280's names of certificate purposes (extendedKeyUsage)
    'anyExtendedKeyUsage', 'serverAuth', 'clientAuth'];
  // The step titles' and explanations' own protocol names (ClientHello, close_notify, …).
  for (const s of table.values()) for (const w of `${s.title_zh} ${s.explain_zh}`.match(latin) ?? []) names.push(w);
  const ids = await page.evaluate(() => [...document.querySelectorAll('#steps [data-id]')].map((el) => el.dataset.id));
  const english = [];
  for (const id of ids) {
    await page.evaluate((x) => window.tlsscope.select(x), id);
    const step = await page.getAttribute(`#steps [data-id="${id}"]`, 'data-step');
    assert.equal(await page.textContent('#detail .explain'), table.get(step).explain_zh, id);
    const words = await page.evaluate(() => {
      const out = [];
      const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const el = n.parentElement;
        if (el.closest('[translate="no"], select, script, [hidden]') || !el.checkVisibility()) continue;
        // Hex strings, numbers and snake_case identifiers are data, not words.
        for (const w of n.textContent.match(/[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*/g) ?? [])
          if (/[A-Za-z]{2}/.test(w) && !/[0-9_]/.test(w) && !/^[0-9a-f]{6,}$/.test(w)) out.push(w);
      }
      return out;
    });
    for (const w of words) if (!names.includes(w)) english.push(`${id}: ${w}`);
  }
  assert.deepEqual([...new Set(english)], []);
  await shot(page, 'tutorial-zh.png');
  await switchLang(page, 'en');
  assert.equal(await page.textContent('#detail .explain'), table.get(await page.getAttribute('#steps [aria-current="step"]', 'data-step')).explain_en);
});

test('failure card: an expired certificate — what, where (a link to the failed check), in both languages', async () => {
  const events = await page.evaluate(([url, roots]) => window.tlsscope.run(url, { mode: 'live', trustAnchorsPem: roots }),
    [`https://127.0.0.1:${expired.port}/`, read(path.join(pki, 'roots.pem'))]);
  const error = events.find((e) => e.type === 'error');
  assert.equal(error.code, 'CERT_EXPIRED');
  const card = page.locator('#failure .failure-card');
  assert.equal(await card.getAttribute('data-code'), 'CERT_EXPIRED');
  assert.ok(await card.isVisible());
  const lesson = await page.evaluate(async () => (await import('/lessons.js')).LESSONS.CERT_EXPIRED);
  assert.equal(await card.locator('.lesson-title').textContent(), lesson.en.title);
  assert.equal(await card.locator('.what p').textContent(), lesson.en.what);
  assert.equal(await card.locator('.means p').textContent(), lesson.en.means);
  assert.equal(await card.locator('.browser p').textContent(), lesson.en.browser);
  // "Where" links to the chain check that failed; following it selects that step.
  const href = await card.locator('.where a').getAttribute('href');
  assert.equal(href, '#certificate_chain');
  await card.locator('.where a').click();
  await page.waitForFunction(() => document.querySelector('#steps [aria-current="step"]')?.dataset.id === 'certificate_chain');
  assert.equal(await page.getAttribute('#steps [data-id="certificate_chain"]', 'data-ok'), 'false');
  // The chain view names the failed check: the leaf's dates.
  assert.equal(await page.getAttribute('#detail .chain .cert[data-index="0"] [data-check="validity"]', 'data-ok'), 'false');
  assert.equal(await page.getAttribute('#detail .chain', 'data-verdict'), 'rejected');
  await shot(page, 'tutorial-expired.png');
  await switchLang(page, 'zh');
  assert.equal(await card.locator('.what p').textContent(), lesson.zh.what);
  assert.equal(await card.locator('.browser p').textContent(), lesson.zh.browser);
  await shot(page, 'tutorial-expired-zh.png');
  await switchLang(page, 'en');
});

test('failure card: a refused connection, at the TCP step', async () => {
  const events = await page.evaluate((url) => window.tlsscope.run(url, { mode: 'live' }), `https://127.0.0.1:${refusedPort}/`);
  const error = events.find((e) => e.type === 'error');
  assert.equal(error.code, 'CONNECT_REFUSED');
  const card = page.locator('#failure .failure-card');
  assert.equal(await card.getAttribute('data-code'), 'CONNECT_REFUSED');
  const lesson = await page.evaluate(async () => (await import('/lessons.js')).LESSONS.CONNECT_REFUSED.en);
  assert.equal(await card.locator('.what p').textContent(), lesson.what);
  const href = await card.locator('.where a').getAttribute('href');
  assert.equal(await page.getAttribute(`#steps [data-id="${href.slice(1)}"]`, 'data-kind'), 'relay_error', href);
  assert.equal(await page.locator('#steps [data-step="client_hello"]').count(), 0, 'no TLS byte was sent');
  await shot(page, 'tutorial-refused.png');
});

test('failure cards: a target the relay refuses, a name DNS does not know — each its lesson, linked to the relay\'s report', async () => {
  for (const [url, code] of [['https://127.0.0.1:22/', 'TARGET_FORBIDDEN'], ['https://no-such-host.invalid/', 'DNS_FAILED']]) {
    const events = await page.evaluate((u) => window.tlsscope.run(u, { mode: 'live' }), url);
    const report = events.find((e) => e.type === 'relay_error');
    assert.equal(report?.code, code, url);
    const card = page.locator('#failure .failure-card');
    const shown = await card.getAttribute('data-code');
    const lesson = await page.evaluate(async (c) => (await import('/lessons.js')).LESSONS[c].en, shown);
    assert.equal(await card.locator('.what p').textContent(), lesson.what, url);
    assert.equal(await card.locator('.browser p').textContent(), lesson.browser, url);
    // "Where" is the relay's report, a note on the relay's lifeline.
    const id = (await card.locator('.where a').getAttribute('href')).slice(1);
    assert.equal(await page.getAttribute(`#steps [data-id="${id}"]`, 'data-lane'), 'relay', url);
    assert.equal(await page.getAttribute(`#steps [data-id="${id}"]`, 'data-kind'), 'relay_error', url);
    assert.equal(await page.locator('#steps [data-step="client_hello"]').count(), 0, `${url}: no TLS byte was sent`);
  }
  await shot(page, 'tutorial-dns-failed.png');
});

test('failure card: the server\'s own alert — the TLS 1.3-only twin asked for TLS 1.2 answers protocol_version', async () => {
  const variants = await (await fetch(`${server.page}/variants.json`)).json();
  const only13 = variants.find((v) => v.name === 'tls13-only');
  assert.ok(only13, 'the demo origin lists a TLS 1.3-only variant');
  const events = await page.evaluate((url) => window.tlsscope.run(url, { mode: 'live', version: '1.2' }), only13.url);
  const alert = events.find((e) => e.type === 'alert' && e.dir === 'in');
  assert.equal(alert?.description, 'protocol_version');
  assert.equal(events.find((e) => e.type === 'error')?.code, 'VERSION_OR_CIPHER_MISMATCH');
  const card = page.locator('#failure .failure-card');
  assert.equal(await card.getAttribute('data-code'), 'VERSION_OR_CIPHER_MISMATCH');
  const lesson = await page.evaluate(async () => (await import('/lessons.js')).LESSONS.VERSION_OR_CIPHER_MISMATCH.en);
  assert.equal(await card.locator('.what p').textContent(), lesson.what);
  assert.equal(await card.locator('.browser p').textContent(), lesson.browser);
});

test('the demo origin\'s bad twins: listed in Break it, each link runs it and its card names the expected failure', async () => {
  const variants = await (await fetch(`${server.page}/variants.json`)).json();
  const bad = variants.filter((v) => v.expect !== 'ok');
  assert.ok(bad.length >= 4, 'expired, wrong name, self-signed, untrusted root');
  const twin = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  try {
    for (const v of bad) {
      await twin.goto(`${server.page}/`);
      await twin.waitForSelector('#variants-box:not([hidden])', { state: 'attached', timeout: 20000 });
      assert.equal(await twin.locator('#variants [data-variant]').count(), variants.length);
      await twin.click('#breakit summary');
      await twin.click(`#variants [data-variant="${v.name}"] a`);
      await twin.waitForSelector('html[data-state="done"], html[data-state="failed"]', { timeout: 20000 });
      assert.equal(new URL(twin.url()).searchParams.get('url'), v.url);
      assert.equal(await twin.getAttribute('#failure .failure-card', 'data-code'), v.expect, v.name);
    }
    await twin.screenshot({ path: path.join(shots, 'tutorial-variant-untrusted.png') });
  } finally {
    await twin.close();
  }
});

test('360 px wide: no horizontal overflow, panes stacked; dark mode from the system and the toggle', async () => {
  const narrow = await browser.newPage({ viewport: { width: 360, height: 780 }, locale: 'en-US', colorScheme: 'dark' });
  try {
    await narrow.goto(`${server.page}/`);
    await narrow.evaluate(() => window.tlsscope.ready);
    const events = await narrow.evaluate((url) => window.tlsscope.run(url, { mode: 'live', version: '1.2' }), server.demoOrigin + '/');
    const overflow = () => narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    for (const id of ['client_hello', 'certificate', 'certificate_chain', 'master_secret', 'application_data-2']) {
      await narrow.evaluate((x) => window.tlsscope.select(x), id);
      assert.equal(await overflow(), 0, `horizontal overflow at 360 px with ${id} selected`);
    }
    const [d, v] = await narrow.evaluate(() => [document.getElementById('diagram-view'), document.getElementById('detail')]
      .map((el) => el.getBoundingClientRect().top));
    assert.ok(v > d, 'the detail is below the diagram');
    // A learner's tap on the step: the pane below the diagram is drawn whole once the page is idle.
    await narrow.evaluate(() => window.tlsscope.select('finished'));
    await narrow.click('#diagram [data-step="certificate"][data-kind="message"] a');
    await narrow.waitForSelector('#detail:not([aria-busy]) .bytes-view .hex:not([aria-busy])');
    assert.equal(await narrow.evaluate(() => [...document.querySelectorAll('#detail .bytes-view .hex [data-offset]')]
      .map((b) => b.textContent).join('')), events.find((e) => e.type === 'message' && e.step === 'certificate').bytes);
    assert.equal(await narrow.locator('#detail .chain').count(), 1);
    assert.equal(await overflow(), 0, 'horizontal overflow at 360 px after a tap on the certificate');
    await narrow.screenshot({ path: path.join(shots, 'tutorial-360.png'), fullPage: true });
    // Dark from the system; the toggle overrides it, and back.
    const bg = () => narrow.evaluate(() => {
      const [r, g, b] = getComputedStyle(document.documentElement).backgroundColor.match(/\d+/g).map(Number);
      return (r + g + b) / 3;
    });
    assert.ok(await bg() < 80, `dark background (${await bg()})`);
    await narrow.click('#theme');
    assert.equal(await narrow.getAttribute('html', 'data-theme'), 'light');
    assert.ok(await bg() > 200, `light background (${await bg()})`);
    await narrow.click('#theme');
    assert.ok(await bg() < 80);
    await narrow.setViewportSize({ width: 1280, height: 900 });
    await narrow.screenshot({ path: path.join(shots, 'tutorial-dark.png'), fullPage: true });
  } finally {
    await narrow.close();
  }
});
