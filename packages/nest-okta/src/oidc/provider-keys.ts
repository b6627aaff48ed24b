import {
  createLocalJWKSet,
  errors,
  type FlattenedJWSInput,
  type JSONWebKeySet,
  type JWSHeaderParameters,
  type JWTVerifyGetKey,
} from 'jose';
import { fetchJson } from './fetch-json';
import { IdentityProviderResponseError } from './oidc.errors';

/** How long a `kid` that was not in a freshly fetched key set is taken to be unknown. */
const UNKNOWN_KID_RETRY_MS = 30_000;
/** Bounds the memory of unknown `kid`s, so a flood of made-up ones cannot grow it. */
const MAX_REMEMBERED_KIDS = 100;

type LocalKeys = ReturnType<typeof createLocalJWKSet>;

/**
 * The provider's signing keys, fetched once and kept. A token signed with a `kid` the set does
 * not hold refetches the set at once, so a rotation is picked up whenever it happens; the limit
 * is per `kid` (each unknown one triggers at most one fetch per 30 s), so tokens with made-up
 * `kid`s cannot turn into a fetch per request, and cannot delay a real rotation either.
 */
export class ProviderKeys {
  private current?: Promise<LocalKeys>;
  private refetching?: Promise<LocalKeys>;
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

  /** One refetch at a time, whichever tokens asked for it. */
  private refetch(): Promise<LocalKeys> {
    this.refetching ??= this.fetchKeys().finally(() => {
      this.refetching = undefined;
    });
    return this.refetching.then((keys) => {
      this.current = Promise.resolve(keys);
      return keys;
    });
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
