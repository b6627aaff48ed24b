/** Every problem found in the environment, reported together so one restart fixes them all. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      ['Configuration error: the app cannot start.', ...problems.map((p) => `  - ${p}`)].join('\n'),
    );
    this.name = 'ConfigError';
  }
}
