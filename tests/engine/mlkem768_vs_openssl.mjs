// Differential test: the engine's ML-KEM-768 (PQClean, through mlkem768_tool) against OpenSSL
// 3.5's (Node.js 26's crypto), on fresh random inputs each run:
//   - the same seed (d || z) gives the same encapsulation key in both;
//   - OpenSSL encapsulates to that key, the engine decapsulates: the same shared secret;
//   - the engine encapsulates, OpenSSL decapsulates: the same shared secret;
//   - a ciphertext with one flipped bit decapsulates to the same *rejection* secret in both
//     (FIPS 203's implicit rejection is deterministic, so the two must agree there too);
//   - an encapsulation key with a coefficient ≥ q is refused by both (FIPS 203 §7.2).
//   node26 mlkem768_vs_openssl.mjs path/to/mlkem768_tool
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';

const [tool] = process.argv.slice(2);
const ROUNDS = 25;
const hex = (b) => Buffer.from(b).toString('hex');
const ask = (lines) => execFileSync(tool, { input: lines.join('\n') + '\n' }).toString().trim().split('\n');

// PKCS#8 holding an ML-KEM-768 private key in its seed form (RFC 9935 / draft-ietf-lamps-kyber-
// certificates): OID 2.16.840.1.101.3.4.4.2, PrivateKey ::= seed [0] IMPLICIT OCTET STRING (64).
const PKCS8_PREFIX = Buffer.from('3054020100300b060960864801650304040204428040', 'hex');
const privateFromSeed = (seed) =>
  crypto.createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
const rawPublic = (key) => crypto.createPublicKey(key).export({ format: 'raw-public' });

assert.match(process.versions.openssl, /^3\.[5-9]/, 'needs OpenSSL 3.5 or later');
const seeds = Array.from({ length: ROUNDS }, () => crypto.randomBytes(64));
const keys = seeds.map(privateFromSeed);

const eks = ask(seeds.map((s) => `keygen ${hex(s)}`));
eks.forEach((ek, i) => assert.equal(ek, hex(rawPublic(keys[i])), `encapsulation key, round ${i}`));

const toEngine = keys.map((k) => crypto.encapsulate(crypto.createPublicKey(k)));
const flipped = toEngine.map(({ ciphertext }, i) => {
  const c = Buffer.from(ciphertext);
  c[i * 41 % c.length] ^= 1 << (i % 8);
  return c;
});
const decapsulated = ask([
  ...toEngine.map(({ ciphertext }, i) => `decaps ${hex(seeds[i])} ${hex(ciphertext)}`),
  ...flipped.map((c, i) => `decaps ${hex(seeds[i])} ${hex(c)}`),
]);
toEngine.forEach(({ sharedKey }, i) => assert.equal(decapsulated[i], hex(sharedKey), `OpenSSL → engine, round ${i}`));
flipped.forEach((c, i) => {
  const rejection = hex(crypto.decapsulate(keys[i], c));
  assert.notEqual(rejection, hex(toEngine[i].sharedKey));
  assert.equal(decapsulated[ROUNDS + i], rejection, `implicit rejection, round ${i}`);
});

const messages = seeds.map(() => crypto.randomBytes(32));
const fromEngine = ask(eks.map((ek, i) => `encaps ${ek} ${hex(messages[i])}`));
fromEngine.forEach((line, i) => {
  const [ciphertext, shared] = line.split(' ');
  assert.equal(ciphertext.length, 2 * 1088, `ciphertext length, round ${i}`);
  assert.equal(hex(crypto.decapsulate(keys[i], Buffer.from(ciphertext, 'hex'))), shared, `engine → OpenSSL, round ${i}`);
});

// A coefficient of 3329 (0xd01) in the first position of an otherwise valid key.
const bad = Buffer.from(eks[0], 'hex');
bad[0] = 0x01;
bad[1] = (bad[1] & 0xf0) | 0x0d;
assert.deepEqual(ask([`encaps ${hex(bad)} ${hex(messages[0])}`]), ['refused']);
assert.throws(() => crypto.createPublicKey({ key: bad, format: 'raw-public', asymmetricKeyType: 'ml-kem-768' }));

console.log(`ML-KEM-768: ${ROUNDS} rounds agree with OpenSSL ${process.versions.openssl} (keygen, both directions, implicit rejection, modulus check)`);
