import type { Request, RequestHandler, Response } from 'express';

/** What a header middleware does to every response. */
export interface HeaderChanges {
  readonly set: ReadonlyArray<readonly [name: string, value: string]>;
  readonly removed: readonly string[];
}

/**
 * Runs a middleware whose headers are the same for every request (helmet's, configured with
 * constant values) once, against a response that only records what it sets and removes, so each
 * request gets the result in one loop instead of through a chain of a dozen small middlewares.
 * The middleware stays the one place those values are configured. The request it is given
 * throws on any read, and the middleware must call `next()` at once without an error: one that
 * depends on the request (a CSP directive given as a function, say) fails at start-up instead
 * of answering every request with the first one's headers.
 */
export function headersSetBy(middleware: RequestHandler): HeaderChanges {
  const set = new Map<string, string>();
  const removed = new Set<string>();
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      if (typeof value !== 'string') throw new Error(`Header ${name} is not a single string`);
      removed.delete(name);
      set.set(name, value);
      return response;
    },
    removeHeader(name: string) {
      set.delete(name);
      removed.add(name);
    },
  };
  const request = new Proxy(
    {},
    {
      get(_target, property) {
        throw new Error(`A constant header middleware read the request's ${String(property)}`);
      },
    },
  );
  let problem: string | undefined = 'it did not call next() at once';
  middleware(request as Request, response as unknown as Response, (error?: unknown) => {
    problem = error === undefined ? undefined : `it failed: ${(error as Error).message}`;
  });
  if (problem) throw new Error(`A constant header middleware cannot be recorded: ${problem}`);
  return { set: [...set], removed: [...removed] };
}

/** Applies recorded header changes to a response. */
export function applyHeaders(res: Response, { set, removed }: HeaderChanges): void {
  for (const name of removed) res.removeHeader(name);
  for (const [name, value] of set) res.setHeader(name, value);
}
