import { globSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { markdownTableColumn } from './markdown-table';

const PACKAGE = join(__dirname, '..', '..', 'packages', 'okta-dev-idp');
/** Set by the package's launcher for the process it forks: no person sets it. */
const INTERNAL = new Set(['DEV_IDP_OPTIONS']);

/**
 * The DEV_IDP_* variables the provider's command line reads: `env.NAME` and the variable a flag
 * falls back to (`setting('flag', 'NAME')`), in every file of the provider.
 */
function variablesRead(): Set<string> {
  const names = new Set<string>();
  for (const file of globSync('provider/**/*.mjs', { cwd: PACKAGE })) {
    const text = readFileSync(join(PACKAGE, file), 'utf8');
    const reads = [
      ...text.matchAll(/\benv\.(DEV_IDP_[A-Z0-9_]+)/g),
      ...text.matchAll(/\bsetting\('[^']+', '(DEV_IDP_[A-Z0-9_]+)'\)/g),
    ];
    for (const match of reads) if (!INTERNAL.has(match[1])) names.add(match[1]);
  }
  return names;
}

describe("okta-dev-idp's README", () => {
  const documented = markdownTableColumn(
    readFileSync(join(PACKAGE, 'README.md'), 'utf8'),
    'variable',
  );
  const read = variablesRead();

  it('names every DEV_IDP_* variable the provider reads', () => {
    expect([...read].filter((name) => !documented.includes(name)).sort()).toEqual([]);
  });

  it('names no variable the provider does not read', () => {
    expect(documented.filter((name) => !read.has(name))).toEqual([]);
  });

  it('finds the variables (the scan works)', () => {
    expect(read).toContain('DEV_IDP_PORT');
  });
});
