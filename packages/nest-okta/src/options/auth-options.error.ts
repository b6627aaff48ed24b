import type { AuthOptionProblem } from './auth-option-problems';

/** AuthModule's options are wrong: every problem at once, so one restart fixes them all. */
export class AuthOptionsError extends Error {
  override name = 'AuthOptionsError';

  constructor(readonly problems: AuthOptionProblem[]) {
    super(
      [
        'AuthModule cannot start: its options are wrong.',
        ...problems.map(
          (p) =>
            `  - ${p.option}: ${p.message}. Example: ${p.option}: ${JSON.stringify(p.example)}`,
        ),
      ].join('\n'),
    );
  }
}
