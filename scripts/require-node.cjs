// Before `npm start` and `npm test`: on a Node the engines do not admit, one line saying which
// Node to install instead of a stack trace from deep inside a dependency. Not an install hook,
// so `npm ci` still works on any Node.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const semver = require('semver');

const root = join(__dirname, '..');
const wanted = require(join(root, 'package.json')).engines.node;
if (!semver.satisfies(process.version, wanted)) {
  const line = readFileSync(join(root, '.nvmrc'), 'utf8').trim();
  console.error(
    `This app needs Node ${wanted}, and this is Node ${process.version}: install Node ${line} (as .nvmrc says; e.g. \`nvm install\`) and run the command again.`,
  );
  process.exit(1);
}
