// The page's idle warm-up (web/warmup.js, wasm/warm_up.cpp) in headless Chromium against a real
// tlsscope-server: it runs the engine's real code once the page is idle, its self-check holds
// known answers (RFC 7748 §6.1's X25519 keys, every suite's records sealed and opened, the demo
// origin's CA parsed and validated, a ClientHello built and drawn off the page), it shows nothing and opens no
// connection, and a run the learner starts comes first and still works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requireWebSetup } from '../wasm/harness.mjs';
import { usePageOnServer } from './support.mjs';

requireWebSetup({ browser: true });

// RFC 7748 §6.1: Alice's public key, and the secret she shares with Bob.
const ALICE_PUBLIC = '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a';
const SHARED_K = '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742';

let server;
let page;
usePageOnServer((opened) => ({ server, page } = opened));

test('after load, the warm-up runs the real engine on known answers, shows nothing, connects nowhere; a run right after works', async () => {
  const sockets = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  await page.goto(`${server.page}/`);
  await page.evaluate(() => window.tlsscope.ready);  // the API's members are there once it resolves
  const check = await page.evaluate(() => window.tlsscope.warmedUp);
  assert.equal(check.stopped, undefined, 'nothing started a run, so the warm-up ran to its end');
  assert.equal(check.passes, 2);
  assert.equal(check.x25519_public, ALICE_PUBLIC);
  assert.equal(check.x25519_shared, SHARED_K);
  assert.ok(check.suites >= 5, `the engine offers the TLS 1.2 and 1.3 AEAD suites (${check.suites})`);
  assert.equal(check.records_intact, check.suites, 'a record sealed with each suite opens to the same bytes');
  assert.equal(check.certificates, 1, 'the demo origin CA (ca.pem) parsed as a Certificate message');
  assert.ok(check.event_chars > 500 && check.report_chars > 200, 'its field tree and chain report were built');
  assert.ok(check.client_hello_bytes > 100 && check.client_hello_events > 0, 'a ClientHello was built');
  assert.ok(check.drawn_elements > 10, 'and drawn by the page\'s own code, off the page');

  // The WebSockets after load are tunnels opened ahead of the first run (/relay?target=later; the
  // page the fixture loaded before this one may open its own as it goes): they name no target,
  // so the warm-up's ClientHello still went nowhere.
  assert.ok(sockets.every((u) => new URL(u).searchParams.get('target') === 'later' &&
    !new URL(u).searchParams.has('host')), `only tunnels with no target yet were opened: ${sockets}`);
  assert.equal(await page.getAttribute('html', 'data-state'), 'idle');
  assert.equal(await page.locator('#diagram [data-step]').count(), 0, 'no step drawn');
  assert.ok(await page.isHidden('#response'));
  assert.match(await page.textContent('#status'), /ready/i);

  await page.fill('#url', server.demoOrigin + '/');
  await page.press('#url', 'Enter');
  await page.waitForSelector('html[data-state="done"], html[data-state="failed"]', { timeout: 20000 });
  assert.equal(await page.getAttribute('html', 'data-state'), 'done', await page.textContent('#status'));
  assert.match(await page.textContent('#response-head'), /^HTTP\/1\.1 200 OK/);
  // Only the relay was used, and only the run named a target: in a tunnel opened ahead (its
  // connect message) or, if none was open yet, in the URL of its own WebSocket.
  assert.ok(sockets.every((u) => new URL(u).pathname === '/relay'), `only the relay: ${sockets}`);
  const named = sockets.filter((u) => new URL(u).searchParams.has('host'));
  assert.ok(named.length <= 1 && named.every((u) => new URL(u).searchParams.get('port') === new URL(server.demoOrigin).port),
    `the run, and only it, named a target: ${sockets}`);
});

test('a link that runs at once: the run goes first, the warm-up stops before its first slice', async () => {
  const q = new URLSearchParams({ url: server.demoOrigin + '/' });
  await page.goto(`${server.page}/?${q}`);
  await page.waitForSelector('html[data-state="done"], html[data-state="failed"]', { timeout: 20000 });
  assert.equal(await page.getAttribute('html', 'data-state'), 'done', await page.textContent('#status'));
  assert.match(await page.textContent('#response-head'), /^HTTP\/1\.1 200 OK/);
  const check = await page.evaluate(() => window.tlsscope.warmedUp);
  assert.equal(check.stopped, true);
  assert.equal(check.passes, 0);
  assert.equal(check.slice_ms.length, 0, 'no slice ran once the run had started');
});
