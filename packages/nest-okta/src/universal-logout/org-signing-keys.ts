import type { JWTVerifyGetKey } from 'jose';
import { fetchJson } from '../oidc/fetch-json';
import { ProviderKeys } from '../oidc/provider-keys';
import { OrgKeysUnavailableError } from './revocation-errors';

/**
 * The Okta org authorization server's signing keys, found from its discovery document
 * (`{org}/.well-known/openid-configuration`, `jwks_uri` = `{org}/oauth2/v1/keys` at Okta).
 * Discovered once; a failed discovery is not cached, so the next request tries again. The keys
 * are kept and refetched on an unknown `kid` as the sign-in's are (`ProviderKeys`).
 */
export class OrgSigningKeys {
  private keys?: Promise<JWTVerifyGetKey>;

  constructor(
    private readonly orgIssuer: string,
    private readonly timeoutMs: number,
  ) {}

  get(): Promise<JWTVerifyGetKey> {
    this.keys ??= this.discover().catch((error: unknown) => {
      this.keys = undefined;
      throw error;
    });
    return this.keys;
  }

  private async discover(): Promise<JWTVerifyGetKey> {
    const url = `${this.orgIssuer}/.well-known/openid-configuration`;
    let document: Record<string, unknown>;
    try {
      const { status, body } = await fetchJson(url, this.timeoutMs);
      if (status !== 200) throw new Error(`answered HTTP ${status}`);
      document = body;
    } catch (error) {
      throw new OrgKeysUnavailableError(`org discovery failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    // Discovery names its own issuer: another one means orgIssuer points at the wrong server.
    if (document.issuer !== this.orgIssuer) {
      throw new OrgKeysUnavailableError(
        `org discovery names issuer ${JSON.stringify(document.issuer)}, expected "${this.orgIssuer}"`,
      );
    }
    if (typeof document.jwks_uri !== 'string' || !URL.canParse(document.jwks_uri)) {
      throw new OrgKeysUnavailableError('org discovery lacks a valid jwks_uri');
    }
    return new ProviderKeys(document.jwks_uri, this.timeoutMs).getKey;
  }
}
