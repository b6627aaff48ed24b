import { existsSync, globSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');

/** The screenshots the docs show: every `screenshots/<name>.png` a Markdown page points at. */
function screenshotsShown(): Map<string, string[]> {
  const shown = new Map<string, string[]>();
  for (const file of globSync(['*.md', 'docs/**/*.md', 'packages/*/README.md'], { cwd: ROOT })) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const match of text.matchAll(/screenshots\/([\w.-]+)\.png/g)) {
      shown.set(match[1], [...(shown.get(match[1]) ?? []), file]);
    }
  }
  return shown;
}

/** The names the browser suite writes into docs/screenshots (`screenshot(page, name, docsName)`). */
function screenshotsTaken(): Set<string> {
  const taken = new Set<string>();
  for (const file of globSync('test/browser/**/*.browser-spec.ts', { cwd: ROOT })) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const match of text.matchAll(/screenshot\(\s*page,\s*'[^']+',\s*'([\w.-]+)'\s*\)/g)) {
      taken.add(match[1]);
    }
  }
  return taken;
}

describe('docs/screenshots', () => {
  const shown = screenshotsShown();

  it('has every screenshot the docs show', () => {
    expect(shown.size).toBeGreaterThan(0);
    const missing = [...shown].filter(([name]) => !existsSync(join(SCREENSHOTS, `${name}.png`)));
    expect(missing).toEqual([]);
  });

  it('shows only screenshots the browser suite retakes (UPDATE_DOCS_SCREENSHOTS=1), so none goes stale', () => {
    const taken = screenshotsTaken();
    expect([...shown.keys()].filter((name) => !taken.has(name))).toEqual([]);
  });

  it('holds no screenshot the docs do not show', () => {
    const files = readdirSync(SCREENSHOTS).filter((file) => file.endsWith('.png'));
    expect(files.filter((file) => !shown.has(file.replace(/\.png$/, '')))).toEqual([]);
  });
});
