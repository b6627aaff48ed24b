import type {
  ClientAuthSettings,
  OktaClientSettings,
  OktaSettings,
  RelyingPartySettings,
} from './okta-settings';
import type { TenantsConfig, TenantSettings } from './tenants-config';

export type NodeEnvironment = 'development' | 'production' | 'test';

/** The directives whose sources the embedded widget's page may widen (AuthModule's names). */
export type WidgetCspDirective =
  'scriptSrc' | 'styleSrc' | 'frameSrc' | 'connectSrc' | 'imgSrc' | 'workerSrc';

/** The embedded Sign-In Widget's settings; AuthModule checks them and fills in its defaults. */
export interface WidgetSettings {
  /** Only the directives a variable sets: the others keep AuthModule's defaults. */
  contentSecurityPolicy: Partial<Record<WidgetCspDirective, string[]>>;
  /** Unset: the widget follows the browser's language. */
  language?: string;
}

/** Where sessions live: Redis to share them between instances, memory for one process. */
export type SessionStoreSettings =
  { kind: 'redis'; redis: RedisConnectionSettings } | { kind: 'memory' };

export interface RedisNode {
  host: string;
  port: number;
}

/** How to reach Redis: one endpoint (a URL), a Cluster, or a primary that Sentinel names. */
export type RedisTopology =
  | { mode: 'single'; url: string }
  | { mode: 'cluster'; nodes: RedisNode[] }
  | { mode: 'sentinel'; sentinels: RedisNode[]; name: string };

export type RedisConnectionSettings = RedisTopology & {
  /** REDIS_USERNAME/REDIS_PASSWORD: they win over a URL's own credentials. */
  username?: string;
  password?: string;
  /** REDIS_SENTINEL_PASSWORD: for the sentinels themselves. */
  sentinelPassword?: string;
  /** REDIS_TLS: TLS for the Cluster nodes or the sentinels and the nodes they name. */
  tls: boolean;
  /** REDIS_COMMAND_TIMEOUT_MS: how long any one command may take before it counts as failed. */
  commandTimeoutMs: number;
};

export interface SessionSettings {
  secret: string;
  cookieName: string;
  secureCookie: boolean;
  /** A session unused for this long ends (the cookie and the store entry roll forward). */
  idleTimeoutMs: number;
  /** A sign-in ends this long after it happened, however active the user is. */
  absoluteTimeoutMs: number;
  store: SessionStoreSettings;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Express's `trust proxy` setting: false, a hop count, or addresses and subnets. */
export type TrustProxySetting = boolean | number | string[];

export interface HttpSettings {
  trustProxy: TrustProxySetting;
  /** Requests per minute per client address to `/login` and the sign-in callbacks. */
  signInRateLimitPerMinute: number;
}

/**
 * Settings read from the environment before anything starts. `oktaClient` is absent when no
 * `OKTA_ISSUER` is configured: the built-in development identity provider then stands in for Okta.
 */
export interface EnvironmentSettings {
  nodeEnv: NodeEnvironment;
  port: number;
  host: string;
  baseUrl: string;
  session: SessionSettings;
  http: HttpSettings;
  logLevel: LogLevel;
  oktaClient?: OktaClientSettings;
  /** With the development provider too: it registers the app with the key's public half. */
  clientAuth: ClientAuthSettings;
  relyingParty: RelyingPartySettings;
  widget: WidgetSettings;
  /** TENANTS_FILE: several tenants, each signing in at its own Okta org or authorization server. */
  tenants?: TenantsConfig;
  devIdentityProvider: {
    port: number;
    clientId: string;
    clientSecret: string;
    accessTokenTtlSeconds: number;
    /** DEV_IDP_ALLOW_REMOTE: the provider may follow a non-loopback HOST instead of 127.0.0.1. */
    allowRemote: boolean;
  };
  /** Set when the app looks deployed but NODE_ENV is not production: printed at start-up. */
  relaxedPostureWarning?: string;
}

/** The configuration the application runs with, once the identity provider is known. */
export interface AppConfig extends Omit<
  EnvironmentSettings,
  'oktaClient' | 'clientAuth' | 'relyingParty' | 'tenants'
> {
  okta: OktaSettings;
  usesDevIdentityProvider: boolean;
  /** The tenants file with every tenant's Okta settings known, development orgs included. */
  tenants?: ResolvedTenants;
}

/** One tenant once its identity provider is known: what AuthModule needs to sign its users in. */
export interface ResolvedTenant extends OktaSettings {
  id: string;
  /** How its pages name the tenant (the tenants file's `displayName`, or else its id). */
  displayName: string;
  /** The tenant's own address: `http://acme.localhost:8080`, or `http://localhost:8080/t/acme`. */
  baseUrl: string;
  groupsClaim?: string;
  usesDevIdentityProvider: boolean;
}

export interface ResolvedTenants extends Omit<TenantsConfig, 'tenants'> {
  tenants: ReadonlyMap<string, ResolvedTenant>;
}

export type { TenantsConfig, TenantSettings };
