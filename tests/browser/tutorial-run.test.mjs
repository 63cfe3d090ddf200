// The tutorial page's run controls in headless Chromium against a real tlsscope-server and its
// demo origin: step mode (the held flight checked at a TCP byte counter between the relay and
// the origin; a server that gives up while the learner reads), the relay's view of the frames,
// the exports (transcript, key log, a pcapng that tshark decrypts) and the replay of a saved
// transcript, and "Break it" (a flipped signature byte, a wrong SNI).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { requireWebSetup, startTlsscopeServer, stop, env, freePort } from '../wasm/harness.mjs';
import { startByteCounter } from '../wasm/byte_counter.mjs';
import { openPage, shot, shots, switchLang } from './support.mjs';

requireWebSetup({ browser: true });

let server;
let counter;  // relay → counter → demo origin: what really left the relay
let browser;
let page;

before(async () => {
  // The counter forwards to the demo origin's port, chosen here; the relay may reach the counter.
  const originPort = await freePort();
  counter = await startByteCounter(originPort);
  server = await startTlsscopeServer(['--demo-origin', `127.0.0.1:${originPort}`, '--allow', `127.0.0.1:${counter.port}`]);
  ({ browser, page } = await openPage(server));
});

after(async () => {
  await browser?.close();
  await counter?.close();
  await stop(server?.proc);
});

const viaCounter = () => `https://127.0.0.1:${counter.port}/`;
const settled = () => page.waitForSelector('html[data-state="done"], html[data-state="failed"]', { timeout: 20000 });
const heldFlight = () => page.getAttribute('html', 'data-held');

test('step mode: the ClientHello leaves, the next flight waits for Next (bytes counted past the relay), then →', async () => {
  await page.evaluate((url) => { window.stepRun = window.tlsscope.run(url, { mode: 'step', version: '1.2' }); }, viaCounter());
  await page.waitForSelector('html[data-held="3"]', { timeout: 20000 });
  assert.ok(await page.isVisible('#stepbar'));
  assert.ok(await page.isVisible('#next'));
  // Only the ClientHello record has reached the server, although the client already built its
  // key exchange: those arrows are drawn as held.
  const hello = Number((await page.textContent('#steps [data-id="client_hello"] .size')).replace(/\D/g, ''));
  assert.equal(counter.bytesUp, 5 + hello, 'bytes past the relay = the ClientHello record');
  const held = await page.evaluate(() => [...document.querySelectorAll('#steps [data-held]')].map((el) => el.dataset.step));
  assert.deepEqual(held, ['client_key_exchange', 'change_cipher_spec', 'finished']);
  await shot(page, 'tutorial-step-held.png');
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(counter.bytesUp, 5 + hello, 'still nothing more while the learner reads');
  assert.equal(new URL(page.url()).searchParams.get('mode'), 'step');
  // Next releases the flight; the request then waits in its own flight, released with →.
  await page.click('#next');
  await page.waitForSelector('html[data-held="5"]', { timeout: 20000 });
  assert.ok(counter.bytesUp > 5 + hello, 'the second flight reached the server');
  assert.equal(await page.evaluate(() => document.querySelectorAll('#steps [data-held]').length), 1);
  await page.evaluate(() => window.tlsscope.select(document.querySelector('#steps [data-id]:last-of-type') &&
    [...document.querySelectorAll('#steps [data-id]')].at(-1).dataset.id));
  await page.keyboard.press('ArrowRight');
  await settled();
  const events = await page.evaluate(() => window.stepRun);
  assert.equal(await page.getAttribute('html', 'data-state'), 'done');
  assert.equal(events.find((e) => e.type === 'http_response').status, 200);
  assert.ok(await page.isHidden('#stepbar'));
});

test('step mode: a server that gives up while the learner reads is shown', async () => {
  await page.evaluate((url) => { window.stepRun = window.tlsscope.run(url, { mode: 'step', version: '1.3' }); }, viaCounter());
  await page.waitForSelector('html[data-held]', { timeout: 20000 });
  counter.hangUp();
  await settled();
  assert.equal(await page.getAttribute('html', 'data-state'), 'failed');
  assert.equal(await page.getAttribute('html', 'data-gave-up'), 'true');
  assert.ok(await page.isHidden('#stepbar'));
  const error = (await page.evaluate(() => window.stepRun)).find((e) => e.type === 'error');
  assert.equal(await page.getAttribute('#failure .failure-card', 'data-code'), error.code);
  assert.equal(await page.textContent('#status'), `While the client waited for you, the server gave up: ${error.code}`);
  await shot(page, 'tutorial-step-gave-up.png');
});

test('relay view: every WebSocket frame, the records inside, ciphertext after the handshake', async () => {
  // The run goes through the tunnel the page opened ahead (/relay?target=later): its first frame
  // is the page's connect message, drawn as such.
  assert.equal(await page.evaluate(() => window.tlsscope.tunnelAhead()), true);
  const events = await page.evaluate((url) => window.tlsscope.run(url, { mode: 'live', version: '1.2' }), server.demoOrigin + '/');
  const frames = events.filter((e) => e.type === 'ws_frame');
  assert.ok(frames.length >= 6);
  assert.equal(await page.locator('.relay-view .frame').count(), frames.length);
  assert.deepEqual([frames[0].dir, frames[0].opcode, frames[0].step], ['out', 'text', 'dns']);
  assert.match(await page.locator('.relay-view .frame').first().textContent(), /page names the server to connect to/);
  // What the relay wrote to the server is exactly the page's binary frames — all of them, or
  // all but the client's last (its close_notify), which a server that closes right after its
  // response (the demo origin, Connection: close) may not wait for: the relay reports the
  // bytes written when the server's side closed.
  const sizes = frames.filter((f) => f.dir === 'out' && f.opcode === 'binary').map((f) => f.length);
  const up = sizes.reduce((n, size) => n + size, 0);
  const written = events.find((e) => e.type === 'tcp_closed').bytes_up;
  assert.ok([up, up - sizes.at(-1)].includes(written), `${written} of ${up} bytes (frames ${sizes})`);
  const rows = await page.evaluate(() => [...document.querySelectorAll('.relay-view .relay-record')]
    .map((r) => ({ protected: r.dataset.protected, knows: r.querySelector('.knows').textContent })));
  assert.equal(rows[0].protected, 'false');
  assert.match(rows[0].knows, /ClientHello/);
  // Every record after the client's Finished (HTTP request, response, alerts) is ciphertext.
  const request = rows.findIndex((r) => /Application data/.test(r.knows));
  assert.ok(request > 0);
  for (const r of rows.slice(request)) assert.equal(r.protected, 'true', r.knows);
  await page.locator('.relay-view').screenshot({ path: path.join(shots, 'tutorial-relay-view.png') });
});

test('exports and replay: transcript, key log and a pcapng tshark decrypts; the saved run browses like the live one', async () => {
  const events = await page.evaluate((url) => window.tlsscope.run(url, { mode: 'live', version: '1.2' }), server.demoOrigin + '/');
  const save = async (button) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    const file = path.join(env.work, download.suggestedFilename());
    await download.saveAs(file);
    return file;
  };
  const json = await save('#export-json');
  const transcript = JSON.parse(readFileSync(json, 'utf8'));
  assert.equal(transcript.format, 'tlsscope-transcript');
  assert.deepEqual(transcript.events, events);
  const keylog = readFileSync(await save('#export-keylog'), 'utf8');
  const random = events.find((e) => e.step === 'client_hello' && e.type === 'message').summary.random;
  assert.match(keylog, new RegExp(`^CLIENT_RANDOM ${random} [0-9a-f]{96}$`, 'm'));
  const pcap = await save('#export-pcap');
  const methods = execFileSync('tshark', ['-r', pcap, '-o', `tls.keylog_file:${writeKeylog(keylog)}`, '-Y', 'http.request',
    '-T', 'fields', '-e', 'http.request.method', '-e', 'http.request.uri'], { encoding: 'utf8' });
  assert.equal(methods.trim(), 'GET\t/');
  // The saved run, opened again: the same steps, the same bytes, browsed the same way.
  const liveIds = await page.evaluate(() => [...document.querySelectorAll('#steps [data-id]')].map((el) => el.dataset.id));
  await page.reload();
  await page.evaluate(() => window.tlsscope.ready);
  await page.setInputFiles('#load-transcript', json);
  // Wait for the replay itself: a state of "done" left from before the file was read would
  // satisfy settled() at once (seen under load, with another browser test beside it).
  await page.waitForSelector('html[data-replay="true"]', { timeout: 20000 });
  await settled();
  assert.equal(await page.getAttribute('html', 'data-replay'), 'true');
  assert.equal(await page.getAttribute('html', 'data-state'), 'done');
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('#steps [data-id]')].map((el) => el.dataset.id)), liveIds);
  await page.evaluate(() => { location.hash = '#client_hello'; });
  await page.waitForFunction(() => document.querySelector('#steps [aria-current="step"]')?.dataset.id === 'client_hello');
  // The hex view draws its lines past the first screen after a frame (web/hexview.js).
  await page.waitForSelector('#detail .bytes-view .hex:not([aria-busy])');
  const hex = await page.evaluate(() => [...document.querySelector('#detail .bytes-view .hex').querySelectorAll('[data-offset]')]
    .map((b) => b.textContent).join(''));
  assert.equal(hex, events.find((e) => e.step === 'client_hello' && e.type === 'message').bytes);
  assert.match(await page.textContent('#response-head'), /^HTTP\/1\.1 200 OK/);
  assert.match(await page.textContent('#status'), /^Replayed from a saved transcript: TLS 1\.2/);
  // A file that is not a transcript is refused with a sentence.
  const bad = path.join(env.work, 'not-a-transcript.json');
  writeFileSync(bad, '{"format": "something else"}');
  await page.setInputFiles('#load-transcript', bad);
  await page.waitForFunction(() => /not a transcript/.test(document.getElementById('status').textContent));
});

function writeKeylog(text) {
  const file = path.join(env.work, 'tutorial-run.keylog');
  writeFileSync(file, text);
  return file;
}

test('break it: a wrong SNI fails the name check, shown in the chain view', async () => {
  const sni = await page.evaluate((url) => window.tlsscope.run(url, { mode: 'live', serverName: 'wrong.example' }), server.demoOrigin + '/');
  assert.equal(sni.find((e) => e.type === 'error')?.code, 'CERT_NAME_INVALID');
  assert.equal(sni.find((e) => e.type === 'url').server_name, 'wrong.example');
  assert.equal(await page.getAttribute('#failure .where a', 'href'), '#certificate_chain');
  assert.equal(await page.getAttribute('#steps [aria-current="step"]', 'data-id'), 'certificate_chain');
  assert.equal(await page.getAttribute('#detail .chain .cert[data-index="0"] [data-check="name"]', 'data-ok'), 'false');
  await shot(page, 'tutorial-break-sni.png');
});

test('no relay to be reached: the page offers the in-browser server; its run is labelled and completes', async () => {
  assert.equal(await page.getAttribute('html', 'data-relay'), 'reachable');
  assert.ok(await page.isHidden('#inpage-offer'));
  const nowhere = await freePort();  // nothing listens: like a static host with no relay
  const alone = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  try {
    await alone.goto(`${server.page}/?relay=${encodeURIComponent(`ws://127.0.0.1:${nowhere}/relay`)}`);
    await alone.waitForSelector('html[data-relay="unreachable"]', { timeout: 20000 });
    assert.ok(await alone.isVisible('#inpage-offer'));
    assert.ok(await alone.isHidden('#inpage-banner'));
    await alone.click('#inpage-run');
    await alone.waitForSelector('html[data-state="done"], html[data-state="failed"]', { timeout: 30000 });
    assert.equal(await alone.getAttribute('html', 'data-state'), 'done', await alone.textContent('#status'));
    assert.equal(await alone.getAttribute('html', 'data-inpage'), 'true');
    assert.ok(await alone.isVisible('#inpage-banner'));
    for (const step of ['client_hello', 'server_hello', 'certificate', 'server_key_exchange', 'finished-2'])
      assert.equal(await alone.locator(`#steps [data-id="${step}"]`).count(), 1, step);
    assert.match(await alone.textContent('#response-head'), /^HTTP\/1\.[01] 200/);
    await alone.screenshot({ path: path.join(shots, 'tutorial-inpage-server.png'), fullPage: false });
  } finally {
    await alone.close();
  }
});

test('break it: a flipped byte of the server\'s signature is caught by the signature check, from the panel', async () => {
  await page.fill('#url', server.demoOrigin + '/');
  await page.selectOption('#version', '1.2');
  await page.click('#breakit summary');
  await page.selectOption('#tamper', 'server_key_exchange_signature');
  await page.press('#url', 'Enter');
  await settled();
  assert.equal(await page.getAttribute('#failure .failure-card', 'data-code'), 'BAD_SIGNATURE');
  assert.equal(await page.getAttribute('#steps [data-id="server_key_exchange"]', 'data-tampered'), 'true');
  assert.equal(await page.getAttribute('#steps [data-id="server_key_exchange_signature"]', 'data-ok'), 'false');
  assert.equal(await page.getAttribute('#failure .where a', 'href'), '#server_key_exchange_signature');
  // The tampered message says which byte was flipped, and that byte is in its signature field.
  await page.evaluate(() => window.tlsscope.select('server_key_exchange'));
  const offset = Number(/at offset (\d+)/.exec(await page.textContent('#detail .tamper-note p'))[1]);
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('#detail .hex .flipped')].map((b) => Number(b.dataset.offset))), [offset]);
  const signature = await page.evaluate(() => { const n = [...document.querySelectorAll('#detail .tree [data-field-path]')]
    .find((f) => f.querySelector('.fname').textContent === 'signature'); return [Number(n.dataset.from), Number(n.dataset.length)]; });
  assert.ok(offset >= signature[0] && offset < signature[0] + signature[1], `offset ${offset} inside the signature ${signature}`);
  await shot(page, 'tutorial-break-signature.png');
  await page.selectOption('#tamper', '');
});

test('secrets: the derivation panel and the both-sides proof after a run against the demo origin; a secret links to its node', async () => {
  await page.evaluate((url) => window.tlsscope.run(url, { mode: 'live', version: '1.2' }), server.demoOrigin + '/');
  for (const name of ['pre_master_secret', 'master_secret', 'key_block', 'client_write_key'])
    assert.equal(await page.locator(`#secrets-panel .secrets [data-secret="${name}"]`).count(), 1, name);
  assert.equal(await page.getAttribute('#secrets-panel [data-proof]', 'data-proof'), 'match');
  await page.evaluate(() => window.tlsscope.select('master_secret'));
  await page.click('#detail [data-secret-link="master_secret"]');
  const node = page.locator('#secrets-panel .secrets [data-secret="master_secret"]');
  const box = await node.boundingBox();
  const height = await page.evaluate(() => innerHeight);
  assert.ok(box.y < height && box.y + box.height > 0, 'the node is scrolled into view');
  await switchLang(page, 'zh');
  assert.match(await page.textContent('#secrets-panel .secrets h3'), /[\u4e00-\u9fff]/, 'the panel follows the language');
  await switchLang(page, 'en');
});
