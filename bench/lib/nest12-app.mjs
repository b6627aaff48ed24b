import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnTracked } from './processes.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** The adopter's code the bench puts in the template's place (src/main.ts, src/app.module.ts). */
const APP_SOURCES = fileURLToPath(new URL('../nest12-app/src', import.meta.url));
/** The adoption proof's script, whose pinned NestJS 12 CLI and flags the bench scaffolds with. */
const ADOPTION_PROOF = join(root, 'scripts', 'adoption-proof.sh');
const APP_NAME = 'nest12-adopter';

/**
 * What the bench installs into the template app: the packed module, the session middleware and
 * the throttler its README lists, and Passport for the Nest reference run from the same folder.
 */
const INSTALL = ['express-session', '@nestjs/throttler', 'passport'];

/**
 * The `nest new` command of the adoption proof for the NestJS 12 CommonJS template, read from
 * scripts/adoption-proof.sh (its NEST12 and NEST12_NO_EXTRAS arrays), so a pin bumped there is
 * bumped here.
 */
export function nest12NewCommand(name = APP_NAME) {
  const script = readFileSync(ADOPTION_PROOF, 'utf8');
  const array = (variable) => {
    const match = new RegExp(`^${variable}=\\(([^)]*)\\)`, 'm').exec(script);
    if (!match) throw new Error(`${ADOPTION_PROOF} has no ${variable}=(...) line`);
    return match[1].trim().split(/\s+/);
  };
  const packages = array('NEST12').flatMap((pkg) => ['-p', pkg]);
  return [
    'npx',
    ['-y', ...packages, 'nest', 'new', name, '--skip-git', '--skip-install'],
    ['--package-manager', 'npm', '--type', 'cjs', ...array('NEST12_NO_EXTRAS')],
  ].flat();
}

/**
 * A fresh NestJS 12 app made by the pinned CLI in a temp folder outside the repository, with
 * the packed nest-okta (`npm pack` builds it) and the adopter's code of bench/nest12-app in place
 * of the template's controller and service, built by the template's `npm run build`. Also the
 * NestJS 12 the Nest reference loads (NEST_FROM). A one-time cost of a minute or two, most of
 * it `npm install`.
 *
 * `reuse`: a work folder from an earlier run (kept with BENCH_NEST12_DIR): the scaffold and its
 * install stay, the module is packed and installed again and the app rebuilt (seconds).
 * Returns { work, appDir, remove }.
 */
export async function prepareNest12App({ log, reuse }) {
  const work = reuse ?? mkdtempSync(join(tmpdir(), 'bench-nest12-'));
  const appDir = join(work, APP_NAME);
  const tarballs = join(work, 'tarballs');
  rmSync(tarballs, { recursive: true, force: true });
  mkdirSync(tarballs, { recursive: true });
  const run = (label, [command, ...args], cwd) =>
    runLogged(label, command, args, cwd, join(work, `${label.split(' ')[0]}.log`));

  log(`NestJS 12 template app in ${work}: npm pack, nest new, npm install, npm run build`);
  await run(
    'pack',
    ['npm', 'pack', '--pack-destination', tarballs],
    join(root, 'packages/nest-okta'),
  );
  const tarball = join(
    tarballs,
    readdirSync(tarballs).find((f) => f.endsWith('.tgz')),
  );
  if (!existsSync(appDir)) {
    const [command, ...args] = nest12NewCommand();
    log(`  ${command} ${args.join(' ')}`);
    await run('new', [command, ...args], work);
    log('  npm install (the one-time cost of a minute or two)');
    await run('install', ['npm', 'install', tarball, ...INSTALL], appDir);
  } else {
    log(`  reusing its scaffold and install; npm install ${tarball}`);
    await run('install', ['npm', 'install', tarball], appDir);
  }
  for (const file of ['app.controller.ts', 'app.service.ts', 'app.controller.spec.ts'])
    rmSync(join(appDir, 'src', file), { force: true });
  cpSync(APP_SOURCES, join(appDir, 'src'), { recursive: true });
  await run('build', ['npm', 'run', 'build'], appDir);
  return {
    work,
    appDir,
    remove: () => {
      if (!reuse) rmSync(work, { recursive: true, force: true });
    },
  };
}

/** Runs a command with its output in `logFile`; a failure shows the log's last lines. */
function runLogged(label, command, args, cwd, logFile) {
  const env = {
    ...process.env,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  return new Promise((resolve, reject) => {
    const output = [];
    const child = spawnTracked(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      const text = Buffer.concat(output).toString();
      writeFileSync(logFile, text);
      if (code === 0) resolve();
      else {
        const tail = text.trim().split('\n').slice(-25).join('\n');
        reject(new Error(`${label} failed (exit ${code}) in ${cwd}:\n${tail}`));
      }
    });
  });
}
