import { dirname, join } from 'node:path';
import ts from 'typescript';

/**
 * Every name a package entry exports, values and types alike, as a consumer's TypeScript sees
 * them: read from the built entry's declaration file through the compiler's own checker.
 * @param specifier a package name or subpath (`nest-okta/redis`), resolved as an app would
 */
export function exportedNames(specifier: string): string[] {
  const program = programFor(specifier);
  const checker = program.getTypeChecker();
  const entry = program.getSourceFile(declarationFile(specifier));
  const symbol = entry && checker.getSymbolAtLocation(entry);
  if (!symbol) throw new Error(`No declarations for ${specifier}; run npm run build:packages`);
  return checker.getExportsOfModule(symbol).map((exported) => exported.name);
}

/**
 * The properties an exported interface has, its inherited ones included.
 * @param specifier the package entry that exports it
 */
export function propertiesOf(specifier: string, typeName: string): string[] {
  const program = programFor(specifier);
  const checker = program.getTypeChecker();
  const entry = program.getSourceFile(declarationFile(specifier));
  const symbol = entry && checker.getSymbolAtLocation(entry);
  const exported = symbol && checker.getExportsOfModule(symbol).find((s) => s.name === typeName);
  if (!exported) throw new Error(`${specifier} exports no ${typeName}`);
  const type = checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(exported));
  return checker.getPropertiesOfType(type).map((property) => property.name);
}

function declarationFile(specifier: string): string {
  const main = require.resolve(specifier);
  return join(dirname(main), 'index.d.ts');
}

const programs = new Map<string, ts.Program>();

function programFor(specifier: string): ts.Program {
  const file = declarationFile(specifier);
  let program = programs.get(file);
  if (!program) {
    program = ts.createProgram([file], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      skipLibCheck: true,
      noEmit: true,
    });
    programs.set(file, program);
  }
  return program;
}
