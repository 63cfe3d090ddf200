// Build step: turns a PEM bundle (Debian's /etc/ssl/certs/ca-certificates.crt) into the compact
// file the page loads, trust-anchors.der: the certificates' DER encodings back to back, each
// once (a DER SEQUENCE carries its own length, so no separators are needed). A quarter smaller
// than the PEM; the engine reads it as it is (tlsscope.js loadTrustAnchors).
//
//   node wasm/trust-anchors.mjs IN.pem OUT.der
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node trust-anchors.mjs IN.pem OUT.der');
  process.exit(2);
}
const pem = readFileSync(input, 'latin1');
const seen = new Set();
const parts = [];
for (const m of pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)) {
  const b64 = m[1].replace(/\s+/g, '');
  if (seen.has(b64)) continue;
  seen.add(b64);
  parts.push(Buffer.from(b64, 'base64'));
}
if (parts.length === 0) {
  console.error(`trust-anchors: no certificate in ${input}`);
  process.exit(1);
}
writeFileSync(output, Buffer.concat(parts));
console.log(`trust-anchors: ${parts.length} certificates, ${Buffer.concat(parts).length} bytes -> ${output}`);
