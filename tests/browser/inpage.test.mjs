// The site on a plain static host with NO relay (python3 -m http.server on loopback), in
// headless Chromium: the in-browser server (BearSSL's TLS server in wasm, web/inpage-server.js)
// runs a real handshake with the engine to HTTP 200, and its module is fetched only when used,
// so the page's own download does not include it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { env, SKIP, freePort, stop } from '../wasm/harness.mjs';
import { openPage, shot } from './support.mjs';

// Only the page and Chromium are needed here: no relay, no native binaries.
try {
  createRequire(path.join(env.top, 'package.json')).resolve('playwright-core');
  if (!existsSync(env.chromium)) throw new Error(env.chromium);
} catch (err) {
  console.log(`SKIPPED: scripts/setup-web has not run (missing: ${err.message}).`);
  process.exit(SKIP);
}
for (const f of ['index.html', 'tlsscope.js', 'inpage-server.js', 'tlsscope-inpage-server.wasm']) {
  if (!existsSync(path.join(env.site, f))) {
    console.error(`FAILED: ${path.join(env.site, f)} is missing: run scripts/build-web before the tests.`);
    process.exit(1);
  }
}

let host;
let browser;
let page;

before(async () => {
  const port = await freePort();
  const proc = spawn('python3', ['-m', 'http.server', '--bind', '127.0.0.1', '--directory', env.site, String(port)],
    { stdio: ['ignore', 'ignore', 'ignore'] });
  host = { proc, page: `http://127.0.0.1:${port}` };
  for (let i = 0; i < 100; i++) {
    if (proc.exitCode !== null) throw new Error(`python3 -m http.server exited with ${proc.exitCode}`);
    try { if ((await fetch(`${host.page}/index.html`)).ok) break; } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  ({ browser, page } = await openPage(host));
});

after(async () => {
  await browser?.close();
  await stop(host?.proc);
});

const fetched = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));

test('with no relay, the in-browser server runs a real handshake to HTTP 200 in the page', async () => {
  assert.ok(!(await fetched()).some((p) => p.includes('inpage-server')),
    'the page does not download the in-browser server until it is used');
  const run = await page.evaluate(async () => {
    const { inPageServerInfo, InPageServerSocket } = await import('./inpage-server.js');
    const { connect } = await import('./tlsscope.js');
    const t0 = performance.now();
    const info = await inPageServerInfo();
    const setupMs = performance.now() - t0;
    const r = await connect(info.url, {
      relay: info.relay, WebSocket: InPageServerSocket, trustAnchorsPem: info.caPem, timeoutMs: 10000,
    });
    const chain = r.events.find((e) => e.type === 'check' && e.step === 'certificate_chain');
    return {
      setupMs, ms: r.ms, url: info.url, label: info.label_en, error: r.error, status: r.response?.status, body: r.response?.body,
      relay: r.events.filter((e) => e.source === 'relay' && e.type !== 'ws_frame').map((e) => e.type),
      verdict: chain?.verdict, version: r.events.find((e) => e.step === 'server_hello' && e.type === 'message')?.summary.version,
    };
  });
  console.log(`in-browser server: module + keys + certificates ${Math.round(run.setupMs)} ms, handshake + HTTP ${Math.round(run.ms)} ms`);
  assert.equal(run.error, null, JSON.stringify(run.error));
  assert.equal(run.status, 200);
  assert.match(run.body, /in-browser server/);
  assert.equal(run.url, 'https://inpage.tlsscope.test/');
  assert.match(run.label, /in-browser server \(BearSSL.*not a network server/);
  assert.equal(run.verdict, 'trusted', 'the engine verified the chain made in this page');
  assert.equal(run.version, 'TLS 1.2');
  assert.deepEqual(run.relay, ['dns', 'tcp', 'tcp_closed']);
  assert.ok((await fetched()).some((p) => p.endsWith('/tlsscope-inpage-server.wasm')), 'fetched from the static host when used');
  await shot(page, 'inpage.png');
});

test('on the static host the page itself finds no relay and offers the in-browser server; the offer runs to HTTP 200, labelled', async () => {
  // A fresh load: the earlier test imported the module by hand.
  await page.goto(`${host.page}/`);
  await page.waitForSelector('html[data-relay="unreachable"]', { timeout: 20000 });
  assert.ok(await page.isVisible('#inpage-offer'));
  await page.click('#inpage-run');
  await page.waitForSelector('html[data-state="done"], html[data-state="failed"]', { timeout: 30000 });
  assert.equal(await page.getAttribute('html', 'data-state'), 'done', await page.textContent('#status'));
  assert.ok(await page.isVisible('#inpage-banner'), 'the run is labelled as the in-browser server');
  assert.match(await page.textContent('#response-head'), /^HTTP\/1\.1 200 OK/);
  await shot(page, 'inpage-offer.png');
});

test('on the static host the first Enter on the prefilled address runs the in-browser server; another address says there is no relay, never a false failure', async () => {
  await page.goto(`${host.page}/`);
  await page.waitForSelector('html[data-relay="unreachable"]', { timeout: 20000 });
  await page.waitForFunction(() => document.querySelector('#url').value === 'https://inpage.tlsscope.test/', null, { timeout: 10000 });
  await page.press('#url', 'Enter');
  await page.waitForSelector('html[data-state="done"], html[data-state="failed"]', { timeout: 30000 });
  assert.equal(await page.getAttribute('html', 'data-state'), 'done', await page.textContent('#status'));
  assert.ok(await page.isVisible('#inpage-banner'), 'the run is labelled as the in-browser server');
  assert.match(await page.textContent('#response-head'), /^HTTP\/1\.1 200 OK/);

  // A fresh load, then an address only a relay could reach.
  await page.goto(`${host.page}/`);
  await page.waitForSelector('html[data-relay="unreachable"]', { timeout: 20000 });
  await page.fill('#url', 'https://example.com/');
  await page.press('#url', 'Enter');
  await page.waitForFunction(() => document.querySelector('#status').dataset.i18n === 'no-relay', null, { timeout: 10000 });
  assert.match(await page.textContent('#status'), /^No relay answers at this site, so this page cannot reach https:\/\/example\.com\//);
  assert.equal(await page.getAttribute('html', 'data-state'), 'idle', 'nothing ran');
  assert.ok(!(await page.isVisible('#failure')), 'no failure card');
  assert.ok(await page.isVisible('#inpage-offer'), 'the in-browser server is offered');
  await page.evaluate(() => window.tlsscope.setLang('zh'));
  assert.match(await page.textContent('#status'), /^这个网站上没有中继应答/);
  await shot(page, 'inpage-no-relay.png');
});
