// Shared by the wasm (Node) and browser (Chromium) tests: finds the build outputs, makes the
// throwaway PKI, starts real servers on loopback and stops them. Loopback only.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, connect as tcpConnect } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';

export const SKIP = 77;  // ctest SKIP_RETURN_CODE

const top = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** Paths from ctest's environment, with the defaults of a build in build/. */
export const env = {
  top,
  site: process.env.TLSSCOPE_SITE ?? path.join(top, 'build/site'),
  server: process.env.TLSSCOPE_SERVER ?? path.join(top, 'build/bin/tlsscope-server'),
  cli: process.env.TLSSCOPE_CLI ?? path.join(top, 'build/bin/tlsscope'),
  work: process.env.TLSSCOPE_TEST_DIR ?? path.join(top, 'build/tests-js'),
  makePki: path.join(top, 'tests/pki/make-pki.sh'),
  chromium: process.env.TLSSCOPE_CHROMIUM ?? '/usr/bin/chromium',
};

/**
 * Exits with SKIP (and says why) when scripts/setup-web has not run; fails loudly when it has
 * but scripts/build-web has not, since then the tests have nothing to test.
 */
export function requireWebSetup({ browser = false } = {}) {
  const missing = [];
  const require = createRequire(path.join(top, 'package.json'));
  for (const pkg of browser ? ['ws', 'playwright-core'] : ['ws']) {
    try { require.resolve(pkg); } catch { missing.push(`npm package ${pkg}`); }
  }
  if (browser && !existsSync(env.chromium)) missing.push(env.chromium);
  if (missing.length) {
    console.log(`SKIPPED: scripts/setup-web has not run (missing: ${missing.join(', ')}). ` +
      'Run scripts/setup-web, then scripts/build-web, to run these tests.');
    process.exit(SKIP);
  }
  for (const f of ['tlsscope.js', 'tlsscope-engine.wasm']) {
    if (!existsSync(path.join(env.site, f))) {
      console.error(`FAILED: ${path.join(env.site, f)} is missing: run scripts/build-web before the tests.`);
      process.exit(1);
    }
  }
  for (const f of [env.server, env.cli]) {
    if (!existsSync(f)) {
      console.error(`FAILED: ${f} is missing: build the native tree first (scripts/build).`);
      process.exit(1);
    }
  }
}

/** The throwaway PKI of tests/pki/make-pki.sh (idempotent), in the test folder. */
export function makePki() {
  const dir = path.join(env.work, 'pki');
  mkdirSync(env.work, { recursive: true });
  execFileSync(env.makePki, [dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  return dir;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const c = tcpConnect({ host: '127.0.0.1', port });
    c.once('connect', () => { c.destroy(); resolve(true); });
    c.once('error', () => resolve(false));
  });
}

async function waitForPort(port, proc, what) {
  for (let i = 0; i < 100; i++) {
    if (proc.exitCode !== null) throw new Error(`${what} exited with ${proc.exitCode}`);
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not listen on 127.0.0.1:${port}`);
}

const children = new Set();
function track(proc) {
  children.add(proc);
  proc.once('exit', () => children.delete(proc));
  return proc;
}
process.once('exit', () => { for (const p of children) p.kill('SIGKILL'); });

export function stop(proc) {
  // A process a signal ended has signalCode, not exitCode: its 'exit' has come and gone.
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => proc.kill('SIGKILL'), 3000);
    proc.once('exit', () => { clearTimeout(timer); resolve(); });
    proc.kill('SIGTERM');
  });
}

/**
 * `openssl s_server -www` on 127.0.0.1 with a leaf from the PKI; the key log goes to
 * `keylog` (a path) so a test can compare the secrets the engine derived.
 */
export async function startSServer(pki, leaf, { keylog, extra = [] } = {}) {
  const port = await freePort();
  const args = ['s_server', '-quiet', '-accept', `127.0.0.1:${port}`, '-www',
    '-cert', path.join(pki, `${leaf}.pem`), '-key', path.join(pki, `${leaf}.key`),
    '-cert_chain', path.join(pki, leaf.startsWith('ec') ? 'ec-int.pem' : 'rsa-int.pem'),
    ...(keylog ? ['-keylogfile', keylog] : []), ...extra];
  const proc = track(spawn('openssl', args, { stdio: ['pipe', 'ignore', 'pipe'] }));
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  await waitForPort(port, proc, `openssl s_server (${stderr.trim()})`);
  return { proc, port };
}

/**
 * A TLS server (Node's OpenSSL, in this process) on 127.0.0.1 that answers one GET with a
 * whole HTTP response (Content-Length) and then resets the TCP connection (SO_LINGER 0: RST,
 * no close_notify, no FIN), as a server that aborts instead of closing does. The reset waits a
 * moment after the response's bytes were handed to the kernel so that they have left first.
 * answerAfterMs: how long it thinks before it answers (a slow server). Resolves to { port, close() }.
 */
export async function startResetAfterAnswer(pki, leaf = 'rsa-leaf', { answerAfterMs = 0 } = {}) {
  const { createSecureContext, TLSSocket } = await import('node:tls');
  const secureContext = createSecureContext({
    key: readFileSync(path.join(pki, `${leaf}.key`)),
    cert: readFileSync(path.join(pki, `${leaf}-chain.pem`)),
  });
  const sockets = new Set();
  const server = createServer((raw) => {
    sockets.add(raw);
    raw.once('close', () => sockets.delete(raw));
    raw.on('error', () => {});
    const tls = new TLSSocket(raw, { isServer: true, secureContext });
    tls.on('error', () => {});
    let request = '';
    tls.on('data', (d) => {
      request += d;
      if (!request.includes('\r\n\r\n')) return;
      const body = 'the whole answer, then a reset\n';
      setTimeout(() => tls.write(`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
        () => setTimeout(() => raw.resetAndDestroy(), 50)), answerAfterMs);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    close: () => new Promise((resolve) => { for (const s of sockets) s.destroy(); server.close(resolve); }),
  };
}

/**
 * tlsscope-server on an ephemeral port; resolves once its first lines name the page URL and
 * the demo origin. `args` adds flags (e.g. --allow 127.0.0.1:PORT).
 */
export async function startTlsscopeServer(args = []) {
  mkdirSync(path.join(env.work, 'state'), { recursive: true });
  const proc = track(spawn(env.server, ['--listen', '127.0.0.1:0', '--demo-origin', '127.0.0.1:0',
    '--state', path.join(env.work, 'state'), '--web', env.site, ...args],
  { stdio: ['ignore', 'pipe', 'pipe'] }));
  let out = '';
  let err = '';
  proc.stderr.on('data', (d) => { err += d; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tlsscope-server did not start: ${err}`)), 10000);
    proc.once('exit', (code) => reject(new Error(`tlsscope-server exited with ${code}: ${err}`)));
    proc.stdout.on('data', (d) => {
      out += d;
      const page = /^listening (\S+)/m.exec(out);
      const demo = /^demo-origin (\S+)/m.exec(out);
      if (page && demo) {
        clearTimeout(timer);
        resolve({ proc, page: page[1], demoOrigin: demo[1] === 'off' ? null : demo[1], log: () => err });
      }
    });
  });
}

/** A tlsscope-server whose relay may reach exactly these loopback ports (it blocks loopback
 *  targets otherwise). */
export function startRelayAllowing(ports) {
  return startTlsscopeServer(ports.flatMap((port) => ['--allow', `127.0.0.1:${port}`]));
}

/** The ws:// address of a started tlsscope-server's relay. */
export const relayUrlOf = (server) => server.page.replace(/^http/, 'ws') + '/relay';

/** The native CLI's events for the same target (JSON Lines → objects). */
export function cliEvents(url, caFile) {
  let stdout;
  try {
    stdout = execFileSync(env.cli, ['--json', '--ca', caFile, '--timeout', '5', url], { encoding: 'utf8' });
  } catch (e) {
    stdout = e.stdout ?? '';
  }
  return stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

export function read(file) { return readFileSync(file, 'utf8'); }

/** The built site's tlsscope.js with its wasm loaded (Node passes the bytes), and `ws`'s
 *  WebSocket, which Node 20 lacks. */
export async function loadEngine() {
  const { default: WebSocket } = await import('ws');
  const tlsscope = await import(path.join(env.site, 'tlsscope.js'));
  await tlsscope.init({ wasmBinary: readFileSync(path.join(env.site, 'tlsscope-engine.wasm')) });
  return { tlsscope, WebSocket };
}
