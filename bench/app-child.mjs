/*
 * The app as `dist/src/main.js` runs it (configuration from the environment, `createApp`,
 * listen), in a process of its own so its CPU and memory are measured apart from the load
 * generator, plus a few IPC commands for the bench: read memory (after a GC when run with
 * --expose-gc) and copy one real session many times in the app's own session store.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { memoryAfterGc } from './lib/child-memory.mjs';

const require = createRequire(import.meta.url);
const { createApp } = require('../dist/src/app.setup.js');
const { readAppConfig: readConfig } = require('../dist/src/read-app-config.js');
const {
  resolveIdentityProvider,
} = require('../dist/src/dev-identity-provider/resolve-identity-provider.js');
const { SessionStorage } = require('../dist/src/session/session-storage.js');

process.once('disconnect', () => process.exit(0));

try {
  const { config } = await resolveIdentityProvider(readConfig(process.env));
  const app = await createApp({ config });
  await app.listen(config.port, config.host);
  // Closed here rather than by Nest's shutdown hooks, so the process exits normally and
  // --cpu-prof (when the bench profiles the app) gets to write its profile.
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
  const store = app.get(SessionStorage).store;
  process.on('message', (message) => void answer(message, store));
  process.send({ type: 'ready', pid: process.pid });
} catch (error) {
  process.send({ type: 'error', message: String(error?.stack ?? error) });
  process.exitCode = 1;
}

async function answer(message, store) {
  try {
    if (message.type === 'memory') {
      process.send({ type: 'memory', ...memoryAfterGc() });
    } else if (message.type === 'clone-session') {
      await cloneSession(store, message.sid, message.count);
      process.send({ type: 'cloned' });
    }
  } catch (error) {
    process.send({ type: 'error', message: String(error?.stack ?? error) });
  }
}

/** Stores `count` copies of session `sid` under fresh ids, 100 writes in flight at most. */
async function cloneSession(store, sid, count) {
  const session = await promisify((done) => store.get(sid, done));
  if (!session) throw new Error(`no session ${sid} in the store`);
  for (let start = 0; start < count; start += 100) {
    const batch = Math.min(100, count - start);
    await Promise.all(
      Array.from({ length: batch }, () => {
        const copy = structuredClone(session);
        return promisify((done) => store.set(randomBytes(24).toString('base64url'), copy, done));
      }),
    );
  }
}

function promisify(call) {
  return new Promise((resolve, reject) =>
    call((error, value) => (error ? reject(error) : resolve(value))),
  );
}
