// A run's TLS bytes as a capture file Wireshark opens: pcapng (draft-ietf-opsawg-pcapng) with
// one Ethernet interface, a synthesised TCP connection between the addresses the relay reported
// (three-way handshake, every TLS record as one segment with correct seq/ack and checksums,
// FINs at the end). The records are the engine's `record` events, byte for byte as they
// crossed the wire, so the key log (result.keylog) decrypts the capture as it would a real one.
// The page never sees real packets: the TCP/IP headers are made up, the TLS bytes are not.

const LINKTYPE_ETHERNET = 1;
const BLOCK_SHB = 0x0a0d0d0a, BLOCK_IDB = 1, BLOCK_EPB = 6, BLOCK_DSB = 0x0a;
const SECRETS_TLS_KEYLOG = 0x544c534b;  // 'TLSK': an NSS key log inside the capture
const TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_PSH = 0x08, TCP_ACK = 0x10;
const CLIENT_MAC = [2, 0, 0, 0, 0, 1], SERVER_MAC = [2, 0, 0, 0, 0, 2];
// Documentation addresses (RFC 5737 / 3849) when the run never reached TCP.
const FALLBACK = { client: '192.0.2.1:49152', server: '192.0.2.2:443' };

function hexToBytes(hex) {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(2 * i, 2), 16);
  return out;
}

/** "1.2.3.4:443" or "[2001:db8::1]:443" → { ip: bytes (4 or 16), port }. */
export function parseEndpoint(text) {
  const m = /^\[([0-9a-fA-F:.]+)\]:(\d+)$/.exec(text) ?? /^(\d+\.\d+\.\d+\.\d+):(\d+)$/.exec(text);
  if (!m) throw new TypeError(`not an address:port: ${text}`);
  const port = Number(m[2]);
  if (m[1].includes(':')) return { ip: ipv6Bytes(m[1]), port };
  return { ip: Uint8Array.from(m[1].split('.').map(Number)), port };
}

function ipv6Bytes(text) {
  let groups = text;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);  // ::ffff:1.2.3.4
  if (v4) {
    const b = v4[1].split('.').map(Number);
    groups = text.slice(0, -v4[1].length) + ((b[0] << 8) | b[1]).toString(16) + ':' + ((b[2] << 8) | b[3]).toString(16);
  }
  const [head, tail] = groups.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const all = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  if (all.length !== 8) throw new TypeError(`not an IPv6 address: ${text}`);
  const out = new Uint8Array(16);
  all.forEach((g, i) => { const v = parseInt(g, 16); out[2 * i] = v >> 8; out[2 * i + 1] = v & 0xff; });
  return out;
}

// The Internet checksum (RFC 1071) over the given byte arrays, as if concatenated.
function checksum(...parts) {
  let sum = 0, odd = null;
  for (const p of parts) {
    for (const b of p) {
      if (odd === null) odd = b;
      else { sum += (odd << 8) | b; odd = null; }
    }
  }
  if (odd !== null) sum += odd << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

class Writer {
  constructor() { this.bytes = []; }
  u8(v) { this.bytes.push(v & 0xff); }
  u16be(v) { this.u8(v >> 8); this.u8(v); }
  u32be(v) { this.u16be(v >>> 16); this.u16be(v & 0xffff); }
  u16le(v) { this.u8(v); this.u8(v >> 8); }
  u32le(v) { this.u16le(v & 0xffff); this.u16le(v >>> 16); }
  raw(b) { for (const x of b) this.bytes.push(x); }
  pad4() { while (this.bytes.length % 4) this.u8(0); }
  done() { return Uint8Array.from(this.bytes); }
}

// One pcapng block: type, total length, body (padded to 4), total length again.
function block(type, body) {
  const b = new Writer();
  b.raw(body);
  b.pad4();
  const w = new Writer();
  w.u32le(type);
  w.u32le(b.bytes.length + 12);
  w.raw(b.bytes);
  w.u32le(b.bytes.length + 12);
  return w.done();
}

function tcpSegment(src, dst, seq, ack, flags, payload) {
  const tcp = new Writer();
  tcp.u16be(src.port); tcp.u16be(dst.port);
  tcp.u32be(seq >>> 0); tcp.u32be(ack >>> 0);
  tcp.u8(5 << 4); tcp.u8(flags);  // 20-byte header, no options
  tcp.u16be(65535);  // window
  tcp.u16be(0); tcp.u16be(0);  // checksum (below), urgent pointer
  tcp.raw(payload);
  const segment = tcp.done();
  const v6 = src.ip.length === 16;
  const len = segment.length;
  const pseudo = v6
    ? Uint8Array.from([...src.ip, ...dst.ip, len >>> 24, (len >> 16) & 0xff, (len >> 8) & 0xff, len & 0xff, 0, 0, 0, 6])
    : Uint8Array.from([...src.ip, ...dst.ip, 0, 6, len >> 8, len & 0xff]);
  const sum = checksum(pseudo, segment);
  segment[16] = sum >> 8;
  segment[17] = sum & 0xff;
  return segment;
}

function ipPacket(src, dst, segment, id) {
  const ip = new Writer();
  if (src.ip.length === 16) {
    ip.u32be(0x60000000);
    ip.u16be(segment.length); ip.u8(6); ip.u8(64);
    ip.raw(src.ip); ip.raw(dst.ip);
  } else {
    ip.u8(0x45); ip.u8(0); ip.u16be(20 + segment.length);
    ip.u16be(id & 0xffff); ip.u16be(0x4000);  // don't fragment
    ip.u8(64); ip.u8(6); ip.u16be(0);
    ip.raw(src.ip); ip.raw(dst.ip);
    const header = ip.done();
    const sum = checksum(header);
    ip.bytes[10] = sum >> 8;
    ip.bytes[11] = sum & 0xff;
  }
  ip.raw(segment);
  return ip.done();
}

/**
 * events (connect()'s or a transcript's) → the bytes of a .pcapng file.
 * options: start (Date of the run's first event; default now), keylog (NSS key-log text: when
 * given, it is embedded as a Decryption Secrets Block so Wireshark decrypts with no setting).
 */
export function toPcapng(events, options = {}) {
  const tcp = events.find((e) => e.type === 'tcp');
  const client = parseEndpoint(tcp?.local ?? FALLBACK.client);
  const server = parseEndpoint(tcp?.remote ?? FALLBACK.server);
  if (client.ip.length !== server.ip.length) throw new TypeError('client and server use different IP versions');
  const startUs = BigInt(Math.round((options.start ?? new Date()).getTime() * 1000));
  const ethertype = client.ip.length === 16 ? 0x86dd : 0x0800;

  const out = [];
  const shb = new Writer();
  shb.u32le(0x1a2b3c4d); shb.u16le(1); shb.u16le(0);
  shb.u32le(0xffffffff); shb.u32le(0xffffffff);  // section length: unknown
  out.push(block(BLOCK_SHB, shb.bytes));
  const idb = new Writer();
  idb.u16le(LINKTYPE_ETHERNET); idb.u16le(0); idb.u32le(0);  // snaplen 0: no limit
  out.push(block(BLOCK_IDB, idb.bytes));
  if (options.keylog) {
    const text = new TextEncoder().encode(options.keylog);
    const dsb = new Writer();
    dsb.u32le(SECRETS_TLS_KEYLOG); dsb.u32le(text.length); dsb.raw(text);
    out.push(block(BLOCK_DSB, dsb.bytes));
  }

  // Next sequence number each side sends; fixed initial ones keep the output reproducible.
  const next = { client: 1000, server: 500000 };
  let ipId = 1;
  const packet = (from, flags, payload, tMs) => {
    const [src, dst, srcMac, dstMac] = from === 'client'
      ? [client, server, CLIENT_MAC, SERVER_MAC] : [server, client, SERVER_MAC, CLIENT_MAC];
    const to = from === 'client' ? 'server' : 'client';
    const ackFlag = flags & TCP_SYN && from === 'client' ? 0 : TCP_ACK;
    const segment = tcpSegment(src, dst, next[from], ackFlag ? next[to] : 0, flags | ackFlag, payload);
    next[from] += payload.length + (flags & (TCP_SYN | TCP_FIN) ? 1 : 0);
    const frame = new Writer();
    frame.raw(dstMac); frame.raw(srcMac); frame.u16be(ethertype);
    frame.raw(ipPacket(src, dst, segment, ipId++));
    const ts = startUs + BigInt(Math.round((tMs ?? 0) * 1000));
    const epb = new Writer();
    epb.u32le(0);
    epb.u32le(Number(ts >> 32n)); epb.u32le(Number(ts & 0xffffffffn));
    epb.u32le(frame.bytes.length); epb.u32le(frame.bytes.length);
    epb.raw(frame.bytes);
    out.push(block(BLOCK_EPB, epb.bytes));
  };

  const t0 = tcp?.t ?? 0;
  packet('client', TCP_SYN, [], t0);
  packet('server', TCP_SYN, [], t0);
  packet('client', 0, [], t0);
  let last = t0;
  for (const e of events) {
    if (e.type !== 'record' || !e.bytes) continue;
    last = e.t ?? last;
    const [from, to] = e.dir === 'out' ? ['client', 'server'] : ['server', 'client'];
    packet(from, TCP_PSH, hexToBytes(e.bytes), last);
    packet(to, 0, [], last);  // acknowledged at once, so no window ever fills
  }
  // The side the relay saw close first sends the first FIN (a run cut short: the client).
  const closed = events.find((e) => e.type === 'tcp_closed');
  const first = closed?.by === 'server' ? 'server' : 'client';
  const second = first === 'server' ? 'client' : 'server';
  last = closed?.t ?? last;
  packet(first, TCP_FIN, [], last);
  packet(second, TCP_FIN, [], last);
  packet(first, 0, [], last);

  const total = out.reduce((n, b) => n + b.length, 0);
  const file = new Uint8Array(total);
  let at = 0;
  for (const b of out) { file.set(b, at); at += b.length; }
  return file;
}
