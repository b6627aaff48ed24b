import { readFileSync } from 'node:fs';

/**
 * Summarises a V8 .cpuprofile (or its last `lastMs`): self time by package (node_modules/<name>, node:internals, the
 * app's dist/src) and the functions with the most self and total time, in ms.
 */
export function summariseProfile(file, { top = 20, lastMs = Infinity } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  keepLast(profile, lastMs);
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const parent = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const bySelfPackage = new Map();
  const bySelfFunction = new Map();
  const byTotalFunction = new Map();
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    add(bySelfPackage, packageOf(node.callFrame), ms);
    add(bySelfFunction, functionName(node.callFrame), ms);
  }
  // Total time: each sample counts once for every distinct function on its stack.
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      seen.add(functionName(nodes.get(at).callFrame));
    }
    for (const name of seen) add(byTotalFunction, name, ms);
  });
  const sampled = [...self.values()].reduce((a, b) => a + b, 0);
  return {
    sampledMs: sampled,
    packages: sorted(bySelfPackage, top),
    selfFunctions: sorted(bySelfFunction, top),
    totalFunctions: sorted(byTotalFunction, top * 2),
  };
}

/** Drops the samples taken before the last `lastMs` of the profile (start-up, sign-in). */
function keepLast(profile, lastMs) {
  let at = profile.startTime;
  const from = profile.endTime - lastMs * 1000;
  const samples = [];
  const deltas = [];
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    if (at >= from) {
      samples.push(id);
      deltas.push(profile.timeDeltas[i]);
    }
  });
  profile.samples = samples;
  profile.timeDeltas = deltas;
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
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node: internals';
  if (url.includes('/dist/src/')) return 'app (dist/src)';
  return url;
}
