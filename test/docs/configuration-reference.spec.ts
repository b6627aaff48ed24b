import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAppConfig } from '../../src/read-app-config';
import { markdownTableColumn } from './markdown-table';

const ROOT = join(__dirname, '..', '..');

/**
 * The names the config reader asks the environment for, recorded as it runs: unset (the
 * development defaults) and as a production app with a real org and a private key, so that the
 * variables read only on one branch are asked for too.
 */
function variablesRead(): Set<string> {
  const asked = new Set<string>();
  const environments: Record<string, string>[] = [
    {},
    {
      NODE_ENV: 'production',
      OKTA_ISSUER: 'https://dev-123456.okta.com/oauth2/default',
      OKTA_CLIENT_AUTH: 'private_key_jwt',
    },
  ];
  for (const values of environments) {
    const env = new Proxy(values, {
      get(target, name) {
        if (typeof name === 'string') asked.add(name);
        return target[name as string];
      },
    });
    try {
      readAppConfig(env);
    } catch {
      // The production run lacks its required values; what it asked for is all that matters.
    }
  }
  return asked;
}

/** Every `read('NAME')` in the config reader's files (`src/config/read-*.ts`): a variable read on a branch neither run takes. */
function variablesNamedInReads(): Set<string> {
  const dir = join(ROOT, 'src', 'config');
  const names = new Set<string>();
  const readers = readdirSync(dir).filter((file) => /^read-.*(?<!\.spec)\.ts$/.test(file));
  for (const file of readers) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const match of text.matchAll(/\bread\('([A-Z][A-Z0-9_]*)'\)/g)) names.add(match[1]);
  }
  return names;
}

describe('docs/configuration.md', () => {
  const documented = markdownTableColumn(
    readFileSync(join(ROOT, 'docs', 'configuration.md'), 'utf8'),
    'variable',
  );
  const read = new Set([...variablesRead(), ...variablesNamedInReads()]);

  it('names every variable the config reader reads', () => {
    expect([...read].filter((name) => !documented.includes(name)).sort()).toEqual([]);
  });

  it('names no variable the config reader does not read', () => {
    expect(documented.filter((name) => !read.has(name))).toEqual([]);
  });

  it('names each variable once', () => {
    expect(documented.filter((name, index) => documented.indexOf(name) !== index)).toEqual([]);
  });

  it('reads more than a handful (the recording works)', () => {
    expect(read.size).toBeGreaterThan(30);
  });
});
