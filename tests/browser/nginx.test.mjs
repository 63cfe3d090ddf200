// The page behind nginx, as docs/deploy.md sets it up: Debian's nginx on loopback (its own -p
// prefix and -c config) with the project's deploy/nginx/ files, in front of two tlsscope-server
// processes (each with its own demo origin, both started with --trusted-proxy for nginx). The
// page is loaded through nginx in headless Chromium and makes a full run through nginx's
// /relay; then the server that carried it stops, and the same page's next run goes to the
// other (the learner's server went away between two Enters).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { requireWebSetup, env, freePort, startTlsscopeServer, stop, SKIP } from '../wasm/harness.mjs';
import { openPage, shot } from './support.mjs';

requireWebSetup({ browser: true });
const NGINX = '/usr/sbin/nginx';
if (!existsSync(NGINX)) {
  console.log(`SKIPPED: no ${NGINX} (scripts/setup installs it)`);
  process.exit(SKIP);
}

/** nginx in the foreground with deploy/nginx's two files, the upstream's ports replaced. */
async function startNginx(first, second) {
  const deploy = path.join(env.top, 'deploy/nginx');
  const dir = path.join(env.work, 'nginx');
  mkdirSync(path.join(dir, 'tmp'), { recursive: true });
  const upstream = readFileSync(path.join(deploy, 'tlsscope-upstream.conf'), 'utf8')
    .replace('127.0.0.1:8081', `127.0.0.1:${first}`).replace('127.0.0.1:8082', `127.0.0.1:${second}`);
  assert.ok(upstream.includes(`127.0.0.1:${first}`) && upstream.includes(`127.0.0.1:${second}`),
    'the upstream file lists 127.0.0.1:8081 and :8082');
  writeFileSync(path.join(dir, 'tlsscope-upstream.conf'), upstream);
  const port = await freePort();
  const temp = (name) => `  ${name}_temp_path ${dir}/tmp/${name};\n`;
  writeFileSync(path.join(dir, 'nginx.conf'),
    // Run as root (a CI container), nginx would switch its worker to `nobody`, which may not
    // read this folder; as anyone else it stays who it is.
    (process.getuid() === 0 ? 'user root;\n' : '') + 'worker_processes 1;\n' +
    `error_log ${dir}/error.log info;\npid ${dir}/nginx.pid;\nevents { worker_connections 512; }\n` +
    // nginx reaches the servers from 127.0.0.3 (the servers trust that address only), so a
    // tunnel logged for 127.0.0.1 — the browser's address — was counted by X-Forwarded-For.
    `http {\n  access_log ${dir}/access.log;\n  proxy_bind 127.0.0.3;\n` +
    temp('client_body') + temp('proxy') + temp('fastcgi') + temp('uwsgi') + temp('scgi') +
    `  include ${dir}/tlsscope-upstream.conf;\n` +
    `  server {\n    listen 127.0.0.1:${port};\n    include ${deploy}/tlsscope-locations.conf;\n  }\n}\n`);
  const proc = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  process.once('exit', () => proc.kill('SIGKILL'));
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  for (let i = 0; i < 100; i++) {
    if (proc.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { proc, page: `http://127.0.0.1:${port}`, errorLog: () => readFileSync(path.join(dir, 'error.log'), 'utf8') };
}

function stopNginx(nginx) {
  if (!nginx || nginx.proc.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => nginx.proc.kill('SIGKILL'), 3000);
    nginx.proc.once('exit', () => { clearTimeout(timer); resolve(); });
    nginx.proc.kill('SIGQUIT');
  });
}

// The tunnel lines a server logged for the page (one per tunnel that ended): the page's origin is
// nginx's; the test's own probes send no Origin.
const pageTunnelsOf = (server) => server.log().split('\n')
  .filter((l) => l.includes(' tunnel client=') && l.includes(` origin=${nginx.page} `));

async function waitFor(what, check, ms = 5000) {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`${what} within ${ms} ms`);
}

/** Types the demo origin of `server` into the page and presses Enter: the run must end done, with
 *  the decrypted 200, and `server` must log its tunnel with the learner's address and page. */
async function runTo(page, server, nginx, name) {
  const before = pageTunnelsOf(server).length;
  await page.fill('#url', server.demoOrigin + '/');
  await page.press('#url', 'Enter');
  await page.waitForSelector('html[data-state="done"], html[data-state="failed"]', { timeout: 20000 });
  await shot(page, `nginx-${name}.png`);
  assert.equal(await page.getAttribute('html', 'data-state'), 'done', `${name}: ${await page.textContent('#status')}`);
  assert.equal(await page.getAttribute('html', 'data-negotiated'), 'TLS 1.3');
  assert.match(await page.textContent('#response-head'), /^HTTP\/1\.1 200 OK/);
  await waitFor(`${name}: the server's tunnel line`, () => pageTunnelsOf(server).length > before);
  // The learner's address as nginx saw it (X-Forwarded-For from nginx, trusted), not nginx's
  // own (127.0.0.3).
  const line = pageTunnelsOf(server).at(-1);
  assert.match(line, / client=127\.0\.0\.1 /, line);
  assert.match(line, / end=/, line);
}

let servers = [];
let nginx;
let browser;

before(async () => {
  // One after the other: they share the harness's state folder, so the first makes the demo CA
  // and the second loads it — every server of a deployment has the same demo CA (docs/deploy.md).
  for (let i = 0; i < 2; i++) servers.push(await startTlsscopeServer(['--trusted-proxy', '127.0.0.3']));
  const ports = servers.map((s) => new URL(s.page).port);
  nginx = await startNginx(ports[0], ports[1]);
});

after(async () => {
  await browser?.close();
  await stopNginx(nginx);
  for (const s of servers) await stop(s.proc);
});

/** Which server nginx sends this client to: the one whose relay reaches its own demo origin
 *  (the other refuses a loopback target that is not its own). */
async function chosenServer() {
  const { default: WebSocket } = await import('ws');
  for (const s of servers.filter((x) => x.proc.exitCode === null)) {
    const port = new URL(s.demoOrigin).port;
    const first = await new Promise((resolve, reject) => {
      const ws = new WebSocket(`${nginx.page.replace('http', 'ws')}/relay?host=127.0.0.1&port=${port}`);
      const types = [];
      ws.on('message', (data, binary) => {
        if (binary) return;
        types.push(JSON.parse(data.toString()).type);
        if (types.length === 2) { ws.close(); resolve(types); }
      });
      ws.on('error', reject);
      ws.on('close', () => resolve(types));
    });
    if (first[1] === 'tcp') return s;
  }
  throw new Error('neither server reaches its demo origin through nginx');
}

test('through nginx: the page loads, a full run succeeds; one server stops, the next run goes to the other', async () => {
  let page;
  ({ browser, page } = await openPage(nginx));
  // The probe answers on its own time (the page is ready before it): its answer, then the page's.
  assert.equal(await page.evaluate(() => window.tlsscope.relayReachable), true, 'the page found its relay behind nginx');
  assert.equal(await page.getAttribute('html', 'data-relay'), 'reachable');

  const first = await chosenServer();
  const other = servers.find((s) => s !== first);
  await runTo(page, first, nginx, 'first-run');
  assert.equal(pageTunnelsOf(other).length, 0, 'the other server carried nothing of the page yet');

  // The learner's server goes away between two Enters; the page stays as it was loaded.
  await stop(first.proc);
  assert.equal(await chosenServer(), other, 'nginx sends the client to the server still up');
  await runTo(page, other, nginx, 'after-stop');
  assert.doesNotMatch(nginx.errorLog(), /\[(emerg|alert|crit)\]/);
});
