// The page in headless Chromium (Debian's, driven by playwright-core) against a real
// tlsscope-server: its relay, its demo HTTPS origin, and an `openssl s_server` with an expired
// certificate. A screenshot of each run goes to the test's build folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { env, requireWebSetup, makePki, startSServer, startTlsscopeServer, stop, read } from '../wasm/harness.mjs';

requireWebSetup({ browser: true });
const { chromium } = await import('playwright-core');

const HANDSHAKE = ['client_hello', 'server_hello', 'certificate', 'server_key_exchange',
  'server_hello_done', 'client_key_exchange', 'change_cipher_spec', 'finished'];

let server;
let expired;
let pki;
let browser;
let page;
const shots = path.join(env.work, 'screenshots');

before(async () => {
  mkdirSync(shots, { recursive: true });
  pki = makePki();
  expired = await startSServer(pki, 'expired-leaf');
  server = await startTlsscopeServer(['--allow', `127.0.0.1:${expired.port}`]);
  browser = await chromium.launch({
    executablePath: env.chromium,
    // Flags from TOOLCHAIN.md; playwright gives each launch a fresh --user-data-dir.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (err) => console.error('page error:', err));
  page.on('console', (m) => { if (m.type() === 'error') console.error('console:', m.text()); });
  page.on('requestfailed', (r) => console.error('request failed:', r.url()));
  await page.goto(server.page + '/');
  await page.evaluate(() => window.tlsscope.ready);
});

after(async () => {
  await browser?.close();
  await stop(server?.proc);
  await stop(expired?.proc);
});

// The first DOM position of each step element, by data-step.
const stepPositions = () => page.evaluate((names) => {
  const all = [...document.querySelectorAll('#steps [data-step]')].map((li) => li.dataset.step);
  return names.map((n) => all.indexOf(n));
}, HANDSHAKE);

test('Enter on the prefilled demo origin: every step in order, the decrypted HTTP 200', async () => {
  // The URL bar is prefilled with the demo origin on this host's port 8443; the test's
  // server runs it on an ephemeral port, so the test types that address, then presses Enter.
  const prefilled = await page.inputValue('#url');
  assert.match(prefilled, /^https:\/\/127\.0\.0\.1:8443\/$/);
  await page.fill('#url', server.demoOrigin + '/');
  const t0 = Date.now();
  await page.press('#url', 'Enter');
  await page.waitForSelector('html[data-state="done"], html[data-state="failed"]', { timeout: 20000 });
  const wall = Date.now() - t0;
  await page.screenshot({ path: path.join(shots, 'demo-origin-enter.png'), fullPage: true });
  assert.equal(await page.getAttribute('html', 'data-state'), 'done', await page.textContent('#status'));

  const positions = await stepPositions();
  positions.forEach((p, i) => assert.ok(p >= 0, `a [data-step="${HANDSHAKE[i]}"] element`));
  assert.deepEqual(positions, [...positions].sort((a, b) => a - b), `${HANDSHAKE.join(' < ')}`);
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
  const firsts = HANDSHAKE.map((s) => steps.indexOf(s));
  assert.deepEqual(firsts, [...firsts].sort((a, b) => a - b));
  assert.ok(!firsts.includes(-1));
  const done = transcript.find((e) => e.type === 'handshake_complete');
  assert.equal(done.version, 'TLS 1.2');
  const response = transcript.find((e) => e.type === 'http_response');
  assert.equal(response.status, 200);
  // One element per event.
  assert.equal(await page.locator('#steps > li').count(), transcript.length);
});

test('an expired certificate: data-state="failed", the code and its sentence shown', async () => {
  const transcript = await page.evaluate(([url, roots]) =>
    window.tlsscope.run(url, { mode: 'live', trustAnchorsPem: roots }),
  [`https://127.0.0.1:${expired.port}/`, read(path.join(pki, 'roots.pem'))]);
  await page.screenshot({ path: path.join(shots, 'expired-certificate.png'), fullPage: true });
  assert.equal(await page.getAttribute('html', 'data-state'), 'failed');
  assert.ok(await page.isVisible('#failure'));
  assert.equal(await page.textContent('#failure-code'), 'CERT_EXPIRED');
  const error = transcript.find((e) => e.type === 'error');
  assert.equal(error.code, 'CERT_EXPIRED');
  assert.equal(await page.textContent('#failure-message'), error.message);
  assert.ok(await page.isVisible('#steps [data-step="error"]'));
  assert.ok(!(await page.isVisible('#response')));
});
