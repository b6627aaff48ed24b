import { readFileSync } from 'node:fs';

/*
 * Where a server's CPU goes per request, from a V8 .cpuprofile. Every sample is charged to one
 * stage of the request: that of the deepest frame on its stack that STAGES claims, so JSON.parse
 * under the session store counts as session load, and SHA-1 under express-session's `hash` as
 * the session hash. Frames no stage claims (Node's events, timers, crypto and validation helpers,
 * utility libraries such as reflect-metadata or debug) pass their samples up to the caller that
 * does; what reaches the top of the stack unclaimed is the event loop's own work.
 */

const pkg =
  (...names) =>
  ({ url }) =>
    names.some((name) => url.includes(`/node_modules/${name}/`));
const app =
  (...dirs) =>
  ({ url }) =>
    dirs.some((dir) => url.includes(`/dist/src/${dir}`));
const file =
  (...paths) =>
  ({ url }) =>
    paths.some((path) => url.endsWith(`/node_modules/${path}`));
const node =
  (...modules) =>
  ({ url }) =>
    modules.some((module) => url === `node:${module}`);
/**
 * The packaged module's build, wherever the server loads it from: an app's node_modules, or this
 * repository's packages/nest-okta (the demo app's workspace link resolves there).
 */
const nestOkta =
  (...dirs) =>
  ({ url }) =>
    /\/nest-okta\/dist\//.test(url) && dirs.some((dir) => url.includes(`/nest-okta/dist/${dir}`));
const named = (names, where) => (frame) => names.includes(frame.functionName) && where(frame);
const except = (names, where) => (frame) => !names.includes(frame.functionName) && where(frame);
const any =
  (...tests) =>
  (frame) =>
    tests.some((test) => test(frame));

/** Header accessors of node:_http_outgoing: charged to whoever sets the header. */
const HEADER_ACCESSORS = [
  'setHeader',
  'getHeader',
  'hasHeader',
  'removeHeader',
  'appendHeader',
  'getHeaders',
  'getHeaderNames',
  'validateHeaderName',
  'validateHeaderValue',
];

/** Stages, in the order they are shown. Within one frame the first match wins. */
export const STAGES = [
  ['GC', ({ functionName }) => functionName === '(garbage collector)'],
  ['session hash (express-session change check)', named(['hash'], pkg('express-session'))],
  [
    'session load and save (express-session, store, cookie)',
    // Store replies arrive on the Redis socket's own stack, not under express-session.
    any(pkg('express-session', 'connect-redis', 'redis', '@redis'), app('session/')),
  ],
  [
    'Passport (initialize, session, deserialize)',
    any(pkg('passport', 'passport-strategy'), app('auth/user/')),
  ],
  [
    "the module's middleware (nest-okta: request context, session work)",
    any(
      app('auth/session/'),
      nestOkta('routes/module.middleware', 'session/', 'request/', 'scopes/', 'user/'),
    ),
  ],
  [
    'guards',
    any(
      app('auth/access/'),
      nestOkta('access/'),
      named(['canActivate'], ({ url }) => url.endsWith('/bench/reference/nest-passport-app.mjs')),
      pkg('@nestjs/core/guards'),
      file('@nestjs/core/services/reflector.service.js'),
      file('@nestjs/core/helpers/execution-context-host.js'),
    ),
  ],
  [
    'headers (helmet, no-store)',
    any(
      pkg('helmet'),
      app('http/response-headers', 'http/recorded-headers', 'http/content-security-policy'),
    ),
  ],
  [
    'logging (pino-http)',
    any(
      pkg('pino-http', 'pino', 'nestjs-pino', 'pino-std-serializers', 'sonic-boom'),
      pkg('@pinojs/redact', 'fast-redact', 'safe-stable-stringify', 'quick-format-unescaped'),
      app('logging/'),
    ),
  ],
  [
    'Nest and Express routing, handler, serialisation',
    pkg('@nestjs', 'express', 'router', 'body-parser', 'rxjs', 'finalhandler'),
  ],
  [
    'socket write (Node)',
    any(
      node('net', 'internal/streams/writable'),
      except(HEADER_ACCESSORS, node('_http_outgoing')),
      except(['onStreamRead'], node('internal/stream_base_commons')),
      named(['writeHead', '_implicitHeader'], node('_http_server')),
    ),
  ],
  [
    'Node HTTP: read, parse, dispatch',
    any(
      node('_http_server', '_http_common', '_http_incoming', 'internal/streams/readable'),
      named(['onStreamRead'], node('internal/stream_base_commons')),
    ),
  ],
  ["the app's other code", app('')],
  ['V8 and native code outside JavaScript', ({ functionName }) => functionName === '(program)'],
];
export const UNCLAIMED = 'unclaimed: event loop, promise jobs, Node internals';

/**
 * Summarises a V8 .cpuprofile between `fromUs` and `toUs` (the monotonic clock V8 stamps samples
 * with): CPU time (idle left out) by stage, by package (node_modules/<name>, node: internals, the
 * app's dist/src), and the functions with the most self and total time, in ms.
 */
export function summariseProfile(file, { fromUs = -Infinity, toUs = Infinity, top = 20 } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const stageOfNode = new Map();
  const stageOf = (id) => {
    if (!stageOfNode.has(id)) {
      const claimed = STAGES.find(([, claims]) => claims(nodes.get(id).callFrame))?.[0];
      const up = parent.get(id);
      stageOfNode.set(id, claimed ?? (up === undefined ? UNCLAIMED : stageOf(up)));
    }
    return stageOfNode.get(id);
  };

  const byStage = new Map(STAGES.map(([stage]) => [stage, 0]));
  const byPackage = new Map();
  const bySelfFunction = new Map();
  const byTotalFunction = new Map();
  let sampledMs = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    const frame = nodes.get(id).callFrame;
    if (at < fromUs || at > toUs || frame.functionName === '(idle)') return;
    const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i]) / 1000;
    sampledMs += ms;
    add(byStage, stageOf(id), ms);
    add(byPackage, packageOf(frame), ms);
    add(bySelfFunction, functionName(frame), ms);
    // Total time: each sample counts once for every distinct function on its stack.
    const seen = new Set();
    for (let up = id; up !== undefined; up = parent.get(up))
      seen.add(functionName(nodes.get(up).callFrame));
    for (const name of seen) add(byTotalFunction, name, ms);
  });
  return {
    sampledMs,
    stages: [...byStage.entries()].filter(([, ms]) => ms > 0),
    packages: sorted(byPackage, top),
    selfFunctions: sorted(bySelfFunction, top),
    totalFunctions: sorted(byTotalFunction, top * 2),
  };
}

function add(map, key, ms) {
  map.set(key, (map.get(key) ?? 0) + ms);
}

function sorted(map, top) {
  return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
}

function functionName({ functionName: name, url, lineNumber }) {
  const file = url.replace(/^.*\/(node_modules|dist)\//, '$1/').replace(/^file:\/\//, '');
  return `${name || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
}

function packageOf({ url, functionName: name }) {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkgName = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkgName) return pkgName[1];
  if (url.startsWith('node:')) return 'node: internals';
  if (url.includes('/dist/src/')) return 'app (dist/src)';
  return url;
}
