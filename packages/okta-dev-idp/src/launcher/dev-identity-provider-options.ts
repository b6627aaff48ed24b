/** A client the provider knows, as an Okta app integration would describe it. */
export interface ClientRegistration {
  client_id: string;
  /** None with `private_key_jwt`. */
  client_secret?: string;
  redirect_uris: string[];
  post_logout_redirect_uris?: string[];
  /**
   * Defaults to `client_secret_basic`; `client_secret_post` for clients that send it in the body;
   * `private_key_jwt` (Okta's "Public key / Private key") for clients that sign assertions with a
   * key whose public half is in `jwks`.
   */
  token_endpoint_auth_method?: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
  /** The public keys (JWKS) a `private_key_jwt` client's assertions are checked with. */
  jwks?: { keys: Record<string, unknown>[] };
  /** Okta's "Require Pushed Authorization Request": the authorize endpoint takes only a `request_uri`. */
  require_pushed_authorization_requests?: boolean;
  /**
   * Defaults to what an Okta web app allows: `authorization_code` and `refresh_token`. Add
   * `interaction_code` for the embedded Sign-In Widget.
   */
  grant_types?: string[];
}

export interface DevIdentityProviderOptions {
  /** 0 picks a free port. */
  port: number;
  /** A loopback address, unless `allowRemote`: the provider refuses any other. */
  host: string;
  /** Lets `host` be a non-loopback address, for a machine nobody else can reach. */
  allowRemote?: boolean;
  /** One org among several (one per tenant): its users come from the package's `users/users.{org}.json`. */
  org?: string;
  /** A users file of one's own, in the format of the package's `users/users.json`; replaces the org's. */
  usersFile?: string;
  /** `{origin}/oauth2/{id}`; defaults to `http://{host}:{port}/oauth2/default` once the port is known. */
  issuer?: string;
  clients: ClientRegistration[];
  /** Defaults to 3600. */
  accessTokenTtlSeconds?: number;
  /** Origins allowed to call the provider from a browser (Okta's Trusted Origins); none by default. */
  trustedOrigins?: string[];
  /** Refresh tokens rotate on every use; the previous one works this long (0–60, default 30). */
  refreshTokenGracePeriodSeconds?: number;
  /** Where the provider sends Universal Logout requests: the app's Global Token Revocation URL. */
  universalLogout?: { endpoint: string };
}

export interface RunningIdentityProvider {
  issuer: string;
  port: number;
  /** Stops the provider's process; resolves once it has exited. */
  stop(): Promise<void>;
}
