import { existsSync, globSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileMentionProblems } from './file-mentions.mjs';
import { linkProblems } from './links.mjs';
import { npmScriptProblems } from './npm-scripts.mjs';
import { tableProblems } from './tables.mjs';

/** The Markdown a reader sees: the front pages, the guides, each package's pages. */
export const DOCS_GLOBS = [
  '*.md',
  'docs/**/*.md',
  'packages/*/README.md',
  'packages/*/CHANGELOG.md',
];

/**
 * Every problem in the given Markdown files, each as `file:line: message`.
 * @param {string[]} files paths relative to the working directory (the repository's root)
 */
export function docsProblems(files) {
  const problems = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const found = [
      ...tableProblems(text),
      ...linkProblems(file, text),
      ...fileMentionProblems(text),
      ...npmScriptProblems(text, scriptsOf(packageJsonFor(file)), workspaceScripts),
    ];
    for (const { line, message } of found.sort((a, b) => a.line - b.line)) {
      problems.push(`${file}:${line}: ${message}`);
    }
  }
  return problems;
}

/** The files {@link DOCS_GLOBS} match under the working directory. */
export function docsFiles() {
  return DOCS_GLOBS.flatMap((pattern) =>
    globSync(pattern, { exclude: (path) => path.includes('node_modules') }),
  ).sort();
}

/** @param {string} file the package.json nearest above a Markdown file */
function packageJsonFor(file) {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) return candidate;
    if (dir === dirname(dir) || dir === '.') return 'package.json';
  }
}

/** @param {string} packageJson */
function scriptsOf(packageJson) {
  return JSON.parse(readFileSync(packageJson, 'utf8')).scripts ?? {};
}

/** @param {string} workspace a workspace's package name or folder */
function workspaceScripts(workspace) {
  for (const packageJson of globSync('packages/*/package.json')) {
    const { name, scripts } = JSON.parse(readFileSync(packageJson, 'utf8'));
    if (name === workspace || dirname(packageJson) === workspace) return scripts ?? {};
  }
  return undefined;
}
