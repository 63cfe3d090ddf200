// A TCP forwarder on loopback that counts the bytes the relay writes towards the real server,
// so a test can see exactly what left the relay and when; it can also hang up on the relay, as a
// server that gives up on a silent client does, or hold each of the server's chunks for
// `delayDownMs` before passing it on (in order), as a slow server or network would.
import { createServer, connect } from 'node:net';

export async function startByteCounter(targetPort, { delayDownMs = 0 } = {}) {
  const links = new Set();
  const counter = {
    port: 0,
    /** Bytes the relay sent to the server, over every connection so far. */
    bytesUp: 0,
    /** Closes every connection both ways (a FIN towards the relay). */
    hangUp() { for (const { client, server } of links) { server.destroy(); client.end(); } },
    close() {
      counter.hangUp();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((client) => {
    const upstream = connect({ host: '127.0.0.1', port: targetPort });
    const link = { client, server: upstream };
    links.add(link);
    client.on('data', (d) => { counter.bytesUp += d.length; upstream.write(d); });
    let down = Promise.resolve();  // the chunks towards the relay, each after the one before
    const later = (fn) => { down = down.then(() => new Promise((r) => setTimeout(r, delayDownMs))).then(fn); };
    upstream.on('data', (d) => (delayDownMs ? later(() => client.write(d)) : client.write(d)));
    client.on('end', () => upstream.end());
    upstream.on('end', () => (delayDownMs ? later(() => client.end()) : client.end()));
    for (const s of [client, upstream]) {
      s.on('error', () => { client.destroy(); upstream.destroy(); });
      s.on('close', () => links.delete(link));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  counter.port = server.address().port;
  return counter;
}
