import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const script = join(root, 'scripts', 'require-node.cjs');

/** Runs the check as `npm start` does, on this Node or on one that claims another version. */
function requireNode(claimedVersion?: string) {
  const pretend = claimedVersion
    ? [
        '--eval',
        `Object.defineProperty(process, 'version', { value: '${claimedVersion}' }); require(${JSON.stringify(script)})`,
      ]
    : [script];
  return spawnSync(process.execPath, pretend, { encoding: 'utf8' });
}

describe('the Node check before npm start and npm test', () => {
  it('lets this Node (one the engines admit) through without a word', () => {
    const run = requireNode();
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });

  it.each(['v20.20.2', 'v22.23.5', 'v24.14.0', 'v25.9.0'])(
    'stops on Node %s with one line naming the Node to install',
    (version) => {
      const run = requireNode(version);
      const line = readFileSync(join(root, '.nvmrc'), 'utf8').trim();
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([
        `This app needs Node ^24.15 || >=26, and this is Node ${version}: install Node ${line} (as .nvmrc says; e.g. \`nvm install\`) and run the command again.`,
      ]);
    },
  );
});
