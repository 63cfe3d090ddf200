// This page's relay: where it is (?relay=… or /relay beside the page), whether it answers, and
// what its demo origin is (the prefilled address and the variants to try).
const params = new URLSearchParams(location.search);
const relayParam = params.get('relay');

export { relayParam };

export function relayUrl() {
  if (relayParam) return relayParam;
  const relay = new URL('relay', location.href);
  relay.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  // A relay run with --relay-token wants the token the teacher put in the page's link.
  const token = params.get('token');
  if (token) relay.searchParams.set('token', token);
  return relay.href;
}

/** An http(s) URL beside the relay's /relay (its /healthz, its /demo-origin.json). */
function besideRelay(name) {
  const url = new URL(name, new URL(relayUrl(), location.href));
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  return url;
}

/** Whether a relay answers at relayUrl(): tlsscope-server says "ok" at /healthz beside /relay
 *  (cross-origin the answer is opaque, but it came); a static host's 404 or no answer means none. */
export async function probeRelay() {
  try {
    const health = besideRelay('healthz');
    const same = health.origin === location.origin;
    const r = await fetch(health, { mode: same ? 'same-origin' : 'no-cors', cache: 'no-store' });
    return same ? r.ok && (await r.text()).trim() === 'ok' : r.type === 'opaque';
  } catch {
    return false;
  }
}

/** The relay's demo origin's address (tlsscope-server's /demo-origin.json: the port it really
 *  listens on), or null when it runs none. */
export async function demoOriginUrl() {
  try {
    const r = await fetch(besideRelay('demo-origin.json'), { cache: 'no-store' });
    return r.ok ? (await r.json()).url ?? null : null;
  } catch {
    return null;
  }
}

/** The demo origin's badssl-style variants ([] when there are none). */
export async function fetchVariants() {
  try {
    const r = await fetch('variants.json', { cache: 'no-store' });
    if (r.ok) return await r.json();
  } catch { /* none to offer */ }
  return [];
}
