import {
  createLocalJWKSet,
  errors,
  type FlattenedJWSInput,
  type JSONWebKeySet,
  type JWSHeaderParameters,
  type JWTVerifyGetKey,
} from 'jose';
import { setTimeout as sleep } from 'node:timers/promises';
import { fetchJson } from './fetch-json';
import { IdentityProviderResponseError } from './oidc.errors';

/** How long a `kid` that was not in a freshly fetched key set is taken to be unknown. */
const UNKNOWN_KID_RETRY_MS = 30_000;
/** Bounds the memory of unknown `kid`s, so a flood of made-up ones cannot grow it. */
const MAX_REMEMBERED_KIDS = 100;
/**
 * Refetches start at most this often, whatever `kid`s the tokens carry: a new made-up `kid` per
 * token passes the per-`kid` limit every time, and must not become a fetch per token.
 */
const REFETCH_SPACING_MS = 1_000;

type LocalKeys = ReturnType<typeof createLocalJWKSet>;

/**
 * The provider's signing keys, fetched once and kept. A token signed with a `kid` the set does
 * not hold refetches the set, so a rotation is picked up whenever it happens. Two limits keep
 * tokens with made-up `kid`s from turning into fetches: each unknown `kid` triggers at most one
 * refetch per 30 s, and refetches start at most once a second whatever the `kid`s. A token that
 * asks within that second waits for the next refetch (one for every token asking meanwhile), so
 * a real rotation still gets in within a second, however many forgeries arrive with it.
 */
export class ProviderKeys {
  private current?: Promise<LocalKeys>;
  /** The next refetch while it waits for its turn: every token asking until then shares it. */
  private nextRefetch?: Promise<LocalKeys>;
  private lastRefetch = { startedAt: -Infinity, settled: Promise.resolve() };
  private readonly refetchedFor = new Map<string, number>();

  constructor(
    private readonly jwksUri: string,
    private readonly timeoutMs: number,
  ) {}

  readonly getKey: JWTVerifyGetKey = async (
    header: JWSHeaderParameters,
    token: FlattenedJWSInput,
  ) => {
    const keys = await this.keys();
    try {
      return await keys(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || !this.mayRefetchFor(header.kid)) {
        throw error;
      }
      return (await this.refetch())(header, token);
    }
  };

  private keys(): Promise<LocalKeys> {
    this.current ??= this.fetchKeys().catch((error: unknown) => {
      this.current = undefined;
      throw error;
    });
    return this.current;
  }

  /**
   * A refetch that starts after the token asked (one already under way may have left before the
   * rotation), at its turn. Each starts a second after the last one started, and once it ended.
   */
  private refetch(): Promise<LocalKeys> {
    this.nextRefetch ??= this.turn()
      .then(() => {
        this.nextRefetch = undefined;
        const fetched = this.fetchKeys();
        this.lastRefetch = { startedAt: Date.now(), settled: fetched.then(noop, noop) };
        return fetched;
      })
      .then((keys) => {
        this.current = Promise.resolve(keys);
        return keys;
      });
    return this.nextRefetch;
  }

  private async turn(): Promise<void> {
    const { startedAt, settled } = this.lastRefetch;
    const wait = startedAt + REFETCH_SPACING_MS - Date.now();
    if (wait > 0) await sleep(wait);
    await settled;
  }

  private mayRefetchFor(kid: string | undefined): boolean {
    const key = kid ?? '';
    const now = Date.now();
    const last = this.refetchedFor.get(key);
    if (last !== undefined && now - last < UNKNOWN_KID_RETRY_MS) return false;
    this.refetchedFor.delete(key);
    this.refetchedFor.set(key, now);
    if (this.refetchedFor.size > MAX_REMEMBERED_KIDS) {
      this.refetchedFor.delete(this.refetchedFor.keys().next().value!);
    }
    return true;
  }

  private async fetchKeys(): Promise<LocalKeys> {
    const { status, body } = await fetchJson(this.jwksUri, this.timeoutMs);
    if (status !== 200) {
      throw new IdentityProviderResponseError(`the JWKS endpoint answered HTTP ${status}`);
    }
    try {
      return createLocalJWKSet(body as unknown as JSONWebKeySet);
    } catch (error) {
      throw new IdentityProviderResponseError('the JWKS is not a valid key set', { cause: error });
    }
  }
}

function noop(): void {}
