// The page's relay runs go through the connection worker (wasm/connection-worker.js, started
// by app.js with the engine the page compiled): the engine instance of the page's main thread
// builds no client for them (its newClient is counted; a connect() on the main thread is the
// control that the count moves), the worker's own engine was warmed up with the same known
// answers as the page's and given the run's trust anchors ahead of it, and step mode's gate
// holds the client's flight in the worker until the page's Next releases it. Headless Chromium
// against a real tlsscope-server and its demo origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requireWebSetup } from '../wasm/harness.mjs';
import { usePageOnServer } from './support.mjs';

requireWebSetup({ browser: true });

// RFC 7748 §6.1: the secret Alice and Bob share (wasm/warm_up.cpp's X25519 part).
const SHARED_K = '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742';

let server;
let page;
usePageOnServer((opened) => ({ server, page } = opened));

/** Counts the clients the main thread's engine instance builds, from now on. */
const countMainClients = () => page.evaluate(async () => {
  const engine = await (await import('/tlsscope.js')).init();
  const newClient = engine.newClient;
  window.mainClients = 0;
  engine.newClient = (...args) => { window.mainClients++; return newClient.apply(engine, args); };
});
const mainClients = () => page.evaluate(() => window.mainClients);
const outFrames = () => page.evaluate(() => window.tlsscope.store.events
  .filter((e) => e.type === 'ws_frame' && e.dir === 'out' && e.opcode === 'binary').length);

test('a relay run happens in the worker: the main thread builds no client; the worker was warmed up', async () => {
  const check = await page.evaluate(() => window.tlsscope.warmedUp);
  assert.equal(check.worker?.stopped, undefined, 'nothing started a run, so the worker\'s warm-up ran to its end');
  assert.equal(check.worker.passes, 2);
  assert.equal(check.worker.x25519_shared, SHARED_K, 'the worker\'s engine computed RFC 7748\'s shared secret');
  assert.ok(check.worker.client_hello_bytes > 100, 'and built a ClientHello');
  assert.ok(page.workers().some((w) => w.url().endsWith('/connection-worker.js')), 'the worker runs');

  await countMainClients();
  // The run's message to the worker, as posted: its trust anchors were handed over by the warm-up.
  await page.evaluate(() => {
    const post = Worker.prototype.postMessage;
    window.connectMessages = [];
    Worker.prototype.postMessage = function (message, ...rest) {
      if (message?.do === 'connect') window.connectMessages.push(message);
      return post.call(this, message, ...rest);
    };
  });
  const events = await page.evaluate((url) => window.tlsscope.run(url), server.demoOrigin + '/');
  const [posted] = await page.evaluate(() => window.connectMessages);
  assert.ok(posted?.options.anchors?.key, 'the run named its trust anchors to the worker');
  assert.equal(posted.options.anchors.certificates, undefined,
    'by key alone: the warm-up handed them to the worker, which parsed them before Enter');
  assert.equal(await page.getAttribute('html', 'data-state'), 'done', await page.textContent('#status'));
  assert.match(await page.textContent('#response-head'), /^HTTP\/1\.1 200 OK/);
  assert.ok(events.some((e) => e.type === 'handshake_complete'));
  assert.equal(await mainClients(), 0, 'the main thread\'s engine built no client for the run');

  // The control: the same connection with the main thread's connect() is counted.
  const state = await page.evaluate(async (url) => {
    const { connect } = await import('/tlsscope.js');
    const relay = new URL('relay', location.href);
    relay.protocol = 'ws:';
    const trustAnchorsPem = await (await fetch('ca.pem')).text();
    return (await connect(url, { relay: relay.href, trustAnchorsPem })).state;
  }, server.demoOrigin + '/');
  assert.equal(state, 'closed');
  assert.equal(await mainClients(), 1, 'a main-thread connect() is counted');
});

test('step mode through the worker: each held flight leaves only after Next', async () => {
  await countMainClients();
  await page.evaluate((url) => { window.stepRun = window.tlsscope.run(url, { mode: 'step', version: '1.3' }); }, server.demoOrigin + '/');
  await page.waitForSelector('html[data-held]', { timeout: 20000 });
  const held = await outFrames();
  assert.equal(held, 1, 'only the ClientHello went out before the gate');
  await page.waitForTimeout(300);
  assert.equal(await outFrames(), held, 'the held Finished did not leave while the page waited');
  assert.equal(await page.getAttribute('html', 'data-state'), 'running');

  // Next releases the Finished; the request then waits as its own flight.
  assert.equal(await page.evaluate(() => window.tlsscope.next()), true, 'Next released a held flight');
  await page.waitForFunction((n) => document.documentElement.dataset.held && window.tlsscope.store.events
    .filter((e) => e.type === 'ws_frame' && e.dir === 'out' && e.opcode === 'binary').length > n, held, { timeout: 20000 });
  const finished = await outFrames();
  await page.waitForTimeout(300);
  assert.equal(await outFrames(), finished, 'the held request did not leave while the page waited');
  assert.equal(await page.evaluate(() => window.tlsscope.next()), true);
  const events = await page.evaluate(() => window.stepRun);
  assert.equal(await page.getAttribute('html', 'data-state'), 'done', await page.textContent('#status'));
  assert.equal(events.find((e) => e.type === 'http_response')?.status, 200, 'the request went out, the response came');
  assert.equal(await mainClients(), 0, 'the step-mode run was the worker\'s too');
});
