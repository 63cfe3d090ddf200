// The run store (web/store.js) and the views drawn from it, in headless Chromium against a real
// tlsscope-server:
// - the events of real runs (TLS 1.2, TLS 1.3, a tampered one that fails) give the same model,
//   and the same incrementally drawn diagram, in any batching as one by one and all at once;
// - the facts the diagram uses are in the events: each message's records, each record's frame,
//   the message each check, secret and tamper report belongs to;
// - the secrets panel and the relay view built as the events arrive (secrets.js SecretsLadder,
//   relayview.js RelayView), in any batching, are the ones drawn from all of them at once;
// - a replayed transcript draws the same diagram, record layer, relay view and secrets panel as
//   the live run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requireWebSetup } from '../wasm/harness.mjs';
import { usePageOnServer, shot } from './support.mjs';

requireWebSetup({ browser: true });

let server;
let page;
usePageOnServer((opened) => ({ server, page } = opened));

/** Asserts two HTML strings are equal, showing where they first differ. */
function sameHtml(actual, expected, what) {
  if (actual === expected) return;
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) i++;
  assert.fail(`${what} differs at ${i}:\n  got  …${actual.slice(Math.max(0, i - 150), i + 150)}\n  want …${expected.slice(Math.max(0, i - 150), i + 150)}`);
}

const settled = () => page.waitForSelector('html[data-state="done"], html[data-state="failed"]', { timeout: 20000 });

/** In the page: the model of `events` fed in chunks of the sizes `sizes` yields (flushing after
 *  each), reduced to plain data, and the diagram DiagramView drew from those flushes. */
async function modelsByBatching(events) {
  return page.evaluate(async (list) => {
    const { storeModule: { RunStore, modelOf }, diagramModule: { DiagramView, renderDiagram },
      relayviewModule: { RelayView, renderRelayView } } = await import('/app.js');
    const plain = (model) => ({
      items: model.items.map((it) => ({
        id: it.id, kind: it.kind, lane: it.lane, dir: it.dir ?? null, type: it.event.type, seq: it.event.seq ?? null,
        attached: it.attached.map((x) => `${x.type}:${x.seq ?? x.status ?? ''}`),
        records: (it.records ?? []).map((r) => r.seq), protected: it.protected ?? null, inner: it.inner ?? null,
        ok: it.ok ?? null, tampered: !!it.tampered, response: it.response?.status ?? null, group: model.groups.indexOf(it.group),
      })),
      groups: model.groups.map((g) => ({ kind: g.kind, dir: g.dir ?? null, n: g.n ?? null, round: g.round ?? null, wait: g.wait ?? null, items: g.items.map((it) => it.id) })),
      records: model.records.map((r) => r.seq), frames: model.frames.length, failure: model.failure?.code ?? null,
      rounds: model.rounds, inBrowser: model.inBrowser, trustStore: !!model.trustStore,
    });
    // A seeded xorshift, so a failure can be replayed.
    let x = 0x2545f491;
    const rand = () => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return (x >>> 0) / 2 ** 32; };
    const batchings = {
      'one by one': list.map(() => 1),
      'all at once': [list.length],
      'random chunks': (() => { const out = []; for (let n = 0; n < list.length;) { const k = 1 + Math.floor(rand() * 7); out.push(k); n += k; } return out; })(),
      'pairs': list.map(() => 2),
    };
    const out = {};
    for (const [name, sizes] of Object.entries(batchings)) {
      const store = new RunStore();
      const container = document.createElement('div');
      const view = new DiagramView(container);
      store.subscribe((model, changes) => view.update(model, changes));
      const relay = new RelayView();
      let at = 0;
      for (const k of sizes) {
        store.addAll(list.slice(at, at + k));
        store.flush();
        relay.sync(store.model);
        at += k;
        if (at >= list.length) break;
      }
      out[name] = { model: plain(store.model), dom: container.querySelector('#steps').outerHTML, relay: relay.section(store.model).outerHTML };
    }
    const whole = modelOf(list);
    const full = document.createElement('div');
    full.append(...renderDiagram(whole, ''));
    out.reference = { model: plain(whole), dom: full.querySelector('#steps').outerHTML, relay: renderRelayView(whole).outerHTML };
    return out;
  }, events);
}

/** In the page: the secrets panel's derivation (secrets.js SecretsLadder) fed the events in the
 *  same batchings, and the panel drawn from all of them at once (renderSecrets). */
function laddersByBatching(events) {
  return page.evaluate(async (list) => {
    const { SecretsLadder, renderSecrets } = await import('/secrets.js');
    let x = 0x9e3779b9;
    const rand = () => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return (x >>> 0) / 2 ** 32; };
    const out = {};
    for (const [name, size] of [['one by one', () => 1], ['random chunks', () => 1 + Math.floor(rand() * 7)], ['all at once', () => list.length]]) {
      const ladder = new SecretsLadder('en');
      for (let at = 0; at < list.length;) {
        at += size();
        ladder.sync(list.slice(0, at));
      }
      out[name] = ladder.section(list).outerHTML;
    }
    // Stopped by its budget after every event, as the page's idle slices may stop it.
    const stepwise = new SecretsLadder('en');
    let budget = 0;
    while (!stepwise.sync(list, () => budget-- > 0)) budget = 1;
    out['one per slice'] = stepwise.section(list).outerHTML;
    return { out, reference: renderSecrets(list, { lang: 'en' }).outerHTML };
  }, events);
}

for (const [name, options] of [
  ['TLS 1.3', { version: '1.3' }],
  ['TLS 1.2', { version: '1.2' }],
  ['TLS 1.2, the server\'s Finished tampered with (fails)', { version: '1.2', tamper: 'server_finished' }],
]) {
  test(`${name}: any batching of the events gives the same model and the same diagram as one by one`, async () => {
    const events = await page.evaluate(([url, o]) => window.tlsscope.run(url, { mode: 'live', ...o }), [server.demoOrigin + '/', options]);
    const got = await modelsByBatching(events);
    const reference = got.reference;
    assert.ok(reference.model.items.length > 10, 'a real run has many steps');
    for (const [batching, r] of Object.entries(got)) {
      assert.deepEqual(r.model, reference.model, `${batching}: the model`);
      sameHtml(r.dom, reference.dom, `${batching}: the diagram drawn incrementally`);
      sameHtml(r.relay, reference.relay, `${batching}: the relay view drawn incrementally`);
    }
    assert.ok((reference.relay.match(/class="relay-record"/g) ?? []).length > 5, 'the relay view shows the run\'s records');
    const ladders = await laddersByBatching(events);
    assert.ok((ladders.reference.match(/data-secret=/g) ?? []).length > 5, 'the secrets panel has the run\'s secrets');
    for (const [batching, html] of Object.entries(ladders.out)) sameHtml(html, ladders.reference, `${batching}: the secrets panel drawn incrementally`);
    // The facts it was built from, as the events carry them.
    const model = reference.model;
    const records = new Map(events.filter((e) => e.type === 'record').map((r) => [r.seq, r]));
    for (const e of events.filter((x) => x.type === 'message')) {
      assert.ok(e.records.length >= 1, `${e.step}: names the records that carried it`);
      for (const seq of e.records) assert.equal(records.get(seq)?.dir, e.dir, `${e.step}: record ${seq} is of its direction`);
    }
    for (const r of records.values()) assert.ok(Number.isInteger(r.frame) && r.frame >= 1, `record ${r.seq} names its frame`);
    const frames = events.filter((e) => e.type === 'ws_frame' && e.opcode === 'binary');
    for (const dir of ['in', 'out']) {
      assert.deepEqual(frames.filter((f) => f.dir === dir).map((f) => f.frame), frames.filter((f) => f.dir === dir).map((_, i) => i + 1),
        `${dir}: the binary frames are numbered 1, 2, …`);
      const numbers = new Set(frames.filter((f) => f.dir === dir).map((f) => f.frame));
      for (const r of [...records.values()].filter((x) => x.dir === dir)) assert.ok(numbers.has(r.frame), `record ${r.seq} names a frame that came`);
    }
    // What the client writes leaves in whole records: the records naming an outgoing frame add
    // up to its length (the Finished and the request leave in one pump, as two frames), and the
    // frame's event follows them.
    for (const f of frames.filter((x) => x.dir === 'out')) {
      const carried = [...records.values()].filter((r) => r.dir === 'out' && r.frame === f.frame);
      assert.equal(carried.reduce((n, r) => n + r.bytes.length / 2, 0), f.length, `out frame ${f.frame}: its records add up to its length`);
      assert.ok(carried.every((r) => events.indexOf(r) < events.indexOf(f)), `out frame ${f.frame} comes after its records`);
    }
    const messageBySeq = new Map(events.filter((e) => e.type === 'message').map((m) => [m.seq, m]));
    for (const c of events.filter((e) => e.type === 'check')) {
      assert.ok(messageBySeq.has(c.message_seq), `the ${c.step} check names its message`);
      assert.equal(messageBySeq.get(c.message_seq).dir, 'in', `the ${c.step} check names a received message`);
    }
    const verify = events.find((e) => e.type === 'secret' && e.name === 'client_verify_data');
    if (verify) {
      const finished = messageBySeq.get(verify.message_seq);
      assert.equal(`${finished?.step}:${finished?.dir}`, 'finished:out', 'the client\'s verify_data names the Finished that carries it');
      const item = model.items.find((it) => it.seq === finished.seq);
      assert.ok(item.attached.includes(`secret:${verify.seq}`), 'and hangs on its arrow');
    }
    const tamper = events.find((e) => e.type === 'tamper');
    if (tamper) {
      const altered = messageBySeq.get(tamper.message_seq);
      assert.equal(`${altered?.step}:${altered?.dir}`, 'finished:in', 'the tamper report names the message it altered');
      assert.ok(model.items.find((it) => it.seq === altered.seq).tampered);
    }
  });
}

test('a replayed transcript draws the same diagram, record layer, relay view and secrets panel as the live run', async () => {
  // No deep link left by the failed run before (a replay starts without one, as Enter does).
  const events = await page.evaluate((url) => {
    history.replaceState(null, '', location.pathname + location.search);
    return window.tlsscope.run(url, { mode: 'live', version: '1.3' });
  }, server.demoOrigin + '/');
  await settled();
  const drawn = () => page.evaluate(() => ({
    steps: document.querySelector('#steps').outerHTML,
    records: document.querySelector('#records-panel').innerHTML,
    relay: document.querySelector('#relay-view').innerHTML,
    // The derivation (the proof beside it is the live run's only: the origin's secrets).
    secrets: document.querySelector('#secrets-panel .secrets')?.outerHTML ?? '',
    response: document.querySelector('#response-head').textContent,
  }));
  const live = await drawn();
  await shot(page, 'store-live.png');
  await page.evaluate(async (list) => {
    const { toTranscript } = await import('/transcript.js');
    return window.tlsscope.replay(toTranscript({ events: list, keylog: '', ms: 0 }));
  }, events);
  await page.waitForSelector('html[data-replay="true"]');
  await settled();
  const replayed = await drawn();
  assert.ok(live.relay.length > 0 && live.records.length > 0, 'the live run drew its tools');
  sameHtml(replayed.steps, live.steps, 'the diagram');
  sameHtml(replayed.records, live.records, 'the record layer');
  sameHtml(replayed.relay, live.relay, 'the relay view');
  assert.ok(live.secrets.length > 0, 'the live run drew its secrets panel (built while it went)');
  sameHtml(replayed.secrets, live.secrets, 'the secrets panel');
  assert.equal(replayed.response, live.response);
});

/** The page's secrets panel and relay view as drawn, beside the whole-run renderers' output for
 *  the same events, and the run's relay frame count. */
const drawnAndWhole = () => page.evaluate(async () => {
  const { renderSecrets } = await import('/secrets.js');
  const { relayviewModule: { renderRelayView }, storeModule: { modelOf } } = await import('/app.js');
  const events = window.tlsscope.store.events;
  return {
    secrets: renderSecrets(events, { lang: 'en' }).outerHTML,
    drawnSecrets: document.querySelector('#secrets-panel .secrets').outerHTML,
    relay: renderRelayView(modelOf(events)).outerHTML,
    drawnRelay: document.querySelector('#relay-view').firstElementChild.outerHTML,
    frames: events.filter((e) => e.type === 'ws_frame').length,
  };
});

test('Enter: the run is done before the tools below it are drawn; they arrive after the frame that shows its end, whole', async () => {
  await page.fill('#url', server.demoOrigin + '/');
  await page.selectOption('#version', '1.3');
  // What the page shows at the moment the run is done, and at the moment its tools are drawn.
  await page.evaluate(() => {
    const tools = document.getElementById('tools');
    const now = () => ({
      t: performance.now(), hidden: tools.hidden, busy: tools.getAttribute('aria-busy'),
      secrets: document.querySelectorAll('#secrets-panel .secrets [data-secret]').length,
      proof: document.querySelector('#secrets-panel [data-proof]')?.dataset.proof ?? null,
      relay: document.querySelectorAll('#relay-view .frame').length,
      records: document.querySelectorAll('#records-panel [data-content-type]').length,
    });
    const seen = { frames: 0 };
    window.__toolsSeen = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        seen.ran ||= document.documentElement.dataset.state === 'running';
        if (seen.ran && !seen.done && document.documentElement.dataset.state === 'done') {
          seen.done = now();
          const count = () => { seen.frames++; if (!seen.drawn) requestAnimationFrame(count); };
          requestAnimationFrame(count);
        }
        if (seen.done && !seen.drawn && !tools.hidden && tools.getAttribute('aria-busy') === null) {
          seen.drawn = { ...now(), frames: seen.frames };
          observer.disconnect();
          resolve(seen);
        }
      });
      observer.observe(document.documentElement, { attributes: true, subtree: true, attributeFilter: ['data-state', 'aria-busy'] });
      setTimeout(() => resolve(seen), 15000);
    });
  });
  await page.press('#url', 'Enter');
  const seen = await page.evaluate(() => window.__toolsSeen);
  assert.ok(seen.done, 'the run ended done');
  assert.deepEqual({ hidden: seen.done.hidden, busy: seen.done.busy, secrets: seen.done.secrets, relay: seen.done.relay },
    { hidden: false, busy: 'true', secrets: 0, relay: 0 }, 'at the run\'s end the tools show (the exports work), their panels busy and empty');
  assert.ok(seen.drawn, 'the tools were drawn after the run');
  assert.ok(seen.drawn.frames >= 1, 'after the frame that shows the run\'s end');
  assert.ok(seen.drawn.t - seen.done.t < 2000, `within 2 s of the end (${(seen.drawn.t - seen.done.t).toFixed(1)} ms)`);
  // All of it: the whole-run renderers' panels for the same events, and the origin's proof.
  const whole = await drawnAndWhole();
  sameHtml(whole.drawnSecrets, whole.secrets, 'the secrets panel drawn after the run');
  sameHtml(whole.drawnRelay, whole.relay, 'the relay view drawn after the run');
  assert.equal(seen.drawn.relay, whole.frames, 'every relay frame');
  assert.ok(seen.drawn.records > 0, 'the record layer');
  assert.equal(seen.drawn.proof, 'match', 'the proof beside it, with the origin\'s secrets');
});

test('Enter: a tools panel not near the viewport is drawn hidden until found (in the page, findable, not laid out) and shown, whole, once scrolled near; Tab and the API show them all', async () => {
  const ran = async (how) => {
    await page.evaluate(() => { history.replaceState(null, '', location.pathname + location.search); scrollTo(0, 0); });
    await page.fill('#url', server.demoOrigin + '/');
    await page.selectOption('#version', '1.3');
    await how();
    await page.waitForFunction(() => document.documentElement.dataset.state === 'done' &&
      !document.getElementById('tools').hidden && !document.getElementById('tools').hasAttribute('aria-busy'), null, { timeout: 20000 });
  };
  const PANELS = ['secrets-panel', 'records-panel', 'relay-view'];
  /** Each panel: hidden="until-found" or not, laid out or not (its first heading's box), its nodes. */
  const state = () => page.evaluate((ids) => Object.fromEntries(ids.map((id) => {
    const panel = document.getElementById(id);
    const heading = panel.querySelector('h2, h3');
    return [id, { hidden: panel.getAttribute('hidden'), display: getComputedStyle(panel).display,
      laidOut: heading?.checkVisibility() ?? null, nodes: panel.querySelectorAll('*').length,
      below: panel.getBoundingClientRect().top - innerHeight }];
  })), PANELS);

  await ran(() => page.press('#url', 'Enter'));
  const drawn = await state();
  // In the 900 px window the tools start below the steps, over half a window below the fold.
  for (const id of PANELS) {
    assert.ok(drawn[id].below > 450, `${id} starts ${drawn[id].below} px below the fold`);
    assert.deepEqual({ hidden: drawn[id].hidden, laidOut: drawn[id].laidOut }, { hidden: 'until-found', laidOut: false }, `${id} is not laid out`);
    // Find-in-page searches a hidden="until-found" element and shows the one it finds (HTML
    // spec); not one the style sheet's [hidden] rule made display: none.
    assert.notEqual(drawn[id].display, 'none', `${id} is searched by find-in-page`);
    assert.ok(drawn[id].nodes > 10, `${id} is drawn (${drawn[id].nodes} elements)`);
  }
  // Printed, all of them are laid out (the print style).
  await page.emulateMedia({ media: 'print' });
  for (const [id, s] of Object.entries(await state())) assert.equal(s.laidOut, true, `${id} printed`);
  await page.emulateMedia({ media: 'screen' });
  assert.equal((await state())['secrets-panel'].hidden, 'until-found', 'printing does not show it on screen');
  // Scrolled near, each is shown and laid out: the whole-run renderers' panels for the same events.
  await page.evaluate(() => document.getElementById('exports').scrollIntoView({ block: 'start' }));
  await page.waitForFunction(() => !document.getElementById('secrets-panel').hidden, null, { timeout: 5000 });
  await page.evaluate(() => document.getElementById('relay-view').scrollIntoView({ block: 'start' }));
  await page.waitForFunction((ids) => ids.every((id) => !document.getElementById(id).hidden), PANELS, { timeout: 5000 });
  const shown = await state();
  for (const id of PANELS) assert.deepEqual({ hidden: shown[id].hidden, laidOut: shown[id].laidOut }, { hidden: null, laidOut: true }, `${id} shown`);
  const whole = await drawnAndWhole();
  sameHtml(whole.drawnSecrets, whole.secrets, 'the secrets panel shown once scrolled near');
  sameHtml(whole.drawnRelay, whole.relay, 'the relay view shown once scrolled near');

  // A keyboard learner's Tab shows them all first (their buttons are in its order).
  await ran(() => page.press('#url', 'Enter'));
  assert.equal((await state())['secrets-panel'].hidden, 'until-found');
  await page.keyboard.press('Tab');
  for (const [id, s] of Object.entries(await state())) assert.equal(s.hidden, null, `${id} shown on Tab`);

  // The automation API resolves with them all shown (a script reads and clicks them next).
  await ran(() => page.evaluate((url) => window.tlsscope.run(url, { version: '1.3' }), server.demoOrigin + '/'));
  for (const [id, s] of Object.entries(await state())) assert.equal(s.hidden, null, `${id} shown for the API`);
});
