// A run saved as plain JSON, and played back. The transcript holds the event stream exactly as
// connect() emitted it (each event with its original `t`) and the NSS key log; replay() hands
// the events out again and rebuilds the result from them, so a saved run is browsed exactly
// like a live one. Needs no engine: works in Node and in the browser as it is.
import { outcomeOf } from './outcome.js';

export const TRANSCRIPT_FORMAT = 'tlsscope-transcript';
export const TRANSCRIPT_VERSION = 1;

/**
 * connect()'s result → { format, version, url, created, events, keylog, ms }.
 * meta: { url, created } (created: a Date or ISO string; default now); url defaults to the
 * run's url event.
 */
export function toTranscript(result, meta = {}) {
  const urlEvent = result.events.find((e) => e.type === 'url');
  const created = meta.created ?? new Date();
  return {
    format: TRANSCRIPT_FORMAT,
    version: TRANSCRIPT_VERSION,
    url: meta.url ?? urlEvent?.url ?? '',
    created: created instanceof Date ? created.toISOString() : String(created),
    // A deep copy: later changes to the live events never leak into a saved transcript.
    events: JSON.parse(JSON.stringify(result.events)),
    keylog: result.keylog ?? '',
    ms: result.ms ?? 0,
  };
}

/**
 * Gives a run's `result` its `transcript` (toTranscript's, with `url` and the time of this call),
 * built on first read — an export or a test — not for every run: a deep copy of every event,
 * 4–5 ms of the page's main thread per run for what most runs never save. Nothing changes a
 * run's events once it is over, so the copy is the same later. Returns `result`.
 */
export function withTranscript(result, url) {
  const created = new Date();
  let transcript = null;
  Object.defineProperty(result, 'transcript', {
    enumerable: true,
    get: () => (transcript ??= toTranscript(result, { url, created })),
  });
  return result;
}

/** Throws a TypeError saying what is wrong when `t` is not a transcript this code can read. */
export function checkTranscript(t) {
  if (!t || typeof t !== 'object') throw new TypeError('a transcript is a JSON object');
  if (t.format !== TRANSCRIPT_FORMAT) throw new TypeError(`not a tlsscope transcript (format ${JSON.stringify(t.format)})`);
  if (t.version !== TRANSCRIPT_VERSION) throw new TypeError(`transcript version ${t.version} is not supported (only ${TRANSCRIPT_VERSION})`);
  if (!Array.isArray(t.events) || t.events.some((e) => !e || typeof e.type !== 'string' || typeof e.step !== 'string'))
    throw new TypeError('a transcript\'s events must be objects with a type and a step');
}

/**
 * Plays a transcript back: every event goes to onEvent in order (with its original `t`), then
 * the promise resolves to connect()'s result shape { events, state, error, response, keylog,
 * ms, transcript }. A malformed transcript rejects with a TypeError.
 */
export async function replay(transcript, options = {}) {
  checkTranscript(transcript);
  const events = [];
  for (const original of transcript.events) {
    const e = JSON.parse(JSON.stringify(original));
    events.push(e);
    if (options.onEvent) {
      try { options.onEvent(e); } catch (err) { console.error('tlsscope onEvent:', err); }
    }
  }
  return {
    events,
    ...outcomeOf(events),
    keylog: transcript.keylog ?? '',
    ms: transcript.ms ?? (events.length ? events[events.length - 1].t ?? 0 : 0),
    transcript,
  };
}
