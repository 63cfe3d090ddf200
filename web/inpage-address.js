// The in-browser server's address, apart from its module (inpage-server.js, which brings its own
// wasm): the page knows it without loading that module, so Enter on it can pick the server.
export const INPAGE_HOST = 'inpage.tlsscope.test';
export const INPAGE_URL = `https://${INPAGE_HOST}/`;

/** Whether `url` names the in-browser server. */
export function isInPageUrl(url) {
  try { return new URL(url).hostname === INPAGE_HOST; } catch { return false; }
}
