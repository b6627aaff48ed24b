import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './package-root';

/** Loads `.env` if there is one; variables already in the environment win, as with dotenv. */
export function loadEnvFile(): void {
  const path = join(packageRoot(), '.env');
  if (existsSync(path)) process.loadEnvFile(path);
}
