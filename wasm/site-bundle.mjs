// Build step: the page's scripts (web/, wasm/tlsscope.js, wasm/connection.js) into the site
// as one esbuild bundle split into chunks, minified, and index.html with a modulepreload link for
// every chunk the page's first script imports.
//
//   node wasm/site-bundle.mjs SITE LIST ENGINE_DIR ENTRY.js...
//
// Why a bundle: minified together, names are shortened across modules and 24 module headers
// become a few chunks (docs/performance.md, "The first visit's download"). Each ENTRY keeps its
// file name in the site (the page's app.js, and every module a test, the bench or a user
// imports by name); the code they share goes into chunk-HASH.js files, each module's code in
// exactly one file, so a module imported both by app.js and by name is one instance. A module
// reached only through import() stays its own NAME-HASH.js, fetched when first used.
// Emscripten's glue for the engine (ENGINE_DIR/tlsscope-engine.js) is bundled too (0.3 KiB
// gzipped less than minified on its own): it finds its .wasm through its own URL, and every
// chunk is in the site's folder beside it. The in-page server's glue stays outside (CMake puts
// it into the site): only inpage-server.js, loaded on first use, imports it.
//
// LIST is the files written, one per line: the next build removes those it no longer writes
// (a chunk's name changes with its content).
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const [site, list, engineDir, ...entries] = process.argv.slice(2).map((a, i) => (i < 3 ? path.resolve(a) : a));
if (!site || !list || !engineDir || entries.length === 0) {
  console.error('usage: node site-bundle.mjs SITE LIST ENGINE_DIR ENTRY.js...');
  process.exit(2);
}
const top = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The site's top folder is one flat folder: a module imports another as './name.js', next to it
// in its source folder or, if not there, in another of these.
const sourceDirs = [path.join(top, 'web'), path.join(top, 'wasm'), engineDir];
const external = new Set(['tlsscope-inpage-server.js']);
const sourceOf = (name, dirs = sourceDirs) => dirs.map((d) => path.join(d, name)).find((f) => existsSync(f));

const siteFolder = {
  name: 'site-folder',
  setup(build) {
    build.onResolve({ filter: /^\.\/[^/]+\.js$/ }, ({ path: spec, resolveDir }) => {
      const name = spec.slice(2);
      if (external.has(name)) return { path: spec, external: true };
      const file = sourceOf(name, [resolveDir, ...sourceDirs]);
      return file ? { path: file } : { errors: [{ text: `${name} is in none of ${sourceDirs.join(', ')}` }] };
    });
  },
};

const result = await esbuild.build({
  entryPoints: entries.map((name) => sourceOf(name) ?? name),
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  outdir: site,
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  // esbuild's default escapes each Chinese character as \uXXXX: twice the bytes, gzipped too.
  charset: 'utf8',
  // Beside each file, fetched only by DevTools.
  sourcemap: true,
  sourcesContent: true,
  plugins: [siteFolder],
  metafile: true,
  write: false,
  logLevel: 'warning',
});

const written = result.outputFiles.map((f) => path.relative(site, f.path));
// What an earlier build wrote and this one does not: old chunks, and the modules the site held
// one by one before it was a bundle.
const before = existsSync(list) ? readFileSync(list, 'utf8').split('\n').filter(Boolean) : [];
const oneByOne = sourceDirs.flatMap((d) => readdirJs(d)).flatMap((name) => [name, `${name}.map`]);
for (const name of new Set([...before, ...oneByOne])) {
  if (!written.includes(name) && !external.has(name)) rmSync(path.join(site, name), { force: true });
}
mkdirSync(site, { recursive: true });
for (const f of result.outputFiles) writeFileSync(f.path, f.contents);
writeFileSync(list, written.join('\n') + '\n');

// index.html: the files app.js imports, directly or through a chunk, preloaded at once instead of
// found one level at a time as each arrives.
const outputs = result.metafile.outputs;
const key = (name) => Object.keys(outputs).find((k) => path.resolve(k) === path.resolve(site, name));
const preload = [];
const visit = (output) => {
  for (const i of outputs[output].imports) {
    if (i.kind !== 'import-statement') continue;
    const name = i.external ? i.path.replace(/^\.\//, '') : path.relative(site, i.path);
    if (preload.includes(name)) continue;
    preload.push(name);
    if (!i.external) visit(key(name));
  }
};
visit(key('app.js'));
const marker = '<!-- modulepreload: written by wasm/site-bundle.mjs -->';
const html = readFileSync(path.join(top, 'web/index.html'), 'utf8');
if (html.split(marker).length !== 2) {
  console.error(`site-bundle: web/index.html must hold ${marker} once`);
  process.exit(1);
}
writeFileSync(path.join(site, 'index.html'),
  html.replace(marker, preload.map((name) => `<link rel="modulepreload" href="${name}">`).join('\n')));

function readdirJs(dir) {
  return readdirSync(dir).filter((name) => name.endsWith('.js'));
}
