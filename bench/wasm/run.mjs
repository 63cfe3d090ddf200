// Runs bench/wasm/measure.mjs on the wasm bench module under Node or in headless Chromium
// and prints one JSON line: µs of CPU per replayed handshake, MiB/s of CPU for the decrypts.
//
//   node bench/wasm/run.mjs node|chromium MODULE_DIR COUNT MIB NAME=TRANSCRIPT...
//
// MODULE_DIR holds tlsscope-bench.{mjs,wasm} (the wasm build's bench/wasm folder). Chromium
// (Debian's, through playwright-core) loads them from a loopback HTTP server this script runs.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parts } from './measure.mjs';

const [where, dir, count, mib, ...pairs] = process.argv.slice(2);
const opts = { count: Number(count), mib: Number(mib) };
const transcripts = Object.fromEntries(pairs.map((p) => {
  const [name, file] = p.split('=');
  return [name, new Uint8Array(readFileSync(file))];
}));

async function inNode() {
  const { default: create } = await import(pathToFileURL(path.join(dir, 'tlsscope-bench.mjs')));
  const Module = await create({ wasmBinary: readFileSync(path.join(dir, 'tlsscope-bench.wasm')) });
  const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const result = {};
  for (const [name, run] of Object.entries(parts(Module, transcripts, opts))) {
    const t0 = cpuMs();
    const units = run();
    result[name] = rate(name, units, cpuMs() - t0);
  }
  return result;
}

// Handshakes and ML-KEM rounds as µs each, decrypts as MiB/s.
function rate(name, units, ms) {
  return name.startsWith('replay') || name === 'mlkem' ? (ms * 1000) / units : units / (ms / 1000);
}

async function inChromium() {
  const here = path.dirname(new URL(import.meta.url).pathname);
  const files = {
    '/tlsscope-bench.mjs': [path.join(dir, 'tlsscope-bench.mjs'), 'text/javascript'],
    '/tlsscope-bench.wasm': [path.join(dir, 'tlsscope-bench.wasm'), 'application/wasm'],
    '/measure.mjs': [path.join(here, 'measure.mjs'), 'text/javascript'],
    '/': [null, 'text/html'],
  };
  const server = createServer((req, res) => {
    const f = files[req.url];
    if (!f) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'Content-Type': f[1] }).end(f[0] ? readFileSync(f[0]) : '<!doctype html>');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.TLSSCOPE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const arrays = Object.fromEntries(Object.entries(transcripts).map(([k, v]) => [k, [...v]]));
    const names = await page.evaluate(async ([t, o]) => {
      const { parts: p } = await import('/measure.mjs');
      const { default: create } = await import('/tlsscope-bench.mjs');
      const Module = await create();
      const bytes = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, new Uint8Array(v)]));
      window.benchParts = p(Module, bytes, o);
      return Object.keys(window.benchParts);
    }, [arrays, opts]);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const threadMs = async () => (await cdp.send('Performance.getMetrics')).metrics
      .find((m) => m.name === 'ThreadTime').value * 1000;
    const result = {};
    for (const name of names) {
      const t0 = await threadMs();
      const units = await page.evaluate((n) => window.benchParts[n](), name);
      result[name] = rate(name, units, (await threadMs()) - t0);
    }
    return result;
  } finally {
    await browser.close();
    server.close();
  }
}

const result = where === 'chromium' ? await inChromium() : await inNode();
console.log(JSON.stringify(result));
