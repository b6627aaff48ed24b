import type { SignInMode } from './okta-settings';

/** Okta's guides register these redirect URIs; any other path works as well. */
export const DEFAULT_CALLBACK_PATHS: Record<SignInMode, string> = {
  redirect: '/authorization-code/callback',
  widget: '/login/callback',
};
