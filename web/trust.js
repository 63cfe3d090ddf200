// Trust anchors for a run. The demo origin (the relay's one loopback exception) is trusted
// through the relay's /ca.pem, as the relay serves it; every other host through Debian's bundle,
// trust-anchors.der (DER certificates back to back). Each is parsed by the engine once
// (loadTrustAnchors) and shared by every run of the page: a run given the PEM text instead parses
// it again (0.1–0.3 ms of the main thread per run once compiled, 8 ms the first time).
import { loadTrustAnchors } from './tlsscope.js';

export const isLoopback = (host) =>
  host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1' || host === '[::1]';

/** The host of a typed address, without an IPv6 literal's brackets ('' if it is no URL). */
export function hostOf(url) {
  try { return new URL(url).hostname.replace(/^\[|\]$/g, ''); } catch { return ''; }
}

const cache = new Map();
function fetchOnce(url, read) {
  if (!cache.has(url)) {
    cache.set(url, fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      return read(r);
    }).catch((err) => { cache.delete(url); throw err; }));
  }
  return cache.get(url);
}

/** The demo origin's CA (PEM, 0.6 KB). */
export const demoCaPem = () => fetchOnce('ca.pem', (r) => r.text());

/** The public roots, parsed once. */
const publicRoots = () => fetchOnce('trust-anchors.der', async (r) => loadTrustAnchors(new Uint8Array(await r.arrayBuffer())));

/** PEM text parsed once per text (the demo CA, with the automation API's extra PEM). */
const anchorsByPem = new Map();
function anchorsOf(pem) {
  if (!anchorsByPem.has(pem)) anchorsByPem.set(pem, loadTrustAnchors(pem));
  return anchorsByPem.get(pem);
}

/**
 * connect()'s trust options for a run to `host`: the demo CA, then `extraPem`, for a loopback
 * host; the public roots for any other; `extraPem` (the automation API's, for test servers)
 * replaces the public roots when given. Each as {trustAnchors}, parsed once; no host gives
 * {trustAnchorsPem: extraPem} (the driver reports the bad URL before any anchor is used).
 */
export async function trustFor(host, extraPem = '') {
  if (!host) return { trustAnchorsPem: extraPem };
  if (isLoopback(host)) return { trustAnchors: await anchorsOf((await demoCaPem()) + extraPem) };
  if (extraPem) return { trustAnchors: await anchorsOf(extraPem) };
  return { trustAnchors: await publicRoots() };
}
