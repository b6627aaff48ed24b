import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileMentionProblems } from './file-mentions.mjs';
import { linkProblems } from './links.mjs';
import { npmScriptProblems } from './npm-scripts.mjs';
import { slug } from './slugs.mjs';
import { tableProblems } from './tables.mjs';

const TABLE = ['| variable | default |', '| -------- | ------- |', '| `PORT` | `8080` |'];

describe('tableProblems', () => {
  it('passes a whole table, a pipe inside code and a table after a blank line with its own header', () => {
    const text = [...TABLE, '| `A` | `x \\| y` or `a|b` |', '', ...TABLE].join('\n');
    expect(tableProblems(text)).toEqual([]);
  });

  it('fails a row with more or fewer cells than the header', () => {
    const text = [...TABLE, '| `HOST` | `127.0.0.1` | extra |', '| `NODE_ENV` |'].join('\n');
    expect(tableProblems(text).map((problem) => problem.line)).toEqual([4, 5]);
  });

  it('fails rows cut off from their table by a blank line', () => {
    const text = [...TABLE, '', '| `HOST` | `127.0.0.1` |', '| `REDIS_URL` | unset |'].join('\n');
    expect(tableProblems(text)).toEqual([
      { line: 5, message: expect.stringContaining('outside any table') },
      { line: 6, message: expect.stringContaining('outside any table') },
    ]);
  });

  it('fails a delimiter row that does not match its header', () => {
    expect(tableProblems('| a | b |\n| --- |\n| 1 | 2 |')).toEqual([
      { line: 2, message: expect.stringContaining('delimiter row') },
    ]);
  });

  it('ignores pipes in fenced code', () => {
    expect(tableProblems('```\n| not | a table\n```')).toEqual([]);
  });
});

describe('slug', () => {
  it.each([
    ['Quick start', 'quick-start'],
    [
      'The embedded widget (`OKTA_SIGN_IN_MODE=widget`)',
      'the-embedded-widget-okta_sign_in_modewidget',
    ],
    ['Step-up: admin and checkout', 'step-up-admin-and-checkout'],
    ['Several tenants: which Okta model', 'several-tenants-which-okta-model'],
    ['A [linked](x.md) heading', 'a-linked-heading'],
  ])('gives "%s" the anchor GitHub gives it', (heading, anchor) => {
    expect(slug(heading)).toBe(anchor);
  });
});

describe('linkProblems', () => {
  const dir = mkdtempSync(join(tmpdir(), 'docs-check-'));
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'docs', 'guide.md'), '# Guide\n\n## Set it up\n\n## Set it up\n');
  const readme = join(dir, 'README.md');

  it('passes links to files, headings (repeats numbered) and external pages', () => {
    const text = [
      '# Top',
      '[guide](docs/guide.md), [setup](docs/guide.md#set-it-up), [again](docs/guide.md#set-it-up-1)',
      '[here](#top), [Okta](https://developer.okta.com), ![shot](docs)',
      '[ref]: docs/guide.md#guide',
    ].join('\n');
    expect(linkProblems(readme, text)).toEqual([]);
  });

  it('fails a missing file, a missing anchor in another file and in this one', () => {
    const text = [
      '[gone](docs/gone.md)',
      '[bad](docs/guide.md#nowhere)',
      '[self](#nothing-here)',
    ].join('\n');
    expect(linkProblems(readme, text).map((problem) => problem.line)).toEqual([1, 2, 3]);
  });

  it('ignores links shown as code', () => {
    expect(linkProblems(readme, 'Write `[x](missing.md)` and\n```\n[y](missing.md)\n```')).toEqual(
      [],
    );
  });
});

describe('npmScriptProblems', () => {
  it('passes scripts that exist, including a workspace’s', () => {
    const text = 'Run `npm run check`, then `npm run build -w nest-okta`.';
    expect(npmScriptProblems(text, { check: 'x' }, () => ({ build: 'tsc' }))).toEqual([]);
  });

  it('fails a script that does not exist, in prose or in a code block', () => {
    const text = 'Run `npm run lint:docs`.\n```sh\nnpm run tset\n```';
    expect(npmScriptProblems(text, { check: 'x' }).map((problem) => problem.line)).toEqual([1, 3]);
  });
});

describe('fileMentionProblems', () => {
  const exists = (path) => path === 'test/redirect-sign-in.e2e-spec.ts';

  it('passes a repository file named as code that exists, and ignores other code', () => {
    const text =
      'Shown by `test/redirect-sign-in.e2e-spec.ts`; run `npm test` or `users.{org}.json`.';
    expect(fileMentionProblems(text, exists)).toEqual([]);
  });

  it('fails a repository file named as code that does not exist', () => {
    expect(fileMentionProblems('Shown by `test/gone.e2e-spec.ts`.', exists)).toEqual([
      { line: 1, message: 'test/gone.e2e-spec.ts does not exist' },
    ]);
  });
});
