#!/usr/bin/env node
// @ts-check
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const USAGE = `Usage: nest-okta-key [--alg RS256|ES256] [--kid <id>] [--out <file>] [--add]

Generates a key pair for Okta's "Public key / Private key" client authentication
(private_key_jwt). The private key goes into a JWKS file only the app reads; the public
JWK printed is what to add in the Okta app integration.

  --alg  RS256 (RSA 2048, the default) or ES256 (EC P-256)
  --kid  the key's id (default key-YYYY-MM-DD)
  --out  the JWKS file (default okta-private-key.jwks.json); never overwritten
  --add  add the new key to an existing --out file: the first step of a key rotation`;

/** @param {string} message */
function fail(message) {
  process.stderr.write(`nest-okta-key: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      alg: { type: 'string', default: 'RS256' },
      kid: { type: 'string', default: `key-${new Date().toISOString().slice(0, 10)}` },
      out: { type: 'string', default: 'okta-private-key.jwks.json' },
      add: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const { alg, kid, out, add } = values;
if (alg !== 'RS256' && alg !== 'ES256') fail(`--alg must be RS256 or ES256; got "${alg}"`);

/** @type {{ keys: Record<string, unknown>[] }} */
let jwks = { keys: [] };
if (add) {
  if (!existsSync(out)) fail(`--add: "${out}" does not exist`);
  jwks = JSON.parse(readFileSync(out, 'utf8'));
  if (jwks.keys.some((key) => key.kid === kid)) fail(`"${out}" already holds a key "${kid}"`);
} else if (existsSync(out)) {
  fail(`"${out}" exists; choose another --out, or --add to put a new key beside its keys`);
}

const { privateKey } =
  alg === 'RS256'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', { namedCurve: 'P-256' });
const privateJwk = { ...privateKey.export({ format: 'jwk' }), kid, alg, use: 'sig' };
const publicJwk = {
  ...createPublicKey(privateKey).export({ format: 'jwk' }),
  kid,
  alg,
  use: 'sig',
};
jwks.keys.push(privateJwk);
// Readable by the app's user only: the file is the credential.
writeFileSync(out, `${JSON.stringify(jwks, null, 2)}\n`, { mode: 0o600 });

process.stdout.write(`Wrote the private key "${kid}" (${alg}) to ${out}.

1. In the Okta Admin Console, open the app integration > General > Client Credentials >
   Edit: set "Client authentication" to "Public key / Private key", choose "Save keys in
   Okta", Add key, and paste this public JWK:

${JSON.stringify(publicJwk, null, 2)}

2. Put these in .env (or the app's secret manager):

OKTA_CLIENT_AUTH=private_key_jwt
OKTA_PRIVATE_KEY_FILE=${out}
OKTA_PRIVATE_KEY_ID=${kid}
${add ? `\nThe file now holds ${jwks.keys.length} keys. Once every instance signs with "${kid}", remove\nthe old key from Okta, then from ${out}.\n` : ''}`);
