import { Inject } from '@nestjs/common';
import type { RefreshLock } from '../tokens/refresh-lock';
import type { WidgetCspSources } from '../widget/widget-csp-sources';
import type { SignInMode } from './auth-module-options';

/** AuthModule's options after validation, with every default filled in and routes derived. */
export interface AuthSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
  signInMode: SignInMode;
  scopes: string[];
  globalGuard: boolean;
  routes: {
    login: string;
    logout: string;
    /** The redirect URI's path: where the provider (or the widget) sends the browser back. */
    callback: string;
  };
  groupsClaim: string;
  maxSignInAgeMs: number;
  signInTransactionTtlMs: number;
  signInRateLimit: { limit: number; windowMs: number } | false;
  providerTimeoutMs: number;
  refreshLock?: RefreshLock;
  errorView?: string;
  widget: {
    view?: string;
    assetsPath: string;
    signInHint?: string;
    /** Sources the widget's page allows beyond its own, per directive, defaults filled in. */
    contentSecurityPolicy: WidgetCspSources;
    /** Unset: the widget follows the browser's language. */
    language?: string;
  };
  verifySessionMiddleware: boolean;
}

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');

export const InjectAuthSettings = (): ParameterDecorator => Inject(AUTH_SETTINGS);
