import type { OptionRule } from './option-rule';
import { OPTION_RULES } from './option-table';

const ROWS: Record<string, OptionRule> = OPTION_RULES;

describe('OPTION_RULES', () => {
  it("accepts every default by its own row's check", () => {
    const checked: string[] = [];
    const refused = Object.entries(ROWS).flatMap(([name, { check, default: given }]) => {
      // A function derives its default from other options.
      if (given === undefined || typeof given === 'function') return [];
      // One per sign-in mode.
      const values =
        name === 'signInTransactionTtlSeconds'
          ? Object.values(OPTION_RULES.signInTransactionTtlSeconds.default)
          : [given];
      checked.push(name);
      return values.flatMap((value) =>
        [check?.(value, {}) ?? []].flat().map((message) => `${name}: ${message}`),
      );
    });
    expect(refused).toEqual([]);
    expect(checked).toEqual(
      expect.arrayContaining(['routes.login', 'signInTransactionTtlSeconds', 'scopes']),
    );
  });
});
