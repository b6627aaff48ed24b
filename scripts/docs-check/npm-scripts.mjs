/**
 * Problems with the `npm run <script>` commands a Markdown text shows, in prose or in code
 * blocks alike: each must name a script of the package.json that applies to the file.
 * `npm run … -w <package>` (or `--workspace`) names a script of that workspace instead.
 * @param {string} text
 * @param {Record<string, string>} scripts the scripts of the file's own package.json
 * @param {(workspace: string) => Record<string, string> | undefined} workspaceScripts
 * @returns {{ line: number, message: string }[]}
 */
export function npmScriptProblems(text, scripts, workspaceScripts = () => undefined) {
  const problems = [];
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(/\bnpm run(?:-script)?\s+([A-Za-z0-9:_.-]+)([^`\n]*)/g)) {
      const name = match[1];
      const workspace = /(?:-w|--workspace)[\s=]+([\w@/.-]+)/.exec(match[2])?.[1];
      const known = workspace === undefined ? scripts : workspaceScripts(workspace);
      if (known && Object.hasOwn(known, name)) continue;
      problems.push({
        line: index + 1,
        message: `npm run ${name}: no such script in ${workspace ?? 'the package.json that applies here'}`,
      });
    }
  });
  return problems;
}
