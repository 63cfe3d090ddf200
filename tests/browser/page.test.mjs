// The page in headless Chromium (Debian's, driven by playwright-core) against a real
// tlsscope-server: its relay, its demo HTTPS origin, and an `openssl s_server` with an expired
// certificate, and a server that resets the connection after its whole answer. A screenshot of
// each run goes to the test's build folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { requireWebSetup, makePki, startSServer, startResetAfterAnswer, startTlsscopeServer, stop, read } from '../wasm/harness.mjs';
import { HANDSHAKE_12, HANDSHAKE_13, openPage, stepPositions, shots, chineseWordsFetched, wordsFetched } from './support.mjs';

requireWebSetup({ browser: true });

let server;
let expired;
let resetting;
let slow;
let pki;
let browser;
let page;

before(async () => {
  pki = makePki();
  expired = await startSServer(pki, 'expired-leaf');
  resetting = await startResetAfterAnswer(pki);
  slow = await startResetAfterAnswer(pki, 'rsa-leaf', { answerAfterMs: 1500 });
  server = await startTlsscopeServer(['--allow', `127.0.0.1:${expired.port}`, '--allow', `127.0.0.1:${resetting.port}`,
    '--allow', `127.0.0.1:${slow.port}`]);
  ({ browser, page } = await openPage(server));
});

after(async () => {
  await browser?.close();
  await stop(server?.proc);
  await stop(expired?.proc);
  await resetting?.close();
  await slow?.close();
});

test('Enter on the prefilled demo origin (version auto: the server picks 1.3): every step in order, the decrypted HTTP 200', async () => {
  // The URL bar is prefilled with the demo origin this server runs (its /demo-origin.json),
  // here on an ephemeral port: Enter on it as it is.
  assert.notEqual(new URL(server.demoOrigin).port, '8443');
  await page.waitForFunction((want) => document.querySelector('#url').value === want, server.demoOrigin + '/', { timeout: 10000 });
  const t0 = Date.now();
  await page.press('#url', 'Enter');
  await page.waitForSelector('html[data-state="done"], html[data-state="failed"]', { timeout: 20000 });
  const wall = Date.now() - t0;
  await page.screenshot({ path: path.join(shots, 'demo-origin-enter.png'), fullPage: true });
  assert.equal(await page.getAttribute('html', 'data-state'), 'done', await page.textContent('#status'));

  assert.equal(await page.inputValue('#version'), '', 'the version switch starts on auto');
  // Both versions are offered; the demo origin speaks 1.3, so it chooses it.
  assert.equal(await page.getAttribute('html', 'data-negotiated'), 'TLS 1.3');
  const positions = await stepPositions(page, '#steps', HANDSHAKE_13);
  positions.forEach((p, i) => assert.ok(p >= 0, `a [data-step="${HANDSHAKE_13[i]}"] element`));
  assert.deepEqual(positions, [...positions].sort((a, b) => a - b), `${HANDSHAKE_13.join(' < ')}`);
  assert.ok(await page.isVisible('#response'));
  assert.match(await page.textContent('#response-head'), /^HTTP\/1\.1 200 OK/);
  const ms = Number(await page.getAttribute('html', 'data-response-ms'));
  console.log(`Enter → decrypted response: ${ms.toFixed(0)} ms in the page (${wall} ms wall)`);
});

test('window.tlsscope.run, TLS 1.2: the transcript is the event list', async () => {
  const transcript = await page.evaluate((url) => window.tlsscope.run(url, { mode: 'live', version: '1.2' }),
    server.demoOrigin + '/');
  await page.screenshot({ path: path.join(shots, 'demo-origin-run-tls12.png'), fullPage: true });
  assert.equal(await page.getAttribute('html', 'data-state'), 'done');
  const steps = transcript.map((e) => e.step);
  const firsts = HANDSHAKE_12.map((s) => steps.indexOf(s));
  assert.deepEqual(firsts, [...firsts].sort((a, b) => a - b));
  assert.ok(!firsts.includes(-1));
  const done = transcript.find((e) => e.type === 'handshake_complete');
  assert.equal(done.version, 'TLS 1.2');
  const response = transcript.find((e) => e.type === 'http_response');
  assert.equal(response.status, 200);
  // One arrow per message in the diagram; the version switch shows what was forced.
  assert.equal(await page.locator('#steps [data-kind="message"]').count(),
    transcript.filter((e) => e.type === 'message').length);
  assert.equal(await page.inputValue('#version'), '1.2');
  const positions = await stepPositions(page, '#steps', HANDSHAKE_12);
  assert.deepEqual(positions, [...positions].sort((a, b) => a - b));
  assert.ok(!positions.includes(-1));
});

test('an expired certificate: data-state="failed", the code and its sentence shown', async () => {
  const transcript = await page.evaluate(([url, roots]) =>
    window.tlsscope.run(url, { mode: 'live', trustAnchorsPem: roots }),
  [`https://127.0.0.1:${expired.port}/`, read(path.join(pki, 'roots.pem'))]);
  await page.screenshot({ path: path.join(shots, 'expired-certificate.png'), fullPage: true });
  assert.equal(await page.getAttribute('html', 'data-state'), 'failed');
  assert.ok(await page.isVisible('#failure'));
  assert.equal(await page.textContent('#failure .failure-card .code'), 'CERT_EXPIRED');
  const error = transcript.find((e) => e.type === 'error');
  assert.equal(error.code, 'CERT_EXPIRED');
  const lesson = await page.evaluate(async () => (await import('/lessons.js')).LESSONS.CERT_EXPIRED.en);
  assert.equal(await page.textContent('#failure .what p'), lesson.what);
  assert.ok(await page.isVisible('#steps [data-step="error"]'));
  assert.ok(!(await page.isVisible('#response')));
});

for (const version of ['1.2', '1.3']) {
  test(`TLS ${version}: a server that resets the connection after its whole answer — the response, not "closed before the handshake finished"`, async () => {
    const events = await page.evaluate(([url, roots, v]) =>
      window.tlsscope.run(url, { mode: 'live', version: v, trustAnchorsPem: roots }),
    [`https://127.0.0.1:${resetting.port}/`, read(path.join(pki, 'roots.pem')), version]);
    await page.screenshot({ path: path.join(shots, `reset-after-answer-tls${version}.png`), fullPage: true });
    const types = events.map((e) => e.type);
    // The relay reported the reset after the response's records: the driver had fed them to
    // the engine, so the engine judges the end (no close_notify) instead of failing the run.
    const relayError = events.find((e) => e.type === 'relay_error');
    assert.equal(relayError?.code, 'TARGET_ERROR', types.join(' '));
    assert.ok(types.indexOf('http_response') < types.indexOf('relay_error'), types.join(' '));
    assert.equal(events.find((e) => e.type === 'error'), undefined, JSON.stringify(events.find((e) => e.type === 'error')));
    const closed = events.find((e) => e.type === 'closed');
    assert.deepEqual([closed?.by, closed?.clean], ['server', false]);
    assert.ok(types.indexOf('relay_error') < types.indexOf('closed'));
    assert.equal(events.find((e) => e.type === 'http_response').status, 200);
    assert.equal(await page.getAttribute('html', 'data-state'), 'done', await page.textContent('#status'));
    assert.match(await page.textContent('#response-head'), /^HTTP\/1\.1 200 OK/);
    assert.ok(!(await page.isVisible('#failure')));
    // The reset is on the diagram where it happened, after the response.
    assert.ok(await page.isVisible('#steps [data-step="error"]'));
  });
}

test('an English visit, runs and a failure card included, fetches none of the page\'s Chinese words', async () => {
  // They are fetched only for a page in 中文 (web/zh/, i18n.js loadLang): docs/performance.md.
  assert.equal(await page.getAttribute('html', 'data-lang'), 'en');
  assert.equal(await chineseWordsFetched(page), 0);
  // Its English ones, fetched (web/en/) as the Chinese ones are for a page in 中文.
  assert.ok(await wordsFetched(page, 'en') > 50);
});

// The live diagram is drawn at most every 100 ms, the first time 100 ms after Enter (app.js,
// LIVE_DRAW_GAP_MS): a slow server's run shows its steps while it waits, a fast one is drawn once.
test('a live run is drawn while it waits: a server that thinks 1.5 s before answering shows its handshake before its response', async () => {
  await page.evaluate(([url, roots]) => {
    window.__slowRun = window.tlsscope.run(url, { mode: 'live', version: '1.3', trustAnchorsPem: roots });
  }, [`https://127.0.0.1:${slow.port}/`, read(path.join(pki, 'roots.pem'))]);
  await page.waitForSelector('#diagram [data-step="finished"]', { timeout: 5000 });
  assert.equal(await page.getAttribute('html', 'data-state'), 'running');
  assert.ok(!(await page.isVisible('#response')), 'the response is not in yet');
  await page.evaluate(() => window.__slowRun);
  assert.match(await page.textContent('#response-head'), /^HTTP\/1\.1 200 OK/);
});

test('a run answered within 100 ms of Enter is drawn once, after the frame that shows its response', async () => {
  await page.goto(`${server.page}/`);
  await page.evaluate(() => window.tlsscope.ready);
  await page.evaluate(() => window.tlsscope.warmedUp);
  await page.fill('#url', server.demoOrigin + '/');
  await page.evaluate(() => {
    const marks = window.__marks = { steps: [] };
    document.getElementById('url').addEventListener('keydown', (ev) => { marks.enter ??= ev.timeStamp; }, { capture: true });
    new MutationObserver((list) => {
      if (list.some((m) => [...m.addedNodes].some((n) => n.nodeType === 1 && (n.matches('[data-step]') || n.querySelector('[data-step]'))))) {
        marks.steps.push(performance.now());
      }
    }).observe(document.getElementById('diagram'), { childList: true, subtree: true });
    const response = document.getElementById('response');
    new MutationObserver(() => { if (!response.hidden) marks.shown ??= performance.now(); })
      .observe(response, { attributes: true, attributeFilter: ['hidden'] });
  });
  await page.press('#url', 'Enter');
  await page.waitForFunction(() => document.documentElement.dataset.state === 'done', null, { timeout: 10000 });
  const marks = await page.evaluate(() => window.__marks);
  assert.ok(marks.steps.length > 0 && marks.shown !== undefined, JSON.stringify(marks));
  // Nothing is drawn before the response is shown or 100 ms have passed, whichever is first (on a
  // loaded machine the run may take longer than 100 ms: then its first draw comes at 100 ms).
  const first = marks.steps[0] - marks.enter;
  const limit = Math.min(95, marks.shown - marks.enter);
  assert.ok(first >= limit, `a step drawn ${first.toFixed(1)} ms after Enter, the response shown at ` +
    `${(marks.shown - marks.enter).toFixed(1)} ms`);
});
