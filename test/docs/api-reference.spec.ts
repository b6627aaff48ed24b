import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportedNames, propertiesOf } from './package-exports';

const PACKAGES = join(__dirname, '..', '..', 'packages');
const EXPORTS_HEADING = '## What it exports';

/** The README's section that documents a package's exports, from its heading to the next one. */
function exportsSection(packageFolder: string): string {
  const text = readFileSync(join(PACKAGES, packageFolder, 'README.md'), 'utf8');
  const start = text.indexOf(`\n${EXPORTS_HEADING}\n`);
  if (start === -1) throw new Error(`${packageFolder}/README.md has no "${EXPORTS_HEADING}"`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end === -1 ? undefined : end);
}

/** The names a section documents: each code span's leading identifier (`signIn(req)` → signIn). */
function documentedNames(section: string): Set<string> {
  const names = new Set<string>();
  for (const span of section.matchAll(/`([A-Za-z_$][\w$]*)/g)) names.add(span[1]);
  return names;
}

describe.each([
  { folder: 'nest-okta', entries: ['nest-okta', 'nest-okta/redis'] },
  { folder: 'okta-dev-idp', entries: ['okta-dev-idp'] },
])('$folder/README.md, "What it exports"', ({ folder, entries }) => {
  const documented = documentedNames(exportsSection(folder));

  it.each(entries)('documents every export of %s', (entry) => {
    const names = exportedNames(entry);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !documented.has(name))).toEqual([]);
  });

  it.each(entries)('documents every value %s exports at run time', (entry) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const values = Object.keys(require(entry) as object);
    expect(values.filter((name) => !documented.has(name))).toEqual([]);
  });
});

describe('nest-okta/README.md, "Options"', () => {
  const text = readFileSync(join(PACKAGES, 'nest-okta', 'README.md'), 'utf8');
  const start = text.indexOf('\n## Options\n');
  const named = documentedNames(text.slice(start, text.indexOf('\n### ', start)));

  it.each(['AuthModuleOptions', 'MultiTenantAuthModuleOptions'])(
    'names every option of %s, with its default',
    (typeName) => {
      expect(start).toBeGreaterThan(-1);
      const options = propertiesOf('nest-okta', typeName);
      expect(options.length).toBeGreaterThan(10);
      expect(options.filter((name) => !named.has(name))).toEqual([]);
    },
  );
});
