// The page figure: Enter in the URL bar → the decrypted HTTP response shown, headless Chromium
// against a real tlsscope-server and its demo HTTPS origin on loopback, next to `curl` fetching
// the same origin (its own time_total). Each round reloads the page (a learner's first
// request) and runs curl right after. Prints one JSON line: {page: [ms...], curl: [ms...]}.
//
//   node bench/page/page.mjs ROUNDS      (paths from TLSSCOPE_SITE / TLSSCOPE_SERVER, as the tests)
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { env, startTlsscopeServer, stop } from '../../tests/wasm/harness.mjs';
import { openPage } from '../../tests/browser/support.mjs';

const rounds = Number(process.argv[2] ?? 5);
const server = await startTlsscopeServer();
const { browser, page } = await openPage(server);
const result = { page: [], curl: [], page_own: [] };
try {
  const url = server.demoOrigin + '/';
  const ca = path.join(env.work, 'state', 'ca.pem');
  for (let i = 0; i < rounds; i++) {
    await page.reload();
    await page.evaluate(() => window.tlsscope.ready);
    await page.fill('#url', url);
    const t0 = performance.now();
    await page.press('#url', 'Enter');
    await page.waitForSelector('html[data-state="done"], html[data-state="failed"]', { timeout: 20000 });
    const ms = performance.now() - t0;
    const state = await page.getAttribute('html', 'data-state');
    if (state !== 'done') throw new Error(`the page ended ${state}: ${await page.textContent('#status')}`);
    result.page.push(ms);
    result.page_own.push(Number(await page.getAttribute('html', 'data-response-ms')));
    const total = execFileSync('curl', ['-s', '-o', '/dev/null', '--cacert', ca, '-w', '%{time_total}', url],
      { encoding: 'utf8' });
    result.curl.push(Number(total) * 1000);
  }
} finally {
  await browser.close();
  await stop(server.proc);
}
console.log(JSON.stringify(result));
