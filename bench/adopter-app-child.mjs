/*
 * An adopter's app (bench/nest12-app, built in a folder of its own by bench/lib/nest12-app.mjs)
 * run as its template's `npm run start:prod` runs it (`node dist/main`, from its folder), plus
 * what the bench needs around it and nothing inside it: 'ready' once the app answers on PORT, a
 * normal exit on SIGTERM (so --cpu-prof gets to write its profile) or when the bench goes away,
 * and memory figures on request. Started with the app's folder as the working directory.
 */
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { memoryAfterGc } from './lib/child-memory.mjs';

process.once('disconnect', () => process.exit(0));
process.once('SIGTERM', () => process.exit(0));
process.on('message', (message) => {
  if (message?.type === 'memory') process.send({ type: 'memory', ...memoryAfterGc() });
});

// BENCH_APP_MAIN: another entry of the same app (for a one-off variant); dist/main.js otherwise.
createRequire(join(process.cwd(), 'package.json'))(process.env.BENCH_APP_MAIN ?? './dist/main.js');
const port = Number(process.env.PORT);
while (!(await answers(port, process.env.HOST))) await sleep(50);
process.send({ type: 'ready', pid: process.pid });

function answers(port, host) {
  return new Promise((resolve) => {
    const socket = connect(port, host, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
