import type { AuthModuleOptions, AuthTenantsOptions } from './auth-module-options';
import type { OptionRule } from './option-rule';
import { OPTION_RULES } from './option-table';

/** An option by its dotted name: every row of the table, and the tenants' (checked apart). */
export type AuthOptionName =
  | keyof typeof OPTION_RULES
  | 'tenants'
  | `tenants.${keyof AuthTenantsOptions}`
  | `tenants.byId.${string}`;

/** One thing wrong with an option: the app names it its own way (an env variable, say). */
export interface AuthOptionProblem {
  option: AuthOptionName;
  message: string;
  /** A valid value, shown after the message. */
  example: string;
}

/**
 * Every problem in `options`, by the table's rules, each with its option's example. With
 * `partial`, absent options are not reported, so an app can check what it has before it knows
 * the rest.
 */
export function findAuthOptionProblems(
  options: Partial<AuthModuleOptions>,
  { partial = false }: { partial?: boolean } = {},
): AuthOptionProblem[] {
  const problems: AuthOptionProblem[] = [];
  const rules = Object.entries(OPTION_RULES) as [keyof typeof OPTION_RULES, OptionRule][];
  for (const [option, { example, required, check }] of rules) {
    const value = valueAt(options, option);
    const needed = typeof required === 'function' ? required(options) : required;
    if (value === undefined || (needed && value === '')) {
      // A reason comes from options that were given, so it is reported even in a partial check.
      if (needed && (!partial || typeof needed === 'string')) {
        const why = typeof needed === 'string' ? `: ${needed}` : '';
        problems.push({ option, message: `is required${why}`, example });
      }
      continue;
    }
    for (const message of [check?.(value, options) ?? []].flat()) {
      problems.push({ option, message, example });
    }
  }
  return problems;
}

/** The option named `routes.login`, say; absent when a group above it is absent or `false`. */
function valueAt(options: object, name: string): unknown {
  let value: unknown = options;
  for (const key of name.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
