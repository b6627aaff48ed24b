import { createClient } from 'redis';
import { freePort, HOST, spawnTracked, stopChild } from './processes.mjs';

/** Debian's redis-server on a free loopback port, without persistence, for this run only. */
export async function startRedis() {
  const port = await freePort();
  const child = spawnTracked('redis-server', [
    '--port',
    String(port),
    '--bind',
    HOST,
    '--save',
    '',
    '--appendonly',
    'no',
    '--daemonize',
    'no',
  ]);
  await new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error('redis-server did not start in 10 s')), 10_000);
    child.once('error', (error) => reject(new Error(`redis-server: ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  child.stdout.resume();
  const url = `redis://${HOST}:${port}`;
  const client = createClient({ url });
  await client.connect();
  return {
    url,
    /** Redis's own count of bytes allocated for data (INFO memory used_memory). */
    usedMemory: async () => Number(/used_memory:(\d+)/.exec(await client.info('memory'))[1]),
    keyCount: () => client.dbSize(),
    /** Every key, by SCAN (the bench's Redis holds a few tens of thousands at most). */
    keys: async () => {
      const keys = new Set();
      for await (const batch of client.scanIterator({ COUNT: 1000 }))
        for (const key of batch) keys.add(key);
      return keys;
    },
    /** Redis's own estimate of one key's bytes: key, value and their overhead (MEMORY USAGE). */
    memoryUsage: (key) => client.memoryUsage(key),
    /** The stored value's length in bytes, for a string (connect-redis stores JSON strings). */
    valueBytes: async (key) => ((await client.type(key)) === 'string' ? client.strLen(key) : NaN),
    stop: async () => {
      await client.close();
      await stopChild(child);
    },
  };
}
