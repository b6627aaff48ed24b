import { join } from 'node:path';

/**
 * A file shipped with this package. This module sits one folder below the package root both as
 * source (src/, under ts-jest) and compiled (dist/), so the provider and the users files are
 * found wherever the package is installed, not relative to the app that uses it.
 */
export function packageFile(...segments: string[]): string {
  return join(__dirname, '..', ...segments);
}
