// The peer of `engine_bench mlkem`: µs of CPU per ML-KEM-768 key pair from a seed + one
// decapsulation, in OpenSSL 3.5 through Node.js 26's crypto (build/_deps/node26). Node's call
// overhead (a KeyObject per key pair, the argument checks) is included: it is what a caller of
// OpenSSL from JavaScript pays, and is small next to the lattice arithmetic.
//   node26 bench/engine/mlkem_openssl.mjs COUNT
import crypto from 'node:crypto';

const count = Number(process.argv[2]);
// PKCS#8 of an ML-KEM-768 private key in its 64-byte seed form (d || z).
const pkcs8 = Buffer.concat([Buffer.from('3054020100300b060960864801650304040204428040', 'hex'), Buffer.alloc(64, 0x5e)]);
const key = () => crypto.createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
const { ciphertext, sharedKey } = crypto.encapsulate(crypto.createPublicKey(key()));
const round = () => crypto.decapsulate(key(), ciphertext).equals(sharedKey);
for (let i = 0; i < 30; i++) round();  // warm-up
const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; };
const t0 = cpu();
let ok = 0;
for (let i = 0; i < count; i++) ok += round() ? 1 : 0;
const t1 = cpu();
if (ok !== count) { console.error(`${count - ok} of ${count} decapsulations failed`); process.exit(1); }
console.log(((t1 - t0) / count).toFixed(2));
