// The secrets panel (web/secrets.js) in headless Chromium, on real runs of the page's engine
// through a real tlsscope-server to its demo origin, TLS 1.2 and 1.3:
// - every derived value's "Recompute" button recomputes it in the page (wasm/recompute.cpp)
//   from the inputs shown and says match; an altered input says mismatch;
// - every printed openssl command, run with the real openssl binary, prints the value shown;
// - the proof: the secrets the origin (OpenSSL) derived equal the client's;
// - X25519MLKEM768 (the demo origin's default, Node.js 26's OpenSSL 3.5): the hybrid shared
//   secret with both its inputs, the ML-KEM-768 and the X25519 shared secrets.
// The 1.2 / 1.3 runs are classical (postQuantum: false), so that every value has a command.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requireWebSetup, startTlsscopeServer, stop } from '../wasm/harness.mjs';

requireWebSetup({ browser: true });
const { env } = await import('../wasm/harness.mjs');

let server;
let browser;
let page;

before(async () => {
  server = await startTlsscopeServer();
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: env.chromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage();
  page.on('pageerror', (err) => console.error('page error:', err));
  // A plain page of the same server: the panel is tested on its own, apart from the page's UI.
  await page.goto(`${server.page}/healthz`);
});

after(async () => {
  await browser?.close();
  await stop(server?.proc);
});

/** Connects the page's engine to the demo origin and renders both panels into the body. */
function runAndRender(version, lang = 'en', postQuantum = false) {
  return page.evaluate(async ([origin, version, lang, postQuantum]) => {
    const { connect } = await import('/tlsscope.js');
    const secrets = await import('/secrets.js');
    // The panels' Chinese words are fetched only for a page in 中文: this page asks for them.
    await secrets.loadLang(lang);
    const result = await connect(`${origin}/`, {
      relay: `ws://${location.host}/relay`,
      trustAnchorsPem: await (await fetch('/ca.pem')).text(),
      version,
      postQuantum,
      timeoutMs: 10000,
    });
    document.body.replaceChildren();
    const panel = secrets.renderSecrets(result.events, { lang });
    panel.id = 'panel';
    const origin_ = await secrets.fetchOriginSecrets(secrets.clientRandomOf(result.events),
      secrets.secretsTokenOf(result.events));
    const proof = secrets.renderProof(result.events, origin_, { lang });
    proof.id = 'proof';
    document.body.append(panel, proof);
    return {
      error: result.error,
      group: result.events.find((e) => e.type === 'handshake_complete')?.group,
      secrets: result.events.filter((e) => e.type === 'secret').map((e) => ({ name: e.name, value: e.value })),
      origin: origin_,
    };
  }, [server.demoOrigin, version, lang, postQuantum]);
}

/** Clicks every recompute button and returns [{name, from, match, text}]. */
async function recomputeAll() {
  const buttons = page.locator('#panel [data-secret] button.recompute');
  const n = await buttons.count();
  for (let i = 0; i < n; i++) await buttons.nth(i).click();
  await page.waitForFunction((count) => document.querySelectorAll('#panel output[data-match]').length === count, n);
  return page.$$eval('#panel [data-secret]:has(button.recompute)', (nodes) => nodes.map((node) => ({
    name: node.dataset.secret,
    from: node.dataset.from,
    match: node.querySelector('output').dataset.match,
    text: node.querySelector('output').textContent,
  })));
}

/** Runs each printed openssl command (or `only` that value's) with bash in a scratch folder;
 * [{name, value, printed}]. */
async function runOpensslCommands(only = null) {
  const commands = await page.$$eval(only ? `#panel [data-secret="${only}"]:has([data-openssl])` : '#panel [data-secret]:has([data-openssl])', (nodes) => nodes.map((node) => ({
    name: node.dataset.secret,
    value: node.querySelector('.secret-value').textContent,
    command: node.querySelector('[data-openssl]').textContent,
  })));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tlsscope-openssl-'));
  try {
    return commands.map((c) => ({
      ...c,
      printed: execFileSync('bash', ['-c', c.command], { cwd: dir, encoding: 'utf8', timeout: 10000 }).trim(),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const EXPECTED = {
  '1.2': ['pre_master_secret', 'master_secret', 'key_block', 'client_write_key', 'server_write_key',
    'client_write_iv', 'server_write_iv', 'client_verify_data'],
  '1.3': ['shared_secret', 'early_secret', 'handshake_secret', 'client_handshake_traffic_secret',
    'server_handshake_traffic_secret', 'master_secret', 'client_application_traffic_secret_0',
    'server_application_traffic_secret_0', 'client_write_key', 'client_write_iv', 'server_write_key',
    'server_write_iv', 'client_verify_data'],
};

for (const version of ['1.2', '1.3']) {
  test(`TLS ${version}: every derived value recomputes in the page and matches`, async () => {
    const run = await runAndRender(version);
    assert.equal(run.error, null, JSON.stringify(run.error));
    const results = await recomputeAll();
    const names = new Set(results.map((r) => r.name));
    for (const name of EXPECTED[version]) assert.ok(names.has(name), `a recompute button for ${name}`);
    assert.equal(results.length, run.secrets.length, 'one button per derived value');
    for (const r of results) assert.equal(r.match, 'true', `${r.name} ${r.from ?? ''}: ${r.text}`);

    // The functions are named with their real parameters.
    const fn = (name) => page.textContent(`#panel [data-secret="${name}"] .secret-function`);
    if (version === '1.2') {
      assert.match(await fn('pre_master_secret'), /^ECDHE on (x25519|secp256r1|secp384r1)/);
      assert.match(await fn('master_secret'), /TLS 1\.2 PRF with SHA-(256|384), label "(extended )?master secret"/);
    } else {
      assert.match(await fn('client_handshake_traffic_secret'), /HKDF-Expand-Label with SHA-(256|384), label "c hs traffic", context = transcript_hash/);
    }

    // From the inputs AS SHOWN: alter one and the page no longer reproduces the value.
    const first = EXPECTED[version][0];
    await page.$eval(`#panel [data-secret="${first}"] [data-input="server_public_key"]`, (el) => {
      const hex = el.textContent;
      el.textContent = hex.slice(0, -2) + (hex.endsWith('00') ? '01' : '00');
    });
    await page.click(`#panel [data-secret="${first}"] button.recompute`);
    assert.equal(await page.getAttribute(`#panel [data-secret="${first}"] output`, 'data-match'), 'false');
  });

  test(`TLS ${version}: each printed openssl command prints the value shown`, async () => {
    const run = await runAndRender(version);
    assert.equal(run.error, null, JSON.stringify(run.error));
    const ran = await runOpensslCommands();
    assert.equal(ran.length, run.secrets.length, 'an openssl command for every derived value');
    for (const r of ran) assert.equal(r.printed, r.value, `${r.name}:\n${r.command}`);
  });

  test(`TLS ${version}: the origin derived the same secrets (proof)`, async () => {
    const run = await runAndRender(version);
    assert.equal(run.error, null, JSON.stringify(run.error));
    assert.ok(run.origin, 'the server reported its secrets for this client random');
    assert.equal(await page.getAttribute('#proof', 'data-proof'), 'match');
    const rows = await page.$$eval('#proof tr[data-secret]', (trs) => trs.map((tr) => ({
      name: tr.dataset.secret,
      client: tr.querySelector('[data-side="client"]').textContent,
      server: tr.querySelector('[data-side="server"]').textContent,
    })));
    const expected = version === '1.2' ? ['master_secret'] : ['client_application_traffic_secret_0',
      'client_handshake_traffic_secret', 'server_application_traffic_secret_0', 'server_handshake_traffic_secret'];
    assert.deepEqual(rows.map((r) => r.name).sort(), expected);
    const mine = new Map(run.secrets.map((s) => [s.name, s.value]));
    for (const r of rows) {
      assert.equal(r.client, mine.get(r.name), `${r.name}: the client's value`);
      assert.equal(r.server, run.origin.secrets[r.name], `${r.name}: the server's value`);
      assert.equal(r.client, r.server, r.name);
    }
  });
}

// The demo origin's default: the hybrid. Its shared secret is the ML-KEM-768 one followed by the
// X25519 one, both shown as its inputs; the X25519 half and the concatenation recompute in the
// page, the decapsulation does not (it needs the client's ML-KEM private key, never shown), and
// the key schedule from the 64-byte secret on matches the origin's own.
for (const lang of ['en', 'zh']) {
  test(`X25519MLKEM768 (${lang}): the hybrid shared secret with both inputs, and the proof`, async () => {
    const run = await runAndRender('1.3', lang, true);
    assert.equal(run.error, null, JSON.stringify(run.error));
    assert.equal(run.group, 'X25519MLKEM768', 'the demo origin took the hybrid');
    const value = new Map(run.secrets.map((s) => [s.name, s.value]));
    assert.equal(value.get('mlkem_shared_secret').length, 64);
    assert.equal(value.get('x25519_shared_secret').length, 64);
    assert.equal(value.get('shared_secret'), value.get('mlkem_shared_secret') + value.get('x25519_shared_secret'));
    const node = '#panel [data-secret="shared_secret"]';
    assert.deepEqual(await page.$$eval(`${node} [data-input]`, (els) => els.map((el) => [el.dataset.input, el.textContent])),
      [['mlkem_shared_secret', value.get('mlkem_shared_secret')], ['x25519_shared_secret', value.get('x25519_shared_secret')]]);
    assert.match(await page.textContent(`${node} .secret-function`),
      lang === 'zh' ? /ML-KEM-768 的共享秘密值后面接着 X25519 的共享秘密值/ : /ML-KEM-768 shared secret followed by the X25519 one/);
    assert.equal(await page.textContent('#panel [data-secret="mlkem_shared_secret"] .secret-head b'),
      lang === 'zh' ? 'ML-KEM-768 共享秘密值（解封装所得）' : 'ML-KEM-768 shared secret (decapsulated)');
    assert.equal(await page.getAttribute('#proof', 'data-proof'), 'match', 'Node\'s OpenSSL 3.5 derived the same secrets');
    assert.equal(run.origin.secrets.client_handshake_traffic_secret, value.get('client_handshake_traffic_secret'));
    if (lang === 'zh') return;  // the recomputing is the same in both languages

    const results = await recomputeAll();
    assert.deepEqual(results.filter((r) => r.match !== 'true'), []);
    const recomputed = new Set(results.map((r) => r.name));
    for (const name of ['x25519_shared_secret', 'shared_secret', 'handshake_secret', 'client_handshake_traffic_secret'])
      assert.ok(recomputed.has(name), `${name} recomputes in the page`);
    assert.ok(!recomputed.has('mlkem_shared_secret'));
    // An altered ML-KEM half no longer gives the hybrid secret.
    await page.$eval(`${node} [data-input="mlkem_shared_secret"]`, (el) => {
      el.textContent = (el.textContent.startsWith('00') ? '01' : '00') + el.textContent.slice(2);
    });
    await page.click(`${node} button.recompute`);
    assert.equal(await page.getAttribute(`${node} output`, 'data-match'), 'false');
    // The X25519 half's openssl command (the key schedule's commands are the classical runs').
    const [x25519] = await runOpensslCommands('x25519_shared_secret');
    assert.ok(x25519, 'an openssl command for the X25519 half');
    assert.equal(x25519.printed, x25519.value, x25519.command);
  });
}

test('Chinese: the panel and the proof speak Chinese', async () => {
  const run = await runAndRender('1.2', 'zh');
  assert.equal(run.error, null);
  assert.equal(await page.textContent('#panel h3'), '密钥是怎样生成的');
  assert.match(await page.textContent('#panel [data-secret="master_secret"] .secret-function'), /TLS 1\.2 PRF（SHA-\d+），标签/);
  assert.equal(await page.textContent('#proof h3'), '双方结果一致的证明');
});

test('a run against another server has no proof: unavailable, not a false match', async () => {
  const proof = await page.evaluate(async () => {
    const secrets = await import('/secrets.js');
    const none = await secrets.fetchOriginSecrets('00'.repeat(32));
    return [none, secrets.renderProof([], none, { lang: 'en' }).dataset.proof];
  });
  assert.deepEqual(proof, [null, 'unavailable']);
});
