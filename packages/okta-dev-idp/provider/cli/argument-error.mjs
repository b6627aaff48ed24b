// @ts-check

/** A mistake on the command line itself: the usage follows the message, and the exit code is 2. */
export class ArgumentError extends Error {}
