import type { SignInMode } from '../config/okta-settings';

/** As in an Okta app integration, the embedded widget needs the Interaction Code grant enabled. */
export function grantTypesFor(mode: SignInMode): string[] {
  const grantTypes = ['authorization_code', 'refresh_token'];
  return mode === 'widget' ? [...grantTypes, 'interaction_code'] : grantTypes;
}
