// A TCP forwarder on loopback that counts the bytes the relay writes towards the real server,
// so a test can see exactly what left the relay and when; it can also hang up on the relay, as a
// server that gives up on a silent client does.
import { createServer, connect } from 'node:net';

export async function startByteCounter(targetPort) {
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
    upstream.on('data', (d) => client.write(d));
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    for (const s of [client, upstream]) {
      s.on('error', () => { client.destroy(); upstream.destroy(); });
      s.on('close', () => links.delete(link));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  counter.port = server.address().port;
  return counter;
}
