// Shared by the browser tests: Debian's chromium through playwright-core, one page on the
// tlsscope-server under test, page errors echoed to the test's output, and helpers that read
// the page's step elements.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { before, after } from 'node:test';
import { env, startTlsscopeServer, stop } from '../wasm/harness.mjs';

export const shots = path.join(env.work, 'screenshots');

export const HANDSHAKE_12 = ['client_hello', 'server_hello', 'certificate', 'server_key_exchange',
  'server_hello_done', 'client_key_exchange', 'change_cipher_spec', 'finished'];
export const HANDSHAKE_13 = ['client_hello', 'server_hello', 'encrypted_extensions', 'certificate',
  'certificate_verify', 'finished'];

export async function openPage(server, { viewport = { width: 1280, height: 900 }, query = '' } = {}) {
  mkdirSync(shots, { recursive: true });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: env.chromium,
    // Flags from TOOLCHAIN.md; playwright gives each launch a fresh --user-data-dir.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  // A fixed locale: the page picks its first language from the browser's.
  const page = await browser.newPage({ viewport, locale: 'en-US' });
  page.on('pageerror', (err) => console.error('page error:', err));
  page.on('console', (m) => { if (m.type() === 'error') console.error('console:', m.text()); });
  page.on('requestfailed', (r) => console.error('request failed:', r.url()));
  await page.goto(`${server.page}/${query}`);
  await page.evaluate(() => window.tlsscope.ready);
  return { browser, page };
}

/** Picks `lang` with the page's language control and waits until the page is drawn in it: the
 *  switch is asynchronous (a switch to 中文 fetches its words first); html[data-lang] is set
 *  when the page has been relabelled. */
/**
 * A tlsscope-server (with `args`) and a page on it for a test file: started before its tests,
 * both stopped after them. `set` is given {server, browser, page} once they are up.
 */
export function usePageOnServer(set, args = []) {
  const opened = {};
  before(async () => {
    opened.server = await startTlsscopeServer(args);
    Object.assign(opened, await openPage(opened.server));
    set(opened);
  });
  after(async () => {
    await opened.browser?.close();
    await stop(opened.server?.proc);
  });
}

export async function switchLang(page, lang) {
  await page.selectOption('#lang', lang);
  await page.waitForFunction((l) => document.documentElement.dataset.lang === l, lang);
}

/** The DOM position of the first element with each data-step under `scope` (-1: none). */
export function stepPositions(page, scope, names) {
  return page.evaluate(([sel, list]) => {
    const all = [...document.querySelectorAll(`${sel} [data-step]`)].map((el) => el.dataset.step);
    return list.map((n) => all.indexOf(n));
  }, [scope, names]);
}

/** The engine's step table as the page gets it: name → {title_en, title_zh, explain_en, …}. */
export async function stepTable(page) {
  return new Map((await page.evaluate(async () => (await import('/tlsscope.js')).steps())).map((s) => [s.name, s]));
}

/** Enter in the focused element, as a keyboard sends it: the DevTools protocol's key events
 *  straight to the page (`session`: a CDP session on it). For the benches, which time what
 *  follows: Playwright's press() finds and checks its element first, which kept the driver busy
 *  for 15–22 ms of CPU, and the page's main thread for 3–4 ms, while the run it started went on
 *  (docs/performance.md, "The bench's own Enter"). */
export async function pressEnter(session) {
  await session.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' });
  await session.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 });
}

export const shot = (page, name) => page.screenshot({ path: path.join(shots, name), fullPage: true });

/** How many of the page's words in `lang` (web/en/ or web/zh/: every text of 16 characters or
 *  more with a Han character for zh, of 40 or more for en, which no other file holds) are in the
 *  scripts this page has fetched so far. Read from the scripts themselves, so it holds whatever
 *  files the build makes of web/en/ and web/zh/. */
export async function wordsFetched(page, lang) {
  const words = await import(`../../web/${lang}/index.js`);
  const own = lang === 'zh' ? (v) => v.length >= 16 && /[\u4e00-\u9fff]/.test(v) : (v) => v.length >= 40;
  const texts = new Set();
  const walk = (v) => {
    if (typeof v === 'string') { if (own(v)) texts.add(v); }
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk({ ...words });
  const scripts = await page.evaluate(() => Promise.all(performance.getEntriesByType('resource')
    .map((e) => e.name).filter((u) => new URL(u).pathname.endsWith('.js'))
    .map((u) => fetch(u, { cache: 'force-cache' }).then((r) => r.text()))));
  return [...texts].filter((t) => scripts.some((s) => s.includes(t))).length;
}

export const chineseWordsFetched = (page) => wordsFetched(page, 'zh');
