// What a run came to, read from its events alone: the state, the first error and the HTTP
// response. The live driver (tlsscope.js connect) and replay (transcript.js) both use these, so
// a saved run replays to exactly the result it had live.

/** Splits a decrypted HTTP/1.x response into status line, headers and body, once headers are in. */
export function parseHttpResponse(bytes) {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const end = text.indexOf('\r\n\r\n');
  if (end < 0 || !text.startsWith('HTTP/')) return null;
  const lines = text.slice(0, end).split('\r\n');
  const statusLine = lines[0];
  const m = /^HTTP\/\d(?:\.\d)? (\d{3})(?: (.*))?$/.exec(statusLine);
  const headers = lines.slice(1).map((l) => {
    const i = l.indexOf(':');
    return i < 0 ? [l, ''] : [l.slice(0, i).trim(), l.slice(i + 1).trim()];
  });
  return { statusLine, status: m ? Number(m[1]) : 0, reason: m?.[2] ?? '', headers, body: text.slice(end + 4) };
}

export function hexToBytes(hex) {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(2 * i, 2), 16);
  return out;
}

/** Every decrypted byte the server sent, in order (the engine's application_data events). */
export function receivedPlaintext(events) {
  const parts = events.filter((e) => e.type === 'application_data' && e.dir === 'in')
    .map((e) => hexToBytes(e.bytes ?? ''));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/**
 * { state, error, response } of a finished run. state: 'failed' once an error (the engine's, or
 * the relay's) is in the stream; else 'closed' after the engine's closed event; else 'open'
 * after the handshake completed; else 'handshaking'. A reset by the server (the relay's
 * TARGET_ERROR) once the engine has closed the connection is how the server ended it, not a
 * failure: the engine's closed event says whether that end was clean (connection.js).
 */
export function outcomeOf(events) {
  const has = (type) => events.some((e) => e.type === type);
  const serverEnded = (e) => e.code === 'TARGET_ERROR' && has('closed');
  const failed = events.find((e) => e.type === 'error') ??
    events.find((e) => e.type === 'relay_error' && !serverEnded(e));
  let state = 'handshaking';
  if (failed) state = 'failed';
  else if (has('closed')) state = 'closed';  // the relay's TCP close is a tcp_closed event
  else if (has('handshake_complete')) state = 'open';
  return {
    state,
    error: failed ? { code: failed.code, message: failed.message, detail: failed.detail } : null,
    response: parseHttpResponse(receivedPlaintext(events)),
  };
}
