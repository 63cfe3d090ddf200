// The words of web/records.js in English; their Chinese, under the same keys, is web/zh/records.js.
// Fetched only for a page in English (i18n.js loadLang).
export default {
  title: 'The record layer: how this run\u2019s bytes were packed',
  intro: 'Everything TLS sends travels in records: a 5-byte header (content type, version, length) and a payload (at most 16 KiB of plaintext). The content type says which sub-protocol the payload belongs to. TLS itself never acknowledges or resends anything: the TCP connection below it delivers the bytes reliably and in order, and TLS only cuts that stream into records.',
  type: 'Content type', out: 'client → server', in: 'server → client',
  inner: ['In TLS 1.3 every protected record says application_data (23) on the outside, so an observer cannot tell a handshake message from data. The real type is the last byte inside the encrypted payload; in this run, inside the ', ' protected records: '],
  seen: 'What this run did',
  shared: ['One record carried several messages: record ', ' (', ') carried '],
  spanned: ['One message took several records: ', ' came in ', ' records.'],
  framed: ['Several records in one piece of the TCP stream: records ', ' (', ') arrived together in one frame from the relay (', ' bytes: what the relay read from the TCP connection at once).'],
  framedOut: ['Several records written at once: records ', ' (', ') left in one frame to the relay (', ' bytes), which wrote them to the TCP connection together.'],
  none: 'In this run every message had a record of its own and every record a frame of its own.',
  times: '×',
  sep: ', ',
  dot: '.',
};
