import type hbs from 'hbs';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Claims are strings, numbers, booleans, arrays or objects; each is shown as readable text. */
export function formatClaim(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return value.join(', ');
  }
  return JSON.stringify(value);
}

/** Registers helpers and partials synchronously, so the first request already has them. */
export function registerViews(engine: typeof hbs, viewsDir: string): void {
  engine.registerHelper('claim', formatClaim);
  const partials = join(viewsDir, 'partials');
  for (const file of readdirSync(partials).filter((name) => name.endsWith('.hbs'))) {
    engine.registerPartial(basename(file, '.hbs'), readFileSync(join(partials, file), 'utf8'));
  }
}
